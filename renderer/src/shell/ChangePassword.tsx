import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api/query';
import { fieldError, formError } from '../i18n/translateError';
import { ErrorNote } from '../ui/ErrorNote';

export function ChangePassword({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const change = useApiMutation('accounts.changePassword', {
    onSuccess: () => { notifications.show({ color: 'teal', message: t('shell.password.done') }); onClose(); },
  });
  const mismatch = repeat !== '' && repeat !== next;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!mismatch) change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <Modal opened onClose={onClose} title={t('shell.password.title')} centered>
      <Stack component="form" onSubmit={submit}>
        <PasswordInput label={t('shell.password.current')} value={current} onChange={(e) => setCurrent(e.currentTarget.value)} required autoComplete="current-password"
          error={fieldError(change.error, 'currentPassword')} />
        <PasswordInput label={t('shell.password.next')} value={next} onChange={(e) => setNext(e.currentTarget.value)} required autoComplete="new-password"
          error={fieldError(change.error, 'newPassword') ?? (change.error && (change.error.code === 'WEAK_PASSWORD') ? formError(change.error, []) : undefined)} />
        <PasswordInput label={t('shell.password.repeat')} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} required autoComplete="new-password"
          error={mismatch ? t('shell.password.mismatch') : undefined} />
        <ErrorNote message={change.error?.code === 'WEAK_PASSWORD' ? undefined : formError(change.error, ['currentPassword', 'newPassword'])} />
        <Group justify="flex-end"><Button type="submit" loading={change.isPending} disabled={mismatch}>{t('common.action.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
