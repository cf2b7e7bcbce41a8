import { Alert, Button, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall, useApiMutation } from '../../api/query';
import { currentLanguage } from '../../i18n';
import { printHubPdf } from '../../print/hubPdf';
import { ErrorNote } from '../../ui/ErrorNote';
import { dateTime } from '../../ui/format';

function isHubUnreachable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'HUB_UNREACHABLE';
}

/**
 * The patient-app activation code for this patient, asked of the hub when the dialog opens and
 * shown once with short steps (the patient app's address when the hub serves one) and the 80 mm
 * slip to print (to this station's printer in the desktop app, a PDF download in a browser).
 * Closing forgets it: the hub keeps it only hashed, so another code is a new one.
 * When the hub cannot be reached, says so: the patient may open an account on the phone instead.
 */
export function PortalCodeDialog({ patientId, name, onClose }: { patientId: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const issue = useApiMutation('patients.portalCode');
  const asked = useRef(false);
  const [printing, setPrinting] = useState(false);
  const [printError, setPrintError] = useState<unknown>(null);
  const say = (ok: boolean, message?: string) => notifications.show(ok
    ? { color: 'teal', message: t('print.printed') }
    : { color: 'orange', autoClose: 10_000, message: t('print.failed', { message: message ?? '' }) });
  const print = (slip: { filename: string; pdfBase64: string }) => {
    setPrinting(true);
    setPrintError(null);
    printHubPdf(slip, () => apiCall('patients.printPortalCodeSlip', { patientId, pdfBase64: slip.pdfBase64 }), say).catch(setPrintError).finally(() => setPrinting(false));
  };
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    issue.mutate({ patientId, lang: currentLanguage() });
  }, [issue, patientId]);
  const out = issue.data;
  return (
    <Modal opened onClose={onClose} title={t('frontdesk.portalCode.title', { name })} centered data-testid="portal-code-dialog">
      <Stack>
        {issue.isPending && <Text c="dimmed" role="status">{t('frontdesk.portalCode.asking')}</Text>}
        {issue.error && (isHubUnreachable(issue.error)
          ? <Alert color="orange" variant="light" role="alert" title={t('frontdesk.portalCode.offlineTitle')} data-testid="portal-code-offline">{t('frontdesk.portalCode.offline')}</Alert>
          : <ErrorNote error={issue.error} />)}
        {out && (
          <>
            <Text size="sm">{t('frontdesk.portalCode.intro')}</Text>
            <Code block fz={28} fw={700} ta="center" data-testid="portal-code">{out.code}</Code>
            <Text size="sm" data-testid="portal-code-expires">{t('frontdesk.portalCode.expires', { time: dateTime(out.expiresAt) })}</Text>
            <List type="ordered" size="sm" spacing={4}>
              <List.Item>{out.patientAppUrl
                ? t('frontdesk.portalCode.step1', { url: out.patientAppUrl })
                : t('frontdesk.portalCode.step1NoUrl')}</List.Item>
              <List.Item>{t('frontdesk.portalCode.step2')}</List.Item>
              <List.Item>{t('frontdesk.portalCode.step3')}</List.Item>
            </List>
            {out.patientAppUrl && <Text size="sm" data-testid="portal-code-url">{t('frontdesk.portalCode.address')} <Code>{out.patientAppUrl}</Code></Text>}
            <Text size="xs" c="dimmed">{t('frontdesk.portalCode.once')}</Text>
          </>
        )}
        {printError !== null && <ErrorNote error={printError} />}
        <Group justify="flex-end">
          {out && (
            <Button variant="light" loading={printing} onClick={() => print(out.slip)} data-testid="portal-code-print">
              {t('frontdesk.portalCode.print')}
            </Button>
          )}
          {issue.error && <Button variant="light" onClick={() => issue.mutate({ patientId, lang: currentLanguage() })} data-testid="portal-code-retry">{t('frontdesk.portalCode.retry')}</Button>}
          <Button onClick={onClose} data-testid="portal-code-close" data-autofocus>{t('frontdesk.portalCode.close')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
