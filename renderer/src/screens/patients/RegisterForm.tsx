import { Button, Checkbox, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INSURANCE_TYPES, SEXES, type InsuranceType, type Output, type Sex } from '../../../../main/api/contract';
import { isApiError } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { fieldError, formError } from '../../i18n/translateError';
import { usePatientSearch } from '../../state/search';
import { ErrorNote } from '../../ui/ErrorNote';
import { useClinicToday } from '../../ui/useClinic';
import { DuplicateList } from './DuplicateList';
import { PatientRecordFields } from './PatientRecordFields';
import { draftOf, emptyDraft, fromIdNumber, toInput, type RegisterDraft } from './registerForm';

const FIELDS = ['name', 'idNumber', 'sex', 'birthDate', 'phone', 'insuranceType', 'insuranceNo', 'address', 'allergies', 'emergencyName', 'emergencyPhone',
  'idDocType', 'idDocNumber', 'maritalStatus', 'ethnicity', 'occupation'];

function duplicateIds(err: unknown): string[] {
  if (!isApiError(err) || err.code !== 'DUPLICATE_PATIENT') return [];
  const list = err.details?.['duplicates'];
  return Array.isArray(list) ? list.map((d) => String((d as { patientId: unknown }).patientId)) : [];
}

/** Register a new patient, or (given `editing`) change an existing one's card. */
export function RegisterForm({ initialName = '', editing, onDone }: { initialName?: string; editing?: Output<'patients.get'>; onDone?: () => void }) {
  const { t } = useTranslation();
  const { select, endRegister } = usePatientSearch();
  const [d, setD] = useState<RegisterDraft>(() => (editing ? draftOf(editing) : emptyDraft(initialName)));
  const today = useClinicToday();
  const [autofilled, setAutofilled] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const register = useApiMutation('patients.register', {
    onSuccess: (out) => {
      notifications.show({ color: 'teal', message: t('patients.register.registered', { name: out.patient.name, recordNo: out.patient.recordNo }) });
      select(out.patient.id);
    },
  });
  const update = useApiMutation('patients.update', {
    onSuccess: (out) => {
      notifications.show({ color: 'teal', message: t('patients.register.updated', { name: out.patient.name }) });
      onDone?.();
    },
  });
  const save = editing ? update : register;
  const [probe] = useDebouncedValue({ name: d.name.trim(), idNumber: d.idNumber.trim(), phone: d.phone.trim(), birthDate: d.birthDate }, 300);
  const dupes = useApiQuery('patients.checkDuplicates', {
    name: probe.name, idNumber: probe.idNumber || null, phone: probe.phone || null, birthDate: probe.birthDate || null,
    ...(editing ? { excludeId: editing.id } : {}),
  }, { enabled: probe.name.length > 0 || probe.idNumber.length >= 15 || probe.phone.length >= 7 });

  const set = <K extends keyof RegisterDraft>(k: K, v: RegisterDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const onIdNumber = (value: string) => {
    const found = fromIdNumber(value, today);
    setD((x) => (found ? { ...x, idNumber: value, ...found } : { ...x, idNumber: value }));
    setAutofilled(found !== null);
  };
  const pendingDupes = duplicateIds(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = toInput(d, confirmed ? pendingDupes : []);
    if (editing) update.mutate({ ...input, id: editing.id });
    else register.mutate(input);
  };
  const err = save.error;

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} data-testid="register-form">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{editing ? t('patients.register.editTitle', { name: editing.name }) : t('patients.register.title')}</Title>
          <Button variant="subtle" size="xs" onClick={editing ? onDone : endRegister}>{t('common.action.cancel')}</Button>
        </Group>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={t('patients.field.name')} required value={d.name} name="name" autoFocus
            onChange={(e) => set('name', e.currentTarget.value)} error={fieldError(err, 'name')} />
          <TextInput label={t('patients.field.idNumber')} value={d.idNumber} name="idNumber" className="tabular"
            description={autofilled ? t('patients.register.autofilled') : t('patients.register.idHint')}
            onChange={(e) => onIdNumber(e.currentTarget.value)} error={fieldError(err, 'idNumber')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('patients.field.sex')}</Text>
            <SegmentedControl value={d.sex} onChange={(v) => set('sex', v as Sex)} data-testid="sex"
              data={SEXES.map((s) => ({ value: s, label: t(`enums.sex.${s}`) }))} />
            {fieldError(err, 'sex') && <Text size="xs" c="red">{fieldError(err, 'sex')}</Text>}
          </Stack>
          <TextInput label={t('patients.field.birthDate')} type="date" value={d.birthDate} name="birthDate"
            onChange={(e) => set('birthDate', e.currentTarget.value)} error={fieldError(err, 'birthDate')} />
          <TextInput label={t('patients.field.phone')} value={d.phone} name="phone" inputMode="tel"
            onChange={(e) => set('phone', e.currentTarget.value)} error={fieldError(err, 'phone')} />
          <Select label={t('patients.field.insuranceType')} value={d.insuranceType} allowDeselect={false}
            onChange={(v) => v && set('insuranceType', v as InsuranceType)} error={fieldError(err, 'insuranceType')}
            data={INSURANCE_TYPES.map((i) => ({ value: i, label: t(`enums.insurance.${i}`) }))} />
          <TextInput label={t('patients.field.insuranceNo')} value={d.insuranceNo} name="insuranceNo"
            onChange={(e) => set('insuranceNo', e.currentTarget.value)} error={fieldError(err, 'insuranceNo')} />
          <TextInput label={t('patients.field.address')} value={d.address} name="address"
            onChange={(e) => set('address', e.currentTarget.value)} error={fieldError(err, 'address')} />
          <TextInput label={t('patients.field.emergencyName')} value={d.emergencyName} name="emergencyName"
            onChange={(e) => set('emergencyName', e.currentTarget.value)} error={fieldError(err, 'emergencyName')} />
          <TextInput label={t('patients.field.emergencyPhone')} value={d.emergencyPhone} name="emergencyPhone"
            onChange={(e) => set('emergencyPhone', e.currentTarget.value)} error={fieldError(err, 'emergencyPhone')} />
          <PatientRecordFields d={d} set={set} err={err} />
        </SimpleGrid>
        <Textarea label={t('patients.field.allergies')} value={d.allergies} autosize minRows={1} name="allergies"
          onChange={(e) => set('allergies', e.currentTarget.value)} error={fieldError(err, 'allergies')} />
        <DuplicateList warnings={dupes.data?.warnings ?? []} />
        {pendingDupes.length > 0 && (
          <Checkbox label={t('patients.register.confirm')} checked={confirmed} color="red" data-testid="confirm-duplicate"
            onChange={(e) => setConfirmed(e.currentTarget.checked)} />
        )}
        <ErrorNote message={formError(err, FIELDS)} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>{editing ? t('patients.register.save') : t('patients.register.submit')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
