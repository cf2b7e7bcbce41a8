/**
 * The front desk issues a patient's activation code for the patient app (main/hub/portal): for
 * an existing, unmerged record; audited in the transaction, then made and kept (hashed) in the
 * hub's own table once it has committed. Shown or printed at the desk once.
 */
import type { patientsProcedures } from '../../api/procedures/patients';
import { accountOf } from '../../station/context';
import { afterCommit, type HandlersFor } from '../../station/handler';
import { loadActivePatient } from '../../station/services/patients';
import { issueActivationCode } from '../portal/codes';
import { PortalStore } from '../portal/store';
import { hubStoreOf } from './hub-context';

export const portalCodeHandlers = {
  'patients.portalCode': (ctx, { patientId }) => {
    const hub = hubStoreOf(ctx, 'patient-app accounts are kept');
    loadActivePatient(ctx, patientId, 'patientId');
    const by = accountOf(ctx).id;
    ctx.audit('create', 'portal_code', patientId, patientId);
    const at = ctx.now();
    return afterCommit(() => issueActivationCode(new PortalStore(hub.hubOnly), patientId, by, at));
  },
} satisfies Pick<HandlersFor<typeof patientsProcedures>, 'patients.portalCode'>;
