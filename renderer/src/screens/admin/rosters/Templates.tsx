import { Badge, Button, Group, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { modals } from '../../../ui/Confirm';
import { EmptyState } from '../../../ui/EmptyState';
import { AdminError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { TemplateDialog } from './TemplateDialog';
import { useWeekdayLabel } from './weekdays';

type Template = Output<'rosters.templates'>['items'][number];

/** Doctors' weekly templates: who sits where on which weekday, with how many seats. */
export function Templates() {
  const { t } = useTranslation();
  const [showInactive, setShowInactive] = useState(false);
  const q = useApiQuery('rosters.templates', { includeInactive: showInactive });
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const deactivate = useApiMutation('rosters.deactivateTemplate');
  const weekday = useWeekdayLabel();
  return (
    <Panel title={t('admin.rosters.templates')} testId="templates" actions={<>
      <Button size="xs" variant="default" onClick={() => setShowInactive((v) => !v)}>{t(showInactive ? 'admin.rosters.hideInactive' : 'admin.rosters.showInactive')}</Button>
      <Button size="xs" onClick={() => setEditing('new')} data-testid="new-template">{t('admin.rosters.newTemplate')}</Button>
    </>}>
      <AdminError error={deactivate.error} />
      <QueryState query={q}>{(d) => d.items.length === 0 ? <EmptyState title={t('admin.common.empty')} /> : (
        <Table striped highlightOnHover data-testid="templates-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('admin.common.doctor')}</Table.Th><Table.Th>{t('admin.common.department')}</Table.Th><Table.Th>{t('admin.rosters.weekday')}</Table.Th>
            <Table.Th>{t('admin.common.period')}</Table.Th><Table.Th>{t('admin.common.room')}</Table.Th><Table.Th>{t('admin.common.capacity')}</Table.Th>
            <Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.items.map((x) => (
              <Table.Tr key={x.id} data-testid="template-row">
                <Table.Td>{x.doctorName}</Table.Td>
                <Table.Td>{x.departmentName ?? t('admin.common.none')}</Table.Td>
                <Table.Td>{weekday(x.weekday)}</Table.Td>
                <Table.Td>{t(`enums.period.${x.period}`)}</Table.Td>
                <Table.Td>{x.roomName ?? t('admin.common.none')}</Table.Td>
                <Table.Td className="tabular">{x.capacity}</Table.Td>
                <Table.Td>{x.active ? <Badge variant="light" color="teal">{t('admin.common.active')}</Badge> : <Badge variant="light" color="gray">{t('admin.common.inactive')}</Badge>}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)}>{t('admin.common.edit')}</Button>
                    {x.active && <Button size="compact-xs" variant="subtle" color="red"
                      onClick={() => modals.confirm(t('admin.rosters.deactivateConfirm', { doctor: x.doctorName, weekday: weekday(x.weekday), period: t(`enums.period.${x.period}`) }),
                        () => deactivate.mutate({ id: x.id }))}>{t('admin.common.deactivate')}</Button>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}</QueryState>
      {editing && <TemplateDialog template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Panel>
  );
}
