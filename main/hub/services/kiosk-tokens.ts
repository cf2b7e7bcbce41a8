/**
 * The admin makes a browser on the patient port a self check-in kiosk (devices.issueKioskToken):
 * a random token, shown once, kept only as its hash in the hub's own table; a new token for a
 * name revokes that name's earlier ones. Audited in the admin station's transaction, written once
 * that has committed. The kiosk trades the token for its own HttpOnly cookie (portal.kioskEnroll).
 * The admin lists the kiosks (devices.kiosks) and revokes one by name (devices.revokeKiosk,
 * step-up, audited): the portal checks the kiosk's cookie on every call, so its next call is
 * refused (UNAUTHENTICATED). A name with no live kiosk is NOT_FOUND before anything is written.
 */
import { randomBytes } from 'node:crypto';
import type { devicesProcedures } from '../../api/procedures/devices';
import { DomainError } from '../../domain/errors';
import { accountOf } from '../../station/context';
import { afterCommit, withPreStep, type HandlersFor } from '../../station/handler';
import { PortalStore, secretHash } from '../portal/store';
import { hubStoreOf } from './hub-context';

/** A new kiosk token for `name` (the earlier ones of that name are revoked). */
export async function issueKioskToken(portal: PortalStore, name: string, issuedBy: string, now: number): Promise<{ name: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  await portal.revokeKiosk(name, now);
  await portal.putKiosk(secretHash(token), name, issuedBy, now);
  return { name, token };
}

const portalOf = (ctx: { hub: unknown; procedure: string }) => new PortalStore(hubStoreOf(ctx, 'kiosks are kept').hubOnly);

export const kioskTokenHandlers = {
  'devices.issueKioskToken': (ctx, { name }) => {
    const portal = portalOf(ctx);
    const by = accountOf(ctx).id;
    ctx.audit('create', 'kiosk', name, null);
    const at = ctx.now();
    return afterCommit(() => issueKioskToken(portal, name, by, at));
  },

  'devices.kiosks': (ctx) => {
    const portal = portalOf(ctx);
    const names = new Map((ctx.raw.prepare('SELECT a.id, COALESCE(s.name, a.username) AS name FROM accounts a LEFT JOIN staff s ON s.id = a.staff_id')
      .all() as { id: string; name: string }[]).map((a) => [a.id, a.name]));
    return afterCommit(async () => ({
      kiosks: (await portal.kiosks()).map((k) => ({ ...k, issuedByName: names.get(k.issuedBy) ?? '' })),
    }));
  },

  'devices.revokeKiosk': withPreStep(
    async (pre, { name }) => {
      if (!(await portalOf(pre).kioskLive(name))) throw new DomainError('NOT_FOUND', `no kiosk named ${name} is enrolled`, { field: 'name', reason: 'no_kiosk' });
      return null;
    },
    (ctx, { name }) => {
      const portal = portalOf(ctx);
      ctx.audit('void', 'kiosk', name, null, 'kiosk revoked');
      const at = ctx.now();
      return afterCommit(async () => {
        await portal.revokeKiosk(name, at);
        return { ok: true as const };
      });
    },
  ),
} satisfies Pick<HandlersFor<typeof devicesProcedures>, 'devices.issueKioskToken' | 'devices.kiosks' | 'devices.revokeKiosk'>;
