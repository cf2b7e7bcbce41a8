/**
 * One visit's medical record written at two desks while offline: the record as merged (each field
 * the latest edit from either desk) beside each desk's own version, so the doctor can check the
 * merged text; a doctor or administrator marks it checked with a note (later edits are amendments
 * or edits at a desk as usual).
 */
import { Alert, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../../ui/format';
import { MarkHandled } from './MarkHandled';
import { TaskFrame } from './TaskFrame';
import type { TwoDesksTask } from './types';

const FIELDS = ['complaint', 'presentIllness', 'pastHistory', 'findings', 'plan'] as const;

export function TwoDesksCard({ task }: { task: TwoDesksTask }) {
  const { t } = useTranslation();
  const open = task.resolvedAt === null;
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
      <MarkHandled task={task} handled={task.handled} color="grape" testPrefix="two-desks" text={{
        button: t('reviews.twoDesks.markChecked'), title: t('reviews.twoDesks.markTitle'), note: t('reviews.dispensed.markNote'),
        submit: t('reviews.dispensed.markSubmit'), done: t('reviews.dispensed.markedDone'),
        handledBy: (h) => t('reviews.dispensed.handledBy', { name: h.byName, time: dateTime(h.at), note: h.note }),
      }} />
    </TaskFrame>
  );
}
