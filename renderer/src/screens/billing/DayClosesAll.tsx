import { Group, Paper, Skeleton, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { PrintButton } from '../../print/PrintButton';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { money, time } from '../../ui/format';
import { useClinicToday } from '../../ui/useClinic';
import { TotalsTable } from './DayTotalsTable';

/** Every person's closes of day of one date, at every desk, and their totals by method (administrator, head cashier). */
export function DayClosesAll() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const [date, setDate] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const q = useApiQuery('billing.dayClosesOn', { date }, { enabled: valid });
  return (
    <Paper withBorder p="md" data-testid="day-closes-all">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('billing.day.all')}</Title>
        <TextInput type="date" size="xs" label={t('billing.day.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} name="date" />
      </Group>
      {q.error && <ErrorNote error={q.error} />}
      {valid && !q.data && !q.error && <Skeleton h={120} />}
      {q.data && q.data.closes.length === 0 && <EmptyState title={t('billing.day.noneOn')} />}
      {q.data && q.data.closes.length > 0 && (
        <>
          <Table verticalSpacing={4} mb="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.day.person')}</Table.Th><Table.Th>{t('billing.day.desk')}</Table.Th><Table.Th>{t('billing.day.history')}</Table.Th>
                <Table.Th>{t('billing.day.payments')}</Table.Th><Table.Th>{t('billing.day.refunds')}</Table.Th><Table.Th>{t('billing.day.net')}</Table.Th><Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.closes.map((c) => (
                <Table.Tr key={c.id} data-testid="day-closes-all-row">
                  <Table.Td><Text size="sm">{c.cashierName}</Text></Table.Td>
                  <Table.Td><Text size="sm">{c.device}</Text></Table.Td>
                  <Table.Td className="tabular"><Text size="sm">{c.closeNo} · {time(c.toAt)}</Text></Table.Td>
                  <Table.Td className="tabular"><Text size="sm">{money(c.totals.paidFen)}</Text></Table.Td>
                  <Table.Td className="tabular"><Text size="sm">{money(c.totals.refundedFen)}</Text></Table.Td>
                  <Table.Td className="tabular"><Text size="sm" fw={600}>{money(c.totals.netFen)}</Text></Table.Td>
                  <Table.Td><PrintButton job={{ document: 'dayReport', dayCloseId: c.id }} variant="subtle" /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={5} mb="xs">{t('billing.day.allTotal')}</Title>
          <TotalsTable totals={q.data.totals} />
        </>
      )}
    </Paper>
  );
}
