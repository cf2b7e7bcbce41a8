/**
 * Printing the patient-app activation slip at the desk that asked for the code: the hub made the
 * PDF (main/hub/services/portal-codes.ts) and answered it once; the desk's own printer takes it.
 * The bytes are checked to be a PDF before anything is written; the print is audited against
 * the patient; printer trouble comes back as an answer (printed: false), as documents.print does.
 */
import type { patientsProcedures } from '../../api/procedures/patients';
import type { HandlersFor } from '../handler';
import { loadActivePatient } from './patients';
import { pdfBytes, printAfterCommit } from './print-hub-pdf';

export const portalCodeSlipHandlers = {
  'patients.printPortalCodeSlip': (ctx, { patientId, pdfBase64, printer }) => {
    loadActivePatient(ctx, patientId, 'patientId');
    const pdf = pdfBytes(pdfBase64);
    ctx.audit('print', 'portal_code_slip', patientId, patientId);
    return printAfterCommit(ctx, pdf, 'patient-app-code', printer);
  },
} satisfies Pick<HandlersFor<typeof patientsProcedures>, 'patients.printPortalCodeSlip'>;
