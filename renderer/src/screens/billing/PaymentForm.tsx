import { Button, Group, NumberFormatter, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output, PaymentMethod } from '../../../../main/api/contract';
import { useApiMutation } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { usePaymentMethods } from '../../ui/dictionary';
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

/**
 * Take one payment on a bill: method, amount, cash handed over and the change, or a reference. The
 * methods are the data dictionary's (ui/dictionary.ts usePaymentMethods): a clinic's own method is
 * taken like card.
 */
export function PaymentForm({ bill, onPaid }: { bill: Bill; onPaid: (p: Paid) => void }) {
  const { t } = useTranslation();
  const offered = usePaymentMethods();
  const methods = offered.choices.map((c) => c.value);
  const insuranceDue = bill.insuranceFen - bill.insurancePaidFen;
  const [method, setMethod] = useState<PaymentMethod>(insuranceDue > 0 ? 'insurance' : 'cash');
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
  // A second method taken at once (card + cash): one payment, one receipt (billing.payParts).
  const [second, setSecond] = useState<{ method: PaymentMethod; amount: string; reference: string } | null>(null);
  const payParts = useApiMutation('billing.payParts', {
    onSuccess: (p) => {
      notifications.show({ color: 'teal', message: t('payment.done', { amount: money(p.payments.reduce((x, y) => x + y.amountFen, 0)), receiptNo: p.receiptNo }) });
      onPaid({ payment: p.payments[0]!, bill: p.bill, visit: p.visit, replayed: p.replayed });
    },
  });
  const amountFen = tryFen(amount);
  const secondFen = second ? tryFen(second.amount) : null;
  const addSecond = () => {
    const other = methods.find((m) => m !== method && m !== 'insurance' && (method !== 'insurance')) ?? methods.find((m) => m !== method) ?? 'cash';
    setSecond({ method: other, amount: yuanInput(Math.max(0, dueFor(bill, other) - (method === 'insurance' ? 0 : amountFen ?? 0))), reference: '' });
  };
  const change = method === 'cash' && tendered && amountFen !== null ? tryChange(tendered, amountFen) : null;
  const chooseMethod = (m: PaymentMethod) => { setMethod(m); setAmount(yuanInput(dueFor(bill, m))); };
  // The method first chosen (insurance, else cash) may be stopped or switched off here: then the first offered.
  const firstOffered = methods[0];
  const offeredHere = methods.includes(method);
  useEffect(() => {
    if (offered.loaded && !offeredHere && firstOffered !== undefined) chooseMethod(firstOffered);
  }, [offered.loaded, offeredHere, firstOffered]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const tenderedFen = method === 'cash' && tendered ? tryFen(tendered) : null;
    if (second) {
      payParts.mutate({
        billId: bill.id, idempotencyKey: key, parts: [
          { method, amountFen: amountFen ?? -1, ...(tenderedFen !== null ? { tenderedFen } : {}), ...(reference.trim() ? { reference: reference.trim() } : {}) },
          { method: second.method, amountFen: secondFen ?? -1, ...(second.reference.trim() ? { reference: second.reference.trim() } : {}) },
        ],
      });
      return;
    }
    pay.mutate({
      billId: bill.id, method, amountFen: amountFen ?? -1, idempotencyKey: key,
      ...(tenderedFen !== null ? { tenderedFen } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    });
  };
  const err = pay.error ?? payParts.error;

  return (
    <Stack gap="sm" component="form" onSubmit={submit} data-testid="payment-form">
      <SimpleGrid cols={4} spacing="xs">
        <div><Text size="xs" c="dimmed">{t('payment.total')}</Text><Text className="tabular">{money(bill.totalFen)}</Text></div>
        <div><Text size="xs" c="dimmed">{t('payment.insurance')}</Text><Text className="tabular">{money(bill.insuranceFen)}</Text></div>
        <div><Text size="xs" c="dimmed">{t('payment.paid')}</Text><Text className="tabular">{money(bill.paidFen)}</Text></div>
        <div><Text size="xs" c="dimmed">{t('payment.due')}</Text><Text fw={700} size="lg" className="tabular" data-testid="due">{money(bill.dueFen)}</Text></div>
      </SimpleGrid>
      <SegmentedControl value={method} onChange={(v) => chooseMethod(v as PaymentMethod)} data-testid="payment-method"
        data={offered.choices} />
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
      {second ? (
        <Group grow align="flex-end" data-testid="second-method">
          <Select label={t('payment.secondMethod')} value={second.method} allowDeselect={false} name="secondMethod"
            data={offered.choices.filter((c) => c.value !== method)}
            onChange={(v) => v && setSecond({ ...second, method: v as PaymentMethod })} />
          <TextInput label={t('payment.amount')} value={second.amount} onChange={(e) => setSecond({ ...second, amount: e.currentTarget.value })} inputMode="decimal"
            name="secondAmount" error={fieldError(err, 'parts.1.amountFen')} />
          {second.method !== 'cash' && (
            <TextInput label={t('payment.reference')} value={second.reference} onChange={(e) => setSecond({ ...second, reference: e.currentTarget.value })}
              name="secondReference" error={fieldError(err, 'parts.1.reference')} />
          )}
          <Button variant="subtle" color="gray" onClick={() => setSecond(null)}>{t('payment.removeMethod')}</Button>
        </Group>
      ) : (
        <Group><Button variant="subtle" size="xs" onClick={addSecond} data-testid="add-method">{t('payment.addMethod')}</Button></Group>
      )}
      <ErrorNote message={formError(err, ['amountFen', 'tenderedFen', 'reference', 'parts.0.amountFen', 'parts.1.amountFen', 'parts.1.reference'])} />
      <Group justify="flex-end">
        <Button type="submit" loading={pay.isPending || payParts.isPending}
          disabled={amountFen === null || amountFen <= 0 || (second !== null && (secondFen === null || secondFen <= 0))}>{t('payment.submit')}</Button>
      </Group>
    </Stack>
  );
}
