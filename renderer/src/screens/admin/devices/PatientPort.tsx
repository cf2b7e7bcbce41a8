/**
 * How the hub serves the patient app, for the admin: the address phones open and the certificate
 * they are shown (its fingerprint, for the clinic to post at the desk when it is the hub's own), or
 * a warning when it is plain HTTP (passwords cross the network unencrypted: closed networks only).
 */
import { Alert, Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../../main/api/contract';
import { Panel } from '../ui/Panel';

type Port = NonNullable<Output<'devices.list'>['patientPort']>;

export function PatientPort({ port }: { port: Port | null }) {
  const { t } = useTranslation();
  return (
    <Panel title={t('admin.devices.patientPort.title')} testId="patient-port">
      {port === null ? <Text size="sm" c="dimmed">{t('admin.devices.patientPort.none')}</Text> : (
        <Stack gap="xs">
          <Text size="sm">{t('admin.devices.patientPort.address')}<Code data-testid="patient-port-address">{port.address ?? t('admin.devices.patientPort.noAddress')}</Code></Text>
          <Text size="sm" data-testid="patient-port-mode">{t(`admin.devices.patientPort.mode.${port.mode}`)}</Text>
          {port.fingerprint && (
            <Text size="sm">{t('admin.devices.patientPort.fingerprint')}<Code data-testid="patient-port-fingerprint" style={{ wordBreak: 'break-all' }}>{port.fingerprint}</Code></Text>
          )}
          {port.mode === 'http' && (
            <Alert color="red" variant="light" title={t('admin.devices.patientPort.httpTitle')} data-testid="patient-port-http-warning">
              {t('admin.devices.patientPort.httpWarning')}
            </Alert>
          )}
        </Stack>
      )}
    </Panel>
  );
}
