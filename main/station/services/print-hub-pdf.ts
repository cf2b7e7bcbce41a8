/**
 * Printing at this desk a PDF the hub made and answered (the patient-app code slip, the call-list
 * sheet): the bytes are checked to be a PDF before anything is written, and the station's printer
 * takes them after the audit row has committed. Printer trouble comes back as an answer
 * (printed: false with the reason), as documents.print does.
 */
import { printerFor } from '../../documents/printer';
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../context';
import { afterCommit, type AfterCommit } from '../handler';

type Printed = { printed: boolean; jobId: string | null; error?: { code: 'LP_MISSING' | 'LP_FAILED' | 'LP_TIMEOUT' | 'PRINTER_ERROR'; message: string } };

/** VALIDATION {field: 'pdfBase64', reason: 'not_pdf'} unless the bytes start as a PDF does. */
export function pdfBytes(pdfBase64: string): Buffer {
  const pdf = Buffer.from(pdfBase64, 'base64');
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new DomainError('VALIDATION', 'not a PDF document', { field: 'pdfBase64', reason: 'not_pdf' });
  }
  return pdf;
}

/** After commit: `pdf` to the station's printer (`printer`, or its default), titled `title`. */
export function printAfterCommit(ctx: RequestContext, pdf: Buffer, title: string, printer: string | undefined): AfterCommit<Printed> {
  const to = printerFor(ctx.raw);
  return afterCommit(async (): Promise<Printed> => {
    try {
      const r = await to.print(pdf, { copies: 1, title, ...(printer ? { printer } : {}) });
      if (r.ok) return { printed: true, jobId: r.jobId };
      return { printed: false, jobId: null, error: { code: r.error.code, message: r.error.message } };
    } catch (e) {
      return { printed: false, jobId: null, error: { code: 'PRINTER_ERROR', message: e instanceof Error ? e.message : String(e) } };
    }
  });
}
