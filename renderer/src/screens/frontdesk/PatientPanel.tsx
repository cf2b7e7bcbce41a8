import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { PrintButton } from '../../print/PrintButton';
import { usePatientSearch } from '../../state/search';
import { ErrorNote } from '../../ui/ErrorNote';
import { Shortcut } from '../../ui/Shortcut';
import { ariaKeys, SHORTCUTS } from '../../ui/shortcuts';
import { AllergyEditor } from '../patients/AllergyEditor';
import { PatientCard } from '../patients/PatientCard';
import { RegisterForm } from '../patients/RegisterForm';
import { AppointmentRows } from './AppointmentsTable';
import { BookDialog } from './BookDialog';
import { FrontDeskVitals } from './FrontDeskVitals';
import { MessagePreference } from './MessagePreference';
import { PortalCodeDialog } from './PortalCodeDialog';
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
  const [dialog, setDialog] = useState<'book' | 'walkIn' | 'portalCode' | null>(null);
  const [editing, setEditing] = useState(false);
  const [allergies, setAllergies] = useState(false);
  const card = useApiQuery('patients.get', { id: patientId });
  const appointments = useApiQuery('appointments.forPatient', { patientId, limit: 20, offset: 0 });
  const picks = usePatientSearch((s) => s.picks);
  const root = useRef<HTMLDivElement>(null);
  const focusedFor = useRef(-1);
  const name = card.data?.name ?? '';
  // Ready once both are read and the appointments are not being read again: a booking just made
  // refreshes them, and the next action is chosen from the refreshed list, not the one before it.
  const ready = card.data !== undefined && appointments.data !== undefined && !appointments.isFetching;
  // After a pick, focus goes to what the desk does next for this patient: check in her appointment
  // of today when she has one, else register her walk-in.
  useEffect(() => {
    if (!ready || focusedFor.current === picks) return;
    focusedFor.current = picks;
    const el = root.current;
    const next = el?.querySelector<HTMLElement>('[data-next-action]') ?? el?.querySelector<HTMLElement>('[data-testid="walk-in"]');
    next?.focus();
  }, [ready, picks]);
  const when = (d: 'book' | 'walkIn') => () => { if (dialog === null && !editing && card.data) setDialog(d); };
  useHotkeys([[SHORTCUTS.walkIn, when('walkIn')], [SHORTCUTS.book, when('book')]]);
  if (editing && card.data) return <RegisterForm editing={card.data} onDone={() => setEditing(false)} />;
  return (
    <Stack ref={root}>
      <PatientCard patientId={patientId} actions={
        <Group gap="xs">
          <Button onClick={() => setDialog('walkIn')} data-testid="walk-in" rightSection={<Shortcut name="walkIn" />} aria-keyshortcuts={ariaKeys(SHORTCUTS.walkIn)}>
            {t('frontdesk.patient.walkIn')}
          </Button>
          <Button variant="light" onClick={() => setDialog('book')} data-testid="book" rightSection={<Shortcut name="book" />} aria-keyshortcuts={ariaKeys(SHORTCUTS.book)}>
            {t('frontdesk.patient.book')}
          </Button>
          <Button variant="subtle" onClick={() => setEditing(true)} data-testid="edit-patient">{t('patients.register.edit')}</Button>
          <Button variant="subtle" color="red" onClick={() => setAllergies(true)} disabled={!card.data} data-testid="edit-allergies">{t('patients.allergy.edit')}</Button>
          <Button variant="subtle" onClick={() => setDialog('portalCode')} disabled={!card.data} data-testid="portal-code">{t('frontdesk.patient.portalCode')}</Button>
          <PrintButton job={{ document: 'patientLabel', patientId }} size="sm" variant="subtle" />
        </Group>
      } />
      <FrontDeskVitals patientId={patientId} />
      <MessagePreference patientId={patientId} />
      <Paper withBorder p="md">
        <Title order={5} mb="xs">{t('frontdesk.patient.appointments')}</Title>
        <PatientAppointments patientId={patientId} />
      </Paper>
      {dialog === 'book' && <BookDialog patientId={patientId} name={name} onClose={() => setDialog(null)} />}
      {allergies && card.data && (
        <AllergyEditor patientId={patientId} name={name} allergies={card.data.allergies} allergyList={card.data.allergyList} onClose={() => setAllergies(false)} />
      )}
      {dialog === 'portalCode' && <PortalCodeDialog patientId={patientId} name={name} onClose={() => setDialog(null)} />}
      {dialog === 'walkIn' && <WalkInDialog patientId={patientId} name={name} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
