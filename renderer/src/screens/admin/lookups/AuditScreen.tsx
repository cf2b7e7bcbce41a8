/** Admin → Audit trail: who read or changed which patient's data, from which desk, when; newest first, filtered, paged and exported. */
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type Input } from '../../../../../main/api/contract';
import { dateTime } from '../../../ui/format';
import { useAccountOptions } from '../ui/options';
import { Panel } from '../ui/Panel';
import { AnySelect, FilterForm, useFilters, useWeek } from './filters';
import { LookupTable, type Column, type LookupRow } from './LookupTable';
import { PatientPicker } from './PatientPicker';

export function AuditScreen() {
  const { t } = useTranslation();
  const people = useAccountOptions();
  const f = useFilters<Input<'lookup.audit'>>({ ...useWeek(), accountId: null, patientId: null, device: null, action: null });
  const columns: Column<LookupRow<'lookup.audit'>>[] = [
    { key: 'at', label: t('lookups.col.time'), cell: (r) => dateTime(r.at) },
    { key: 'person', label: t('lookups.col.person'), cell: (r) => r.personName || (r.procedure.startsWith('portal.') ? t('lookups.patientApp') : r.accountId) },
    { key: 'device', label: t('lookups.col.device'), cell: (r) => r.device },
    { key: 'action', label: t('lookups.col.action'), cell: (r) => t(`lookups.actions.${r.action}`) },
    { key: 'patient', label: t('lookups.col.patient'), cell: (r) => r.patientName || '—' },
    { key: 'entity', label: t('lookups.col.entity'), cell: (r) => r.entity },
    { key: 'procedure', label: t('lookups.col.procedure'), cell: (r) => r.procedure },
    { key: 'detail', label: t('lookups.col.detail'), cell: (r) => r.detail ?? '', wrap: true },
  ];
  return (
    <Panel title={t('lookups.auditTitle')} testId="audit-trail">
      <FilterForm testId="audit-filter" from={f.draft.from} to={f.draft.to} onDates={(d) => f.set(d)} onSubmit={f.apply}>
        <AnySelect label={t('lookups.person')} value={f.draft.accountId ?? null} onChange={(v) => f.set({ accountId: v })} data={people} testId="audit-person" w={200} searchable />
        <PatientPicker value={f.draft.patientId ?? null} onChange={(v) => f.set({ patientId: v })} testId="audit-patient" />
        <TextInput label={t('lookups.device')} value={f.draft.device ?? ''} onChange={(e) => f.set({ device: e.currentTarget.value.trim() || null })} w={140} name="device" data-testid="audit-device" />
        <AnySelect label={t('lookups.action')} value={f.draft.action ?? null} onChange={(v) => f.set({ action: v as typeof f.draft.action })} testId="audit-action"
          data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`lookups.actions.${a}`) }))} />
      </FilterForm>
      <LookupTable key={f.searchKey} procedure="lookup.audit" filter={f.applied} columns={columns} exportAs="audit" testId="audit" label={t('lookups.auditTitle')} />
    </Panel>
  );
}
