import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output, VisitType } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { useConsult } from '../../state/consult';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { Shortcut } from '../../ui/Shortcut';
import { ariaKeys, SHORTCUTS } from '../../ui/shortcuts';
import { useBuiltInKind } from '../../ui/dictionary';

type Visit = Output<'queue.mine'>['firstVisits'][number];

function Row({ v }: { v: Visit }) {
  const { t } = useTranslation();
  const reasons = useBuiltInKind('priority_reason');
  const { visitId, open } = useConsult();
  const call = useApiMutation('queue.call', { onSuccess: (x) => notifications.show({ message: t('consult.queue.calledToast', { queueNo: x.queueNo, name: x.patientName }) }) });
  const recall = useApiMutation('queue.recall');
  const skip = useApiMutation('queue.skip');
  const start = useApiMutation('queue.start', { onSuccess: (x) => open(x.id) });
  const err = call.error ?? recall.error ?? skip.error ?? start.error;
  const inRoom = v.status === 'in_consultation';
  return (
    <Paper withBorder p="xs" bg={visitId === v.id ? 'var(--mantine-color-teal-light)' : undefined} data-testid="my-queue-row">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Group gap={6}>
            <Text fw={700} className="tabular nowrap">{v.queueNo}</Text>
            <Text fw={600}>{v.patientName}</Text>
            <Text size="xs" c="dimmed">{t(`enums.sex.${v.patientSex}`)}</Text>
          </Group>
          <Group gap={4} mt={2}>
            {v.priority && <Badge size="xs" color="red">{v.priorityReason ? reasons.name(v.priorityReason) : t('frontdesk.visits.priority')}</Badge>}
            {v.calledAt !== null && !inRoom && <Badge size="xs" color="blue" variant="light">{t('consult.queue.called', { count: v.callCount })}</Badge>}
          </Group>
        </div>
        <Group gap={4} wrap="nowrap">
          {inRoom && <Button size="compact-xs" onClick={() => open(v.id)}>{t('consult.queue.open')}</Button>}
          {!inRoom && v.calledAt === null && <Button size="compact-xs" variant="light" loading={call.isPending} onClick={() => call.mutate({ visitId: v.id })}>{t('consult.queue.call')}</Button>}
          {!inRoom && v.calledAt !== null && (
            <>
              <Button size="compact-xs" variant="subtle" onClick={() => recall.mutate({ visitId: v.id })}>{t('consult.queue.recall')}</Button>
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => skip.mutate({ visitId: v.id })}>{t('consult.queue.skip')}</Button>
              <Button size="compact-xs" loading={start.isPending} onClick={() => start.mutate({ visitId: v.id })} data-testid="start-visit">{t('consult.queue.start')}</Button>
            </>
          )}
        </Group>
      </Group>
      {err && <ErrorNote error={err} />}
    </Paper>
  );
}

function Section({ title, items }: { title: string; items: Visit[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={700} c="dimmed">{title} · {items.length}</Text>
      {items.map((v) => <Row key={v.id} v={v} />)}
    </Stack>
  );
}

/** The doctor's queue: in consultation, first visits and follow-ups apart, and calling the next. */
export function MyQueue() {
  const { t } = useTranslation();
  const q = useApiQuery('queue.mine', {}, { refetchInterval: 15_000 });
  const { visitId, open } = useConsult();
  const call = useApiMutation('queue.call', { onSuccess: (x) => notifications.show({ message: t('consult.queue.calledToast', { queueNo: x.queueNo, name: x.patientName }) }) });
  const inRoom = q.data?.inConsultation ?? [];
  // On arrival, reopen the patient already in the room (once: after "end consultation" the list is briefly stale).
  const reopened = useRef(false);
  useEffect(() => {
    if (reopened.current || !q.data) return;
    reopened.current = true;
    if (visitId === null && inRoom[0]) open(inRoom[0].id);
  }, [q.data, visitId, inRoom, open]);
  const next = (visitType?: VisitType) => call.mutate(visitType ? { visitType } : {});
  const waiting = (q.data?.firstVisits.length ?? 0) + (q.data?.followUps.length ?? 0);
  useHotkeys([[SHORTCUTS.callNext, () => { if (waiting > 0 && !call.isPending) next(); }]]);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('consult.queue.title')}</Title>
          <Button onClick={() => next()} disabled={waiting === 0} loading={call.isPending} data-testid="call-next"
            rightSection={<Shortcut name="callNext" />} aria-keyshortcuts={ariaKeys(SHORTCUTS.callNext)}>{t('consult.queue.callNext')}</Button>
        </Group>
        {call.error && <ErrorNote error={call.error} />}
        {q.error && <ErrorNote error={q.error} />}
        {!q.data && !q.error && <Skeleton h={120} />}
        {q.data && (
          <>
            <Section title={t('consult.queue.inConsultation')} items={q.data.inConsultation} />
            <Section title={t('consult.queue.first')} items={q.data.firstVisits} />
            <Section title={t('consult.queue.followUp')} items={q.data.followUps} />
            {waiting === 0 && inRoom.length === 0 && <EmptyState title={t('consult.queue.empty')} hint={t('consult.queue.emptyHint')} />}
          </>
        )}
      </Stack>
    </Paper>
  );
}
