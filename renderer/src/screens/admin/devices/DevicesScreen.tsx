import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { skewParts } from '../../../shell/syncBadge';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { useApiMutation, useApiQuery } from '../../../api/query';
import { modals } from '../../../ui/Confirm';
import { EmptyState } from '../../../ui/EmptyState';
import { dateTime } from '../../../ui/format';
import { AdminError, QueryState } from '../ui/HubState';
import { Panel } from '../ui/Panel';
import { Kiosks } from './Kiosks';
import { PatientPort } from './PatientPort';

type Device = Output<'devices.list'>['devices'][number];

function PairingCode() {
  const { t } = useTranslation();
  const [code, setCode] = useState<Output<'devices.issuePairingCode'> | null>(null);
  const issue = useApiMutation('devices.issuePairingCode', { onSuccess: setCode });
  return (
    <Panel title={t('admin.devices.pairing')} testId="pairing">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">{t('admin.devices.pairingHint')}</Text>
        {code && (
          <Paper withBorder p="md" bg="var(--mantine-color-gray-0)" ta="center">
            <Title order={1} ff="monospace" lts={8} data-testid="pairing-code">{code.code}</Title>
            <Text size="sm" c="dimmed">{t('admin.devices.codeValid', { time: dateTime(code.expiresAt) })}</Text>
          </Paper>
        )}
        <Group><Button onClick={() => issue.mutate({})} loading={issue.isPending} data-testid="issue-code">{t('admin.devices.newCode')}</Button></Group>
        <AdminError error={issue.error} />
      </Stack>
    </Panel>
  );
}

function Status({ d }: { d: Device }) {
  const { t } = useTranslation();
  if (d.revokedAt !== null) return <Badge color="red" variant="light">{t('admin.devices.revoked')}</Badge>;
  return d.online ? <Badge color="teal" variant="light">{t('admin.devices.online')}</Badge> : <Badge color="gray" variant="light">{t('admin.devices.offline')}</Badge>;
}

/** Paired workstations: last seen, changes waiting, revoke; a pairing code for a new one; the self check-in kiosks. */
export function DevicesScreen() {
  const { t } = useTranslation();
  const q = useApiQuery('devices.list', {}, { refetchInterval: 15_000 });
  const revoke = useApiMutation('devices.revoke');
  return (
    <Stack>
      <Panel title={t('admin.devices.title')} testId="devices">
        <AdminError error={revoke.error} />
        <QueryState query={q}>{(d) => d.devices.length === 0 ? <EmptyState title={t('admin.devices.none')} /> : (
          <Table striped data-testid="devices-table">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('admin.devices.device')}</Table.Th><Table.Th>{t('admin.devices.pairedAt')}</Table.Th><Table.Th>{t('admin.devices.lastSeen')}</Table.Th>
              <Table.Th>{t('admin.devices.pending')}</Table.Th><Table.Th>{t('admin.devices.clock')}</Table.Th><Table.Th>{t('admin.common.status')}</Table.Th><Table.Th>{t('admin.common.actions')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.devices.map((x) => (
                <Table.Tr key={x.device} data-testid="device-row">
                  <Table.Td fw={600} className="tabular">{x.device}{x.device === d.hubDevice && <Text span size="xs" c="dimmed"> ({t('admin.devices.hub')})</Text>}</Table.Td>
                  <Table.Td className="tabular">{dateTime(x.pairedAt)}</Table.Td>
                  <Table.Td className="tabular">{x.lastSeenAt ? dateTime(x.lastSeenAt) : t('admin.devices.never')}</Table.Td>
                  <Table.Td className="tabular">{x.pending ?? t('admin.common.none')}</Table.Td>
                  <Table.Td data-testid="device-clock">{x.clockOff && x.clockSkewMs !== null
                    ? <Text span size="sm" c="orange">{t(x.clockSkewMs > 0 ? 'admin.devices.clockFast' : 'admin.devices.clockSlow', {
                      amount: skewParts(x.clockSkewMs).map((p) => t(`shell.clock.${p.unit}`, { count: p.count })).join(' '),
                    })}</Text>
                    : t('admin.devices.clockOk')}</Table.Td>
                  <Table.Td><Status d={x} /></Table.Td>
                  <Table.Td>{x.revokedAt === null && x.device !== d.hubDevice && (
                    <Button size="compact-xs" variant="subtle" color="red" data-testid="revoke"
                      onClick={() => modals.confirm(t('admin.devices.revokeConfirm', { device: x.device }), () => revoke.mutate({ device: x.device }))}>
                      {t('admin.devices.revoke')}</Button>
                  )}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}</QueryState>
      </Panel>
      <PairingCode />
      {q.data && <PatientPort port={q.data.patientPort} />}
      <Kiosks />
    </Stack>
  );
}
