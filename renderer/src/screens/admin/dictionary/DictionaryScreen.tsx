/** The data dictionary (数据字典): one list per kind, its entries made, renamed, ordered and stopped; the national lists added; the whole dictionary in and out as CSV/XLSX. */
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DICTIONARY_KINDS } from '../../../../../main/api/contract';
import { apiCall, useApiMutation, useApiQuery } from '../../../api/query';
import { currentLanguage } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { ExportButtons, ImportForm } from '../ui/FileButtons';
import { AdminError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { EntryDialog, type Entry, type Kind } from './EntryDialog';

function Entries({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const q = useApiQuery('master.dictionary', { kind });
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const update = useApiMutation('master.updateDictionaryEntry');
  const standard = useApiMutation('master.addStandardDictionary', {
    onSuccess: (r) => notifications.show({ color: 'teal', message: t('admin.dictionary.standardAdded', { count: r.added }) }),
  });
  return (
    <Panel title={t(`admin.dictionary.kind.${kind}`)} testId="dictionary-entries" actions={<>
      <Button size="xs" variant="default" onClick={() => standard.mutate({ kind })} loading={standard.isPending} data-testid="dictionary-standard">{t('admin.dictionary.addStandard')}</Button>
      <Button size="xs" onClick={() => setEditing('new')} data-testid="dictionary-new">{t('admin.dictionary.new', { kind: t(`admin.dictionary.kind.${kind}`) })}</Button>
    </>}>
      <AdminError error={update.error ?? standard.error} />
      <QueryState query={q}>{(d) => d.items.length === 0 ? <EmptyState title={t('admin.dictionary.empty')} /> : (
        <Table striped highlightOnHover data-testid="dictionary-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('admin.dictionary.order')}</Table.Th><Table.Th>{t('admin.common.code')}</Table.Th><Table.Th>{t('admin.common.name')}</Table.Th>
            <Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.items.map((x) => (
              <Table.Tr key={x.id} data-testid="dictionary-row">
                <Table.Td className="tabular">{x.sortOrder}</Table.Td>
                <Table.Td className="tabular">{x.code}</Table.Td>
                <Table.Td>{x.name}{x.nameEn && <Text size="xs" c="dimmed">{x.nameEn}</Text>}</Table.Td>
                <Table.Td><Badge variant="light" color={x.active ? 'teal' : 'gray'}>{x.active ? t('admin.common.active') : t('admin.catalog.stopped')}</Badge></Table.Td>
                <Table.Td><Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)} aria-label={`${t('admin.common.edit')} ${x.name}`}>{t('admin.common.edit')}</Button>
                  <Button size="compact-xs" variant="subtle" color={x.active ? 'red' : 'teal'} onClick={() => update.mutate({ id: x.id, active: !x.active })}
                    aria-label={`${t(x.active ? 'admin.common.deactivate' : 'admin.common.activate')} ${x.name}`}>
                    {t(x.active ? 'admin.common.deactivate' : 'admin.common.activate')}</Button>
                </Group></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}</QueryState>
      {editing && <EntryDialog entry={editing === 'new' ? null : editing} kind={kind} onClose={() => setEditing(null)} />}
    </Panel>
  );
}

export function DictionaryScreen() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('marital_status');
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  return (
    <Stack>
      <SegmentedControl value={kind} onChange={(v) => setKind(v as Kind)} data-testid="dictionary-kind" fullWidth
        data={DICTIONARY_KINDS.map((k) => ({ value: k, label: t(`admin.dictionary.kind.${k}`) }))} />
      <Entries key={kind} kind={kind} />
      <Panel title={t('admin.dictionary.files')}>
        <Stack>
          <ExportButtons testId="dictionary-export" make={(format) => apiCall('master.exportDictionary', { format, lang })} />
          <Text size="sm" c="dimmed">{t('admin.dictionary.importHint')}</Text>
          <ImportForm procedure="master.importDictionary" testId="dictionary-import" />
        </Stack>
      </Panel>
    </Stack>
  );
}
