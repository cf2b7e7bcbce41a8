import { Badge, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { money, time } from '../../ui/format';
import { PrintButton } from '../../print/PrintButton';
import { useState } from 'react';
import { SafetyStops } from '../consult/SafetyStops';
import { DispenseCheck } from './DispenseCheck';
import { useDoseText } from '../../ui/doseText';

type Rx = Output<'pharmacy.queue'>['items'][number];

function RxToDispense({ rx }: { rx: Rx }) {
  const { t } = useTranslation();
  const doseText = useDoseText();
  const [checking, setChecking] = useState(false);
  const dispense = useApiMutation('pharmacy.dispense', {
    onSuccess: (r) => { setChecking(false); notifications.show({ color: 'teal', message: t('pharmacy.dispense.done', { rxNo: r.prescription.rxNo }) }); },
  });
  return (
    <Paper withBorder p="sm" data-testid="dispense-rx">
      <Stack gap="xs">
        <Group justify="space-between">
          <div>
            <Group gap={6}><Text fw={700}>{rx.patient.name}</Text><Text size="xs" c="dimmed" className="tabular">{rx.patient.recordNo}</Text><Badge variant="light">{rx.rxNo}</Badge></Group>
            <Text size="xs" c="dimmed">{t('pharmacy.dispense.doctor', { name: rx.doctorName })}{rx.issuedAt ? ` · ${time(rx.issuedAt)}` : ''}</Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            <PrintButton job={{ document: 'drugLabels', prescriptionId: rx.id }} size="sm" />
            <Button onClick={() => { dispense.reset(); setChecking(true); }} data-testid="dispense">{t('pharmacy.dispense.submit')}</Button>
          </Group>
        </Group>
        <SafetyStops rx={rx} />
        <DispenseCheck rx={rx} opened={checking} busy={dispense.isPending} onClose={() => setChecking(false)} onConfirm={() => dispense.mutate({ prescriptionId: rx.id })} />
        <Table verticalSpacing={2}>
          <Table.Tbody>
            {rx.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td><Text size="sm" fw={600}>{i.drugName}</Text><Text size="xs" c="dimmed">{i.spec}</Text></Table.Td>
                <Table.Td><Text size="sm">{doseText(i)}</Text></Table.Td>
                <Table.Td className="tabular"><Text size="sm" fw={700}>{i.quantity}{i.unit}</Text></Table.Td>
                <Table.Td className="tabular"><Text size="sm">{money(i.amountFen)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {dispense.error && <ErrorNote error={dispense.error} />}
      </Stack>
    </Paper>
  );
}

/** Paid prescriptions, oldest first, each dispensed after its lines are checked. */
export function DispenseQueue() {
  const { t } = useTranslation();
  const q = useApiQuery('pharmacy.queue', { limit: 50, offset: 0 }, { refetchInterval: 15_000 });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={160} />;
  if (q.data.items.length === 0) return <EmptyState title={t('pharmacy.dispense.empty')} hint={t('pharmacy.dispense.emptyHint')} />;
  return <Stack gap="sm">{q.data.items.map((rx) => <RxToDispense key={rx.id} rx={rx} />)}</Stack>;
}
