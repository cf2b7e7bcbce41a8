/**
 * A patient's text-message choice on the front desk's patient card: no texts (opt-out) and the
 * language of those sent, kept at the hub (messages.preference / messages.setPreference). With
 * the hub away it says so and the rest of the card works as before.
 */
import { Button, Group, Paper, SegmentedControl, Skeleton, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { Output } from '../../../../main/api/contract';
import { api, ApiError } from '../../api/client';
import { apiCall, useApiMutation } from '../../api/query';
import { AdminError, isHubUnreachable } from '../admin/ui/HubState';

const LANGUAGES = ['zh-CN', 'en'] as const;

export function MessagePreference({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  // Read without asking for a password: opening a card must not pop up the hub log-in of a
  // session begun while the hub was away (HUB_LOGIN_REQUIRED); the person asks for it here.
  const q = useQuery<Output<'messages.preference'>, ApiError>({ queryKey: ['messages.preference', { patientId }], queryFn: () => api('messages.preference', { patientId }) });
  const [proving, setProving] = useState(false);
  const prove = () => {
    setProving(true);
    void apiCall('messages.preference', { patientId }).then(() => q.refetch(), () => undefined).finally(() => setProving(false));
  };
  const save = useApiMutation('messages.setPreference', { onSuccess: () => notifications.show({ color: 'teal', message: t('messages.pref.saved') }) });
  // What was chosen here last (the hub's answer may still be on its way): the next change builds on it.
  const [chosen, setChosen] = useState<{ optedOut: boolean; language: 'zh-CN' | 'en' } | null>(null);
  const p = chosen ?? q.data;
  const change = (next: { optedOut: boolean; language: 'zh-CN' | 'en' }) => {
    setChosen(next);
    save.mutate({ patientId, ...next }, { onError: () => setChosen(null) });
  };
  return (
    <Paper withBorder p="md" data-testid="message-preference">
      <Title order={5} mb="xs">{t('messages.pref.title')}</Title>
      {isHubUnreachable(q.error) ? <Text size="sm" c="dimmed" data-testid="pref-hub-away">{t('messages.pref.hubAway')}</Text>
        : q.error?.code === 'HUB_LOGIN_REQUIRED' ? <Button size="xs" variant="light" loading={proving} onClick={prove} data-testid="pref-hub-login">{t('messages.pref.hubLogin')}</Button>
        : q.error ? <AdminError error={q.error} /> : !p ? <Skeleton h={32} /> : (
        <Group gap="lg">
          <Switch label={t('messages.pref.optedOut')} checked={p.optedOut} disabled={save.isPending} data-testid="pref-opted-out"
            onChange={(e) => change({ optedOut: e.currentTarget.checked, language: p.language })} />
          <Group gap="xs">
            <Text size="sm" id={`pref-lang-${patientId}`}>{t('messages.pref.language')}</Text>
            <SegmentedControl size="xs" value={p.language} disabled={save.isPending || p.optedOut} data-testid="pref-language" aria-labelledby={`pref-lang-${patientId}`}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`messages.pref.languages.${l}`) }))}
              onChange={(v) => change({ optedOut: p.optedOut, language: v === 'en' ? 'en' : 'zh-CN' })} />
          </Group>
        </Group>
      )}
      <AdminError error={save.error} />
    </Paper>
  );
}
