import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { PrintButton } from '../../print/PrintButton';
import { ErrorNote } from '../../ui/ErrorNote';
import { PatientCard } from '../patients/PatientCard';
import { RegisterForm } from '../patients/RegisterForm';
import { AppointmentRows } from './AppointmentsTable';
import { BookDialog } from './BookDialog';
import { WalkInDialog } from './WalkInDialog';

function PatientAppointments({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const q = useApiQuery('appointments.forPatient', { patientId, limit: 20, offset: 0 });
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={60} />;
  if (q.data.items.length === 0) return <Text size="sm" c="dimmed">{t('frontdesk.patient.noAppointments')}</Text>;
  return <AppointmentRows items={q.data.items} showPatient={false} />;
}

/** The chosen patient: card, appointments, and what the desk does next. */
export function PatientPanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'book' | 'walkIn' | null>(null);
  const [editing, setEditing] = useState(false);
  const card = useApiQuery('patients.get', { id: patientId });
  const name = card.data?.name ?? '';
  if (editing && card.data) return <RegisterForm editing={card.data} onDone={() => setEditing(false)} />;
  return (
    <Stack>
      <PatientCard patientId={patientId} actions={
        <Group>
          <Button onClick={() => setDialog('walkIn')} data-testid="walk-in">{t('frontdesk.patient.walkIn')}</Button>
          <Button variant="light" onClick={() => setDialog('book')} data-testid="book">{t('frontdesk.patient.book')}</Button>
          <Button variant="subtle" onClick={() => setEditing(true)} data-testid="edit-patient">{t('patients.register.edit')}</Button>
          <PrintButton job={{ document: 'patientLabel', patientId }} size="sm" variant="subtle" />
        </Group>
      } />
      <Paper withBorder p="md">
        <Title order={5} mb="xs">{t('frontdesk.patient.appointments')}</Title>
        <PatientAppointments patientId={patientId} />
      </Paper>
      {dialog === 'book' && <BookDialog patientId={patientId} name={name} onClose={() => setDialog(null)} />}
      {dialog === 'walkIn' && <WalkInDialog patientId={patientId} name={name} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
