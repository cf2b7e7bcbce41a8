import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { ErrorNote } from '../../ui/ErrorNote';
import { colon } from '../../ui/punct';
import { AllergyBadges } from './AllergyEditor';
import { useDictionary } from './PatientRecordFields';

function Item({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" className="tabular">{value === null || value === '' ? '—' : value}</Text>
    </div>
  );
}

/** A patient's card in full (opening it is audited at the station). */
export function PatientCard({ patientId, actions }: { patientId: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  const q = useApiQuery('patients.get', { id: patientId });
  const dict = useDictionary();
  if (q.error) return <ErrorNote error={q.error} />;
  const p = q.data;
  if (!p) return <Skeleton h={160} />;
  return (
    <Paper withBorder p="md" data-testid="patient-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <Title order={3}>{p.name}</Title>
              <Text c="dimmed">{t(`enums.sex.${p.sex}`)}{p.ageYears !== null ? ` · ${t('patients.card.years', { count: p.ageYears })}` : ''}</Text>
            </Group>
            <Text size="sm" c="dimmed" className="tabular">{t('patients.field.recordNo')} {p.recordNo}</Text>
          </div>
          <Badge variant="light">{t(`enums.insurance.${p.insuranceType}`)}</Badge>
        </Group>
        {p.mergedInto && <ErrorNote message={t('patients.card.merged')} />}
        {/* Three across at most: an 18-digit ID number ran into the next field at four across in the card's half of 1366 px. */}
        <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs">
          <Item label={t('patients.field.idNumber')} value={p.idNumber} />
          <Item label={t('patients.field.birthDate')} value={p.birthDate} />
          <Item label={t('patients.field.phone')} value={p.phone} />
          <Item label={t('patients.field.insuranceNo')} value={p.insuranceNo} />
          <Item label={t('patients.field.address')} value={p.address} />
          <Item label={t('patients.field.emergencyName')} value={[p.emergencyName, p.emergencyPhone].filter(Boolean).join(' ')} />
          {p.idDocType && <Item label={t(`patients.idDocType.${p.idDocType}`)} value={p.idDocNumber} />}
          <Item label={t('patients.field.maritalStatus')} value={dict.label('marital_status', p.maritalStatus)} />
          <Item label={t('patients.field.ethnicity')} value={dict.label('ethnicity', p.ethnicity)} />
          <Item label={t('patients.field.occupation')} value={dict.label('occupation', p.occupation)} />
        </SimpleGrid>
        <Text size="sm" c={p.allergies ? 'red' : 'dimmed'} fw={p.allergies ? 600 : 400}>
          {t('patients.field.allergies')}{colon()}{p.allergies || (p.allergyList.length === 0 ? t('patients.card.noAllergies') : '')}
        </Text>
        <AllergyBadges list={p.allergyList} />
        {actions}
      </Stack>
    </Paper>
  );
}
