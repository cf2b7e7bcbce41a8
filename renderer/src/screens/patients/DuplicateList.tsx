import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { usePatientSearch } from '../../state/search';
import { joinList } from '../../ui/punct';

export type Warning = Output<'patients.checkDuplicates'>['warnings'][number];

/** Patients who look like the one being registered, each one openable. */
export function DuplicateList({ warnings }: { warnings: Warning[] }) {
  const { t } = useTranslation();
  const select = usePatientSearch((s) => s.select);
  if (warnings.length === 0) return null;
  const strong = warnings.some((w) => w.strength === 'strong');
  return (
    <Alert color={strong ? 'red' : 'yellow'} title={t('patients.register.duplicates.title')} data-testid="duplicate-warning">
      <List size="sm" spacing={4}>
        {warnings.map((w) => (
          <List.Item key={w.patientId}>
            <Text span fw={600}>{w.name}</Text> <Text span c="dimmed" size="xs">{w.recordNo}</Text>{' — '}
            {joinList(w.reasons.map((r) => t(`patients.register.reasons.${r}`)))}{' · '}
            <Anchor component="button" type="button" size="sm" onClick={() => select(w.patientId)}>{t('patients.register.duplicates.open')}</Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
