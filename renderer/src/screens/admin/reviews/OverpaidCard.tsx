/**
 * A bill paid at two cash desks while offline: the bill, every payment with the desk and the
 * cashier that took it, the refunds so far, and what to do: refund the extra at a cash desk.
 * Only a cashier may refund; anyone else sees the instruction (which receipts, how much).
 */
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/query';
import { hasRole, useSession } from '../../../state/session';
import { ErrorNote } from '../../../ui/ErrorNote';
import { dateTime, money } from '../../../ui/format';
import { newKey } from '../../../ui/ids';
import { TaskFrame } from './TaskFrame';
import type { OverpaidTask } from './types';
import { useBuiltInKind } from '../../../ui/dictionary';

export function OverpaidCard({ task }: { task: OverpaidTask }) {
  const { t } = useTranslation();
  const methods = useBuiltInKind('payment_method');
  const me = useSession((s) => s.me);
  const cashier = hasRole(me, 'cashier');
  const open = task.resolvedAt === null;
  const key = useMemo(() => newKey(), []);
  const [done, setDone] = useState(false);
  const refund = useApiMutation('billing.refund', { onSuccess: () => setDone(true) });
  const b = task.bill;
  return (
    <TaskFrame task={task} color="orange" title={b ? t('reviews.overpaid.title', { name: b.patientName, recordNo: b.recordNo }) : t('reviews.overpaid.billGone')}
      hint={open ? t('reviews.overpaid.hint') : undefined}>
      {b && (
        <Group gap="xs">
          <Badge color={b.overFen > 0 ? 'orange' : 'teal'} variant="light" size="lg" data-testid="overpaid-sum">
            {t('reviews.overpaid.sum', { total: money(b.totalFen), paid: money(b.paidFen), over: money(b.overFen) })}
          </Badge>
          <Text size="sm" c="dimmed">{t(`enums.billStatus.${b.status}`)}</Text>
        </Group>
      )}
      <Table striped data-testid="overpaid-payments">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('reviews.overpaid.receipt')}</Table.Th><Table.Th>{t('reviews.overpaid.method')}</Table.Th>
          <Table.Th>{t('reviews.overpaid.amount')}</Table.Th><Table.Th>{t('reviews.overpaid.refunded')}</Table.Th>
          <Table.Th>{t('reviews.overpaid.cashier')}</Table.Th><Table.Th>{t('reviews.overpaid.desk')}</Table.Th><Table.Th>{t('reviews.overpaid.at')}</Table.Th>
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {task.payments.map((p) => (
            <Table.Tr key={p.id} data-testid="payment-row">
              <Table.Td ff="monospace">{p.receiptNo}</Table.Td>
              <Table.Td>{methods.name(p.method)}</Table.Td>
              <Table.Td className="tabular">{money(p.amountFen)}</Table.Td>
              <Table.Td className="tabular">{p.refundedFen > 0 ? money(p.refundedFen) : t('admin.common.none')}</Table.Td>
              <Table.Td>{p.cashierName}</Table.Td>
              <Table.Td ff="monospace">{p.device}</Table.Td>
              <Table.Td className="tabular">{dateTime(p.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {task.refunds.length > 0 && (
        <Stack gap={2} data-testid="overpaid-refunds">
          {task.refunds.map((r) => (
            <Text key={r.id} size="sm">{t('reviews.overpaid.refundLine', {
              no: r.refundNo, amount: money(r.amountFen), reason: r.reason, cashier: r.cashierName, device: r.device, time: dateTime(r.createdAt),
            })}</Text>
          ))}
        </Stack>
      )}
      {open && b && b.overFen > 0 && (cashier
        ? (
          <Stack gap="xs">
            <Group>
              <Button color="orange" loading={refund.isPending} disabled={done} data-testid="refund-extra"
                onClick={() => refund.mutate({ billId: b.id, amountFen: b.overFen, reason: t('reviews.overpaid.refundReason'), idempotencyKey: key })}>
                {t('reviews.overpaid.refund', { amount: money(b.overFen) })}
              </Button>
            </Group>
            <ErrorNote error={refund.error} />
          </Stack>
        )
        : <Alert color="orange" variant="light" data-testid="overpaid-howto">{t('reviews.overpaid.howto', { amount: money(b.overFen) })}</Alert>)}
      {done && <Text size="sm" c="teal" data-testid="overpaid-done">{t('reviews.pendingSync')}</Text>}
    </TaskFrame>
  );
}
