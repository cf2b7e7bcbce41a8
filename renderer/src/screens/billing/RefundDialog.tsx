import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { money, yuanInput } from '../../ui/format';
import { newKey } from '../../ui/ids';
import { tryFen } from '../../ui/yuan';

/** Refund money on a bill, with the reason; it goes back the way it was paid. */
export function RefundDialog({ bill, onClose }: { bill: Output<'billing.get'>; onClose: () => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState(yuanInput(bill.refundableFen));
  const [reason, setReason] = useState('');
  const key = useMemo(() => newKey(), []);
  const refund = useApiMutation('billing.refund', {
    onSuccess: (r) => {
      notifications.show({ color: 'orange', message: t('billing.refund.done', { amount: money(r.refunds.reduce((s, x) => s + x.amountFen, 0)) }) });
      onClose();
    },
  });
  const fen = tryFen(amount);
  return (
    <Modal opened onClose={onClose} title={t('billing.refund.title')} centered data-testid="refund-dialog">
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
    </Modal>
  );
}
