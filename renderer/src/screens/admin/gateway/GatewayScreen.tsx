/**
 * Admin → Online payment: the Alipay gateway as the hub keeps it (app id, environment, addresses;
 * the keys only as "kept", never shown), and the form that sets it (both keys pasted again each
 * time, the admin's password asked for by the step-up). Refusals are said at their field.
 */
import { Badge, Button, Group, SegmentedControl, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { dateTime } from '../../../ui/format';
import { AdminError, FormError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';

type Gateway = Output<'payments.gateway'>;
export const ALIPAY_GATEWAYS = {
  production: 'https://openapi.alipay.com/gateway.do',
  sandbox: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
} as const;
type Mode = keyof typeof ALIPAY_GATEWAYS | 'custom';
const FIELDS = ['appId', 'gatewayUrl', 'notifyUrl', 'privateKey', 'alipayPublicKey'];

const modeOf = (url: string | null): Mode =>
  url === ALIPAY_GATEWAYS.sandbox ? 'sandbox' : url === null || url === ALIPAY_GATEWAYS.production ? 'production' : 'custom';

/** On or off (the keys kept either way); asks for the admin's password. */
function OnOff({ g }: { g: Gateway }) {
  const { t } = useTranslation();
  const toggle = useApiMutation('payments.setGatewayEnabled', {
    onSuccess: (x) => notifications.show({ color: 'teal', message: t(x.enabled ? 'patientSide.gateway.turnedOn' : 'patientSide.gateway.turnedOff') }),
  });
  return (
    <Stack gap={4}>
      <Switch checked={g.enabled} onChange={(e) => toggle.mutate({ enabled: e.currentTarget.checked })} disabled={toggle.isPending}
        label={t('patientSide.gateway.enabled')} description={t('patientSide.gateway.enabledHint')} data-testid="gateway-enabled" />
      <AdminError error={toggle.error} />
    </Stack>
  );
}

function Current({ g }: { g: Gateway }) {
  const { t } = useTranslation();
  const keys = <Text span size="sm" c={g.configured ? undefined : 'dimmed'}>{t(g.configured ? 'patientSide.gateway.keysSet' : 'patientSide.gateway.keysMissing')}</Text>;
  const mode = modeOf(g.gatewayUrl);
  return (
    <Table withRowBorders={false} verticalSpacing={4} data-testid="gateway-current">
      <Table.Tbody>
        <Table.Tr><Table.Th w={200}>{t('patientSide.gateway.status')}</Table.Th><Table.Td>{!g.configured
          ? <Text size="sm" c="orange.9" data-testid="gateway-status">{t('patientSide.gateway.notConfigured')}</Text>
          : g.enabled ? <Badge color="teal" variant="light" data-testid="gateway-status">{t('patientSide.gateway.configured')}</Badge>
            : <Badge color="gray" variant="light" data-testid="gateway-status">{t('patientSide.gateway.off')}</Badge>}</Table.Td></Table.Tr>
        {g.configured && <>
          <Table.Tr><Table.Th>{t('patientSide.gateway.onOff')}</Table.Th><Table.Td><OnOff g={g} /></Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('patientSide.gateway.appId')}</Table.Th><Table.Td className="tabular">{g.appId}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('patientSide.gateway.mode')}</Table.Th><Table.Td>{t(`patientSide.gateway.${mode}`)}<Text size="xs" c="dimmed">{g.gatewayUrl}</Text></Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('patientSide.gateway.notifyUrl')}</Table.Th><Table.Td style={{ wordBreak: 'break-all' }}>{g.notifyUrl}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('patientSide.gateway.privateKey')}</Table.Th><Table.Td data-testid="gateway-private-key">{keys}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('patientSide.gateway.alipayPublicKey')}</Table.Th><Table.Td>{keys}</Table.Td></Table.Tr>
          {g.updatedAt !== null && <Table.Tr><Table.Th>{t('patientSide.gateway.updatedAt')}</Table.Th><Table.Td className="tabular">{dateTime(g.updatedAt)}</Table.Td></Table.Tr>}
        </>}
      </Table.Tbody>
    </Table>
  );
}

