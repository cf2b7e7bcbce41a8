import { Alert, Badge, Button, Group, Modal, Tooltip, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../ui/ErrorNote';
import type { PrintJob } from './documents';
import { hasStationPrinter, previewDocument, printDocument, type Printed, type PrintMode } from './run';

/** The notice after a print, in the user's language; a copy says so. */
function useNotify() {
  const { t } = useTranslation();
  return (p: Printed) => {
    if (p.how === 'fallback') {
      notifications.show({ color: 'orange', autoClose: 10_000, message: t('print.failed', { message: p.failure ?? '' }) });
    } else if (p.how === 'printed') {
      notifications.show({ color: p.copy ? 'yellow' : 'teal', message: t(p.copy ? 'print.printedCopy' : 'print.printed') });
    } else {
      notifications.show({ color: p.copy ? 'yellow' : 'teal', message: t(p.copy ? 'print.downloadedCopy' : 'print.downloaded', { filename: p.filename }) });
    }
  };
}

/**
 * Print one document: to the station's printer in the desktop app (with "save as PDF" beside
 * it), a PDF download in a browser. After a reprint a 副本/COPY badge shows that it was a copy.
 */
/**
 * The preview has no field: focus goes to its close button (a Tab stop here, unlike other dialogs),
 * not into the PDF viewer's frame, where Escape would no longer reach the dialog.
 */
const AUTOFOCUS = { 'data-autofocus': true };
const PREVIEW_CLOSE = { tabIndex: 0, ...AUTOFOCUS };

export function PrintButton({ job, label, size = 'xs', variant = 'light', testId }: {
  job: PrintJob; label?: string; size?: ButtonProps['size']; variant?: ButtonProps['variant']; testId?: string;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [pending, setPending] = useState<PrintMode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copy, setCopy] = useState(false);
  const [preview, setPreview] = useState<{ url: string; filename: string; copy: boolean } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const text = label ?? t(`print.action.${job.document}`);
  const openPreview = () => {
    setPreviewing(true);
    setError(null);
    previewDocument(job).then(setPreview, setError).finally(() => setPreviewing(false));
  };
  const closePreview = () => {
    if (preview) URL.revokeObjectURL(preview.url);
    setPreview(null);
  };
  const run = (mode: PrintMode) => {
    setPending(mode);
    setError(null);
    printDocument(job, mode).then((p) => { setCopy(p.copy); notify(p); }, setError).finally(() => setPending(null));
  };
  return (
    <div>
      <Group gap={6} wrap="nowrap" justify="flex-end">
        {copy && (
          <Tooltip label={t('print.copyHint')}>
            <Badge color="yellow" variant="light" data-testid="print-copy">{t('print.copy')}</Badge>
          </Tooltip>
        )}
        <Button size={size} variant={variant} loading={pending === 'print'} disabled={pending !== null} onClick={() => run('print')}
          data-testid={testId ?? `print-${job.document}`}>{text}</Button>
        <Button size={size} variant="subtle" loading={previewing} disabled={pending !== null} onClick={openPreview}
          aria-label={t('print.previewOf', { document: text })} data-testid={`preview-${job.document}`}>{t('print.preview')}</Button>
        {hasStationPrinter() && (
          <Button size={size} variant="subtle" loading={pending === 'save'} disabled={pending !== null} onClick={() => run('save')}
            aria-label={t('print.saveAsPdfOf', { document: text })} data-testid="save-pdf">{t('print.saveAsPdf')}</Button>
        )}
      </Group>
      {error !== null && <ErrorNote error={error} />}
      <Modal opened={preview !== null} onClose={closePreview} title={t('print.previewTitle')} size="xl" data-testid="print-preview"
        closeButtonProps={PREVIEW_CLOSE}>
        {preview?.copy && <Alert color="yellow" mb="sm">{t('print.previewWillBeCopy')}</Alert>}
        {preview && <iframe src={preview.url} title={preview.filename} style={{ width: '100%', height: '70vh', border: 0 }} />}
        <Group justify="flex-end" mt="sm">
          <Button onClick={() => { closePreview(); run('print'); }} data-testid="preview-print">{text}</Button>
        </Group>
      </Modal>
    </div>
  );
}
