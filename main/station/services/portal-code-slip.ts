/**
 * Printing the patient-app activation slip at the desk that asked for the code: the hub made the
 * PDF (main/hub/services/portal-codes.ts) and answered it once; the desk's own printer takes it.
 * The bytes are checked to be a PDF before anything is written; the print is audited against
 * the patient; printer trouble comes back as an answer (printed: false), as documents.print does.
 */
import type { patientsProcedures } from '../../api/procedures/patients';
import { printerFor } from '../../documents/printer';
import { DomainError } from '../../domain/errors';
import { afterCommit, type HandlersFor } from '../handler';
import { loadActivePatient } from './patients';

export const portalCodeSlipHandlers = {
  'patients.printPortalCodeSlip': (ctx, { patientId, pdfBase64, printer }) => {
    loadActivePatient(ctx, patientId, 'patientId');
    const pdf = Buffer.from(pdfBase64, 'base64');
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new DomainError('VALIDATION', 'not a PDF document', { field: 'pdfBase64', reason: 'not_pdf' });
    }
    ctx.audit('print', 'portal_code_slip', patientId, patientId);
    const to = printerFor(ctx.raw);
    return afterCommit(async () => {
      try {
        const r = await to.print(pdf, { copies: 1, title: 'patient-app-code', ...(printer ? { printer } : {}) });
        if (r.ok) return { printed: true, jobId: r.jobId };
        return { printed: false, jobId: null, error: { code: r.error.code, message: r.error.message } };
      } catch (e) {
        return { printed: false, jobId: null, error: { code: 'PRINTER_ERROR' as const, message: e instanceof Error ? e.message : String(e) } };
      }
    });
  },
} satisfies Pick<HandlersFor<typeof patientsProcedures>, 'patients.printPortalCodeSlip'>;
