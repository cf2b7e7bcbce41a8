import { ActionIcon, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { money } from '../../ui/format';
import { PrintButton } from '../../print/PrintButton';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ReasonDialog } from '../../ui/ReasonDialog';
import { LineForm } from './LineForm';
import { OverrideDialog } from './OverrideDialog';
import { RepeatPanel } from './RepeatPanel';
import { SafetyStops, type Stop } from './SafetyStops';
import { useDoseText } from '../../ui/doseText';

type Rx = Output<'prescriptions.get'>;

/** The stops the station refused an issue with (the view may be older than the station's check). */
function stopsOfError(err: unknown): Stop[] | null {
  if (!(err instanceof ApiError) || err.code !== 'SAFETY_OVERRIDE_REQUIRED') return null;
  const stops = err.details?.['stops'];
  return Array.isArray(stops) ? (stops as Stop[]) : null;
}

function RxCard({ rx, editable, visitId }: { rx: Rx; editable: boolean; visitId: string }) {
  const { t } = useTranslation();
  const doseText = useDoseText();
  const [overriding, setOverriding] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const remove = useApiMutation('prescriptions.removeItem');
  const issue = useApiMutation('prescriptions.issue', {
    onSuccess: () => { setOverriding(false); notifications.show({ color: 'teal', message: t('consult.rx.issued') }); },
  });
  const cancel = useApiMutation('prescriptions.cancel', { onSuccess: () => { setVoiding(false); notifications.show({ color: 'teal', message: t('consult.rx.voidDone') }); } });
  const draft = rx.status === 'draft' && editable;
  const cancelled = rx.status === 'cancelled';
  const refusedStops = stopsOfError(issue.error);
  const stops = refusedStops ?? rx.warnings;
  const err = remove.error ?? (overriding || refusedStops ? null : issue.error);
  const startIssue = () => { issue.reset(); if (rx.warnings.length > 0) setOverriding(true); else issue.mutate({ prescriptionId: rx.id }); };
  // Issued and later: the prescription the patient takes to the pharmacy.
  const printable = rx.status === 'issued' || rx.status === 'paid' || rx.status === 'dispensed';
  return (
    <Paper withBorder p="sm" data-testid="prescription" bg={cancelled ? 'gray.0' : undefined}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={6}><Text fw={700} className="tabular" td={cancelled ? 'line-through' : undefined}>{rx.rxNo}</Text><Badge variant="light" color={cancelled ? 'gray' : undefined}>{t(`enums.prescriptionStatus.${rx.status}`)}</Badge></Group>
          <Text fw={600} className="tabular" td={cancelled ? 'line-through' : undefined}>{t('consult.rx.total', { amount: money(rx.totalFen) })}</Text>
        </Group>
        {cancelled && <Text size="sm" c="red.8" data-testid="rx-void-reason">{t('consult.rx.voided', { reason: rx.cancelReason ?? '—' })}</Text>}
        <SafetyStops rx={rx} />
        {rx.items.length > 0 && (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {rx.items.map((i) => (
                <Table.Tr key={i.id} data-testid="rx-line" style={cancelled ? { textDecoration: 'line-through', color: 'var(--mantine-color-dimmed)' } : undefined}>
                  <Table.Td><Text size="sm" fw={600}>{i.drugName}</Text><Text size="xs" c="dimmed">{i.spec}</Text></Table.Td>
                  <Table.Td><Text size="sm">{doseText(i)}</Text></Table.Td>
                  <Table.Td className="tabular"><Text size="sm">{i.quantity}{i.unit}</Text></Table.Td>
                  <Table.Td className="tabular"><Text size="sm">{money(i.amountFen)}</Text></Table.Td>
                  <Table.Td>{draft && <ActionIcon variant="subtle" color="red" aria-label={t('common.action.remove')} onClick={() => remove.mutate({ itemId: i.id })}>×</ActionIcon>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {draft && <LineForm prescriptionId={rx.id} visitId={visitId} />}
        {err && <ErrorNote error={err} />}
        <OverrideDialog opened={overriding || refusedStops !== null} stops={stops} busy={issue.isPending} error={refusedStops ? null : issue.error}
          onClose={() => { setOverriding(false); issue.reset(); }} onSubmit={(reason) => issue.mutate({ prescriptionId: rx.id, override: { reason } })} />
        <ReasonDialog opened={voiding} title={t('consult.rx.voidTitle', { rxNo: rx.rxNo })} label={t('consult.rx.voidReason')} submit={t('consult.rx.voidSubmit')}
          busy={cancel.isPending} error={cancel.error} onClose={() => { setVoiding(false); cancel.reset(); }}
          onSubmit={(reason) => cancel.mutate({ prescriptionId: rx.id, reason })} />
        {((editable && (rx.status === 'draft' || rx.status === 'issued')) || printable) && (
          <Group justify="flex-end">
            {editable && (rx.status === 'draft' || rx.status === 'issued') && (
              <Button variant="subtle" color="red" onClick={() => setVoiding(true)} data-testid="void-rx">{t('consult.rx.cancel')}</Button>
            )}
            {rx.status === 'draft' && editable && <Button onClick={startIssue} disabled={rx.items.length === 0} loading={issue.isPending} data-testid="issue-rx">{t('consult.rx.issue')}</Button>}
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
  // Voided prescriptions stay listed (struck through, with the reason), after the live ones.
  const items = [...q.data.items.filter((p) => p.status !== 'cancelled'), ...q.data.items.filter((p) => p.status === 'cancelled')];
  const hasDraft = items.some((p) => p.status === 'draft');
  return (
    <Stack gap="sm">
      {items.length === 0 && <EmptyState title={t('consult.rx.empty')} hint={editable ? t('consult.rx.emptyHint') : undefined} />}
      {items.map((rx) => <RxCard key={rx.id} rx={rx} editable={editable} visitId={visitId} />)}
      {create.error && <ErrorNote error={create.error} />}
      {editable && !hasDraft && (
        <Group justify="flex-start"><Button variant="light" onClick={() => create.mutate({ visitId })} loading={create.isPending} data-testid="new-rx">{t('consult.rx.new')}</Button></Group>
      )}
      {editable && <RepeatPanel visitId={visitId} />}
    </Stack>
  );
}
