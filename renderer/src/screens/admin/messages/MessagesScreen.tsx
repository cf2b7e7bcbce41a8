/**
 * Admin → Text messages: the outbox of one day by status (waiting, sent, failed with the
 * provider's reason, called), and the SMS provider: its state (key id masked, the last key error
 * shown apart, blocking nothing) and the form that sets its keys (ProviderForm); the clinic's
 * message texts (TemplatesPanel).
 */
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiQuery } from '../../../api/query';
import { EmptyState } from '../../../ui/EmptyState';
import { dateTime } from '../../../ui/format';
import { useClinicToday } from '../../../ui/useClinic';
import { QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { ProviderForm } from './ProviderForm';
import { TemplatesPanel } from './TemplatesPanel';

type Message = Output<'messages.list'>['messages'][number];
type Provider = NonNullable<Output<'messages.list'>['provider']>;
const FILTERS = ['all', 'queued', 'sent', 'failed', 'called'] as const;
type Filter = (typeof FILTERS)[number];

export const STATUS_COLOR: Record<Message['status'], string> = { queued: 'blue', sending: 'blue', sent: 'teal', failed: 'red', called: 'gray' };

export function StatusBadge({ status }: { status: Message['status'] }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[status]} variant="light" data-testid="message-status">{t(`messages.status.${status}`)}</Badge>;
}

function ProviderState({ provider }: { provider: Provider | null }) {
  const { t } = useTranslation();
  if (!provider) return <Text size="sm" c="dimmed" data-testid="provider-none">{t('messages.provider.none')}</Text>;
  return (
    <Stack gap="xs" data-testid="provider-state">
      <Text size="sm">{t('messages.provider.current', {
        provider: t(`messages.provider.names.${provider.provider}`), key: provider.keyHint, sign: provider.signName, time: dateTime(provider.updatedAt),
      })}</Text>
      <Text size="xs" c="dimmed" data-testid="provider-templates">{Object.entries(provider.templates).sort().map(([k, id]) => {
        const [kind, lang] = k.split('.') as [Message['kind'], string | undefined];
        return `${t(lang === 'en' ? 'messages.provider.templateEn' : 'messages.provider.templateZh', { kind: t(`messages.kind.${kind}`) })} ${id}`;
      }).join(' · ')}</Text>
      {provider.lastError !== null
        ? (
          <Alert color="red" variant="light" data-testid="provider-error" title={t('messages.provider.lastError', { time: dateTime(provider.lastErrorAt ?? provider.updatedAt) })}>
            <Text size="sm" ff="monospace">{provider.lastError}</Text>
            <Text size="sm">{t('messages.provider.lastErrorHint')}</Text>
          </Alert>
        )
        : <Group><Badge color="teal" variant="light">{t('messages.provider.ok')}</Badge></Group>}
    </Stack>
  );
}

function Outbox({ messages }: { messages: Message[] }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const count = (s: Message['status']) => messages.filter((m) => m.status === s || (s === 'queued' && m.status === 'sending')).length;
  const shown = filter === 'all' ? messages : messages.filter((m) => m.status === filter || (filter === 'queued' && m.status === 'sending'));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl value={filter} onChange={(v) => setFilter(v as Filter)} data-testid="outbox-filter" aria-label={t('messages.outbox.status')}
          data={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('messages.outbox.all') : t(`messages.status.${f}`) }))} />
        <Text size="sm" c="dimmed" data-testid="outbox-counts">
          {t('messages.outbox.counts', { queued: count('queued'), sent: count('sent'), failed: count('failed'), called: count('called') })}
        </Text>
      </Group>
      {shown.length === 0 ? <EmptyState title={t('messages.outbox.empty')} /> : (
        <Table striped data-testid="outbox-table">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('messages.outbox.col.createdAt')}</Table.Th><Table.Th>{t('messages.outbox.col.patient')}</Table.Th>
            <Table.Th>{t('messages.outbox.col.kind')}</Table.Th><Table.Th>{t('messages.outbox.col.status')}</Table.Th>
            <Table.Th>{t('messages.outbox.col.body')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {shown.map((m) => (
              <Table.Tr key={m.id} data-testid="outbox-row">
                <Table.Td className="tabular">{dateTime(m.createdAt)}</Table.Td>
                <Table.Td><Text size="sm" fw={600}>{m.patientName}</Text><Text size="xs" c="dimmed" className="tabular">{m.phone ?? '—'}</Text></Table.Td>
                <Table.Td>{t(`messages.kind.${m.kind}`)}</Table.Td>
                <Table.Td><StatusBadge status={m.status} />
                  {m.reason && m.status !== 'sent' && <Text size="xs" c={m.status === 'failed' ? 'red.9' : 'dimmed'} data-testid="message-reason">{m.reason}</Text>}</Table.Td>
                <Table.Td><Text size="xs" maw={360}>{m.body}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function MessagesScreen() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const [day, setDay] = useState<string | null>(null);
  const shownDay = day ?? today;
  const q = useApiQuery('messages.list', { day: shownDay }, { refetchInterval: 15_000 });
  return (
    <Stack>
      <Panel title={t('messages.outbox.title')} testId="outbox" actions={<>
        <Button size="xs" variant="default" onClick={() => void q.refetch()} loading={q.isFetching} data-testid="outbox-refresh">{t('messages.outbox.refresh')}</Button>
        <TextInput type="date" size="xs" aria-label={t('messages.outbox.day')} value={shownDay} onChange={(e) => setDay(e.currentTarget.value || null)}
          name="day" data-testid="outbox-day" />
      </>}>
        <Text size="sm" c="dimmed" mb="sm">{t('messages.outbox.hint')}</Text>
        <QueryState query={q}>{(d) => <Outbox messages={d.messages} />}</QueryState>
      </Panel>
      <TemplatesPanel />
      <Panel title={t('messages.provider.title')} testId="provider">
        <Stack>
          <QueryState query={q} height={40}>{(d) => <ProviderState provider={d.provider} />}</QueryState>
          <ProviderForm key={q.data?.provider?.provider ?? 'none'} current={q.data?.provider?.provider ?? null} />
        </Stack>
      </Panel>
    </Stack>
  );
}
