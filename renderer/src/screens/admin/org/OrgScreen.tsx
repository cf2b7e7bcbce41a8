import { Button, Grid, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { EmptyState } from '../../../ui/EmptyState';
import { AdminError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { ActiveBadge } from './ActiveBadge';
import { DepartmentDialog, type Department } from './DepartmentDialog';
import { RoomDialog, type Room } from './RoomDialog';

function Departments() {
  const { t } = useTranslation();
  const q = useApiQuery('org.departments', {});
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const setActive = useApiMutation('org.setDepartmentActive');
  return (
    <Panel title={t('admin.org.departments')} testId="departments"
      actions={<Button size="xs" onClick={() => setEditing('new')} data-testid="new-department">{t('admin.org.newDepartment')}</Button>}>
      <AdminError error={setActive.error} />
      <QueryState query={q}>{(d) => d.items.length === 0 ? <EmptyState title={t('admin.common.empty')} /> : (
        <Table striped highlightOnHover data-testid="departments-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('admin.common.code')}</Table.Th><Table.Th>{t('admin.common.name')}</Table.Th><Table.Th>{t('admin.org.counts')}</Table.Th>
            <Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.items.map((x) => (
              <Table.Tr key={x.id} data-testid="department-row">
                <Table.Td className="tabular">{x.code}</Table.Td>
                <Table.Td>{x.name}<Text size="xs" c="dimmed">{x.nameEn}</Text></Table.Td>
                <Table.Td><Text size="sm">{t('admin.org.countsValue', { staff: x.activeStaff, rooms: x.activeRooms })}</Text></Table.Td>
                <Table.Td><ActiveBadge active={x.active} /></Table.Td>
                <Table.Td><Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)}>{t('admin.common.edit')}</Button>
                  <Button size="compact-xs" variant="subtle" color={x.active ? 'red' : 'teal'} loading={setActive.isPending && setActive.variables.id === x.id}
                    onClick={() => setActive.mutate({ id: x.id, active: !x.active })}>{t(x.active ? 'admin.common.deactivate' : 'admin.common.activate')}</Button>
                </Group></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}</QueryState>
      {editing && <DepartmentDialog department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Panel>
  );
}

function Rooms() {
  const { t } = useTranslation();
  const q = useApiQuery('org.rooms', {});
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const setActive = useApiMutation('org.setRoomActive');
  return (
    <Panel title={t('admin.org.rooms')} testId="rooms"
      actions={<Button size="xs" onClick={() => setEditing('new')} data-testid="new-room">{t('admin.org.newRoom')}</Button>}>
      <AdminError error={setActive.error} />
      <QueryState query={q}>{(d) => d.items.length === 0 ? <EmptyState title={t('admin.common.empty')} /> : (
        <Table striped highlightOnHover data-testid="rooms-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('admin.org.roomName')}</Table.Th><Table.Th>{t('admin.common.department')}</Table.Th>
            <Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.items.map((x) => (
              <Table.Tr key={x.id} data-testid="room-row">
                <Table.Td>{x.name}</Table.Td>
                <Table.Td>{x.departmentName}</Table.Td>
                <Table.Td><ActiveBadge active={x.active} /></Table.Td>
                <Table.Td><Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)}>{t('admin.common.edit')}</Button>
                  <Button size="compact-xs" variant="subtle" color={x.active ? 'red' : 'teal'} loading={setActive.isPending && setActive.variables.id === x.id}
                    onClick={() => setActive.mutate({ id: x.id, active: !x.active })}>{t(x.active ? 'admin.common.deactivate' : 'admin.common.activate')}</Button>
                </Group></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}</QueryState>
      {editing && <RoomDialog room={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Panel>
  );
}

/** Departments and their rooms. */
export function OrgScreen() {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, xl: 7 }}><Departments /></Grid.Col>
      <Grid.Col span={{ base: 12, xl: 5 }}><Rooms /></Grid.Col>
    </Grid>
  );
}
