import { Alert, Button, Group, Loader, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall, useApiQuery } from '../../api/query';
import { formError } from '../../i18n/translateError';
import { ErrorNote } from '../../ui/ErrorNote';
import { setupFieldError } from './setupErrors';

const FIELDS = ['address', 'code', 'fingerprint'] as const;

/** Joining a hub: one found on the LAN (with its certificate fingerprint) or a typed address, then the pairing code. */
export function JoinHubForm({ onBack, onDone }: { onBack: () => void; onDone: (synced: boolean) => void }) {
  const { t } = useTranslation();
  const found = useApiQuery('setup.discover', {}, { staleTime: 0 });
  const [address, setAddress] = useState('');
  const [picked, setPicked] = useState<{ url: string; fingerprint: string } | null>(null);
  const [code, setCode] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const fingerprint = picked && picked.url === address ? picked.fingerprint : undefined;
      const out = await apiCall('setup.joinHub', { address, code, ...(fingerprint ? { fingerprint } : {}) });
      onDone(out.synced);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const hubs = found.data?.hubs ?? [];
  return (
    <Stack component="form" onSubmit={submit} data-testid="setup-join-form" gap="sm">
      <Title order={2} size="h3">{t('setup.join.title')}</Title>
      <Group justify="space-between">
        <Text fw={500} id="setup-found-label">{t('setup.join.found')}</Text>
        <Button size="xs" variant="subtle" onClick={() => void found.refetch()} loading={found.isFetching} data-testid="setup-refresh">
          {t('setup.join.refresh')}
        </Button>
      </Group>
      <Stack gap={6} role="group" aria-labelledby="setup-found-label" data-testid="setup-found">
        {found.isFetching && hubs.length === 0 && <Group gap="xs"><Loader size="xs" /><Text size="sm" c="dimmed">{t('setup.join.searching')}</Text></Group>}
        {!found.isFetching && hubs.length === 0 && <Text size="sm" c="dimmed">{found.error ? formError(found.error, []) : t('setup.join.none')}</Text>}
        {hubs.map((h) => {
          const chosen = picked?.url === h.url && address === h.url;
          return (
            <UnstyledButton
              key={h.hubId} aria-pressed={chosen}
              onClick={() => { setPicked({ url: h.url, fingerprint: h.fingerprint }); setAddress(h.url); codeInput.current?.focus(); }} data-testid="setup-hub"
            >
              <Group justify="space-between" wrap="nowrap" p="xs" style={{ border: `1px solid var(--mantine-color-${chosen ? 'blue-6' : 'gray-4'})`, borderRadius: 6 }}>
                <div>
                  <Text fw={600}>{h.name}</Text>
                  <Text size="xs" c="dimmed">{h.url} · {t('setup.join.fingerprint', { fp: h.fingerprint.slice(0, 23) })}</Text>
                </div>
                {chosen && <Text size="sm" c="blue.8">{t('setup.join.picked')}</Text>}
              </Group>
            </UnstyledButton>
          );
        })}
      </Stack>
      <TextInput
        label={t('setup.join.address')} description={t('setup.join.addressHint')} name="address" required autoComplete="off"
        value={address} onChange={(e) => setAddress(e.currentTarget.value)} error={setupFieldError(error, 'address')}
      />
      <TextInput
        label={t('setup.join.code')} description={t('setup.join.codeHint')} ref={codeInput} name="code" required inputMode="numeric" autoComplete="one-time-code" maxLength={6}
        value={code} onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))} error={setupFieldError(error, 'code')} maw={360}
      />
      <ErrorNote message={formError(error, FIELDS)} />
      {busy && <Alert color="blue" variant="light" role="status">{t('setup.join.busy')}</Alert>}
      <Group justify="space-between" mt="xs">
        <Button variant="default" onClick={onBack} disabled={busy}>{t('common.action.back')}</Button>
        <Button type="submit" loading={busy}>{t('setup.join.submit')}</Button>
      </Group>
    </Stack>
  );
}
