import { ActionIcon, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../api/query';
import { fieldError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { SearchPicker } from '../../ui/SearchPicker';

type Diagnosis = Output<'consultation.addDiagnosis'>['diagnoses'][number];
type Icd = Output<'consultation.searchIcd10'>['items'][number];

/** The record's ICD-10 coded diagnoses; while a draft, searched and added here. */
export function Diagnoses({ visitId, diagnoses, editable }: { visitId: string; diagnoses: Diagnosis[]; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const search = useApiQuery('consultation.searchIcd10', { q: debounced, limit: 15 }, { enabled: debounced.length > 0 });
  const add = useApiMutation('consultation.addDiagnosis', { onSuccess: () => setQ('') });
  const remove = useApiMutation('consultation.removeDiagnosis');
  const primary = useApiMutation('consultation.setPrimaryDiagnosis');
  const err = add.error ?? remove.error ?? primary.error;
  const name = (i: Icd) => (i18n.language === 'en' ? i.nameEn || i.name : i.name);
  return (
    <Stack gap="xs" data-testid="diagnoses">
      <Text fw={600} size="sm">{t('consult.record.diagnoses')}</Text>
      {diagnoses.length === 0 && <Text size="sm" c="dimmed">{t('consult.record.noDiagnoses')}</Text>}
      {diagnoses.map((d) => (
        <Group key={d.id} justify="space-between" wrap="nowrap" data-testid="diagnosis">
          <Group gap={6}>
            <Badge variant="outline" className="tabular">{d.icd10}</Badge>
            <Text size="sm">{d.text}</Text>
            {d.isPrimary && <Badge size="xs" color="teal">{t('consult.record.primary')}</Badge>}
          </Group>
          {editable && (
            <Group gap={4}>
              {!d.isPrimary && <Button size="compact-xs" variant="subtle" onClick={() => primary.mutate({ diagnosisId: d.id })}>{t('consult.record.makePrimary')}</Button>}
              <ActionIcon variant="subtle" color="red" aria-label={t('common.action.remove')} onClick={() => remove.mutate({ diagnosisId: d.id })}>×</ActionIcon>
            </Group>
          )}
        </Group>
      ))}
      {editable && (
        <SearchPicker<Icd>
          placeholder={t('consult.record.icd10')} query={q} onQuery={setQ} items={debounced ? search.data?.items ?? [] : []}
        searching={debounced !== q.trim() || search.isFetching} keyOf={(i) => i.code}
          testId="icd10" error={fieldError(add.error, 'icd10')}
          render={(i) => <Group gap={6} wrap="nowrap"><Badge variant="light" className="tabular">{i.code}</Badge><Text size="sm">{name(i)}</Text></Group>}
          onPick={(i) => add.mutate({ visitId, icd10: i.code, text: name(i) })}
        />
      )}
      {err && !fieldError(err, 'icd10') && <ErrorNote error={err} />}
    </Stack>
  );
}
