/**
 * A change a desk pushed that the hub refused (main/hub/push-policy.ts): which desk, which table
 * and row, and why. Nothing of it reached the hub; the desk keeps it set aside. A person looks at
 * the desk (a wrong clock, tampering) and an administrator marks the task handled with a note.
 */
import { Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncErrorCode } from '../../../../../main/api/contract';
import { useApiMutation } from '../../../api/query';
import { SYNC_REFUSAL_TEXT_CODES } from '../../../i18n/areas/common';
import { hasRole, useSession } from '../../../state/session';
import { dateTime } from '../../../ui/format';
import { ReasonDialog } from '../../../ui/ReasonDialog';
import { TaskFrame } from './TaskFrame';
import type { RefusedChangeTask } from './types';

export function RefusedChangeCard({ task }: { task: RefusedChangeTask }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [marking, setMarking] = useState(false);
  const [done, setDone] = useState(false);
  const resolve = useApiMutation('reviews.resolve', { onSuccess: () => { setMarking(false); setDone(true); } });
  const open = task.resolvedAt === null && !done;
  const why = SYNC_REFUSAL_TEXT_CODES.has(task.code) ? t(`shell.sync.why.${task.code as SyncErrorCode}`) : task.code;
  return (
    <TaskFrame task={task} color="red" title={t('reviews.refused.title', { device: task.device, table: task.table })} hint={open ? t('reviews.refused.hint') : undefined}>
      <Table data-testid="refused-change">
        <Table.Tbody>
          <Table.Tr><Table.Th>{t('reviews.refused.why')}</Table.Th><Table.Td data-code={task.code}>{why}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('reviews.refused.detail')}</Table.Th><Table.Td><Text size="sm" ff="monospace">{task.reason}</Text></Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('reviews.refused.row')}</Table.Th><Table.Td ff="monospace">{task.table} {task.rowId} ({task.op})</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('reviews.refused.change')}</Table.Th><Table.Td ff="monospace">{task.changeId}</Table.Td></Table.Tr>
        </Table.Tbody>
      </Table>
      {open && hasRole(me, 'admin') && (
        <Group><Button variant="light" color="red" onClick={() => setMarking(true)} data-testid="mark-handled">{t('reviews.refused.markHandled')}</Button></Group>
      )}
      {task.handled && (
        <Text size="sm" c="dimmed" data-testid="refused-handled">
          {t('reviews.refused.handledBy', { name: task.handled.byName, time: dateTime(task.handled.at), note: task.handled.note })}
        </Text>
      )}
      <ReasonDialog opened={marking} onClose={() => setMarking(false)} busy={resolve.isPending} error={resolve.error}
        title={t('reviews.refused.markHandled')} label={t('reviews.refused.markNote')} submit={t('reviews.refused.markHandled')}
        onSubmit={(note) => resolve.mutate({ key: task.key, note })} />
    </TaskFrame>
  );
}
