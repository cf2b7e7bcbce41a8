import { Alert, Badge, Button, Group, Menu, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall, useApiMutation, useApiQuery } from '../../../api/query';
import { currentLanguage } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { ExportButtons, ImportForm } from '../ui/FileButtons';
import { AdminError, QueryState } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';
import { Panel } from '../ui/Panel';
import { EquipmentDialog, type Item } from './EquipmentDialog';
import { MaintenanceDialog } from './MaintenanceDialog';

const STATUSES = ['in_use', 'repair', 'retired'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_COLOR: Record<Status, string> = { in_use: 'teal', repair: 'orange', retired: 'gray' };
type Due = 'any' | 'overdue' | '30' | '90';

function NextDue({ item }: { item: Item }) {
  const { t } = useTranslation();
  if (!item.nextMaintenanceDue) return <>{t('equipment.none')}</>;
  const d = item.dueInDays;
  const note = d === null ? null : d < 0 ? t('equipment.overdueBy', { count: -d }) : d === 0 ? t('equipment.dueToday') : t('equipment.dueIn', { count: d });
  return (
    <Text size="sm" c={item.overdue ? 'red.9' : undefined} fw={item.overdue ? 600 : undefined} data-overdue={item.overdue || undefined}>
      <span className="tabular">{item.nextMaintenanceDue}</span>{note && <Text span size="xs" c={item.overdue ? 'red.9' : 'dimmed'}> · {note}</Text>}
    </Text>
  );
}

function EquipmentList() {
  const { t, i18n } = useTranslation();
  const departments = useDepartmentOptions();
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [due, setDue] = useState<Due>('any');
  const query = useApiQuery('equipment.list', {
    q: q.trim() || null, departmentId, status, overdue: due === 'overdue', dueWithinDays: due === '30' ? 30 : due === '90' ? 90 : null,
  }, { placeholderData: (prev) => prev });
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [logOf, setLogOf] = useState<Item | null>(null);
  const move = useApiMutation('equipment.setStatus');
  const deptName = (x: Item) => (i18n.language === 'en' ? x.departmentNameEn || x.departmentName : x.departmentName) ?? t('equipment.none');
  return (
    <Panel title={t('equipment.title')} testId="equipment" actions={
      <Button size="xs" onClick={() => setEditing('new')} data-testid="equipment-new">{t('equipment.newItem')}</Button>
    }>
      <Stack gap="sm">
        {query.data && (query.data.overdueCount > 0
          ? <Alert color="red" variant="light" data-testid="equipment-overdue" role="status">{t('equipment.overdueCount', { count: query.data.overdueCount })}</Alert>
          : <Text size="sm" c="dimmed" data-testid="equipment-overdue">{t('equipment.noneOverdue')}</Text>)}
        <Group gap="xs" align="flex-end">
          <TextInput size="xs" label={t('equipment.searchLabel')} placeholder={t('equipment.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} name="q" />
          <Select size="xs" label={t('equipment.col.department')} placeholder={t('admin.common.allDepartments')} data={departments} value={departmentId} onChange={setDepartmentId}
            clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} w={160} />
          <Select size="xs" label={t('equipment.col.status')} placeholder={t('equipment.allStatuses')} value={status} onChange={(v) => setStatus(v as Status | null)}
            data={STATUSES.map((s) => ({ value: s, label: t(`equipment.status.${s}`) }))} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} w={140} />
          <Select size="xs" label={t('equipment.due')} value={due} onChange={(v) => setDue((v ?? 'any') as Due)} allowDeselect={false} w={170} data-testid="equipment-due"
            data={[{ value: 'any', label: t('equipment.dueAny') }, { value: 'overdue', label: t('equipment.dueOverdue') }, { value: '30', label: t('equipment.due30') }, { value: '90', label: t('equipment.due90') }]} />
        </Group>
        <AdminError error={move.error} />
        <QueryState query={query}>{(d) => d.items.length === 0 ? <EmptyState title={t('equipment.empty')} /> : (
          <Table striped highlightOnHover data-testid="equipment-table">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('equipment.col.assetNo')}</Table.Th><Table.Th>{t('equipment.col.name')}</Table.Th><Table.Th>{t('equipment.col.department')}</Table.Th>
              <Table.Th>{t('equipment.col.status')}</Table.Th><Table.Th>{t('equipment.col.lastMaintenance')}</Table.Th><Table.Th>{t('equipment.col.nextDue')}</Table.Th>
              <Table.Th>{t('equipment.col.actions')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.items.map((x) => (
                <Table.Tr key={x.id} data-testid="equipment-row">
                  <Table.Td className="tabular">{x.assetNo}</Table.Td>
                  <Table.Td>{x.name}{(x.model || x.manufacturer) && <Text size="xs" c="dimmed">{[x.model, x.manufacturer].filter(Boolean).join(' · ')}</Text>}</Table.Td>
                  <Table.Td>{deptName(x)}</Table.Td>
                  <Table.Td><Badge variant="light" color={STATUS_COLOR[x.status]}>{t(`equipment.status.${x.status}`)}</Badge></Table.Td>
                  <Table.Td className="tabular">{x.lastMaintenanceDate ?? t('equipment.none')}</Table.Td>
                  <Table.Td><NextDue item={x} /></Table.Td>
                  <Table.Td><Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)}>{t('admin.common.edit')}</Button>
                    <Button size="compact-xs" variant="subtle" onClick={() => setLogOf(x)} data-testid="equipment-log">{t('equipment.log')}</Button>
                    {x.status !== 'retired' && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target><Button size="compact-xs" variant="subtle" data-testid="equipment-status">{t('equipment.setStatus')}</Button></Menu.Target>
                        <Menu.Dropdown>
                          {STATUSES.filter((s) => s !== x.status).map((s) => (
                            <Menu.Item key={s} color={s === 'retired' ? 'red' : undefined} title={s === 'retired' ? t('equipment.retireConfirm') : undefined}
                              onClick={() => move.mutate({ id: x.id, status: s })}>{t(`equipment.status.${s}`)}</Menu.Item>
                          ))}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Group></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}</QueryState>
      </Stack>
      {editing && <EquipmentDialog item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {logOf && query.data && <MaintenanceDialog item={logOf} today={query.data.today} onClose={() => setLogOf(null)} />}
    </Panel>
  );
}

function EquipmentFiles() {
  const { t } = useTranslation();
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  return (
    <Stack>
      <Panel title={t('equipment.exportTitle')}>
        <ExportButtons testId="equipment-export" make={(format) => apiCall('equipment.export', { format, lang })} />
      </Panel>
      <Panel title={t('equipment.importTitle')}>
        <Text size="sm" c="dimmed" mb="sm">{t('equipment.importHint')}</Text>
        <ImportForm procedure="equipment.import" testId="equipment-import" />
      </Panel>
    </Stack>
  );
}

/** The clinic's medical equipment (kept at the hub): the list with filters and overdue maintenance, the item and maintenance dialogs, import and export. */
export function EquipmentScreen() {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="list" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="list">{t('equipment.title')}</Tabs.Tab>
        <Tabs.Tab value="files" data-testid="equipment-files-tab">{t('equipment.files')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="list"><EquipmentList /></Tabs.Panel>
      <Tabs.Panel value="files"><EquipmentFiles /></Tabs.Panel>
    </Tabs>
  );
}
