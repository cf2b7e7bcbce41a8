/**
 * A prescription dispensed at two pharmacy desks while offline: each line prescribed and handed
 * over, every dispense and return with the desk and the pharmacist, and what to do. Only a
 * pharmacist records a return (at the pharmacy), so this card gives the instruction; when the
 * extra cannot come back, an administrator marks the task handled with a note.
 */
import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/query';
import { hasRole, useSession } from '../../../state/session';
import { dateTime } from '../../../ui/format';
import { ReasonDialog } from '../../../ui/ReasonDialog';
import { TaskFrame } from './TaskFrame';
import type { DoubleDispenseTask } from './types';

export function DoubleDispenseCard({ task }: { task: DoubleDispenseTask }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [marking, setMarking] = useState(false);
  const [done, setDone] = useState(false);
  const resolve = useApiMutation('reviews.resolve', { onSuccess: () => { setMarking(false); setDone(true); } });
  const open = task.resolvedAt === null && !done;
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
      {open && hasRole(me, 'admin') && (
        <Group><Button variant="light" color="pink" onClick={() => setMarking(true)} data-testid="mark-handled">{t('reviews.dispensed.markHandled')}</Button></Group>
      )}
      {task.handled && (
        <Text size="sm" c="dimmed" data-testid="dispensed-handled">
          {t('reviews.dispensed.handledBy', { name: task.handled.byName, time: dateTime(task.handled.at), note: task.handled.note })}
        </Text>
      )}
      {done && <Text size="sm" c="teal" data-testid="dispensed-done">{t('reviews.dispensed.markedDone')}</Text>}
      <ReasonDialog opened={marking} onClose={() => setMarking(false)} busy={resolve.isPending} error={resolve.error}
        title={t('reviews.dispensed.markTitle')} label={t('reviews.dispensed.markNote')} submit={t('reviews.dispensed.markSubmit')}
        onSubmit={(note) => resolve.mutate({ key: task.key, note })} />
    </TaskFrame>
  );
}
