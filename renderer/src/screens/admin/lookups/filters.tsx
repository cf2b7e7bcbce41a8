/** The filter form the lookup lists share: a date range and selects, applied by the Search button. */
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../../main/api/contract';
import { useClinicToday } from '../../../ui/useClinic';

export interface Choice { value: string; label: string }

/** A select whose empty choice is "any" (null). */
export function AnySelect({ label, value, onChange, data, testId, w = 160, searchable = false }: {
  label: string; value: string | null; onChange: (v: string | null) => void; data: Choice[]; testId: string; w?: number;
  /** Type to narrow a long list (doctors, people). */
  searchable?: boolean;
}) {
  const { t } = useTranslation();
  return <Select label={label} placeholder={t('lookups.any')} value={value} onChange={onChange} data={data} clearable w={w} data-testid={testId}
    searchable={searchable} nothingFoundMessage={searchable ? t('lookups.noChoice') : undefined}
    clearButtonProps={{ 'aria-label': t('common.action.clear') }} />;
}

/** The last 7 clinic days, as a lookup starts. */
export function useWeek(): { from: string; to: string } {
  const today = useClinicToday();
  return { from: addDays(today, -6), to: today };
}

/**
 * Draft filters edited in the form; `applied` changes only on Search, and `searchKey` with every
 * Search (a list keyed by it starts again at its first page and reads the hub afresh).
 */
export function useFilters<F extends object>(initial: F): { draft: F; set: (patch: Partial<F>) => void; applied: F; apply: (e: FormEvent) => void; searchKey: string } {
  const [draft, setDraft] = useState(initial);
  const [applied, setApplied] = useState({ filter: initial, n: 0 });
  return {
    draft, applied: applied.filter, searchKey: `${applied.n}:${JSON.stringify(applied.filter)}`,
    set: (patch) => setDraft({ ...draft, ...patch }),
    apply: (e) => { e.preventDefault(); setApplied({ filter: draft, n: applied.n + 1 }); },
  };
}

export function FilterForm({ from, to, onDates, onSubmit, children, testId }: {
  from?: string; to?: string; onDates?: (d: { from?: string; to?: string }) => void; onSubmit: (e: FormEvent) => void; children?: ReactNode; testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Group component="form" onSubmit={onSubmit} align="flex-end" gap="sm" data-testid={testId}>
      {from !== undefined && to !== undefined && onDates && <>
        <TextInput type="date" label={t('lookups.from')} value={from} max={to} required name="from" onChange={(e) => onDates({ from: e.currentTarget.value })} />
        <TextInput type="date" label={t('lookups.to')} value={to} min={from} required name="to" onChange={(e) => onDates({ to: e.currentTarget.value })} />
      </>}
      {children}
      <Button type="submit" data-testid={`${testId}-search`}>{t('lookups.search')}</Button>
    </Group>
  );
}
