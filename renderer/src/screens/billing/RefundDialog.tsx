import { Button, Group, Modal, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../../main/api/contract';
import { ApiError } from '../../api/client';
import { apiCall, queryClient } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { money, yuanInput } from '../../ui/format';
import { newKey } from '../../ui/ids';
import { tryFen } from '../../ui/yuan';

type Bill = Output<'billing.get'>;
type Item = Bill['items'][number];

/** What `n` more units of a line are worth (the station's rule: cumulative rounding, so the last unit takes the remainder). */
function worth(item: Item, n: number): number {
  const at = (k: number) => Math.floor((item.amountFen * k) / item.quantity);
  return at(item.refundedQuantity + n) - at(item.refundedQuantity);
}

/**
 * billing.refund at this desk; money paid online (the desk answers CONFLICT 'refund_online') goes
 * back through the gateway instead, at the hub (billing.refundOnline, the same request and key).
 */
function useRefund(onClose: () => void) {
  const { t } = useTranslation();
  return useMutation<{ out: Output<'billing.refund'>; online: boolean }, ApiError, Input<'billing.refund'>>({
    mutationFn: async (input) => {
      try {
        return { out: await apiCall('billing.refund', input), online: false };
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'CONFLICT' || err.details?.['reason'] !== 'refund_online') throw err;
        return { out: await apiCall('billing.refundOnline', input), online: true };
      }
    },
    onSuccess: ({ out, online }) => {
      void queryClient.invalidateQueries();
      const amount = money(out.refunds.reduce((s, x) => s + x.amountFen, 0));
      notifications.show({ color: 'orange', message: t(online ? 'billing.refund.doneOnline' : 'billing.refund.done', { amount }) });
      onClose();
    },
  });
}

/** A paid bill is refunded by line: how many of each item, with the reason; the money goes back the way it was paid. */
function LineRefund({ bill, onClose }: { bill: Bill; onClose: () => void }) {
  const { t } = useTranslation();
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const key = useMemo(() => newKey(), []);
  const refund = useRefund(onClose);
  const open = bill.items.filter((i) => i.quantity > i.refundedQuantity);
  const lines = open.filter((i) => (qty[i.id] ?? 0) > 0).map((i) => ({ itemId: i.id, quantity: qty[i.id]! }));
  const total = open.reduce((s, i) => s + worth(i, qty[i.id] ?? 0), 0);
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('billing.refund.byLine')}</Text>
      {open.length === 0 ? <Text>{t('billing.refund.nothingLeft')}</Text> : (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.visit.item')}</Table.Th><Table.Th>{t('billing.refund.paidQty')}</Table.Th><Table.Th>{t('billing.refund.refundedQty')}</Table.Th>
              <Table.Th>{t('billing.refund.refundQty')}</Table.Th><Table.Th>{t('billing.refund.lineAmount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {open.map((i) => (
              <Table.Tr key={i.id} data-testid="refund-line">
                <Table.Td><Text size="sm">{i.description}</Text></Table.Td>
                <Table.Td className="tabular"><Text size="sm">{i.quantity}</Text></Table.Td>
                <Table.Td className="tabular"><Text size="sm">{i.refundedQuantity}</Text></Table.Td>
                <Table.Td>
                  <NumberInput size="xs" w={90} min={0} max={i.quantity - i.refundedQuantity} allowDecimal={false} allowNegative={false} name="quantity"
                    aria-label={`${t('billing.refund.refundQty')} ${i.description}`} value={qty[i.id] ?? 0}
                    onChange={(v) => setQty((q) => ({ ...q, [i.id]: Math.min(i.quantity - i.refundedQuantity, Math.max(0, Number(v) || 0)) }))} />
                </Table.Td>
                <Table.Td className="tabular"><Text size="sm">{money(worth(i, qty[i.id] ?? 0))}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text fw={700} className="tabular" data-testid="refund-total">{t('billing.refund.total', { amount: money(total) })}</Text>
      <TextInput label={t('billing.refund.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required name="reason"
        error={fieldError(refund.error, 'reason')} />
      <ErrorNote message={formError(refund.error, ['reason'])} />
      <Group justify="flex-end">
        <Button color="red" disabled={lines.length === 0 || !reason.trim()} loading={refund.isPending}
          onClick={() => refund.mutate({ billId: bill.id, lines, reason, idempotencyKey: key })}>{t('billing.refund.submit')}</Button>
      </Group>
    </Stack>
  );
}

/** Money on an open bill (a part payment) goes back by amount. */
function AmountRefund({ bill, onClose }: { bill: Bill; onClose: () => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState(yuanInput(bill.refundableFen));
  const [reason, setReason] = useState('');
  const key = useMemo(() => newKey(), []);
  const refund = useRefund(onClose);
  const fen = tryFen(amount);
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('billing.refund.refundable', { amount: money(bill.refundableFen) })}</Text>
      <TextInput label={t('billing.refund.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" name="amount"
        error={fieldError(refund.error, 'amountFen') ?? (amount && fen === null ? t('errors.INVALID_MONEY') : undefined)} />
      <TextInput label={t('billing.refund.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required name="reason"
        error={fieldError(refund.error, 'reason')} />
      <ErrorNote message={formError(refund.error, ['amountFen', 'reason'])} />
      <Group justify="flex-end">
        <Button color="red" disabled={fen === null || fen <= 0} loading={refund.isPending}
          onClick={() => fen !== null && refund.mutate({ billId: bill.id, amountFen: fen, reason, idempotencyKey: key })}>{t('billing.refund.submit')}</Button>
      </Group>
    </Stack>
  );
}

/** Refund on a bill, with the reason: by line on a paid bill, by amount on an open one. */
export function RefundDialog({ bill, onClose }: { bill: Bill; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('billing.refund.title')} centered size={bill.status === 'paid' ? 'xl' : 'md'} data-testid="refund-dialog">
      {bill.status === 'paid' ? <LineRefund bill={bill} onClose={onClose} /> : <AmountRefund bill={bill} onClose={onClose} />}
    </Modal>
  );
}
