import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../api/query';
import { fieldError, formError } from '../i18n/translateError';
import { useSession } from '../state/session';
import { ErrorNote } from '../ui/ErrorNote';

/** Over the screen (so forms keep what was typed) while the session is locked. */
export function LockScreen() {
  const { t } = useTranslation();
  const { me, locked, setLocked, signOut } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiCall('accounts.unlock', { password });
      setPassword('');
      setLocked(false);
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const switchUser = async () => {
    await apiCall('accounts.logout', {}).catch(() => undefined);
    signOut();
  };

  return (
    <Modal
      opened={locked && !!me} onClose={() => undefined} withCloseButton={false} closeOnEscape={false}
      closeOnClickOutside={false} centered title={t('shell.lock.title')} overlayProps={{ backgroundOpacity: 0.85, blur: 6 }}
      data-testid="lock-screen"
    >
      <form onSubmit={unlock}>
        <Stack>
          <Text size="sm">{t('shell.lock.body', { name: me?.displayName ?? '' })}</Text>
          <PasswordInput
            label={t('shell.lock.password')} autoFocus required value={password}
            onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError(error, 'password')}
          />
          <ErrorNote message={formError(error, ['password'])} />
          <Group justify="space-between">
            <Button variant="subtle" onClick={switchUser}>{t('shell.lock.switchUser')}</Button>
            <Button type="submit" loading={busy}>{t('shell.lock.unlock')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
