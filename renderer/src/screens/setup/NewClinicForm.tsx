import { Alert, Button, Group, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/query';
import { formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { setupFieldError } from './setupErrors';

const FIELDS = ['clinicName', 'clinicNameEn', 'username', 'displayName', 'password'] as const;
/** Hints under the inputs, so the two inputs of a row line up whether or not they have one. */
const BELOW = ['label', 'input', 'description', 'error'] as ('label' | 'input' | 'description' | 'error')[];

/** A new clinic: its name and the first admin; this PC then runs the hub. */
export function NewClinicForm({ onBack, onDone }: { onBack: () => void; onDone: (username: string) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ clinicName: '', clinicNameEn: '', username: '', displayName: '', password: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [k]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (form.password !== form.repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      const { repeat: _repeat, clinicNameEn, ...rest } = form;
      const out = await apiCall('setup.newClinic', { ...rest, ...(clinicNameEn.trim() ? { clinicNameEn } : {}) });
      onDone(out.username);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const err = (f: (typeof FIELDS)[number]) => setupFieldError(error, f);
  return (
    <Stack component="form" onSubmit={submit} data-testid="setup-new-form" gap="sm">
      <Title order={2} size="h3">{t('setup.newClinic.title')}</Title>
      <TextInput label={t('setup.newClinic.clinicName')} name="clinicName" required autoFocus value={form.clinicName} onChange={set('clinicName')} error={err('clinicName')} />
      <TextInput
        label={t('setup.newClinic.clinicNameEn')} description={t('setup.newClinic.clinicNameEnHint')} name="clinicNameEn"
        value={form.clinicNameEn} onChange={set('clinicNameEn')} error={err('clinicNameEn')}
      />
      <Title order={3} size="h5" mt="xs">{t('setup.newClinic.admin')}</Title>
      <Group grow align="flex-start">
        <TextInput
          label={t('setup.newClinic.username')} description={t('setup.newClinic.usernameHint')} name="username" autoComplete="username" required inputWrapperOrder={BELOW}
          value={form.username} onChange={set('username')} error={err('username')}
        />
        <TextInput label={t('setup.newClinic.displayName')} name="displayName" autoComplete="name" required value={form.displayName} onChange={set('displayName')} error={err('displayName')} />
      </Group>
      <Group grow align="flex-start">
        <PasswordInput
          label={t('setup.newClinic.password')} description={t('setup.newClinic.passwordHint')} name="password" autoComplete="new-password" required inputWrapperOrder={BELOW}
          value={form.password} onChange={set('password')} error={err('password')}
        />
        <PasswordInput
          label={t('setup.newClinic.repeat')} name="repeat" autoComplete="new-password" required
          value={form.repeat} onChange={set('repeat')} error={mismatch ? t('setup.newClinic.mismatch') : undefined}
        />
      </Group>
      <ErrorNote message={formError(error, FIELDS)} />
      {busy && <Alert color="blue" variant="light" role="status">{t('setup.newClinic.busy')}</Alert>}
      <Group justify="space-between" mt="xs">
        <Button variant="default" onClick={onBack} disabled={busy}>{t('common.action.back')}</Button>
        <Button type="submit" loading={busy}>{t('setup.newClinic.submit')}</Button>
      </Group>
    </Stack>
  );
}
