/**
 * A prescription dispensed at two pharmacy desks while offline: each line prescribed and handed
 * over, every dispense and return with the desk and the pharmacist, and what to do. Only a
 * pharmacist records a return (at the pharmacy), so this card gives the instruction; when the
 * extra cannot come back, an administrator marks the task handled with a note.
 */
import { Alert, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../../ui/format';
import { MarkHandled } from './MarkHandled';
import { TaskFrame } from './TaskFrame';
import type { DoubleDispenseTask } from './types';

export function DoubleDispenseCard({ task }: { task: DoubleDispenseTask }) {
  const { t } = useTranslation();
  const open = task.resolvedAt === null;
  const rx = task.prescription;
  const drugOf = new Map(task.lines.map((l) => [l.itemId, l.drugName]));
  return (
    <TaskFrame task={task} color="pink" title={rx ? t('reviews.dispensed.title', { name: rx.patientName, recordNo: rx.recordNo, rxNo: rx.rxNo }) : t('reviews.dispensed.rxGone')}
      hint={open ? t('reviews.dispensed.hint') : undefined}>
      <Table striped data-testid="dispensed-lines">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('reviews.dispensed.drug')}</Table.Th><Table.Th>{t('reviews.dispensed.prescribed')}</Table.Th>
          <Table.Th>{t('reviews.dispensed.handed')}</Table.Th><Table.Th>{t('reviews.dispensed.extra')}</Table.Th>
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {task.lines.map((l) => (
            <Table.Tr key={l.itemId} data-testid="line-row">
              <Table.Td>{l.drugName} <Text span size="xs" c="dimmed">{l.spec}</Text></Table.Td>
              <Table.Td className="tabular">{l.prescribed} {l.unit}</Table.Td>
              <Table.Td className="tabular">{l.dispensed} {l.unit}</Table.Td>
              <Table.Td className="tabular" c={l.dispensed > l.prescribed ? 'red' : undefined}>
                {l.dispensed > l.prescribed ? `${l.dispensed - l.prescribed} ${l.unit}` : t('admin.common.none')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table striped data-testid="dispensed-moves">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('reviews.dispensed.kind')}</Table.Th><Table.Th>{t('reviews.dispensed.drug')}</Table.Th>
          <Table.Th>{t('reviews.dispensed.batch')}</Table.Th><Table.Th>{t('reviews.dispensed.quantity')}</Table.Th>
          <Table.Th>{t('reviews.dispensed.by')}</Table.Th><Table.Th>{t('reviews.dispensed.desk')}</Table.Th><Table.Th>{t('reviews.dispensed.at')}</Table.Th>
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {task.movements.map((m) => (
            <Table.Tr key={m.id} data-testid="move-row">
              <Table.Td>{t(`reviews.dispensed.${m.kind}`)}</Table.Td>
              <Table.Td>{drugOf.get(m.itemId) ?? ''}</Table.Td>
              <Table.Td ff="monospace">{m.batchNo}</Table.Td>
              <Table.Td className="tabular">{Math.abs(m.quantity)}</Table.Td>
              <Table.Td>{m.byName}</Table.Td>
              <Table.Td ff="monospace">{m.device ?? t('admin.common.none')}</Table.Td>
              <Table.Td className="tabular">{dateTime(m.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && <Alert color="pink" variant="light" data-testid="dispensed-howto">{t('reviews.dispensed.howto')}</Alert>}
      <MarkHandled task={task} handled={task.handled} color="pink" testPrefix="dispensed" text={{
        button: t('reviews.dispensed.markHandled'), title: t('reviews.dispensed.markTitle'), note: t('reviews.dispensed.markNote'),
        submit: t('reviews.dispensed.markSubmit'), done: t('reviews.dispensed.markedDone'),
        handledBy: (h) => t('reviews.dispensed.handledBy', { name: h.byName, time: dateTime(h.at), note: h.note }),
      }} />
    </TaskFrame>
  );
}
