import { Badge, Button, Divider, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { PrintButton } from '../../print/PrintButton';
import { usePrintSettings } from '../../print/settings';
import { useBuiltInKind } from '../../ui/dictionary';
import { time, money } from '../../ui/format';
import { PaymentForm } from './PaymentForm';
import { RefundDialog } from './RefundDialog';

type Bill = Output<'billing.get'>;

const COLOR: Record<Bill['status'], string> = { open: 'orange', paid: 'teal', refunded: 'gray', void: 'gray' };

/** One bill: its items with the insurance part, payments and refunds, and what can be done now. */
export function BillCard({ bill, canPay, canRefund }: { bill: Bill; canPay: boolean; canRefund: boolean }) {
  const { t } = useTranslation();
  const methods = useBuiltInKind('payment_method');
  const [refunding, setRefunding] = useState(false);
  const paper = usePrintSettings((x) => x.receiptPaper);
  return (
    <Paper withBorder p="sm" data-testid="bill">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={6}>
            <Text fw={700}>{t(`enums.billKind.${bill.kind}`)}</Text>
            <Badge color={COLOR[bill.status]} variant="light">{t(`enums.billStatus.${bill.status}`)}</Badge>
          </Group>
          <Text size="sm" className="tabular">{t('payment.total')} {money(bill.totalFen)} · {t('payment.insurance')} {money(bill.insuranceFen)} · {t('payment.selfPay')} {money(bill.selfPayFen)}</Text>
        </Group>
        <Table verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('billing.visit.item')}</Table.Th><Table.Th>{t('billing.visit.qty')}</Table.Th><Table.Th>{t('billing.visit.amount')}</Table.Th><Table.Th>{t('billing.visit.insurance')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bill.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td><Text size="sm">{i.description}</Text></Table.Td>
                <Table.Td className="tabular">
                  <Text size="sm">{i.quantity}{i.refundedQuantity > 0 && <Text span size="xs" c="red.8"> −{i.refundedQuantity}</Text>}</Text>
                </Table.Td>
                <Table.Td className="tabular"><Text size="sm">{money(i.amountFen)}</Text></Table.Td>
                <Table.Td className="tabular"><Text size="sm">{money(i.insuranceFen)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {(bill.payments.length > 0 || bill.refunds.length > 0) && (
          <Stack gap={2}>
            {bill.payments.map((p) => (
              <Group key={p.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="payment-row">
                <Text size="xs" c="dimmed" className="tabular">
                  {time(p.createdAt)} {p.receiptNo} · {methods.name(p.method)} {money(p.amountFen)}{p.changeFen ? ` · ${t('payment.changeDue', { amount: money(p.changeFen) })}` : ''}
                </Text>
                {/* A receipt shows the whole bill, so it is printed once the bill is paid in full. */}
                {bill.status !== 'open' && <PrintButton job={{ document: 'receipt', paymentId: p.id, paper }} variant="subtle" />}
              </Group>
            ))}
            {bill.refunds.map((r) => (
              <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="refund-row">
                <Text size="xs" c="red.8" className="tabular">{time(r.createdAt)} {r.refundNo} · {methods.name(r.method)} −{money(r.amountFen)} · {r.reason}</Text>
                <PrintButton job={{ document: 'refundSlip', refundId: r.id, paper }} variant="subtle" />
              </Group>
            ))}
          </Stack>
        )}
        {bill.status === 'open' && canPay && bill.dueFen > 0 && (<><Divider /><PaymentForm key={`${bill.id}-${bill.dueFen}`} bill={bill} onPaid={() => undefined} /></>)}
        {canRefund && bill.refundableFen > 0 && (
          <Group justify="flex-end"><Button size="xs" variant="subtle" color="red" onClick={() => setRefunding(true)}>{t('billing.visit.refund')}</Button></Group>
        )}
      </Stack>
      {refunding && <RefundDialog bill={bill} onClose={() => setRefunding(false)} />}
    </Paper>
  );
}
