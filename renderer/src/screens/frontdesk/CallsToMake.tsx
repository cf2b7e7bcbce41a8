/**
 * The front desk's call list (messages.callList): a day's text messages that did not go out (no
 * provider, no internet, failed, or the patient has no way to get texts), with the phone number
 * to call and what to say, ticked off once called (messages.markCalled).
 */
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/query';
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
  return (
    <Stack gap="sm" data-testid="calls">
      <Group justify="space-between" align="flex-end">
        <TextInput type="date" label={t('messages.calls.day')} value={shownDay} onChange={(e) => setDay(e.currentTarget.value || null)} name="callDay" data-testid="calls-day" size="xs" />
        {q.data && <Text size="sm" fw={600} data-testid="calls-count">{t('messages.calls.toCall', { count: q.data.messages.filter((m) => m.status !== 'called').length })}</Text>}
      </Group>
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
