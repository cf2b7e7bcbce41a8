/**
 * Devices → Self check-in kiosks: a new kiosk token (the admin's password again; the token shown
 * once, with the address to open at the kiosk), the kiosks issued (by whom, when, last used,
 * revoked), and revoking one after a confirmation.
 */
import { Alert, Badge, Button, Code, CopyButton, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { fieldError } from '../../../i18n/translateError';
import { modals } from '../../../ui/Confirm';
import { EmptyState } from '../../../ui/EmptyState';
import { dateTime } from '../../../ui/format';
import { AdminError, FormError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';

/** The hub's patient port (its default), when the hub cannot name its own address; the admin puts the hub's LAN address in front. */
const PATIENT_PORT = 4880;

function IssuedToken({ issued, onDone }: { issued: Output<'devices.issueKioskToken'>; onDone: () => void }) {
  const { t } = useTranslation();
  // The patient app's address as the hub serves it (devices.list), else a placeholder for the admin to fill in.
  const served = useApiQuery('devices.list', {}).data?.patientPort?.address;
  const address = `${served ?? `https://<${t('patientSide.kiosks.hubAddress')}>:${PATIENT_PORT}`}/#/kiosk/${issued.token}`;
  return (
    <Alert color="teal" variant="light" title={t('patientSide.kiosks.tokenTitle', { name: issued.name })} data-testid="kiosk-token">
      <Stack gap="xs">
        <Text size="sm" fw={600}>{t('patientSide.kiosks.tokenOnce')}</Text>
        <Text size="sm">{t('patientSide.kiosks.address')}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', flex: 1 }} data-testid="kiosk-address">{address}</Code>
          <CopyButton value={address}>{({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>{copied ? '✓' : t('patientSide.kiosks.copy')}</Button>
          )}</CopyButton>
        </Group>
        <Text size="sm" c="dimmed">{t('patientSide.kiosks.steps')}</Text>
        <Group><Button size="xs" variant="default" onClick={onDone} data-testid="kiosk-token-done">{t('patientSide.kiosks.done')}</Button></Group>
      </Stack>
    </Alert>
  );
}

export function Kiosks() {
  const { t } = useTranslation();
  const q = useApiQuery('devices.kiosks', {});
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<Output<'devices.issueKioskToken'> | null>(null);
  const issue = useApiMutation('devices.issueKioskToken', { onSuccess: (x) => { setIssued(x); setName(''); void q.refetch(); } });
  const revoke = useApiMutation('devices.revokeKiosk', {
    onSuccess: (_, input) => { notifications.show({ color: 'teal', message: t('patientSide.kiosks.revokedDone', { name: input.name }) }); void q.refetch(); },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); setIssued(null); issue.mutate({ name }); };
  return (
    <Panel title={t('patientSide.kiosks.title')} testId="kiosks">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('patientSide.kiosks.hint')}</Text>
        <Group component="form" onSubmit={submit} align="flex-start" gap="sm">
          <TextInput label={t('patientSide.kiosks.name')} placeholder={t('patientSide.kiosks.namePlaceholder')} value={name} onChange={(e) => setName(e.currentTarget.value)}
            required maxLength={40} name="name" error={fieldError(issue.error, 'name')} data-testid="kiosk-name" w={240} />
          <Button type="submit" mt={25} loading={issue.isPending} data-testid="kiosk-issue">{t('patientSide.kiosks.issue')}</Button>
        </Group>
        <FormError error={issue.error} fields={['name']} />
        {issued && <IssuedToken issued={issued} onDone={() => setIssued(null)} />}
        <AdminError error={revoke.error} />
        <QueryState query={q}>{(d) => d.kiosks.length === 0 ? <EmptyState title={t('patientSide.kiosks.none')} /> : (
          <Table striped data-testid="kiosks-table" aria-label={t('patientSide.kiosks.table')}>
            <Table.Thead><Table.Tr>
              <Table.Th>{t('patientSide.kiosks.name')}</Table.Th><Table.Th>{t('patientSide.kiosks.issuedBy')}</Table.Th><Table.Th>{t('patientSide.kiosks.issuedAt')}</Table.Th>
              <Table.Th>{t('patientSide.kiosks.lastUsed')}</Table.Th><Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.kiosks.map((k, i) => (
                <Table.Tr key={`${k.name}-${k.issuedAt}-${i}`} data-testid="kiosk-row">
                  <Table.Td fw={600}>{k.name}</Table.Td>
                  <Table.Td>{k.issuedByName || k.issuedBy}</Table.Td>
                  <Table.Td className="tabular">{dateTime(k.issuedAt)}</Table.Td>
                  <Table.Td className="tabular">{k.lastUsedAt ? dateTime(k.lastUsedAt) : t('patientSide.kiosks.never')}</Table.Td>
                  <Table.Td>{k.revokedAt === null
                    ? <Badge color="teal" variant="light">{t('patientSide.kiosks.live')}</Badge>
                    : <Badge color="red" variant="light">{t('patientSide.kiosks.revoked')}</Badge>}</Table.Td>
                  <Table.Td>{k.revokedAt === null && (
                    <Button size="compact-xs" variant="subtle" color="red" data-testid="kiosk-revoke"
                      onClick={() => modals.confirm(t('patientSide.kiosks.revokeConfirm', { name: k.name }), () => revoke.mutate({ name: k.name }))}>
                      {t('patientSide.kiosks.revoke')}</Button>
                  )}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}</QueryState>
      </Stack>
    </Panel>
  );
}
