import { Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/query';
import { hasRole, useSession } from '../../state/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { money } from '../../ui/format';
import { BillCard } from './BillCard';
import { visitLabel } from '../../ui/visitLabel';

/** A visit at the billing window: unbilled charges → bill → payments; refunds; discharge. */
export function VisitBilling({ visitId }: { visitId: string }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const cashier = hasRole(me, 'cashier');
  const q = useApiQuery('billing.visit', { visitId });
  const build = useApiMutation('billing.build');
  const discharge = useApiMutation('billing.discharge');
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={240} />;
  const { visit, bills, unbilled, unbilledFen } = q.data;
  const owes = bills.some((b) => b.status === 'open' && b.dueFen > 0) || unbilledFen > 0;
  return (
    <Paper withBorder p="md" data-testid="visit-billing">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Group gap="xs"><Title order={3}>{visit.patientName}</Title><Badge variant="light">{t(`enums.visitStatus.${visitLabel(visit)}`)}</Badge></Group>
            <Text size="sm" c="dimmed" className="tabular">{visit.recordNo} · {visit.queueNo} · {visit.doctorName} · {visit.departmentName}</Text>
          </div>
          {cashier && visit.status === 'awaiting_payment' && !owes && (
            <Button variant="light" onClick={() => discharge.mutate({ visitId })} loading={discharge.isPending}>{t('billing.visit.discharge')}</Button>
          )}
        </Group>
        {unbilled.length > 0 && (
          <Paper withBorder p="sm" bg="var(--mantine-color-yellow-light)">
            <Group justify="space-between" mb={4}>
              <Text fw={600}>{t('billing.visit.unbilled')} · {money(unbilledFen)}</Text>
              {cashier && <Button onClick={() => build.mutate({ visitId })} loading={build.isPending} data-testid="build-bill">{t('billing.visit.build')}</Button>}
            </Group>
            <Table verticalSpacing={2}>
              <Table.Tbody>
                {unbilled.map((c) => (
                  <Table.Tr key={`${c.kind}-${c.refId}`}>
                    <Table.Td><Text size="sm">{c.description}</Text></Table.Td>
                    <Table.Td className="tabular"><Text size="sm">{c.quantity}</Text></Table.Td>
                    <Table.Td className="tabular"><Text size="sm">{money(c.amountFen)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        {build.error && <ErrorNote error={build.error} />}
        {discharge.error && <ErrorNote error={discharge.error} />}
        {bills.length === 0 && unbilled.length === 0 && <Text size="sm" c="dimmed">{t('billing.visit.noBills')}</Text>}
        {bills.filter((b) => b.status !== 'void').map((b) => <BillCard key={b.id} bill={b} canPay canRefund={cashier} />)}
      </Stack>
    </Paper>
  );
}
