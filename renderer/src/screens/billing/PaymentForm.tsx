import { Button, Group, NumberFormatter, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, type Output, type PaymentMethod } from '../../../../main/api/contract';
import { useApiMutation } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { money, yuanInput } from '../../ui/format';
import { newKey } from '../../ui/ids';
import { tryChange, tryFen } from '../../ui/yuan';

type Bill = Output<'billing.get'>;
export type Paid = Output<'billing.pay'>;

function dueFor(bill: Bill, method: PaymentMethod): number {
  const part = method === 'insurance' ? bill.insuranceFen - bill.insurancePaidFen : bill.selfPayFen - bill.selfPaidFen;
  return Math.max(0, Math.min(part, bill.dueFen));
}

/** Take one payment on a bill: method, amount, cash handed over and the change, or a reference. */
export function PaymentForm({ bill, onPaid, methods = PAYMENT_METHODS }: { bill: Bill; onPaid: (p: Paid) => void; methods?: readonly PaymentMethod[] }) {
  const { t } = useTranslation();
  const insuranceDue = bill.insuranceFen - bill.insurancePaidFen;
  const [method, setMethod] = useState<PaymentMethod>(insuranceDue > 0 && methods.includes('insurance') ? 'insurance' : 'cash');
  const [amount, setAmount] = useState(() => yuanInput(dueFor(bill, method)));
  const [tendered, setTendered] = useState('');
  const [reference, setReference] = useState('');
  const key = useMemo(() => newKey(), [bill.id, bill.dueFen]);
  const pay = useApiMutation('billing.pay', {
    onSuccess: (p) => {
      const change = p.payment.changeFen ? ` · ${t('payment.changeDue', { amount: money(p.payment.changeFen) })}` : '';
      notifications.show({ color: 'teal', message: t('payment.done', { amount: money(p.payment.amountFen), receiptNo: p.payment.receiptNo }) + change });
      onPaid(p);
    },
  });
  const amountFen = tryFen(amount);
  const change = method === 'cash' && tendered && amountFen !== null ? tryChange(tendered, amountFen) : null;
  const chooseMethod = (m: PaymentMethod) => { setMethod(m); setAmount(yuanInput(dueFor(bill, m))); };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const tenderedFen = method === 'cash' && tendered ? tryFen(tendered) : null;
    pay.mutate({
      billId: bill.id, method, amountFen: amountFen ?? -1, idempotencyKey: key,
      ...(tenderedFen !== null ? { tenderedFen } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    });
  };
  const err = pay.error;

  return (
    <Stack gap="sm" component="form" onSubmit={submit} data-testid="payment-form">
      <SimpleGrid cols={4} spacing="xs">
        <div><Text size="xs" c="dimmed">{t('payment.total')}</Text><Text className="tabular">{money(bill.totalFen)}</Text></div>
        <div><Text size="xs" c="dimmed">{t('payment.insurance')}</Text><Text className="tabular">{money(bill.insuranceFen)}</Text></div>
        <div><Text size="xs" c="dimmed">{t('payment.paid')}</Text><Text className="tabular">{money(bill.paidFen)}</Text></div>
        <div><Text size="xs" c="dimmed">{t('payment.due')}</Text><Text fw={700} size="lg" className="tabular" data-testid="due">{money(bill.dueFen)}</Text></div>
      </SimpleGrid>
      <SegmentedControl value={method} onChange={(v) => chooseMethod(v as PaymentMethod)} data-testid="payment-method"
        data={methods.map((m) => ({ value: m, label: t(`enums.payment.${m}`) }))} />
      <Group grow align="flex-start">
        <TextInput label={t('payment.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal"
          error={fieldError(err, 'amountFen') ?? (amount && amountFen === null ? t('errors.INVALID_MONEY') : undefined)} name="amount" />
        {method === 'cash' ? (
          <TextInput label={t('payment.tendered')} value={tendered} onChange={(e) => setTendered(e.currentTarget.value)} inputMode="decimal"
            error={fieldError(err, 'tenderedFen')} name="tendered" />
        ) : (
          <TextInput label={t('payment.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)}
            description={method === 'qr' ? t('payment.referenceHint') : undefined} error={fieldError(err, 'reference')} name="reference" />
        )}
      </Group>
      {change !== null && (
        <Text size="xl" fw={700} c="teal" data-testid="change-due">
          {t('payment.change')} <NumberFormatter value={change / 100} prefix="¥" decimalScale={2} fixedDecimalScale thousandSeparator />
        </Text>
      )}
      <ErrorNote message={formError(err, ['amountFen', 'tenderedFen', 'reference'])} />
      <Group justify="flex-end">
        <Button type="submit" loading={pay.isPending} disabled={amountFen === null || amountFen <= 0}>{t('payment.submit')}</Button>
      </Group>
    </Stack>
  );
}
