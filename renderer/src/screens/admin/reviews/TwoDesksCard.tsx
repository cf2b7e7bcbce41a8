/**
 * One visit's medical record written at two desks while offline: the record as merged (each field
 * the latest edit from either desk) beside each desk's own version, so the doctor can check the
 * merged text; a doctor or administrator marks it checked with a note (later edits are amendments
 * or edits at a desk as usual).
 */
import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/query';
import { hasRole, useSession } from '../../../state/session';
import { dateTime } from '../../../ui/format';
import { ReasonDialog } from '../../../ui/ReasonDialog';
import { TaskFrame } from './TaskFrame';
import type { TwoDesksTask } from './types';

const FIELDS = ['complaint', 'presentIllness', 'pastHistory', 'findings', 'plan'] as const;

export function TwoDesksCard({ task }: { task: TwoDesksTask }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [marking, setMarking] = useState(false);
  const [done, setDone] = useState(false);
  const resolve = useApiMutation('reviews.resolve', { onSuccess: () => { setMarking(false); setDone(true); } });
  const open = task.resolvedAt === null && !done;
  const r = task.record;
  return (
    <TaskFrame task={task} color="grape" title={r ? t('reviews.twoDesks.title', { name: r.patientName, recordNo: r.recordNo, doctor: r.doctorName }) : t('reviews.twoDesks.gone')}
      hint={open ? t('reviews.twoDesks.hint', { desks: task.sides.map((s) => s.device).join(', ') }) : undefined}>
      <Table striped withColumnBorders data-testid="two-desks-fields">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('reviews.twoDesks.field')}</Table.Th>
          <Table.Th>{t('reviews.twoDesks.merged')}</Table.Th>
          {task.sides.map((s) => <Table.Th key={s.device}>{t('reviews.twoDesks.desk', { device: s.device })}</Table.Th>)}
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {FIELDS.map((f) => (
            <Table.Tr key={f} data-testid="two-desks-row">
              <Table.Td>{t(`reviews.twoDesks.fields.${f}`)}</Table.Td>
              <Table.Td fw={500}>{r?.[f] || t('admin.common.none')}</Table.Td>
              {task.sides.map((s) => (
                <Table.Td key={s.device} c={r && s[f] !== r[f] ? 'red' : undefined}>{s[f] || t('admin.common.none')}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && <Alert color="grape" variant="light" data-testid="two-desks-howto">{t('reviews.twoDesks.howto')}</Alert>}
      {open && hasRole(me, 'admin') && (
        <Group><Button variant="light" color="grape" onClick={() => setMarking(true)} data-testid="mark-handled">{t('reviews.twoDesks.markChecked')}</Button></Group>
      )}
      {task.handled && (
        <Text size="sm" c="dimmed" data-testid="two-desks-handled">
          {t('reviews.dispensed.handledBy', { name: task.handled.byName, time: dateTime(task.handled.at), note: task.handled.note })}
        </Text>
      )}
      {done && <Text size="sm" c="teal">{t('reviews.dispensed.markedDone')}</Text>}
      <ReasonDialog opened={marking} onClose={() => setMarking(false)} busy={resolve.isPending} error={resolve.error}
        title={t('reviews.twoDesks.markTitle')} label={t('reviews.dispensed.markNote')} submit={t('reviews.dispensed.markSubmit')}
        onSubmit={(note) => resolve.mutate({ key: task.key, note })} />
    </TaskFrame>
  );
}
