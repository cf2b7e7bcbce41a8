import { Badge, Button, Group, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall, useApiMutation, useApiQuery } from '../../../api/query';
import { currentLanguage } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { money } from '../../../ui/format';
import { ExportButtons, ImportForm } from '../ui/FileButtons';
import { AdminError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { DrugDialog, type Drug } from './DrugDialog';
import { ExamDialog, type ExamItem } from './ExamDialog';
import { RecordTemplates } from './RecordTemplates';
import { Wards } from './Wards';

const ActiveBadge = ({ active, on, off }: { active: boolean; on: string; off: string }) =>
  <Badge variant="light" color={active ? 'teal' : 'gray'}>{active ? on : off}</Badge>;

function Drugs() {
  const { t } = useTranslation();
  const q = useApiQuery('master.drugs', {});
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Drug | 'new' | null>(null);
  const setActive = useApiMutation('master.setDrugActive');
  const f = filter.trim().toLowerCase();
  const match = (d: Drug) => !f || d.code.toLowerCase().includes(f) || d.name.includes(filter.trim()) || d.nameEn.toLowerCase().includes(f);
  return (
    <Panel title={t('admin.catalog.drugs')} testId="drugs" actions={<>
      <TextInput size="xs" placeholder={t('admin.catalog.search')} aria-label={t('admin.catalog.search')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={180} />
      <Button size="xs" onClick={() => setEditing('new')} data-testid="new-drug">{t('admin.catalog.newDrug')}</Button>
    </>}>
      <AdminError error={setActive.error} />
      <QueryState query={q}>{(d) => {
        const items = d.items.filter(match);
        return items.length === 0 ? <EmptyState title={t('admin.common.empty')} /> : (
          <Table striped highlightOnHover data-testid="drugs-table">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('admin.common.code')}</Table.Th><Table.Th>{t('admin.common.name')}</Table.Th><Table.Th>{t('admin.catalog.spec')}</Table.Th>
              <Table.Th>{t('admin.catalog.unit')}</Table.Th><Table.Th>{t('admin.catalog.priceCol')}</Table.Th><Table.Th>{t('admin.catalog.insuranceClass')}</Table.Th>
              <Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {items.slice(0, 300).map((x) => (
                <Table.Tr key={x.id} data-testid="drug-row">
                  <Table.Td className="tabular">{x.code}</Table.Td>
                  <Table.Td>{x.name}{x.nameEn && <Text size="xs" c="dimmed">{x.nameEn}</Text>}</Table.Td>
                  <Table.Td>{x.spec} · {x.form}</Table.Td>
                  <Table.Td>{x.unit}</Table.Td>
                  <Table.Td className="tabular">{money(x.priceFen)}</Table.Td>
                  <Table.Td>{t(`admin.catalog.class.${x.insuranceClass}`)}</Table.Td>
                  <Table.Td><ActiveBadge active={x.active} on={t('admin.common.active')} off={t('admin.catalog.stopped')} /></Table.Td>
                  <Table.Td><Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)}>{t('admin.common.edit')}</Button>
                    <Button size="compact-xs" variant="subtle" color={x.active ? 'red' : 'teal'} onClick={() => setActive.mutate({ id: x.id, active: !x.active })}>
                      {t(x.active ? 'admin.common.deactivate' : 'admin.common.activate')}</Button>
                  </Group></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        );
      }}</QueryState>
      {editing && <DrugDialog drug={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Panel>
  );
}

function Exams() {
  const { t } = useTranslation();
  const q = useApiQuery('master.examItems', {});
  const [editing, setEditing] = useState<ExamItem | 'new' | null>(null);
  const setActive = useApiMutation('master.setExamItemActive');
  return (
    <Panel title={t('admin.catalog.exams')} testId="exams"
      actions={<Button size="xs" onClick={() => setEditing('new')} data-testid="new-exam">{t('admin.catalog.newExam')}</Button>}>
      <AdminError error={setActive.error} />
      <QueryState query={q}>{(d) => d.items.length === 0 ? <EmptyState title={t('admin.common.empty')} /> : (
        <Table striped highlightOnHover data-testid="exams-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('admin.common.code')}</Table.Th><Table.Th>{t('admin.common.name')}</Table.Th><Table.Th>{t('admin.catalog.category')}</Table.Th>
            <Table.Th>{t('admin.catalog.priceCol')}</Table.Th><Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.items.map((x) => (
              <Table.Tr key={x.id} data-testid="exam-row">
                <Table.Td className="tabular">{x.code}</Table.Td>
                <Table.Td>{x.name}{x.nameEn && <Text size="xs" c="dimmed">{x.nameEn}</Text>}</Table.Td>
                <Table.Td>{t(`enums.examCategory.${x.category}`)}</Table.Td>
                <Table.Td className="tabular">{money(x.priceFen)}</Table.Td>
                <Table.Td><ActiveBadge active={x.active} on={t('admin.common.active')} off={t('admin.common.inactive')} /></Table.Td>
                <Table.Td><Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)}>{t('admin.common.edit')}</Button>
                  <Button size="compact-xs" variant="subtle" color={x.active ? 'red' : 'teal'} onClick={() => setActive.mutate({ id: x.id, active: !x.active })}>
                    {t(x.active ? 'admin.common.deactivate' : 'admin.common.activate')}</Button>
                </Group></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}</QueryState>
      {editing && <ExamDialog item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Panel>
  );
}

function DrugFiles() {
  const { t } = useTranslation();
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  return (
    <Stack>
      <Panel title={t('admin.catalog.exportDrugs')}>
        <ExportButtons testId="drugs-export" make={(format) => apiCall('master.exportDrugs', { format, lang })} />
      </Panel>
      <Panel title={t('admin.catalog.importDrugs')}>
        <Text size="sm" c="dimmed" mb="sm">{t('admin.catalog.importHint')}</Text>
        <ImportForm procedure="master.importDrugs" testId="drugs-import" />
      </Panel>
    </Stack>
  );
}

/** The formulary, exam items, wards and beds, record templates, and the drug catalog in and out as CSV/XLSX. */
export function CatalogScreen() {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="drugs" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="drugs">{t('admin.catalog.drugs')}</Tabs.Tab>
        <Tabs.Tab value="exams">{t('admin.catalog.exams')}</Tabs.Tab>
        <Tabs.Tab value="wards">{t('admin.catalog.wards')}</Tabs.Tab>
        <Tabs.Tab value="templates" data-testid="catalog-templates-tab">{t('patientSide.templates.tab')}</Tabs.Tab>
        <Tabs.Tab value="files" data-testid="catalog-files-tab">{t('admin.catalog.files')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="drugs"><Drugs /></Tabs.Panel>
      <Tabs.Panel value="exams"><Exams /></Tabs.Panel>
      <Tabs.Panel value="wards"><Wards /></Tabs.Panel>
      <Tabs.Panel value="templates"><RecordTemplates /></Tabs.Panel>
      <Tabs.Panel value="files"><DrugFiles /></Tabs.Panel>
    </Tabs>
  );
}
