/**
 * A session follows its account across the clinic: an administrator disables an account or
 * changes its roles at the hub's admin station; the change syncs to a desk, whose open session
 * of that account ends (the UI told) and whose next call is refused. Real hub (PGlite), real
 * socket.io over loopback, real SQLite stations.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgliteStore } from '../hub/pglite-store';
import type { SessionEnd } from '../station/session-policy';
import { logInAs, TEST_PASSWORD } from '../station/testing';
import { twoDesksOnHub } from './clinic-offline.testing';
import { startTestHub } from './testing';
import { dispatchSync } from '../station/dispatch';

let template: Blob | File;
beforeAll(async () => { template = await PgliteStore.template(); });
const cleanups: (() => unknown)[] = [];
afterEach(async () => { for (const f of cleanups.splice(0).reverse()) await f(); });

describe('sessions follow the account over sync', () => {
  it('an account disabled at the hub: the desk ends its open session when the change arrives, and refuses its next call', async () => {
    const { fx, b, sync } = await twoDesksOnHub(() => startTestHub(template), cleanups);
    const admin = fx.login('admin');
    const atB = logInAs(b, 'reception');
    expect(dispatchSync(b, atB, 'patients.register', { name: '周八' }).ok).toBe(true);
    const ended: SessionEnd[] = [];
    b.sessions.onEnd((token, e) => { if (token === atB.token) ended.push(e); });

    fx.ok(admin, 'org.setAccountActive', { id: fx.ids.accounts.reception, active: false, confirmPassword: TEST_PASSWORD });
    // Before the change arrives, the desk cannot know.
    expect(dispatchSync(b, atB, 'patients.search', { q: '周' }).ok).toBe(true);
    await sync(fx.station);
    await sync(b);
    expect(ended).toMatchObject([{ code: 'ACCOUNT_DISABLED', reason: 'account_disabled' }]);
    expect(dispatchSync(b, atB, 'patients.register', { name: '吴九' }))
      .toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED', details: { reason: 'account_disabled' } } });
    expect(b.raw.prepare("SELECT count(*) AS n FROM patients WHERE name = '吴九'").get()).toEqual({ n: 0 });
  });

  it('roles changed at the hub: the desk session ends and the person logs in again with the new roles', async () => {
    const { fx, b, sync } = await twoDesksOnHub(() => startTestHub(template), cleanups);
    const admin = fx.login('admin');
    const atB = logInAs(b, 'cashier');
    fx.ok(admin, 'org.updateAccount', { id: fx.ids.accounts.cashier, roles: ['receptionist'], confirmPassword: TEST_PASSWORD });
    await sync(fx.station);
    await sync(b);
    expect(dispatchSync(b, atB, 'accounts.me', {}))
      .toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'roles_changed' } } });
    const again = logInAs(b, 'cashier');
    expect(dispatchSync(b, again, 'accounts.me', {})).toMatchObject({ ok: true, value: { roles: ['receptionist'] } });
  });

  it('the per-request check alone catches a change the station was not told of (no data.changed event)', async () => {
    const { fx, b } = await twoDesksOnHub(() => startTestHub(template), cleanups);
    const atB = logInAs(b, 'pharmacist');
    b.raw.prepare('UPDATE accounts SET active = 0 WHERE id = ?').run(fx.ids.accounts.pharmacist);
    expect(dispatchSync(b, atB, 'pharmacy.lowStock', {})).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
  });
});