function GatewayForm({ g }: { g: Gateway }) {
  const { t } = useTranslation();
  const [appId, setAppId] = useState(g.appId ?? '');
  const [mode, setMode] = useState<Mode>(modeOf(g.gatewayUrl));
  const [customUrl, setCustomUrl] = useState(mode === 'custom' ? g.gatewayUrl ?? '' : '');
  const [notifyUrl, setNotifyUrl] = useState(g.notifyUrl ?? '');
  const [privateKey, setPrivateKey] = useState('');
  const [alipayPublicKey, setAlipayPublicKey] = useState('');
  const save = useApiMutation('payments.setGateway', {
    // The keys leave the form once kept: they are never shown again.
    onSuccess: () => { setPrivateKey(''); setAlipayPublicKey(''); notifications.show({ color: 'teal', message: t('patientSide.gateway.saved') }); },
  });
  const err = save.error;
  const gatewayUrl = mode === 'custom' ? customUrl : ALIPAY_GATEWAYS[mode];
  // Saving keeps online payment as it is (on for a first set-up); the switch above turns it off or on.
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate({ appId, gatewayUrl, notifyUrl, privateKey, alipayPublicKey, enabled: g.configured ? g.enabled : true }); };
  return (
    <Stack component="form" onSubmit={submit} gap="sm" data-testid="gateway-form">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextInput label={t('patientSide.gateway.appId')} value={appId} onChange={(e) => setAppId(e.currentTarget.value)} required inputMode="numeric"
          name="appId" error={fieldError(err, 'appId')} data-testid="gateway-app-id" />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="gateway-mode-label">{t('patientSide.gateway.mode')}</Text>
          <SegmentedControl value={mode} onChange={(v) => setMode(v as Mode)} aria-labelledby="gateway-mode-label" data-testid="gateway-mode"
            data={(['production', 'sandbox', 'custom'] as const).map((m) => ({ value: m, label: t(`patientSide.gateway.${m}`) }))} />
        </Stack>
      </SimpleGrid>
      <TextInput label={t('patientSide.gateway.gatewayUrl')} value={gatewayUrl} readOnly={mode !== 'custom'} onChange={(e) => setCustomUrl(e.currentTarget.value)}
        required name="gatewayUrl" error={fieldError(err, 'gatewayUrl')} data-testid="gateway-url" />
      <TextInput label={t('patientSide.gateway.notifyUrl')} description={t('patientSide.gateway.notifyHint')} value={notifyUrl} onChange={(e) => setNotifyUrl(e.currentTarget.value)}
        required name="notifyUrl" error={fieldError(err, 'notifyUrl')} data-testid="gateway-notify-url" />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Textarea label={t('patientSide.gateway.privateKey')} placeholder={t('patientSide.gateway.keyPlaceholder')} value={privateKey} onChange={(e) => setPrivateKey(e.currentTarget.value)}
          required autosize minRows={4} maxRows={8} spellCheck={false} autoComplete="off" name="privateKey" error={fieldError(err, 'privateKey')} data-testid="gateway-private-key-input"
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
        <Textarea label={t('patientSide.gateway.alipayPublicKey')} placeholder={t('patientSide.gateway.publicPlaceholder')} value={alipayPublicKey} onChange={(e) => setAlipayPublicKey(e.currentTarget.value)}
          required autosize minRows={4} maxRows={8} spellCheck={false} autoComplete="off" name="alipayPublicKey" error={fieldError(err, 'alipayPublicKey')} data-testid="gateway-public-key-input"
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
      </SimpleGrid>
      <FormError error={err} fields={FIELDS} />
      <Group justify="flex-end"><Button type="submit" loading={save.isPending} data-testid="gateway-save">{t('patientSide.gateway.save')}</Button></Group>
    </Stack>
  );
}

export function GatewayScreen() {
  const { t } = useTranslation();
  const q = useApiQuery('payments.gateway', {});
  return (
    <Panel title={t('patientSide.gateway.title')} testId="gateway">
      <Text size="sm" c="dimmed" mb="sm">{t('patientSide.gateway.hint')}</Text>
      <QueryState query={q}>{(g) => (
        <Stack>
          <Current g={g} />
          <GatewayForm key={g.updatedAt ?? 0} g={g} />
        </Stack>
      )}</QueryState>
    </Panel>
  );
}
