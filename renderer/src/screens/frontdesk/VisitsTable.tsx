import { Badge, Button, Group, Skeleton, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { money, time } from '../../ui/format';
import { ReasonDialog } from '../../ui/ReasonDialog';
import { useDictionaryNames } from '../patients/PatientRecordFields';
import { useBuiltInKind } from '../../ui/dictionary';
import { useRovingList } from '../../ui/roving';
import { VISIT_LABEL_COLOR, visitLabel } from '../../ui/visitLabel';
import { FeeDialog } from './FeeDialog';

type Visit = Output<'frontdesk.today'>['items'][number];

/** Today's visits at the desk; `waitingOnly` makes it the waiting queue. */
export function VisitsTable({ waitingOnly }: { waitingOnly: boolean }) {
  const { t } = useTranslation();
  const q = useApiQuery('frontdesk.today', waitingOnly ? { status: 'waiting', page: { limit: 200, offset: 0 } } : { page: { limit: 200, offset: 0 } });
  const [feeFor, setFeeFor] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<Visit | null>(null);
  const cancelReasons = useDictionaryNames('cancel_reason');
  const reasons = useBuiltInKind('priority_reason');
  const cancel = useApiMutation('frontdesk.cancelVisit', {
    onSuccess: (r) => {
      const refunded = r.refunds.reduce((s, x) => s + x.amountFen, 0);
      notifications.show({ color: 'orange', message: refunded > 0 ? t('frontdesk.cancelVisit.refunded', { amount: money(refunded) }) : t('frontdesk.cancelVisit.done') });
      setCancelling(null);
    },
  });

  // One Tab stop for the queue (Tab no longer walks every row's 收费 and 退号): the arrows move between visits.
  const roving = useRovingList(q.data?.items.length ?? 0);
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={120} />;
  const items = q.data.items;
  if (items.length === 0) {
    return waitingOnly
      ? <EmptyState title={t('frontdesk.visits.queueEmpty')} hint={t('frontdesk.visits.queueEmptyHint')} />
      : <EmptyState title={t('frontdesk.visits.empty')} hint={t('frontdesk.visits.emptyHint')} />;
  }
  return (
    <>
      <Table.ScrollContainer minWidth={500} type="native">
      <Table striped highlightOnHover verticalSpacing={6} horizontalSpacing={8} data-testid={waitingOnly ? 'queue-table' : 'visits-table'} {...roving.listProps}>
        <Table.Thead>
          <Table.Tr>
            {/* The visit type gives way below 1200 px (a 1024 px desk): the doctor's queue says it too. */}
            {(['queueNo', 'patient', 'doctor', 'type', 'status', 'fee', 'time'] as const).map((c) => (
              <Table.Th key={c} visibleFrom={c === 'type' ? 'lg' : undefined}>{t(`frontdesk.visits.col.${c}`)}</Table.Th>
            ))}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((v, i) => (
            <Table.Tr key={v.id} data-testid="visit-row" {...roving.itemProps(i)}>
              <Table.Td className="tabular nowrap" fw={700} data-testid="queue-no">{v.queueNo}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>{v.patientName}</Text>
                {v.priority && <Badge size="xs" color="red" variant="light">{t('frontdesk.visits.priority')}{v.priorityReason ? ` · ${reasons.name(v.priorityReason)}` : ''}</Badge>}
              </Table.Td>
              <Table.Td><Text size="sm">{v.doctorName}</Text><Text size="xs" c="dimmed">{v.departmentName}{v.roomName ? ` · ${v.roomName}` : ''}</Text></Table.Td>
              <Table.Td visibleFrom="lg"><Text size="sm">{t(`enums.visitType.${v.visitType}`)}</Text></Table.Td>
              <Table.Td><Badge variant="light" color={VISIT_LABEL_COLOR[visitLabel(v)]} data-testid="visit-status">{t(`enums.visitStatus.${visitLabel(v)}`)}</Badge></Table.Td>
              <Table.Td>
                <Text size="sm" className="tabular">{money(v.feeFen)}</Text>
                <Text size="xs" c={v.feeStatus === 'unpaid' ? 'red' : 'dimmed'}>{t(`enums.feeStatus.${v.feeStatus}`)}</Text>
              </Table.Td>
              <Table.Td className="tabular"><Text size="sm">{time(v.checkedInAt)}</Text></Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end">
                  {v.feeStatus === 'unpaid' && v.status === 'waiting' && <Button tabIndex={roving.inner(i)} size="compact-xs" onClick={() => setFeeFor(v.id)}>{t('frontdesk.visits.collect')}</Button>}
                  {v.feeStatus === 'paid' && (
                    <Button tabIndex={roving.inner(i)} size="compact-xs" variant="subtle" onClick={() => setFeeFor(v.id)} data-testid="visit-receipt">{t('payment.receipt')}</Button>
                  )}
                  {v.status === 'waiting' && <Button tabIndex={roving.inner(i)} size="compact-xs" variant="subtle" color="red" onClick={() => setCancelling(v)}>{t('frontdesk.visits.cancel')}</Button>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      {feeFor && <FeeDialog visitId={feeFor} onClose={() => setFeeFor(null)} />}
      <ReasonDialog
        opened={cancelling !== null} onClose={() => { setCancelling(null); cancel.reset(); }} busy={cancel.isPending} error={cancel.error}
        title={t('frontdesk.cancelVisit.title', { name: cancelling?.patientName ?? '' })} label={t('frontdesk.cancelVisit.reason')}
        submit={t('frontdesk.cancelVisit.submit')} suggestions={cancelReasons} onSubmit={(reason) => cancelling && cancel.mutate({ visitId: cancelling.id, reason })}
      />
    </>
  );
}
