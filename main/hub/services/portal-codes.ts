/**
 * The front desk issues a patient's activation code for the patient app (main/hub/portal): for
 * an existing, unmerged record; audited in the transaction, then made and kept (hashed) in the
 * hub's own table once it has committed. Shown at the desk once, with the patient app's address
 * when the hub serves it, and the 80 mm slip to hand over (main/documents/portalCodeSlip.ts): the
 * code exists in clear only in this answer.
 */
import type { patientsProcedures } from '../../api/procedures/patients';
import { renderPortalCodeSlip } from '../../documents/portalCodeSlip';
import { accountOf } from '../../station/context';
import { afterCommit, type HandlersFor } from '../../station/handler';
import { clinicOf } from '../../station/services/documents-common';
import { loadActivePatient } from '../../station/services/patients';
import { maskName } from '../../station/services/queue';
import { patientAppOf } from '../portal/address';
import { issueActivationCode } from '../portal/codes';
import { PortalStore } from '../portal/store';
import { hubStoreOf } from './hub-context';

export const portalCodeHandlers = {
  'patients.portalCode': (ctx, { patientId, lang }) => {
    const hub = hubStoreOf(ctx, 'patient-app accounts are kept');
    const patient = loadActivePatient(ctx, patientId, 'patientId');
    const by = accountOf(ctx).id;
    ctx.audit('create', 'portal_code', patientId, patientId);
    const at = ctx.now();
    const clinic = clinicOf(ctx, lang);
    const timeZone = ctx.settings.timeZone;
    const patientAppUrl = patientAppOf(hub);
    return afterCommit(async () => {
      const { code, expiresAt } = await issueActivationCode(new PortalStore(hub.hubOnly), patientId, by, at);
      const pdf = await renderPortalCodeSlip({
        clinicName: clinic.name, maskedName: maskName(patient.name), recordNo: patient.recordNo, code, expiresAt, patientAppUrl, printedAt: at, timeZone,
      }, { lang });
      return { code, expiresAt, patientAppUrl, slip: { filename: `patient-app-code-${patient.recordNo}.pdf`, mimeType: 'application/pdf' as const, pdfBase64: pdf.toString('base64') } };
    });
  },
} satisfies Pick<HandlersFor<typeof patientsProcedures>, 'patients.portalCode'>;
