/** Admin → Lookups: appointments, visits, money and patients at the hub, one tab each, filtered, paged and exported. */
import { Button, Group, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPOINTMENT_SOURCES, APPOINTMENT_STATUSES, BILL_STATUSES, VISIT_STATUSES, type Input } from '../../../../../main/api/contract';
import { dateTime, money } from '../../../ui/format';
import { useAccountOptions, useDepartmentOptions, useDoctorOptions } from '../ui/options';
import { Panel } from '../ui/Panel';
import { AnySelect, FilterForm, useFilters, useWeek } from './filters';
import { LookupTable, type Column, type LookupRow } from './LookupTable';
import { useBuiltInKind } from '../../../ui/dictionary';

function AppointmentsTab() {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  const doctors = useDoctorOptions();
  const f = useFilters<Input<'lookup.appointments'>>({ ...useWeek(), departmentId: null, doctorId: null, status: null, source: null });
  const columns: Column<LookupRow<'lookup.appointments'>>[] = [
    { key: 'date', label: t('lookups.col.date'), cell: (r) => r.date },
    { key: 'period', label: t('lookups.col.period'), cell: (r) => t(`enums.period.${r.period as 'morning'}`, { defaultValue: r.period }) },
    { key: 'patient', label: t('lookups.col.patient'), cell: (r) => `${r.patientName}（${r.recordNo}）` },
    { key: 'department', label: t('lookups.col.department'), cell: (r) => r.departmentName },
    { key: 'doctor', label: t('lookups.col.doctor'), cell: (r) => r.doctorName },
    { key: 'status', label: t('lookups.col.status'), cell: (r) => t(`enums.appointmentStatus.${r.status}`) },
    { key: 'source', label: t('lookups.col.source'), cell: (r) => t(`enums.appointmentSource.${r.source}`) },
  ];
  return (
    <Stack>
      <FilterForm testId="lookup-appointments-filter" from={f.draft.from} to={f.draft.to} onDates={(d) => f.set(d)} onSubmit={f.apply}>
        <AnySelect label={t('lookups.department')} value={f.draft.departmentId ?? null} onChange={(v) => f.set({ departmentId: v })} data={departments} testId="lookup-department" />
        <AnySelect label={t('lookups.doctor')} value={f.draft.doctorId ?? null} onChange={(v) => f.set({ doctorId: v })} data={doctors} testId="lookup-doctor" w={200} searchable />
        <AnySelect label={t('lookups.status')} value={f.draft.status ?? null} onChange={(v) => f.set({ status: v as typeof f.draft.status })} testId="lookup-status"
          data={APPOINTMENT_STATUSES.map((s) => ({ value: s, label: t(`enums.appointmentStatus.${s}`) }))} />
        <AnySelect label={t('lookups.source')} value={f.draft.source ?? null} onChange={(v) => f.set({ source: v as typeof f.draft.source })} testId="lookup-source"
          data={APPOINTMENT_SOURCES.map((s) => ({ value: s, label: t(`enums.appointmentSource.${s}`) }))} />
      </FilterForm>
      <LookupTable key={f.searchKey} procedure="lookup.appointments" filter={f.applied} columns={columns} exportAs="appointments" testId="lookup-appointments" label={t('lookups.tabs.appointments')} />
    </Stack>
  );
}

/** The columns of a visits list (the visits tab, a patient's visits). */
function useVisitColumns(): Column<LookupRow<'lookup.visits'>>[] {
  const { t } = useTranslation();
  return [
    { key: 'date', label: t('lookups.col.date'), cell: (r) => r.date },
    { key: 'queueNo', label: t('lookups.col.queueNo'), cell: (r) => r.queueNo },
    { key: 'patient', label: t('lookups.col.patient'), cell: (r) => `${r.patientName}（${r.recordNo}）` },
    { key: 'department', label: t('lookups.col.department'), cell: (r) => r.departmentName },
    { key: 'doctor', label: t('lookups.col.doctor'), cell: (r) => r.doctorName },
    { key: 'type', label: t('lookups.col.visitType'), cell: (r) => t(`enums.visitType.${r.visitType}`) },
    { key: 'status', label: t('lookups.col.status'), cell: (r) => t(`enums.visitStatus.${r.status}`) },
    { key: 'fee', label: t('lookups.col.fee'), cell: (r) => money(r.feeFen), numeric: true },
  ];
}

