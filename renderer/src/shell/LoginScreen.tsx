import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../api/query';
import { fieldError, formError } from '../i18n/translateError';
import { keepTicket } from '../state/resumeTicket';
import { useSession } from '../state/session';
import { ErrorNote } from '../ui/ErrorNote';
import { LanguageSwitch } from './LanguageSwitch';

export function LoginScreen() {
  const { t } = useTranslation();
  const signIn = useSession((s) => s.signIn);
  const ended = useSession((s) => s.ended);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // `token` is this window's resume ticket (the station keeps the session's own token).
      const { token: ticket, ...me } = await apiCall('accounts.login', { username, password });
      keepTicket(ticket);
      signIn(me);
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center h="100vh" bg="var(--mantine-color-gray-0)">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" radius="md" w={380}>
        <Stack>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2}>{t('common.app.name')}</Title>
              <Text size="sm" c="dimmed">{t('shell.login.hint')}</Text>
            </div>
            <LanguageSwitch />
          </Group>
          {ended && <Alert color="orange" data-testid="session-ended">{t(`shell.login.ended.${ended}`)}</Alert>}
          <TextInput
            label={t('shell.login.username')} name="username" autoComplete="username" autoFocus required
            value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={fieldError(error, 'username')}
          />
          <PasswordInput
            label={t('shell.login.password')} name="password" autoComplete="current-password" required
            value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError(error, 'password')}
          />
          <ErrorNote message={formError(error, ['username', 'password'])} />
          <Button type="submit" loading={busy} fullWidth>{t('shell.login.submit')}</Button>
        </Stack>
      </Paper>
    </Center>
  );
}
