import { ActionIcon, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { money } from '../../ui/format';
import { PrintButton } from '../../print/PrintButton';
import { AllergyWarnings } from './AllergyWarnings';
import { LineForm } from './LineForm';

type Rx = Output<'prescriptions.get'>;

function RxCard({ rx, editable }: { rx: Rx; editable: boolean }) {
  const { t } = useTranslation();
  const remove = useApiMutation('prescriptions.removeItem');
  const issue = useApiMutation('prescriptions.issue', { onSuccess: () => notifications.show({ color: 'teal', message: t('consult.rx.issued') }) });
  const cancel = useApiMutation('prescriptions.cancel');
  const draft = rx.status === 'draft' && editable;
  const err = remove.error ?? issue.error ?? cancel.error;
  // Issued and later: the prescription the patient takes to the pharmacy.
  const printable = rx.status === 'issued' || rx.status === 'paid' || rx.status === 'dispensed';
  return (
    <Paper withBorder p="sm" data-testid="prescription">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={6}><Text fw={700} className="tabular">{rx.rxNo}</Text><Badge variant="light">{t(`enums.prescriptionStatus.${rx.status}`)}</Badge></Group>
          <Text fw={600} className="tabular">{t('consult.rx.total', { amount: money(rx.totalFen) })}</Text>
        </Group>
        <AllergyWarnings rx={rx} />
        {rx.items.length > 0 && (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {rx.items.map((i) => (
                <Table.Tr key={i.id} data-testid="rx-line">
                  <Table.Td><Text size="sm" fw={600}>{i.drugName}</Text><Text size="xs" c="dimmed">{i.spec}</Text></Table.Td>
                  <Table.Td><Text size="sm">{i.dose}{i.doseUnit} · {t(`enums.frequency.${i.frequency}`)} · {t(`enums.route.${i.route}`)} · {i.days}{t('common.unit.days')}</Text></Table.Td>
                  <Table.Td className="tabular"><Text size="sm">{i.quantity}{i.unit}</Text></Table.Td>
                  <Table.Td className="tabular"><Text size="sm">{money(i.amountFen)}</Text></Table.Td>
                  <Table.Td>{draft && <ActionIcon variant="subtle" color="red" aria-label={t('common.action.remove')} onClick={() => remove.mutate({ itemId: i.id })}>×</ActionIcon>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {draft && <LineForm prescriptionId={rx.id} />}
        {err && <ErrorNote error={err} />}
        {((editable && (rx.status === 'draft' || rx.status === 'issued')) || printable) && (
          <Group justify="flex-end">
            {editable && (rx.status === 'draft' || rx.status === 'issued') && (
              <Button variant="subtle" color="red" onClick={() => cancel.mutate({ prescriptionId: rx.id })} loading={cancel.isPending}>{t('consult.rx.cancel')}</Button>
            )}
            {rx.status === 'draft' && editable && <Button onClick={() => issue.mutate({ prescriptionId: rx.id })} disabled={rx.items.length === 0} loading={issue.isPending} data-testid="issue-rx">{t('consult.rx.issue')}</Button>}
            {printable && <PrintButton job={{ document: 'prescription', prescriptionId: rx.id }} size="sm" />}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The visit's prescriptions; a new draft is started here and built line by line. */
export function PrescriptionPanel({ visitId, editable }: { visitId: string; editable: boolean }) {
  const { t } = useTranslation();
  const q = useApiQuery('prescriptions.forVisit', { visitId });
  const create = useApiMutation('prescriptions.create');
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={120} />;
  const items = q.data.items.filter((p) => p.status !== 'cancelled');
  const hasDraft = items.some((p) => p.status === 'draft');
  return (
    <Stack gap="sm">
      {items.length === 0 && <EmptyState title={t('consult.rx.empty')} hint={editable ? t('consult.rx.emptyHint') : undefined} />}
      {items.map((rx) => <RxCard key={rx.id} rx={rx} editable={editable} />)}
      {create.error && <ErrorNote error={create.error} />}
      {editable && !hasDraft && (
        <Group justify="flex-start"><Button variant="light" onClick={() => create.mutate({ visitId })} loading={create.isPending} data-testid="new-rx">{t('consult.rx.new')}</Button></Group>
      )}
    </Stack>
  );
}
