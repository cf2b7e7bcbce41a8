/** Vital signs at the front desk (receptionists may take them): the patient's visit of today, its readings and the compact entry row. */
import { Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { VitalsPanel } from '../consult/VitalsPanel';

export function FrontDeskVitals({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const q = useApiQuery('frontdesk.today', { page: { limit: 200, offset: 0 } });
  // The latest visit of today that is not cancelled (a patient seen twice today: the later one).
  const visit = (q.data?.items ?? []).filter((v) => v.patientId === patientId && v.status !== 'cancelled').at(-1);
  if (!visit) return null;
  return (
    <Paper withBorder p="md" data-testid="frontdesk-vitals">
      <Title order={5} mb="xs">{t('frontdesk.patient.vitals', { queueNo: visit.queueNo, doctor: visit.doctorName })}</Title>
      <VitalsPanel visitId={visit.id} canEnter />
    </Paper>
  );
}