function VisitsTab() {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  const doctors = useDoctorOptions();
  const f = useFilters<Input<'lookup.visits'>>({ ...useWeek(), departmentId: null, doctorId: null, status: null });
  const columns = useVisitColumns();
  return (
    <Stack>
      <FilterForm testId="lookup-visits-filter" from={f.draft.from ?? ''} to={f.draft.to ?? ''} onDates={(d) => f.set(d)} onSubmit={f.apply}>
        <AnySelect label={t('lookups.department')} value={f.draft.departmentId ?? null} onChange={(v) => f.set({ departmentId: v })} data={departments} testId="lookup-visit-department" />
        <AnySelect label={t('lookups.doctor')} value={f.draft.doctorId ?? null} onChange={(v) => f.set({ doctorId: v })} data={doctors} testId="lookup-visit-doctor" w={200} searchable />
        <AnySelect label={t('lookups.status')} value={f.draft.status ?? null} onChange={(v) => f.set({ status: v as typeof f.draft.status })} testId="lookup-visit-status"
          data={VISIT_STATUSES.map((s) => ({ value: s, label: t(`enums.visitStatus.${s}`) }))} />
      </FilterForm>
      <LookupTable key={f.searchKey} procedure="lookup.visits" filter={f.applied} columns={columns} exportAs="visits" testId="lookup-visits" label={t('lookups.tabs.visits')} />
    </Stack>
  );
}

function MoneyTab() {
  const { t } = useTranslation();
  const cashiers = useAccountOptions('cashier');
  const methods = useBuiltInKind('payment_method');
  const f = useFilters<Input<'lookup.money'>>({ kind: 'payments', ...useWeek(), method: null, cashierId: null, status: null });
  const bills = f.draft.kind === 'bills';
  const statuses = bills ? BILL_STATUSES.map((s) => ({ value: s, label: t(`enums.billStatus.${s}`) }))
    : (['open', 'closed'] as const).map((s) => ({ value: s, label: t(`lookups.ledger.${s}`) }));
  const columns: Column<LookupRow<'lookup.money'>>[] = [
    { key: 'at', label: t('lookups.col.time'), cell: (r) => dateTime(r.at) },
    { key: 'no', label: t('lookups.col.no'), cell: (r) => r.no },
    { key: 'patient', label: t('lookups.col.patient'), cell: (r) => r.patientName },
    { key: 'method', label: t('lookups.col.method'), cell: (r) => (r.method ? methods.name(r.method) : '—') },
    { key: 'amount', label: t('lookups.col.amount'), cell: (r) => money(r.amountFen), numeric: true },
    { key: 'cashier', label: t('lookups.col.cashier'), cell: (r) => r.cashierName || '—' },
    { key: 'status', label: t('lookups.col.status'), cell: (r) => (r.kind === 'bills' ? t(`enums.billStatus.${r.status as 'open'}`) : t(`lookups.ledger.${r.status as 'open'}`)) },
  ];
  return (
    <Stack>
      <FilterForm testId="lookup-money-filter" from={f.draft.from} to={f.draft.to} onDates={(d) => f.set(d)} onSubmit={f.apply}>
        <AnySelect label={t('lookups.kind')} value={f.draft.kind} onChange={(v) => f.set({ kind: (v ?? 'payments') as 'payments', method: null, status: null })} testId="lookup-money-kind"
          data={(['payments', 'refunds', 'bills'] as const).map((k) => ({ value: k, label: t(`lookups.kinds.${k}`) }))} />
        {!bills && <AnySelect label={t('lookups.method')} value={f.draft.method ?? null} onChange={(v) => f.set({ method: v as typeof f.draft.method })} testId="lookup-money-method"
          data={methods.all} />}
        {!bills && <AnySelect label={t('lookups.cashier')} value={f.draft.cashierId ?? null} onChange={(v) => f.set({ cashierId: v })} data={cashiers} testId="lookup-money-cashier" w={200} searchable />}
        <AnySelect label={t('lookups.status')} value={f.draft.status ?? null} onChange={(v) => f.set({ status: v as typeof f.draft.status })} data={statuses} testId="lookup-money-status" />
      </FilterForm>
      <LookupTable key={f.searchKey} procedure="lookup.money" filter={f.applied} columns={columns} exportAs="money" testId="lookup-money" label={t('lookups.tabs.money')} />
    </Stack>
  );
}

