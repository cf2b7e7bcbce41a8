import { Badge, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../main/api/contract';
import { useApiQuery } from '../../api/query';
import { SearchPicker } from '../../ui/SearchPicker';

export type Drug = Output<'prescriptions.searchFormulary'>['items'][number];

/** Find a drug of the formulary (out-of-stock ones included: they are received here). */
export function DrugSearch({ onPick, label, error }: { onPick: (d: Drug) => void; label?: string; error?: string | undefined }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const search = useApiQuery('prescriptions.searchFormulary', { q: debounced, limit: 15 }, { enabled: debounced.length > 0 });
  return (
    <SearchPicker<Drug>
      label={label} placeholder={t('consult.rx.searchDrug')} query={q} onQuery={setQ} items={debounced ? search.data?.items ?? [] : []}
        searching={debounced !== q.trim() || search.isFetching}
      keyOf={(d) => d.id} testId="pharmacy-drug-search" error={error}
      render={(d) => (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm"><Text span fw={600}>{d.name}</Text> <Text span size="xs" c="dimmed">{d.spec} · {d.code}</Text></Text>
          <Badge variant="light" color={d.available > 0 ? 'teal' : 'red'} size="sm">{t('consult.rx.stock', { count: d.available })}</Badge>
        </Group>
      )}
      onPick={(d) => { onPick(d); setQ(''); }}
    />
  );
}
