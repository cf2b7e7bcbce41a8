/** Two (or more) records with one resident ID: side by side; choose the one to keep, give a reason, merge. */
import { Alert, Button, Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall, queryClient } from '../../../api/query';
import { hasRole, useSession } from '../../../state/session';
import { modals } from '../../../ui/Confirm';
import { fieldError, formError } from '../../../i18n/translateError';
import { ErrorNote } from '../../../ui/ErrorNote';
import { PatientColumn } from './PatientColumn';
import { TaskFrame } from './TaskFrame';
import type { DuplicateTask } from './types';

export function DuplicateCard({ task }: { task: DuplicateTask }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const live = task.patients.filter((p) => p.mergedInto === null);
  // The record with the most history is offered as the one to keep.
  const suggested = [...live].sort((a, b) => total(b) - total(a) || a.registeredAt - b.registeredAt)[0]?.id ?? null;
  const [keepId, setKeepId] = useState<string | null>(suggested);
  const [reason, setReason] = useState<string>(t('reviews.duplicate.reasonDefault'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const may = hasRole(me, 'admin', 'receptionist');
  const open = task.resolvedAt === null && live.length > 1 && !done;

  const merge = () => {
    const keep = live.find((p) => p.id === keepId);
    if (!keep) return;
    const others = live.filter((p) => p.id !== keep.id);
    modals.confirm(t('reviews.duplicate.confirm', { others: others.map((o) => `${o.name} ${o.recordNo}`).join('、'), keep: `${keep.name} ${keep.recordNo}` }), () => {
      setBusy(true);
      setError(null);
      void (async () => {
        try {
          for (const o of others) await apiCall('patients.merge', { keepId: keep.id, mergeId: o.id, reason });
          setDone(true);
          // The card may go at once (the hub saw the merge): say it where it stays.
          notifications.show({ color: 'teal', message: t('reviews.pendingSync') });
          void queryClient.invalidateQueries();
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      })();
    });
  };

  return (
    <TaskFrame task={task} color="orange" title={t('reviews.duplicate.title', { idNumber: task.idNumber })} hint={open ? t('reviews.duplicate.hint') : undefined}>
      <Radio.Group value={keepId} onChange={setKeepId} aria-label={t('reviews.duplicate.keep')}>
        <SimpleGrid cols={{ base: 1, md: Math.min(task.patients.length, 3) }} spacing="sm">
          {task.patients.map((p) => (
            <PatientColumn key={p.id} p={p} others={task.patients.filter((o) => o.id !== p.id)} highlight={open && p.id === keepId} header={open && p.mergedInto === null ? (
              <Radio value={p.id} label={p.id === keepId ? t('reviews.duplicate.kept') : t('reviews.duplicate.keep')} data-testid="keep-radio" />
            ) : undefined} />
          ))}
        </SimpleGrid>
      </Radio.Group>
      {done && <Alert color="teal" variant="light" data-testid="merge-done">{t('reviews.pendingSync')}</Alert>}
      {open && may && (
        <Stack gap="xs">
          <Group align="flex-end">
            <TextInput label={t('reviews.duplicate.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required
              style={{ flex: 1 }} maxLength={200} error={fieldError(error, 'reason')} data-testid="merge-reason" />
            <Button color="orange" onClick={merge} loading={busy} disabled={keepId === null || reason.trim() === ''} data-testid="merge">
              {t('reviews.duplicate.merge')}
            </Button>
          </Group>
          <ErrorNote message={formError(error, ['reason'])} />
        </Stack>
      )}
      {open && !may && <Text size="sm" c="dimmed">{t('reviews.overbooked.receptionOnly')}</Text>}
    </TaskFrame>
  );
}

function total(p: DuplicateTask['patients'][number]): number {
  return Object.values(p.rows).reduce((a, b) => a + b, 0);
}
