/**
 * The front desk's call list (messages.callList): a day's text messages that did not go out (no
 * provider, no internet, failed, or the patient has no way to get texts), with the phone number
 * to call and what to say, ticked off once called (messages.markCalled); today's or tomorrow's
 * printed as a sheet to work through with a pen (messages.callListSheet).
 */
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { addDays } from '../../../../main/api/contract';
import { apiCall, useApiMutation, useApiQuery } from '../../api/query';
import { currentLanguage } from '../../i18n';
import { printHubPdf } from '../../print/hubPdf';
import { ErrorNote } from '../../ui/ErrorNote';
import { EmptyState } from '../../ui/EmptyState';
import { time } from '../../ui/format';
import { useClinicToday } from '../../ui/useClinic';
import { StatusBadge } from '../admin/messages/MessagesScreen';
import { AdminError, QueryState } from '../admin/ui/HubState';

export function CallsToMake() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const [day, setDay] = useState<string | null>(null);
  const shownDay = day ?? today;
  const q = useApiQuery('messages.callList', { day: shownDay }, { refetchInterval: 30_000 });
  const mark = useApiMutation('messages.markCalled');
  const tomorrow = addDays(today, 1);
  const [printing, setPrinting] = useState(false);
  const [printError, setPrintError] = useState<unknown>(null);
  /** The hub draws the sheet of the day's list; this desk prints it (a download in a browser). */
  const printList = (forDay: string) => {
    setPrinting(true);
    setPrintError(null);
    apiCall('messages.callListSheet', { day: forDay, lang: currentLanguage() })
      .then((sheet) => printHubPdf(sheet, () => apiCall('messages.printCallList', { day: forDay, pdfBase64: sheet.pdfBase64 }), (ok, message) => notifications.show(ok
        ? { color: 'teal', message: t('print.printed') }
        : { color: 'orange', autoClose: 10_000, message: t('print.failed', { message: message ?? '' }) })))
      .catch(setPrintError)
      .finally(() => setPrinting(false));
  };
  return (
    <Stack gap="sm" data-testid="calls">
      <Group justify="space-between" align="flex-end">
        <Group gap="xs" align="flex-end">
          <TextInput type="date" label={t('messages.calls.day')} value={shownDay} onChange={(e) => setDay(e.currentTarget.value || null)} name="callDay" data-testid="calls-day" size="xs" />
          <Button size="xs" variant={shownDay === today ? 'light' : 'default'} onClick={() => setDay(today)} data-testid="calls-today">{t('messages.calls.today')}</Button>
          <Button size="xs" variant={shownDay === tomorrow ? 'light' : 'default'} onClick={() => setDay(tomorrow)} data-testid="calls-tomorrow">{t('messages.calls.tomorrow')}</Button>
        </Group>
        <Group gap="sm" align="center">
          {q.data && <Text size="sm" fw={600} data-testid="calls-count">{t('messages.calls.toCall', { count: q.data.messages.filter((m) => m.status !== 'called').length })}</Text>}
          <Button size="xs" variant="default" onClick={() => printList(shownDay)} loading={printing} disabled={!q.data || q.data.messages.length === 0} data-testid="calls-print">
            {t('messages.calls.print')}
          </Button>
        </Group>
      </Group>
      {printError !== null && <ErrorNote error={printError} />}
      <Text size="sm" c="dimmed">{t('messages.calls.hint')}</Text>
      <AdminError error={mark.error} />
      <QueryState query={q}>{(d) => d.messages.length === 0 ? <EmptyState title={t('messages.calls.empty')} /> : (
        <Table striped data-testid="calls-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('messages.calls.col.patient')}</Table.Th><Table.Th>{t('messages.calls.col.phone')}</Table.Th>
            <Table.Th>{t('messages.calls.col.kind')}</Table.Th><Table.Th>{t('messages.calls.col.done')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.messages.map((m) => (
              <Table.Tr key={m.id} data-testid="call-row">
                <Table.Td><Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>{m.patientName}</Text></Table.Td>
                <Table.Td className="tabular"><Text size="sm" fw={600}>{m.phone ?? '—'}</Text></Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`messages.kind.${m.kind}`)}</Text>
                  <Text size="xs" c="dimmed" maw={320}>{m.body}</Text>
                  {m.reason && <Text size="xs" c="red.9">{t('messages.calls.col.reason')}: {m.reason}</Text>}
                </Table.Td>
                <Table.Td>{m.status === 'called'
                  ? <Stack gap={2}><StatusBadge status="called" />{m.calledAt !== null && <Text size="xs" c="dimmed" className="tabular">{time(m.calledAt)}</Text>}</Stack>
                  : (
                    <Button size="compact-sm" variant="light" data-testid="mark-called" loading={mark.isPending && mark.variables?.id === m.id}
                      onClick={() => mark.mutate({ id: m.id })} aria-label={`${t('messages.calls.mark')} ${m.patientName}`}>{t('messages.calls.mark')}</Button>
                  )}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}</QueryState>
    </Stack>
  );
}
