/**
 * Picks one patient at the hub by typing (name, pinyin, phone, ID or record number): the hub's
 * patient lookup answers as the admin types (each search an audited read, so it waits for two
 * characters and a pause), and the choice keeps its label after the list moves on.
 */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/query';
import type { Choice } from './filters';

/** Characters typed before the hub is asked. */
const MIN_QUERY = 2;

export function PatientPicker({ value, onChange, testId, w = 240 }: { value: string | null; onChange: (id: string | null) => void; testId: string; w?: number }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Choice | null>(null);
  const [query] = useDebouncedValue(search.trim(), 300);
  const asking = query.length >= MIN_QUERY && query !== picked?.label;
  const found = useApiQuery('lookup.patients', { query: query.slice(0, 60), limit: 10 },
    { enabled: asking, meta: { followsChanges: false }, staleTime: Infinity });
  const options: Choice[] = asking ? (found.data?.rows ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.recordNo}）` })) : [];
  const data = picked && value === picked.value && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
  const empty = !asking ? t('lookups.typeToFind') : found.isFetching ? t('lookups.finding') : t('lookups.noChoice');
  return (
    <Select label={t('lookups.patient')} placeholder={t('lookups.any')} value={value} data={data} w={w} data-testid={testId}
      searchable searchValue={search} onSearchChange={setSearch} filter={({ options: all }) => all} nothingFoundMessage={empty}
      clearable clearButtonProps={{ 'aria-label': t('common.action.clear') }}
      onChange={(id, option) => {
        setPicked(id && option ? { value: option.value, label: option.label } : null);
        onChange(id);
      }} />
  );
}
