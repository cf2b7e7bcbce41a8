/**
 * Printing from a desk. In a browser (the web host) the PDF is downloaded; in the desktop app
 * `documents.print` sends it to the station's printer and, only when that failed, answers the PDF,
 * which is then downloaded instead. "Save as PDF" always downloads. Every call is one real print
 * at the station (audited; the first is the original, later ones come back marked as copies).
 */
import type { Input, Output } from '../../../main/api/contract';
import { apiCall } from '../api/query';
import { transport } from '../api/transport';
import { currentLanguage } from '../i18n';
import type { PrintJob } from './documents';
import { downloadPdf, pdfBytes } from './pdfFile';

export type PrintMode = 'print' | 'save';

export interface Printed {
  filename: string;
  copy: boolean;
  /** Downloaded; sent to the printer; or the printer failed and the PDF was downloaded. */
  how: 'downloaded' | 'printed' | 'fallback';
  failure?: string;
}

/** Whether this desk has a printer of its own (the desktop app); a browser downloads. */
export function hasStationPrinter(): boolean {
  return transport().kind === 'ipc';
}

/** The document as a file: `documents.<document>` with the same input. */
async function fileOf(job: PrintJob, lang: Input<'documents.print'>['lang']): Promise<Output<'documents.receipt'>> {
  const { document, ...input } = job;
  // Each document's procedure takes the print request's own fields: one call site for all seven.
  return apiCall(`documents.${document}` as 'documents.receipt', { ...input, lang } as Input<'documents.receipt'>);
}

export async function printDocument(job: PrintJob, mode: PrintMode): Promise<Printed> {
  const lang = currentLanguage();
  if (mode === 'save' || !hasStationPrinter()) {
    const f = await fileOf(job, lang);
    downloadPdf(f.filename, f.pdfBase64);
    return { filename: f.filename, copy: f.copy, how: 'downloaded' };
  }
  const out = await apiCall('documents.print', { ...job, lang } as Input<'documents.print'>);
  if (out.printed) return { filename: out.filename, copy: out.copy, how: 'printed' };
  if (out.pdfBase64) downloadPdf(out.filename, out.pdfBase64);
  return { filename: out.filename, copy: out.copy, how: 'fallback', failure: out.error?.message ?? out.error?.code ?? '' };
}

/** The document marked 预览 / PREVIEW, to look at before printing (not a print: the original stays). */
export async function previewDocument(job: PrintJob): Promise<{ url: string; filename: string; copy: boolean }> {
  const f = await apiCall('documents.preview', { ...job, lang: currentLanguage() } as Input<'documents.preview'>);
  return { url: URL.createObjectURL(new Blob([pdfBytes(f.pdfBase64)], { type: 'application/pdf' })), filename: f.filename, copy: f.copy };
}
