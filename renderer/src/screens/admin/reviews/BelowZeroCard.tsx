/**
 * A batch that offline desks dispensed below zero (each took the last box): the batch, what the
 * system holds now, and the movements with desk and person. A pharmacist counts the shelf and
 * records an adjustment with a reason at the pharmacy; the task resolves once that reaches the hub.
 */
import { Alert, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../../ui/format';
import { TaskFrame } from './TaskFrame';
import type { BelowZeroTask } from './types';

export function BelowZeroCard({ task }: { task: BelowZeroTask }) {
  const { t } = useTranslation();
  const b = task.batch;
  const open = task.resolvedAt === null;
  return (
    <TaskFrame task={task} color="red" title={b ? t('reviews.belowZero.title', { drug: b.drugName, batch: b.batchNo }) : t('reviews.belowZero.gone')}
      hint={open ? t('reviews.belowZero.hint') : undefined}>
      {b && (
        <Group gap="xs">
          <Text size="sm">{b.spec}</Text>
          <Badge color={b.onHand < 0 ? 'red' : 'teal'} variant="light" data-testid="below-zero-on-hand">{t('reviews.belowZero.onHand', { n: b.onHand, unit: b.unit })}</Badge>
        </Group>
      )}
      <Table striped data-testid="below-zero-moves">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('reviews.dispensed.kind')}</Table.Th><Table.Th>{t('reviews.dispensed.quantity')}</Table.Th>
          <Table.Th>{t('reviews.belowZero.rx')}</Table.Th><Table.Th>{t('reviews.dispensed.by')}</Table.Th>
          <Table.Th>{t('reviews.dispensed.desk')}</Table.Th><Table.Th>{t('reviews.dispensed.at')}</Table.Th>
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {task.movements.map((m) => (
            <Table.Tr key={m.id} data-testid="move-row">
              <Table.Td>{t(`reviews.belowZero.kinds.${m.kind}`, { defaultValue: m.kind })}</Table.Td>
              <Table.Td className="tabular">{m.quantity > 0 ? `+${m.quantity}` : m.quantity}</Table.Td>
              <Table.Td>{m.rxNo ? `${m.rxNo} ${m.patientName ?? ''}` : (m.reason ?? t('admin.common.none'))}</Table.Td>
              <Table.Td>{m.byName}</Table.Td>
              <Table.Td ff="monospace">{m.device ?? t('admin.common.none')}</Table.Td>
              <Table.Td className="tabular">{dateTime(m.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && <Alert color="red" variant="light" data-testid="below-zero-howto">{t('reviews.belowZero.howto')}</Alert>}
    </TaskFrame>
  );
}