function PatientsTab() {
  const { t } = useTranslation();
  const f = useFilters<{ query: string }>({ query: '' });
  const [chosen, setChosen] = useState<LookupRow<'lookup.patients'> | null>(null);
  const columns: Column<LookupRow<'lookup.patients'>>[] = [
    { key: 'recordNo', label: t('lookups.col.recordNo'), cell: (r) => r.recordNo },
    { key: 'name', label: t('lookups.col.name'), cell: (r) => r.name },
    { key: 'sex', label: t('lookups.col.sex'), cell: (r) => t(`enums.sex.${r.sex}`) },
    { key: 'phone', label: t('lookups.col.phone'), cell: (r) => r.phone ?? '—' },
    { key: 'visits', label: t('lookups.col.visits'), cell: (r) => r.visits, numeric: true },
    { key: 'lastVisit', label: t('lookups.col.lastVisit'), cell: (r) => r.lastVisitDate ?? '—' },
    { key: 'more', label: t('lookups.col.more'), cell: (r) => (
      <Button size="compact-xs" variant="light" onClick={() => setChosen(r)} data-testid="lookup-patient-visits"
        aria-label={`${t('lookups.showVisits')}: ${r.name}`}>{t('lookups.showVisits')}</Button>
    ) },
  ];
  return (
    <Stack>
      <FilterForm testId="lookup-patients-filter" onSubmit={(e) => { setChosen(null); f.apply(e); }}>
        <TextInput label={t('lookups.query')} value={f.draft.query} onChange={(e) => f.set({ query: e.currentTarget.value })} w={320} required name="query" />
      </FilterForm>
      {f.applied.query.trim() !== '' &&
        <LookupTable key={f.searchKey} procedure="lookup.patients" filter={f.applied} columns={columns} exportAs="patients" testId="lookup-patients" label={t('lookups.tabs.patients')} />}
      {chosen && <PatientVisits patient={chosen} onClose={() => setChosen(null)} />}
    </Stack>
  );
}

/** Every visit of one patient, newest first (the hub's visits lookup by patient, no dates). */
function PatientVisits({ patient, onClose }: { patient: LookupRow<'lookup.patients'>; onClose: () => void }) {
  const { t } = useTranslation();
  const title = t('lookups.visitsOf', { name: patient.name, recordNo: patient.recordNo });
  return (
    <Stack gap="xs" data-testid="lookup-patient-history">
      <Group justify="space-between">
        <Title order={3} size="h5">{title}</Title>
        <Button size="xs" variant="default" onClick={onClose} data-testid="lookup-patient-history-close">{t('lookups.closeVisits')}</Button>
      </Group>
      <LookupTable key={patient.id} procedure="lookup.visits" filter={{ patientId: patient.id }} columns={useVisitColumns()} exportAs="visits" testId="lookup-patient-visits-list" label={title} />
    </Stack>
  );
}

export function LookupsScreen() {
  const { t } = useTranslation();
  return (
    <Panel title={t('lookups.title')} testId="lookups">
      <Tabs defaultValue="appointments" keepMounted={false}>
        <Tabs.List mb="sm">
          {(['appointments', 'visits', 'money', 'patients'] as const).map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`lookup-tab-${k}`}>{t(`lookups.tabs.${k}`)}</Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="appointments"><AppointmentsTab /></Tabs.Panel>
        <Tabs.Panel value="visits"><VisitsTab /></Tabs.Panel>
        <Tabs.Panel value="money"><MoneyTab /></Tabs.Panel>
        <Tabs.Panel value="patients"><PatientsTab /></Tabs.Panel>
      </Tabs>
    </Panel>
  );
}
