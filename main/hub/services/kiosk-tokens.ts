/**
 * The admin makes a browser on the patient port a self check-in kiosk (devices.issueKioskToken):
 * a random token, shown once, kept only as its hash in the hub's own table; a new token for a
 * name revokes that name's earlier ones. Audited in the admin station's transaction, written once
 * that has committed. The kiosk trades the token for its own HttpOnly cookie (portal.kioskEnroll).
 */
import { randomBytes } from 'node:crypto';
import type { devicesProcedures } from '../../api/procedures/devices';
import { accountOf } from '../../station/context';
import { afterCommit, type HandlersFor } from '../../station/handler';
import { PortalStore, secretHash } from '../portal/store';
import { hubStoreOf } from './hub-context';

/** A new kiosk token for `name` (the earlier ones of that name are revoked). */
export async function issueKioskToken(portal: PortalStore, name: string, issuedBy: string, now: number): Promise<{ name: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  await portal.revokeKiosk(name, now);
  await portal.putKiosk(secretHash(token), name, issuedBy, now);
  return { name, token };
}

export const kioskTokenHandlers = {
  'devices.issueKioskToken': (ctx, { name }) => {
    const portal = new PortalStore(hubStoreOf(ctx, 'kiosks are kept').hubOnly);
    const by = accountOf(ctx).id;
    ctx.audit('create', 'kiosk', name, null);
    const at = ctx.now();
    return afterCommit(() => issueKioskToken(portal, name, by, at));
  },
} satisfies Pick<HandlersFor<typeof devicesProcedures>, 'devices.issueKioskToken'>;
