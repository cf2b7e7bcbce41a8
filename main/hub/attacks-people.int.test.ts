/**
 * Attacks on the hub's trust in people, replayed with a real hub (PGlite, socket.io over TLS on
 * loopback), real paired desks and their real stored device credentials. Before: a desk's
 * credential and an account id every replica has were enough to create an admin, issue a
 * pairing code and reset the admin's password, and the audit blamed the real admin.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { dispatch } from '../station/dispatch';
import { TEST_PASSWORD } from '../station/testing';
import { storedCredential } from '../sync/pair';
import { PROTOCOL_VERSION, schemaVersion } from '../sync/protocol';
import { rawSocket, until } from '../sync/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from './admin.testing';
import { PERSON_TOKEN_MAX_MS, signPersonToken } from './person-token';
import { cleanupsAfterEach, hubTemplate } from '../sync/hooks.testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

async function setup(devices: string[]): Promise<{ t: TestClinicHub; ws: TestWorkstation[] }> {
  const t = await startTestClinicHub(template());
  cleanups.push(t.close);
  const ws: TestWorkstation[] = [];
  for (const d of devices) {
    const w = await pairedWorkstation(t, d);
    cleanups.push(w.close);
    ws.push(w);
  }
  return { t, ws };
}

/** A socket that says hello with a desk's own stored credential: what anyone with the desk's files can do. */
async function withCredentialOf(t: TestClinicHub, desk: TestWorkstation): Promise<(event: string, payload: unknown) => Promise<unknown>> {
  const socket: Socket = rawSocket(t.clinic.hub, { reconnection: false });
  cleanups.push(() => socket.disconnect());
  await new Promise<void>((ok, fail) => { socket.once('connect', () => ok()); socket.once('connect_error', fail); });
  const emit = (event: string, payload: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<unknown>;
  const hello = await emit('hello', { protocol: PROTOCOL_VERSION, device: desk.station.device, credential: storedCredential(desk.station), schemaVersion: schemaVersion() });
  expect(hello).toMatchObject({ ok: true });
  return emit;
}

interface RefuseRow { accountId: string; device: string; kind: string; subject: string; code: string; detail: string }
const refusals = (t: TestClinicHub): RefuseRow[] => t.clinic.admin.station.raw.prepare(`SELECT account_id AS accountId, device, entity AS kind,
  entity_id AS subject, procedure AS code, detail FROM audit_log WHERE action = 'refuse' ORDER BY at, rowid`).all() as RefuseRow[];
const accountsAtHub = (t: TestClinicHub) => t.clinic.admin.station.raw.prepare('SELECT id, username, password_hash, roles, active FROM accounts ORDER BY id').all();
const sessionOf = (w: TestWorkstation, caller: { token: string }) => w.station.sessions.get(caller.token, w.station.now());

describe('the hub trusts no account id a desk names', () => {
  it('forged calls with nobody logged in (a desk credential and the admin id) run nothing and are audited as refusals', async () => {
    const { t, ws: [a] } = await setup(['A1']);
    const adminId = t.ids.accounts.admin;
    const before = accountsAtHub(t);
    const codeBefore = await t.store.getMeta('pairing_code');
    const emit = await withCredentialOf(t, a!);
    const forged = [
      { procedure: 'org.createAccount', input: { username: 'evil.admin', roles: ['admin'], password: 'Evil2026admin', confirmPassword: 'x' }, accountId: adminId },
      { procedure: 'devices.issuePairingCode', input: { confirmPassword: 'x' }, accountId: adminId },
      { procedure: 'org.resetPassword', input: { id: adminId, password: 'Evil2026admin', confirmPassword: 'x' }, accountId: adminId },
    ];
    for (const call of forged) {
      expect(await emit('call', call)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) as string, details: { reason: 'missing' } } });
    }
    // A token the hub did not sign, naming the admin, and one that is not a token at all.
    const signedElsewhere = signPersonToken(randomBytes(32), { accountId: adminId, device: 'A1', now: t.clock.t }).token;
    expect(await emit('call', { ...forged[0], token: signedElsewhere })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'signature' } } });
    expect(await emit('call', { ...forged[1], token: 'not-a-token' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'malformed' } } });

    // Nothing written: no new admin, the admin's password as it was, no pairing code.
    await t.clinic.admin.idle();
    expect(accountsAtHub(t)).toEqual(before);
    expect(await t.store.getMeta('pairing_code')).toBe(codeBefore);
    // Each refusal is in the audit log at the hub, blaming nobody, naming the desk.
    await until(() => refusals(t).length >= 5);
    expect(refusals(t).map((r) => [r.kind, r.subject, r.code, r.device, r.accountId])).toEqual([
      ['call', 'org.createAccount', 'UNAUTHENTICATED', 'A1', 'anonymous'],
      ['call', 'devices.issuePairingCode', 'UNAUTHENTICATED', 'A1', 'anonymous'],
      ['call', 'org.resetPassword', 'UNAUTHENTICATED', 'A1', 'anonymous'],
      ['call', 'org.createAccount', 'UNAUTHENTICATED', 'A1', 'anonymous'],
      ['call', 'devices.issuePairingCode', 'UNAUTHENTICATED', 'A1', 'anonymous'],
    ]);
    expect(refusals(t)[3]!.detail).toContain('signature');
    // No audit row anywhere names the admin for any of it.
    expect(t.clinic.admin.station.raw.prepare("SELECT count(*) n FROM audit_log WHERE account_id = ? AND action <> 'refuse'").get(adminId)).toEqual({ n: 0 });
  }, 120_000);

  it('an online refund (money out through the gateway) with a desk credential alone, or by a receptionist, runs nothing', async () => {
    const { t, ws: [a] } = await setup(['A1']);
    const refunds = () => t.clinic.admin.station.raw.prepare('SELECT count(*) n FROM refunds').get();
    const before = refunds();
    const emit = await withCredentialOf(t, a!);
    const refund = { procedure: 'billing.refundOnline', accountId: t.ids.accounts.cashier,
      input: { billId: '01J0000000000000000000BILL', amountFen: 5000, reason: 'forged', idempotencyKey: 'forged-refund-0001' } };
    expect(await emit('call', refund)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) as string, details: { reason: 'missing' } } });
    // A receptionist's real token, from the desk's memory: a person, but not a cashier.
    const reception = await a!.login('reception');
    const token = sessionOf(a!, reception)!.hubToken!.token;
    expect(await emit('call', { ...refund, token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await t.clinic.admin.idle();
    expect(refunds()).toEqual(before);
    await until(() => refusals(t).length >= 1);
    expect(refusals(t).map((r) => [r.subject, r.code, r.device, r.accountId])).toEqual([['billing.refundOnline', 'UNAUTHENTICATED', 'A1', 'anonymous']]);
  }, 120_000);

  it("a person's token acts as that person only, with the roles the hub knows, whatever the desk's replica says", async () => {
    const { t, ws: [a] } = await setup(['A1']);
    const before = accountsAtHub(t);
    // Another person's real token, taken from the desk's memory and replayed with the desk's credential.
    const reception = await a!.login('reception');
    const stolen = sessionOf(a!, reception)?.hubToken;
    expect(stolen).toBeDefined();
    const emit = await withCredentialOf(t, a!);
    const create = { procedure: 'org.createAccount', input: { username: 'evil.admin', roles: ['admin'], password: 'Evil2026admin', confirmPassword: TEST_PASSWORD } };
    expect(await emit('call', { ...create, token: stolen!.token, accountId: t.ids.accounts.admin })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The desk's replica is tampered with to make reception an admin: the desk lets the call go, the hub does not.
    a!.station.raw.prepare(`UPDATE accounts SET roles = '["admin"]' WHERE username = 'reception'`).run();
    const promoted = await a!.login('reception');
    expect(await a!.call(promoted, 'org.createAccount', { username: 'evil.admin', roles: ['admin'], password: 'Evil2026admin', confirmPassword: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { roles: ['receptionist'] } } });
    await t.clinic.admin.idle();
    expect(accountsAtHub(t)).toEqual(before);
  }, 120_000);

  it('an expired token and a token used from another device are refused; the desk asks for the password again', async () => {
    const { t, ws: [a, b] } = await setup(['A1', 'B1']);
    const admin = await a!.login('admin');
    const token = sessionOf(a!, admin)!.hubToken!.token;
    const list = { procedure: 'org.departments', input: {} };
    const asB = await withCredentialOf(t, b!);
    expect(await asB('call', { ...list, token })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'device' } } });
    const asA = await withCredentialOf(t, a!);
    expect(await asA('call', { ...list, token })).toMatchObject({ ok: true });

    t.clock.t += PERSON_TOKEN_MAX_MS;
    expect(await asA('call', { ...list, token })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'expired' } } });
    await until(() => refusals(t).some((r) => r.detail.includes('expired')));
    expect(refusals(t).map((r) => [r.kind, r.device, r.code])).toEqual([['call', 'B1', 'UNAUTHENTICATED'], ['call', 'A1', 'UNAUTHENTICATED']]);

    // At the desk the session has ended with its age (main/station/session-policy.ts): a new log-in brings a new token.
    const again = await a!.login('admin');
    expect(sessionOf(a!, again)!.hubToken!.token).not.toBe(token);
    expect(await a!.call(again, 'accounts.hubLogin', { password: 'wrong-pass1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', details: { field: 'password' } } });
    expect(await a!.call(again, 'org.departments', {})).toMatchObject({ ok: true });
  }, 120_000);

  it('a person who logged in while the hub was unreachable confirms the password once, then reaches the hub', async () => {
    const { ws: [a] } = await setup(['A1']);
    await a!.client.stop();
    const admin = await a!.login('admin');
    expect(sessionOf(a!, admin)?.hubToken).toBeUndefined();
    expect(await a!.call(admin, 'accounts.hubLogin', { password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    a!.client.start();
    await until(() => a!.client.state.online);
    expect(await a!.call(admin, 'org.departments', {})).toMatchObject({ ok: false, error: { code: 'HUB_LOGIN_REQUIRED', details: { procedure: 'org.departments' } } });
    expect(await a!.call(admin, 'accounts.hubLogin', { password: TEST_PASSWORD })).toEqual({ ok: true, value: { ok: true } });
    expect(await a!.call(admin, 'org.departments', {})).toMatchObject({ ok: true });
  }, 120_000);
});

describe('passwords at the hub', () => {
  it('wrong passwords at the hub are refused, audited and throttled per device', async () => {
    const { t, ws: [a, b] } = await setup(['A1', 'B1']);
    const asA = await withCredentialOf(t, a!);
    for (let i = 0; i < 5; i += 1) {
      expect(await asA('auth', { username: 'admin', password: `guess-${i}x` })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    // The sixth try waits, even with the right password; another desk is not held up.
    expect(await asA('auth', { username: 'admin', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    const asB = await withCredentialOf(t, b!);
    expect(await asB('auth', { username: 'admin', password: TEST_PASSWORD })).toMatchObject({ ok: true, accountId: t.ids.accounts.admin });
    await until(() => refusals(t).length >= 6);
    const rows = refusals(t);
    expect(rows.map((r) => [r.kind, r.code, r.device, r.subject])).toEqual([
      ...Array.from({ length: 5 }, () => ['login', 'BAD_CREDENTIALS', 'A1', 'admin']),
      ['login', 'TOO_MANY_ATTEMPTS', 'A1', 'admin'],
    ]);
    expect(rows[0]!.accountId).toBe(t.ids.accounts.admin);
  }, 120_000);

  it('step-up: a missing or wrong confirming password is refused before anything is written, and audited; the right one goes through', async () => {
    const { t, ws: [a] } = await setup(['A1']);
    const admin = await a!.login('admin');
    const before = accountsAtHub(t);
    const codeBefore = await t.store.getMeta('pairing_code');
    const input = { username: 'nurse.wu', roles: ['receptionist' as const], password: 'Front2026desk' };
    // Missing at the desk: its own check says which field.
    expect(await a!.call(admin, 'org.createAccount', input as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'confirmPassword' } } });
    // Wrong: refused at the hub.
    expect(await a!.call(admin, 'org.createAccount', { ...input, confirmPassword: 'wrong-pass1' }))
      .toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', details: { field: 'confirmPassword' } } });
    expect(await a!.call(admin, 'devices.issuePairingCode', { confirmPassword: 'wrong-pass1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await a!.call(admin, 'org.resetPassword', { id: t.ids.accounts.doctor, password: 'Doctor2027pw', confirmPassword: 'wrong-pass1' }))
      .toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    // Missing, sent straight to the hub with the admin's real token (the desk's check bypassed).
    const emit = await withCredentialOf(t, a!);
    const token = sessionOf(a!, admin)!.hubToken!.token;
    expect(await emit('call', { procedure: 'org.setAccountActive', input: { id: t.ids.accounts.doctor, active: false }, token }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'confirmPassword' } } });
    // The browser on the hub's admin port dispatches on the admin station: the same check.
    const hubStation = t.clinic.admin.station;
    const web = await dispatch(hubStation, { token: null }, 'accounts.login', { username: 'admin', password: TEST_PASSWORD });
    if (!web.ok) throw new Error(JSON.stringify(web.error));
    expect(await dispatch(hubStation, { token: web.value.token }, 'org.setAccountActive', { id: t.ids.accounts.doctor, active: false, confirmPassword: 'wrong-pass1' }))
      .toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', details: { field: 'confirmPassword' } } });

    await t.clinic.admin.idle();
    expect(accountsAtHub(t)).toEqual(before);
    expect(await t.store.getMeta('pairing_code')).toBe(codeBefore);
    await until(() => refusals(t).length >= 5);
    expect(refusals(t).map((r) => [r.kind, r.subject, r.code, r.device, r.accountId])).toEqual([
      ['call', 'org.createAccount', 'BAD_CREDENTIALS', 'A1', t.ids.accounts.admin],
      ['call', 'devices.issuePairingCode', 'BAD_CREDENTIALS', 'A1', t.ids.accounts.admin],
      ['call', 'org.resetPassword', 'BAD_CREDENTIALS', 'A1', t.ids.accounts.admin],
      ['call', 'org.setAccountActive', 'VALIDATION', 'A1', t.ids.accounts.admin],
      ['web', 'org.setAccountActive', 'BAD_CREDENTIALS', hubStation.device, t.ids.accounts.admin],
    ]);

    // The right password: done, and audited as the admin at desk A.
    const made = await a!.call(admin, 'org.createAccount', { ...input, confirmPassword: TEST_PASSWORD });
    expect(made).toMatchObject({ ok: true, value: { username: 'nurse.wu' } });
    expect(await a!.call(admin, 'devices.issuePairingCode', { confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: true });
  }, 120_000);
});
