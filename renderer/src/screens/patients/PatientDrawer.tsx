import { Drawer } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../state/route';
import { usePatientSearch } from '../../state/search';
import { PatientCard } from './PatientCard';

/** Outside the front desk, a patient picked in the finder opens here. */
export function PatientDrawer() {
  const { t } = useTranslation();
  const { selectedPatientId, select } = usePatientSearch();
  const workspace = useRoute((s) => s.workspace);
  const opened = selectedPatientId !== null && workspace !== 'frontdesk';
  return (
    <Drawer opened={opened} onClose={() => select(null)} position="right" size="lg" title={t('patients.card.title')}>
      {selectedPatientId && <PatientCard patientId={selectedPatientId} />}
    </Drawer>
  );
}
