import { Badge, Button, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ageLabel } from '../../../../main/api/contract';
import type { Language } from '../../i18n';
import { useApiMutation, useApiQuery } from '../../api/query';
import { useConsult } from '../../state/consult';
import { useSession } from '../../state/session';
import { modals } from '../../ui/Confirm';
import { ErrorNote } from '../../ui/ErrorNote';
import { useClinicToday } from '../../ui/useClinic';
import { HistoryPanel } from './HistoryPanel';
import { OrdersPanel } from './OrdersPanel';
import { PrescriptionPanel } from './PrescriptionPanel';
import { RecordForm } from './RecordForm';
import { VitalsPanel } from './VitalsPanel';
import { AllergyBadges, AllergyEditor } from '../patients/AllergyEditor';
import { colon } from '../../ui/punct';
import { Shortcut } from '../../ui/Shortcut';
import { ariaKeys, SHORTCUTS } from '../../ui/shortcuts';

/** The visit in the room: who, allergies, the record, the prescription, the history. */
export function VisitWorkspace({ visitId }: { visitId: string }) {
  const { t, i18n } = useTranslation();
  const today = useClinicToday();
  const open = useConsult((s) => s.open);
  const me = useSession((s) => s.me);
  const [editAllergies, setEditAllergies] = useState(false);
  const q = useApiQuery('consultation.getRecord', { visitId });
  const finish = useApiMutation('queue.finish', {
    onSuccess: (v) => { notifications.show({ color: 'teal', message: t('consult.visit.finished', { name: v.patientName }) }); open(null); },
  });
  const inRoomNow = q.data?.visit.status === 'in_consultation';
  useHotkeys([[SHORTCUTS.finishVisit, () => { if (inRoomNow && !finish.isPending) finish.mutate({ visitId }); }]]);
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data) return <Skeleton h={300} />;
  const { patient, visit } = q.data;
  const inRoom = visit.status === 'in_consultation';
  return (
    <Paper withBorder p="md" data-testid="visit-workspace">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <Title order={3}>{patient.name}</Title>
              <Text c="dimmed">{t(`enums.sex.${patient.sex}`)}{patient.birthDate ? ` · ${ageLabel(patient.birthDate, today, i18n.language as Language)}` : ''}</Text>
              <Badge variant="light">{t(`enums.visitType.${visit.visitType}`)}</Badge>
              <Badge variant="light" color="grape">{t(`enums.visitStatus.${visit.status}`)}</Badge>
            </Group>
            <Text size="sm" c="dimmed" className="tabular">{patient.recordNo} · {visit.departmentName} · {visit.doctorName}</Text>
            <Group gap="xs">
              <Text size="sm" c={patient.allergies ? 'red' : 'dimmed'} fw={patient.allergies ? 700 : 400} data-testid="allergies">
                {t('consult.visit.allergies')}{colon()}{patient.allergies || (q.data.allergyList.length === 0 ? t('patients.card.noAllergies') : '')}
              </Text>
              <AllergyBadges list={q.data.allergyList} />
              {visit.status !== 'cancelled' && (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => setEditAllergies(true)} data-testid="edit-allergies">{t('patients.allergy.edit')}</Button>
              )}
            </Group>
          </div>
          {inRoom && <Button color="orange" onClick={() => modals.confirm(t('consult.visit.finishConfirm', { name: patient.name }), () => finish.mutate({ visitId }))} loading={finish.isPending} data-testid="finish-visit"
            rightSection={<Shortcut name="finishVisit" />} aria-keyshortcuts={ariaKeys(SHORTCUTS.finishVisit)}>{t('consult.visit.finish')}</Button>}
        </Group>
        {finish.error && <ErrorNote error={finish.error} />}
        {editAllergies && (
          <AllergyEditor patientId={patient.id} name={patient.name} allergies={patient.allergies} allergyList={q.data.allergyList}
            unreadable={q.data.allergyListUnreadable} onClose={() => setEditAllergies(false)} />
        )}
        <Tabs defaultValue="record" keepMounted>
          <Tabs.List>
            <Tabs.Tab value="record">{t('consult.visit.tabs.record')}</Tabs.Tab>
            <Tabs.Tab value="prescription">{t('consult.visit.tabs.prescription')}</Tabs.Tab>
            <Tabs.Tab value="orders">{t('consult.visit.tabs.orders')}</Tabs.Tab>
            <Tabs.Tab value="history">{t('consult.visit.tabs.history')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="record" pt="sm">
            <Stack gap="md">
              <VitalsPanel visitId={visitId} canEnter={visit.status !== 'cancelled' && visit.doctorId === me?.staffId} />
              <RecordForm chart={q.data} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="prescription" pt="sm"><PrescriptionPanel visitId={visitId} editable={inRoom && q.data.editable} /></Tabs.Panel>
          <Tabs.Panel value="orders" pt="sm"><OrdersPanel chart={q.data} inRoom={inRoom} mine={q.data.record?.doctorId === me?.staffId || visit.doctorId === me?.staffId} /></Tabs.Panel>
          <Tabs.Panel value="history" pt="sm"><HistoryPanel patientId={patient.id} currentVisitId={visitId} /></Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}
