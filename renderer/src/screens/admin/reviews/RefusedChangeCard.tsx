/**
 * A change a desk pushed that the hub refused (main/hub/push-policy.ts): which desk, which table
 * and row, and why. Nothing of it reached the hub; the desk keeps it set aside. A person looks at
 * the desk (a wrong clock, tampering) and an administrator marks the task handled with a note.
 */
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncErrorCode } from '../../../../../main/api/contract';
import { SYNC_REFUSAL_TEXT_CODES } from '../../../i18n/areas/common';
import { dateTime } from '../../../ui/format';
import { MarkHandled } from './MarkHandled';
import { TaskFrame } from './TaskFrame';
import type { RefusedChangeTask } from './types';

export function RefusedChangeCard({ task }: { task: RefusedChangeTask }) {
  const { t } = useTranslation();
  const open = task.resolvedAt === null;
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
      <MarkHandled task={task} handled={task.handled} color="red" testPrefix="refused" text={{
        button: t('reviews.refused.markHandled'), title: t('reviews.refused.markHandled'), note: t('reviews.refused.markNote'),
        submit: t('reviews.refused.markHandled'), done: t('reviews.dispensed.markedDone'),
        handledBy: (h) => t('reviews.refused.handledBy', { name: h.byName, time: dateTime(h.at), note: h.note }),
      }} />
    </TaskFrame>
  );
}
