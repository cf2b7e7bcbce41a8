/**
 * One lookup list at the hub, page by page: the page's rows in a table, Previous/Next by the
 * keyset cursors the hub hands back (the cursors of pages seen are kept to go back), and export
 * of the whole filtered list to CSV or XLSX.
 */
import { Button, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../../../main/api/contract';
import { apiCall, useApiQuery, type ScreenInput } from '../../../api/query';
import { ExportButtons } from '../ui/FileButtons';
import { QueryState } from '../ui/HubState';

export type PagedLookup = 'lookup.patients' | 'lookup.appointments' | 'lookup.visits' | 'lookup.money' | 'lookup.audit';
export type LookupRow<N extends PagedLookup> = Output<N>['rows'][number];
type ExportInput = Input<'lookup.export'>;

export interface Column<R> {
  key: string;
  label: string;
  cell: (row: R) => ReactNode;
  numeric?: boolean;
  /** Long free text (an audit detail) wraps in a bounded column; every other cell stays on one line. */
  wrap?: boolean;
}

export function LookupTable<N extends PagedLookup>({ procedure, filter, columns, exportAs, testId, label }: {
  procedure: N;
  /** What the table lists, for a screen reader (the scrollable table is a named, focusable region). */
  label: string;
  /** The list's filters, without the page. */
  filter: Omit<ScreenInput<N>, 'cursor' | 'limit'>;
  columns: Column<LookupRow<N>>[];
  exportAs: ExportInput['list'];
  testId: string;
}) {
  const { t } = useTranslation();
  /** Cursors of the pages reached: [null] is the first page; the last entry is the page shown. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  // Each read is audited at the hub: read when the admin searches or pages (the table mounts anew
  // per search), not again at every sync or change elsewhere.
  const q = useApiQuery(procedure, { ...filter, cursor, limit: 50 } as ScreenInput<N>, { meta: { followsChanges: false }, staleTime: Infinity, refetchOnMount: 'always' });
  const makeFile = (format: 'csv' | 'xlsx') => apiCall('lookup.export', { list: exportAs, filter, format } as ExportInput);
  return (
    <Stack gap="sm" data-testid={testId}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{t('lookups.hint')}</Text>
        <ExportButtons make={makeFile} testId={`${testId}-export`} />
      </Group>
      <QueryState query={q}>{(d) => {
        const rows = d.rows as LookupRow<N>[];
        return (
          <Stack gap="xs">
            {rows.length === 0 ? <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>{t('lookups.empty')}</Text> : (
              <ScrollArea viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': label }}>
                <Table striped withTableBorder data-testid={`${testId}-table`} verticalSpacing={4}>
                  <Table.Thead><Table.Tr>{columns.map((c) => <Table.Th key={c.key} ta={c.numeric ? 'right' : undefined}>{c.label}</Table.Th>)}</Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {rows.map((r, i) => (
                      <Table.Tr key={i} data-testid={`${testId}-row`}>
                        {columns.map((c) => <Table.Td key={c.key} ta={c.numeric ? 'right' : undefined} className={c.numeric ? 'tabular' : undefined}
                          style={c.wrap ? { minWidth: 240, maxWidth: 420, overflowWrap: 'anywhere' } : { whiteSpace: 'nowrap' }}>{c.cell(r)}</Table.Td>)}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
            )}
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid={`${testId}-prev`}>{t('lookups.prev')}</Button>
              <Text size="sm" data-testid={`${testId}-page`}>{t('lookups.page', { page: cursors.length })}</Text>
              <Button size="xs" variant="default" disabled={!d.nextCursor} onClick={() => setCursors([...cursors, d.nextCursor])} data-testid={`${testId}-next`}>{t('lookups.next')}</Button>
            </Group>
          </Stack>
        );
      }}</QueryState>
    </Stack>
  );
}
