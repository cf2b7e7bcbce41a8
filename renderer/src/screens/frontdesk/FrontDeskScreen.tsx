import { Button, Grid, Group, Paper, Tabs } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { usePatientSearch } from '../../state/search';
import { EmptyState } from '../../ui/EmptyState';
import { Shortcut } from '../../ui/Shortcut';
import { ariaKeys, SHORTCUTS } from '../../ui/shortcuts';
import { ReviewsScreen } from '../admin/reviews/ReviewsScreen';
import { DayClose } from '../billing/DayClose';
import { RegisterForm } from '../patients/RegisterForm';
import { TodayAppointments } from './AppointmentsTable';
import { CallsToMake } from './CallsToMake';
import { PatientPanel } from './PatientPanel';
import { VisitsTable } from './VisitsTable';

export function FrontDeskScreen() {
  const { t } = useTranslation();
  const { selectedPatientId, registering, open, startRegister } = usePatientSearch();
  useHotkeys([[SHORTCUTS.register, () => { if (!registering) startRegister(''); }]]);
  // Two panes from 992 px (Mantine's md) up, so a 1024 px desk keeps the queue beside the patient;
  // below 1200 px (lg) the queue takes the wider pane, so its fee and receipt buttons stay in view.
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 5, lg: 6 }}>
        {registering ? <RegisterForm key={registering.name} initialName={registering.name} />
          : selectedPatientId ? <PatientPanel key={selectedPatientId} patientId={selectedPatientId} />
            : (
              <Paper withBorder p="md">
                <EmptyState title={t('frontdesk.noPatient.title')} hint={t('frontdesk.noPatient.hint')} action={
                  <Group>
                    <Button onClick={open} rightSection={<Shortcut name="find" />} aria-keyshortcuts={ariaKeys(SHORTCUTS.find)}>{t('frontdesk.find')}</Button>
                    <Button variant="light" onClick={() => startRegister('')} data-testid="start-register"
                      rightSection={<Shortcut name="register" />} aria-keyshortcuts={ariaKeys(SHORTCUTS.register)}>{t('frontdesk.register')}</Button>
                  </Group>
                } />
              </Paper>
            )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7, lg: 6 }}>
        <Paper withBorder p="md">
          <Tabs defaultValue="queue" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="queue">{t('frontdesk.tabs.queue')}</Tabs.Tab>
              <Tabs.Tab value="appointments">{t('frontdesk.tabs.appointments')}</Tabs.Tab>
              <Tabs.Tab value="visits">{t('frontdesk.tabs.visits')}</Tabs.Tab>
              <Tabs.Tab value="calls" data-testid="frontdesk-calls-tab">{t('messages.calls.title')}</Tabs.Tab>
              <Tabs.Tab value="day" data-testid="frontdesk-day-tab">{t('frontdesk.tabs.day')}</Tabs.Tab>
              <Tabs.Tab value="reviews" data-testid="frontdesk-reviews-tab">{t('reviews.title')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="queue"><VisitsTable waitingOnly /></Tabs.Panel>
            <Tabs.Panel value="appointments"><TodayAppointments /></Tabs.Panel>
            <Tabs.Panel value="visits"><VisitsTable waitingOnly={false} /></Tabs.Panel>
            <Tabs.Panel value="calls"><CallsToMake /></Tabs.Panel>
            <Tabs.Panel value="day"><DayClose /></Tabs.Panel>
            <Tabs.Panel value="reviews"><ReviewsScreen /></Tabs.Panel>
          </Tabs>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
