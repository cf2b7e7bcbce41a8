import { Badge, Button, Group, Skeleton, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNote } from '../../ui/ErrorNote';
import { useClinicToday } from '../../ui/useClinic';
import { ReasonDialog } from '../../ui/ReasonDialog';
import { useDictionaryNames } from '../patients/PatientRecordFields';
import { useRovingList } from '../../ui/roving';
import { BookDialog } from './BookDialog';
import { announce, choicesInput, VisitDialog } from './CheckInDialog';
import { FeeDialog } from './FeeDialog';

export type Appointment = Output<'appointments.day'>['items'][number];

const COLOR: Record<Appointment['status'], string> = { pending: 'yellow', confirmed: 'blue', completed: 'teal', cancelled: 'gray', no_show: 'red' };

/** Appointment rows with the desk's actions: confirm, check in (then the fee), cancel. */
export function AppointmentRows({ items, showPatient }: { items: Appointment[]; showPatient: boolean }) {
  const { t } = useTranslation();
  const [checking, setChecking] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const cancelReasons = useDictionaryNames('cancel_reason');
  const [feeFor, setFeeFor] = useState<string | null>(null);
  const confirm = useApiMutation('appointments.confirm');
  const checkIn = useApiMutation('frontdesk.checkIn', {
    onSuccess: (r) => {
      announce(t, r);
      setChecking(null);
      if (r.visit.feeStatus === 'unpaid') setFeeFor(r.visit.id);
    },
  });
  const cancel = useApiMutation('appointments.cancel', { onSuccess: () => setCancelling(null) });
  const noShow = useApiMutation('appointments.noShow');
  const [moving, setMoving] = useState<Appointment | null>(null);
  const today = useClinicToday();
  // One Tab stop for the list: the arrows move between appointments, Tab reaches the actions of the one in focus.
  const roving = useRovingList(items.length);
  const firstToday = items.findIndex((a) => (a.status === 'pending' || a.status === 'confirmed') && a.date === today);
  return (
    <>
      <Table verticalSpacing={6} highlightOnHover data-testid="appointments-table" {...roving.listProps}>
        <Table.Tbody>
          {items.map((a, i) => (
            <Table.Tr key={a.id} data-testid="appointment-row" {...roving.itemProps(i)}>
              {showPatient && <Table.Td><Text size="sm" fw={600}>{a.patientName}</Text><Text size="xs" c="dimmed">{a.recordNo} · {a.phoneMasked ?? '—'}</Text></Table.Td>}
              <Table.Td><Text size="sm">{a.date} {t(`enums.period.${a.period}`)}</Text><Text size="xs" c="dimmed">{a.doctorName} · {a.departmentName}</Text></Table.Td>
              <Table.Td><Badge variant="light" color={COLOR[a.status]}>{t(`enums.appointmentStatus.${a.status}`)}</Badge></Table.Td>
              <Table.Td><Text size="xs" c="dimmed">{t(`enums.appointmentSource.${a.source}`)}</Text></Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {a.status === 'pending' && <Button tabIndex={roving.inner(i)} size="compact-xs" variant="light" loading={confirm.isPending} onClick={() => confirm.mutate({ id: a.id })}>{t('frontdesk.appointments.confirm')}</Button>}
                  {(a.status === 'pending' || a.status === 'confirmed') && a.date === today && <Button tabIndex={roving.inner(i)} size="compact-xs" onClick={() => setChecking(a)} data-testid="check-in" data-next-action={i === firstToday || undefined}>{t('frontdesk.appointments.checkIn')}</Button>}
                  {(a.status === 'pending' || a.status === 'confirmed') && a.date >= today && <Button tabIndex={roving.inner(i)} size="compact-xs" variant="subtle" onClick={() => setMoving(a)}>{t('frontdesk.appointments.reschedule')}</Button>}
                  {a.status === 'confirmed' && a.date < today && <Button tabIndex={roving.inner(i)} size="compact-xs" variant="subtle" color="orange" onClick={() => noShow.mutate({ id: a.id })}>{t('frontdesk.appointments.noShow')}</Button>}
                  {(a.status === 'pending' || a.status === 'confirmed') && <Button tabIndex={roving.inner(i)} size="compact-xs" variant="subtle" color="red" onClick={() => setCancelling(a)}>{t('frontdesk.appointments.cancel')}</Button>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(confirm.error ?? noShow.error) && <ErrorNote error={confirm.error ?? noShow.error} />}
      {moving && <BookDialog patientId={moving.patientId} name={moving.patientName} reschedule={{ id: moving.id, date: moving.date }} onClose={() => setMoving(null)} />}
      {checking && (
        <VisitDialog opened onClose={() => { setChecking(null); checkIn.reset(); }} busy={checkIn.isPending} error={checkIn.error}
          title={t('frontdesk.checkIn.title', { name: checking.patientName })} submit={t('frontdesk.checkIn.submit')}
          onSubmit={(c) => checkIn.mutate({ appointmentId: checking.id, ...choicesInput(c) })}>
          <Text size="sm">{checking.doctorName} · {checking.departmentName} · {t(`enums.period.${checking.period}`)}</Text>
        </VisitDialog>
      )}
      <ReasonDialog opened={cancelling !== null} onClose={() => { setCancelling(null); cancel.reset(); }} busy={cancel.isPending} error={cancel.error}
        title={t('frontdesk.cancelAppointment.title', { name: cancelling?.patientName ?? '' })} label={t('frontdesk.cancelAppointment.reason')}
        submit={t('frontdesk.cancelAppointment.submit')} suggestions={cancelReasons} onSubmit={(reason) => cancelling && cancel.mutate({ id: cancelling.id, reason })} />
      {feeFor && <FeeDialog visitId={feeFor} onClose={() => setFeeFor(null)} />}
    </>
  );
}

export function TodayAppointments() {
  const { t } = useTranslation();
  const today = useClinicToday();
  const q = useApiQuery('appointments.day', { date: today, limit: 200, offset: 0 });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={120} />;
  if (q.data.items.length === 0) return <EmptyState title={t('frontdesk.appointments.empty')} hint={t('frontdesk.appointments.emptyHint')} />;
  return <AppointmentRows items={q.data.items} showPatient />;
}
