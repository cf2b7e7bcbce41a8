/**
 * Admin → Patient ratings: the ratings patients gave finished visits, with their comments, for a
 * range of visit dates and one doctor or all; each doctor's average over the same filter; newest
 * first, page by page (each search is audited at the hub).
 */
import { Button, Checkbox, Group, Rating, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../../main/api/contract';
import { useApiQuery } from '../../../api/query';
import { dateTime } from '../../../ui/format';
import { AnySelect, FilterForm, useFilters } from '../lookups/filters';
import { QueryState } from '../ui/HubState';
import { useDoctorOptions } from '../ui/options';
import { Panel } from '../ui/Panel';
import { addDays } from '../../../../../main/api/contract';
import { useClinicToday } from '../../../ui/useClinic';

type Filter = Omit<Input<'lookup.ratings'>, 'cursor' | 'limit'>;

function Stars({ value }: { value: number }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" aria-label={t('patientSide.ratings.starsValue', { count: value })} role="img">
      <Rating value={value} fractions={10} readOnly size="sm" aria-hidden />
      <Text size="sm" className="tabular" aria-hidden>{value.toFixed(1)}</Text>
    </Group>
  );
}

function Results({ filter }: { filter: Filter }) {
  const { t, i18n } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const q = useApiQuery('lookup.ratings', { ...filter, cursor, limit: 20 });
  const en = i18n.language === 'en';
  return (
    <QueryState query={q}>{(d) => (
      <Stack gap="md">
        <Stack gap={4}>
          <Text fw={600} size="sm">{t('patientSide.ratings.averages')}</Text>
          {d.doctors.length === 0 ? <Text size="sm" c="dimmed" data-testid="ratings-empty">{t('patientSide.ratings.none')}</Text> : (
            <Table striped withTableBorder verticalSpacing={4} data-testid="ratings-averages" maw={640}>
              <Table.Thead><Table.Tr>
                <Table.Th>{t('patientSide.ratings.doctor')}</Table.Th><Table.Th>{t('patientSide.ratings.average')}</Table.Th>
                <Table.Th ta="right">{t('patientSide.ratings.count')}</Table.Th><Table.Th ta="right">{t('patientSide.ratings.comments')}</Table.Th>
              </Table.Tr></Table.Thead>
              <Table.Tbody>{d.doctors.map((x) => (
                <Table.Tr key={x.doctorId} data-testid="ratings-average-row">
                  <Table.Td>{x.doctorName}</Table.Td><Table.Td><Stars value={x.average} /></Table.Td>
                  <Table.Td ta="right" className="tabular">{x.count}</Table.Td><Table.Td ta="right" className="tabular">{x.comments}</Table.Td>
                </Table.Tr>
              ))}</Table.Tbody>
            </Table>
          )}
        </Stack>
        {d.rows.length > 0 && (
          <ScrollArea viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('patientSide.ratings.list') }}>
            <Table striped withTableBorder verticalSpacing={4} data-testid="ratings-table">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('patientSide.ratings.visitDate')}</Table.Th><Table.Th>{t('patientSide.ratings.doctor')}</Table.Th>
                <Table.Th>{t('patientSide.ratings.department')}</Table.Th><Table.Th>{t('patientSide.ratings.stars')}</Table.Th>
                <Table.Th>{t('patientSide.ratings.comment')}</Table.Th><Table.Th>{t('patientSide.ratings.ratedAt')}</Table.Th>
              </Table.Tr></Table.Thead>
              <Table.Tbody>{d.rows.map((r) => (
                <Table.Tr key={r.visitId} data-testid="ratings-row">
                  <Table.Td className="tabular">{r.visitDate}</Table.Td><Table.Td>{r.doctorName}</Table.Td>
                  <Table.Td>{en ? r.departmentNameEn || r.departmentName : r.departmentName}</Table.Td>
                  <Table.Td><Stars value={r.stars} /></Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap', minWidth: 200 }}>{r.comment || <Text span size="sm" c="dimmed">—</Text>}</Table.Td>
                  <Table.Td className="tabular">{dateTime(r.createdAt)}</Table.Td>
                </Table.Tr>
              ))}</Table.Tbody>
            </Table>
          </ScrollArea>
        )}
        <Group gap="xs">
          <Button size="xs" variant="default" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="ratings-prev">{t('lookups.prev')}</Button>
          <Text size="sm">{t('lookups.page', { page: cursors.length })}</Text>
          <Button size="xs" variant="default" disabled={!d.nextCursor} onClick={() => setCursors([...cursors, d.nextCursor])} data-testid="ratings-next">{t('lookups.next')}</Button>
        </Group>
      </Stack>
    )}</QueryState>
  );
}

export function RatingsScreen() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const doctors = useDoctorOptions();
  const f = useFilters<Filter>({ from: addDays(today, -29), to: today, doctorId: null, commentsOnly: false });
  return (
    <Panel title={t('patientSide.ratings.title')} testId="ratings">
      <Stack gap="md">
        <Text size="sm" c="dimmed">{t('patientSide.ratings.hint')}</Text>
        <FilterForm testId="ratings-filter" from={f.draft.from} to={f.draft.to} onDates={(d) => f.set(d)} onSubmit={f.apply}>
          <AnySelect label={t('patientSide.ratings.doctor')} value={f.draft.doctorId ?? null} onChange={(v) => f.set({ doctorId: v })} data={doctors} testId="ratings-doctor" w={220} />
          <Checkbox label={t('patientSide.ratings.commentsOnly')} checked={f.draft.commentsOnly ?? false} onChange={(e) => f.set({ commentsOnly: e.currentTarget.checked })}
            mb={8} data-testid="ratings-comments-only" />
        </FilterForm>
        <Results key={f.searchKey} filter={f.applied} />
      </Stack>
    </Panel>
  );
}
