/** Issuing the front desk's one-time activation codes (stored hashed; single use; 72 hours). */
import { randomInt } from 'node:crypto';
import { ACTIVATION_TTL_MS, formatActivationCode, makeActivationCode } from './policy';
import { secretHash, type PortalStore } from './store';

/** A new code for `patientId`, issued by the staff account `issuedBy`: shown or printed once, never stored in clear; the patient's earlier unused codes stop working. */
export async function issueActivationCode(portal: PortalStore, patientId: string, issuedBy: string, now: number): Promise<{ code: string; expiresAt: number }> {
  const code = makeActivationCode((n) => randomInt(n));
  const expiresAt = now + ACTIVATION_TTL_MS;
  await portal.putActivationCode(secretHash(code), patientId, issuedBy, now, expiresAt);
  return { code: formatActivationCode(code), expiresAt };
}
