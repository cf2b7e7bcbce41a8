/** Catalog → Record templates: the templates of each department (inactive ones too), made, edited, stopped and restarted here. */
import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { EmptyState } from '../../../ui/EmptyState';
import { dateTime } from '../../../ui/format';
import { AdminError, QueryState } from '../ui/HubState';
import { useDepartmentOptions } from '../ui/options';
import { Panel } from '../ui/Panel';
import { RecordTemplateDialog, type RecordTemplate } from './RecordTemplateDialog';

const preview = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export function RecordTemplates() {
  const { t } = useTranslation();
  const q = useApiQuery('master.recordTemplates', {});
  const departments = useDepartmentOptions();
  const [dept, setDept] = useState<string | null>(null);
  const [editing, setEditing] = useState<RecordTemplate | 'new' | null>(null);
  const setActive = useApiMutation('master.updateRecordTemplate');
  return (
    <Panel title={t('patientSide.templates.title')} testId="record-templates" actions={<>
      <Select size="xs" w={180} placeholder={t('patientSide.templates.allDepartments')} aria-label={t('patientSide.templates.department')} data={departments}
        value={dept} onChange={setDept} clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }} data-testid="templates-department" />
      <Button size="xs" onClick={() => setEditing('new')} data-testid="new-template">{t('patientSide.templates.newTemplate')}</Button>
    </>}>
      <Text size="sm" c="dimmed" mb="sm">{t('patientSide.templates.hint')}</Text>
      <AdminError error={setActive.error} />
      <QueryState query={q}>{(d) => {
        const items = d.items.filter((x) => !dept || x.departmentId === dept);
        return items.length === 0 ? <EmptyState title={t('patientSide.templates.none')} /> : (
          <Table striped highlightOnHover data-testid="templates-table">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('patientSide.templates.department')}</Table.Th><Table.Th>{t('patientSide.templates.name')}</Table.Th>
              <Table.Th>{t('patientSide.templates.preview')}</Table.Th><Table.Th>{t('patientSide.templates.updatedAt')}</Table.Th>
              <Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {items.map((x) => (
                <Table.Tr key={x.id} data-testid="template-row">
                  <Table.Td>{x.departmentName}</Table.Td>
                  <Table.Td fw={600}>{x.name}</Table.Td>
                  <Table.Td><Text size="sm" lineClamp={1}>{preview(x.complaint)}</Text></Table.Td>
                  <Table.Td className="tabular">{dateTime(x.updatedAt)}</Table.Td>
                  <Table.Td><Badge variant="light" color={x.active ? 'teal' : 'gray'}>{t(x.active ? 'admin.common.active' : 'admin.common.inactive')}</Badge></Table.Td>
                  <Table.Td><Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)} data-testid="template-edit">{t('admin.common.edit')}</Button>
                    <Button size="compact-xs" variant="subtle" color={x.active ? 'red' : 'teal'} onClick={() => setActive.mutate({ id: x.id, active: !x.active })}
                      data-testid="template-toggle">{t(x.active ? 'admin.common.deactivate' : 'admin.common.activate')}</Button>
                  </Group></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        );
      }}</QueryState>
      {editing && <RecordTemplateDialog template={editing === 'new' ? null : editing} departmentId={dept} onClose={() => setEditing(null)} />}
    </Panel>
  );
}
