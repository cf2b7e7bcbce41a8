/**
 * The SMS provider's keys (Tencent Cloud or Aliyun): typed in full each time (the hub never
 * answers them back), secrets in password fields, a template id per kind in Chinese and English.
 * Saving asks for the admin's own password (messages.setProvider is a step-up).
 */
import { Button, Group, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenInput } from '../../../api/query';
import { useApiMutation } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { FormError } from '../ui/HubState';

const KINDS = ['booking_confirmed', 'booking_cancelled', 'stop_clinic', 'reminder'] as const;
type Provider = 'tencent' | 'aliyun';
type Field = 'secretId' | 'secretKey' | 'sdkAppId' | 'signName' | 'region' | 'endpoint' | 'accessKeyId' | 'accessKeySecret';
const FIELDS: Record<Provider, readonly Field[]> = {
  tencent: ['secretId', 'secretKey', 'sdkAppId', 'signName', 'region', 'endpoint'],
  aliyun: ['accessKeyId', 'accessKeySecret', 'signName', 'region', 'endpoint'],
};
const SECRETS = new Set<string>(['secretKey', 'accessKeySecret']);
const OPTIONAL = new Set<string>(['region', 'endpoint']);

/** `current`: the provider set now (the form starts on it). */
export function ProviderForm({ current }: { current: Provider | null }) {
  const { t } = useTranslation();
  const [provider, setProvider] = useState<Provider>(current ?? 'tencent');
  const [values, setValues] = useState<Record<string, string>>({});
  const set = (k: string, v: string) => setValues((x) => ({ ...x, [k]: v }));
  const save = useApiMutation('messages.setProvider', {
    onSuccess: () => {
      setValues({});
      notifications.show({ color: 'teal', message: t('messages.provider.saved') });
    },
  });
  const err = save.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const keys = Object.fromEntries(FIELDS[provider].map((f) => [f, (values[f] ?? '').trim()]).filter(([f, v]) => v !== '' || !OPTIONAL.has(f ?? '')));
    const templates = Object.fromEntries(KINDS.flatMap((k) => [[k, values[`t.${k}`]], [`${k}.en`, values[`t.${k}.en`]]])
      .map(([k, v]) => [k, (v ?? '').trim()]).filter(([, v]) => v !== ''));
    const input = { provider, ...keys, templates } as unknown as ScreenInput<'messages.setProvider'>;
    save.mutate(input);
  };
  const field = (f: Field) => {
    const common = {
      label: t(`messages.provider.${f}`), value: values[f] ?? '', name: f, required: !OPTIONAL.has(f), error: fieldError(err, f),
      'data-testid': `provider-${f}`, autoComplete: 'off',
    };
    return SECRETS.has(f)
      ? <PasswordInput key={`${provider}-${f}`} {...common} onChange={(e) => set(f, e.currentTarget.value)} autoComplete="new-password" />
      : <TextInput key={`${provider}-${f}`} {...common} onChange={(e) => set(f, e.currentTarget.value)} />;
  };
  return (
    <Stack component="form" onSubmit={submit} gap="sm" data-testid="provider-form">
      <Text size="sm" c="dimmed">{t('messages.provider.secretHint')}</Text>
      <SegmentedControl value={provider} onChange={(v) => setProvider(v as Provider)} data-testid="provider-choice" aria-label={t('messages.provider.choose')}
        data={(['tencent', 'aliyun'] as const).map((p) => ({ value: p, label: t(`messages.provider.names.${p}`) }))} style={{ alignSelf: 'flex-start' }} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">{FIELDS[provider].map(field)}</SimpleGrid>
      <Title order={5}>{t('messages.provider.templates')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {KINDS.flatMap((k) => [
          <TextInput key={`${k}-zh`} label={t('messages.provider.templateZh', { kind: t(`messages.kind.${k}`) })} value={values[`t.${k}`] ?? ''} name={`template-${k}`}
            onChange={(e) => set(`t.${k}`, e.currentTarget.value)} data-testid={`template-${k}`} error={fieldError(err, `templates.${k}`)} />,
          <TextInput key={`${k}-en`} label={t('messages.provider.templateEn', { kind: t(`messages.kind.${k}`) })} value={values[`t.${k}.en`] ?? ''} name={`template-${k}-en`}
            onChange={(e) => set(`t.${k}.en`, e.currentTarget.value)} data-testid={`template-${k}-en`} error={fieldError(err, `templates.${k}.en`)} />,
        ])}
      </SimpleGrid>
      <FormError error={err} fields={[...FIELDS[provider], 'templates']} />
      <Group><Button type="submit" loading={save.isPending} data-testid="provider-save">{t('messages.provider.save')}</Button></Group>
    </Stack>
  );
}
