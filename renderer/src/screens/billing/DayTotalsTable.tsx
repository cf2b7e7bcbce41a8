import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useBuiltInKind } from '../../ui/dictionary';
import { money } from '../../ui/format';

type Totals = Output<'billing.dayPreview'>['totals'];

/** Totals of a close (or of several) by payment method: payments, refunds, net. */
export function TotalsTable({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const methods = useBuiltInKind('payment_method');
  return (
    <Table verticalSpacing={4} data-testid="day-totals">
      <Table.Thead>
        <Table.Tr><Table.Th>{t('billing.day.method')}</Table.Th><Table.Th>{t('billing.day.payments')}</Table.Th><Table.Th>{t('billing.day.refunds')}</Table.Th><Table.Th>{t('billing.day.net')}</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {Object.entries(totals.byMethod).map(([m, x]) => {
          return (
            <Table.Tr key={m}>
              <Table.Td>{methods.name(m)}</Table.Td>
              <Table.Td className="tabular">{money(x.paidFen)} <Text span size="xs" c="dimmed">({t('billing.day.count', { count: x.paymentCount })})</Text></Table.Td>
              <Table.Td className="tabular">{money(x.refundedFen)}</Table.Td>
              <Table.Td className="tabular" fw={600}>{money(x.netFen)}</Table.Td>
            </Table.Tr>
          );
        })}
        <Table.Tr>
          <Table.Td fw={700}>{t('billing.day.total')}</Table.Td>
          <Table.Td className="tabular" fw={700}>{money(totals.paidFen)}</Table.Td>
          <Table.Td className="tabular" fw={700}>{money(totals.refundedFen)}</Table.Td>
          <Table.Td className="tabular" fw={700} data-testid="day-net">{money(totals.netFen)}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

