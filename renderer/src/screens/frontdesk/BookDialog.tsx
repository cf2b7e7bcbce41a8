import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, type APPOINTMENT_SOURCES } from '../../../../main/api/contract';
import { useApiMutation } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { useClinicToday } from '../../ui/useClinic';
import { SessionPicker, type Session } from './SessionPicker';

type AppointmentSource = (typeof APPOINTMENT_SOURCES)[number];
const SOURCES: AppointmentSource[] = ['phone', 'counter'];

/** Book a patient into a session with seats left (or move an appointment to another session). */
export function BookDialog({ patientId, name, onClose, reschedule }: {
  patientId: string; name: string; onClose: () => void; reschedule?: { id: string; date: string };
}) {
  const { t } = useTranslation();
  const today = useClinicToday();
  const [date, setDate] = useState(reschedule?.date ?? today);
  const [session, setSession] = useState<Session | null>(null);
  const [source, setSource] = useState<AppointmentSource>('phone');
  const [note, setNote] = useState('');
  const book = useApiMutation('appointments.book', {
    onSuccess: (a) => {
      notifications.show({ color: 'teal', message: t('frontdesk.book.done', { doctor: a.doctorName, date: a.date, period: t(`enums.period.${a.period}`) }) });
      onClose();
    },
  });
  const move = useApiMutation('appointments.reschedule', {
    onSuccess: ({ booked: a }) => {
      notifications.show({ color: 'teal', message: t('frontdesk.book.done', { doctor: a.doctorName, date: a.date, period: t(`enums.period.${a.period}`) }) });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!session) return;
    if (reschedule) move.mutate({ id: reschedule.id, sessionId: session.id });
    else book.mutate({ patientId, sessionId: session.id, source, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  const err = book.error ?? move.error;
  return (
    <Modal opened onClose={onClose} title={t(reschedule ? 'frontdesk.book.rescheduleTitle' : 'frontdesk.book.title', { name })} size="lg" centered data-testid="book-dialog">
      <Stack component="form" onSubmit={submit}>
        <Group align="flex-end">
          <TextInput type="date" label={t('frontdesk.book.date')} value={date} min={today} max={addDays(today, 30)}
            onChange={(e) => { setDate(e.currentTarget.value || today); setSession(null); }} name="date" />
          {!reschedule && <Stack gap={4}>
            <Text size="sm" fw={500}>{t('frontdesk.book.source')}</Text>
            <SegmentedControl value={source} onChange={(v) => setSource(v as AppointmentSource)}
              data={SOURCES.map((s) => ({ value: s, label: t(`enums.appointmentSource.${s}`) }))} />
          </Stack>}
        </Group>
        <SessionPicker date={date} value={session?.id ?? null} onChange={setSession} error={fieldError(err, 'sessionId')} />
        {!reschedule && <TextInput label={t('frontdesk.book.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(err, 'note')} name="note" />}
        <ErrorNote message={formError(err, ['sessionId', 'note'])} />
        <Group justify="flex-end"><Button type="submit" disabled={!session} loading={book.isPending || move.isPending}>{t(reschedule ? 'frontdesk.book.rescheduleSubmit' : 'frontdesk.book.submit')}</Button></Group>
      </Stack>
    </Modal>
  );
}
