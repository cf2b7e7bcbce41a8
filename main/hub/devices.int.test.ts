/**
 * devices.* from a workstation (last seen, changes waiting, revoke, a new pairing code), the web
 * host at the hub (a browser logs in at the hub and uses the admin procedures), and first-run
 * setup of the first admin account — over real socket.io, WebSocket and PGlite.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SEEN_EVERY_MS } from './server';
import { pairStation, storedCredential } from '../sync/pair';
import { AuthAnswer, HelloAnswer, PROTOCOL_VERSION, schemaVersion } from '../sync/protocol';
import { emptyStation, rawSocket, until } from '../sync/testing';
import type { Hub } from './server';
import { TEST_PASSWORD, TEST_SCRYPT } from '../station/testing';
import { AdminStation } from './admin-station';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub } from './admin.testing';
import { createFirstAdmin, hasActiveAdmin } from './first-admin';
import { PgliteStore } from './pglite-store';
import { TEST_STATION_KEY } from '../station/keys.testing';

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function hub(opts: Parameters<typeof startTestClinicHub>[1] = {}): Promise<TestClinicHub> {
  const t = await startTestClinicHub(template, opts);
  cleanups.push(t.close);
  return t;
}

/** A raw hello as desk `device` would say it, with a waiting-changes count. */
async function hello(hub: Hub, device: string, credential: string | null, pending: number): Promise<void> {
  const socket = rawSocket(hub, { reconnection: false });
  try {
    await new Promise<void>((ok, fail) => { socket.once('connect', () => ok()); socket.once('connect_error', fail); });
    const answer = HelloAnswer.parse(await socket.timeout(5_000).emitWithAck('hello', { protocol: PROTOCOL_VERSION, device, credential, schemaVersion: schemaVersion(), pending }));
    expect(answer.ok).toBe(true);
  } finally {
    socket.disconnect();
  }
}

describe('devices at the hub, from a workstation', () => {
  it('lists paired desks with paired at, last seen (at most once a minute), changes waiting and online; the hub itself is not listed', async () => {
    const t = await hub();
    const a = await pairedWorkstation(t, 'A1');
    cleanups.push(a.close);
    const b = await pairedWorkstation(t, 'B1');
    cleanups.push(b.close);
    const admin = await a.login('admin');
    const list = async () => {
      const r = await a.call(admin, 'devices.list', {});
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    let v = await list();
    expect(v.hubDevice).toBe(t.clinic.admin.device);
    expect(v.devices.map((d) => d.device)).toEqual(['A1', 'B1']);
    expect(v.devices[1]).toMatchObject({ device: 'B1', pairedAt: t.clock.t, revokedAt: null, lastSeenAt: t.clock.t, pending: 0, online: true });

    // B goes offline with work waiting, says hello reporting 7 changes waiting: shown; the minute rule does not hide a new count.
    await b.client.stop();
    const cred = storedCredential(b.station);
    t.clock.t += 10_000;
    await hello(t.clinic.hub, 'B1', cred, 7);
    // (last seen is written off the hello's answer path)
    for (let i = 0; i < 100 && (await list()).devices[1]!.pending !== 7; i += 1) await new Promise((r) => setTimeout(r, 20));
    v = await list();
    expect(v.devices[1]).toMatchObject({ device: 'B1', lastSeenAt: t.clock.t, pending: 7, online: false });
    const seenAt = t.clock.t;
    // Within the minute, the same count: last seen is not written again.
    t.clock.t += SEEN_EVERY_MS / 2;
    await hello(t.clinic.hub, 'B1', cred, 7);
    await new Promise((r) => setTimeout(r, 100));
    expect((await list()).devices[1]!.lastSeenAt).toBe(seenAt);
    // A minute on, it is.
    t.clock.t += SEEN_EVERY_MS;
    await hello(t.clinic.hub, 'B1', cred, 7);
    for (let i = 0; i < 100 && (await list()).devices[1]!.lastSeenAt !== t.clock.t; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect((await list()).devices[1]!.lastSeenAt).toBe(t.clock.t);

    // The hub runs calls only for a connection that said hello as a paired desk, and checks the message.
    const raw = rawSocket(t.clinic.hub, { reconnection: false });
    cleanups.push(() => raw.disconnect());
    await new Promise<void>((ok, fail) => { raw.once('connect', () => ok()); raw.once('connect_error', fail); });
    const call = { procedure: 'devices.list', input: {} };
    expect(await raw.timeout(5_000).emitWithAck('call', call)).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(await raw.timeout(5_000).emitWithAck('auth', { username: 'admin', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(HelloAnswer.parse(await raw.timeout(5_000).emitWithAck('hello', { protocol: PROTOCOL_VERSION, device: 'B1', credential: cred, schemaVersion: schemaVersion() })).ok).toBe(true);
    expect(await raw.timeout(5_000).emitWithAck('call', { ...call, procedure: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await raw.timeout(5_000).emitWithAck('auth', { username: 'admin' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // The device credential alone runs nothing: a person's password at the hub first.
    expect(await raw.timeout(5_000).emitWithAck('call', call)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'missing' } } });
    const auth = AuthAnswer.parse(await raw.timeout(5_000).emitWithAck('auth', { username: 'admin', password: TEST_PASSWORD }));
    if (!auth.ok) throw new Error(JSON.stringify(auth.error));
    expect(auth.accountId).toBe(t.ids.accounts.admin);
    expect(await raw.timeout(5_000).emitWithAck('call', { ...call, token: auth.token })).toMatchObject({ ok: true, value: { hubDevice: t.clinic.admin.device } });
  });

  it('revokes a desk (it is dropped and refused), refuses unknown and malformed codes, issues a code a new desk pairs with', async () => {
    const t = await hub();
    const a = await pairedWorkstation(t, 'A1');
    cleanups.push(a.close);
    const b = await pairedWorkstation(t, 'B1');
    cleanups.push(b.close);
    const admin = await a.login('admin');
    expect(await a.call(admin, 'devices.revoke', { device: 'B1', confirmPassword: TEST_PASSWORD })).toEqual({ ok: true, value: { ok: true } });
    await until(() => b.client.state.error?.code === 'REVOKED');
    expect(b.client.state.online).toBe(false);
    const listed = await a.call(admin, 'devices.list', {});
    expect(listed.ok && listed.value.devices.find((d) => d.device === 'B1')).toMatchObject({ revokedAt: t.clock.t, online: false });
    expect(await a.call(admin, 'devices.revoke', { device: 'Z9', confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'device' } } });
    expect(await a.call(admin, 'devices.revoke', { device: t.clinic.admin.device, confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await a.call(admin, 'devices.revoke', { device: 'b1', confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'device' } } });

    const code = await a.call(admin, 'devices.issuePairingCode', { confirmPassword: TEST_PASSWORD });
    if (!code.ok) throw new Error(JSON.stringify(code.error));
    expect(code.value.code).toMatch(/^\d{6}$/);
    const c = emptyStation('C1', t.clock);
    cleanups.push(c.close);
    expect(await pairStation(c.station, t.clinic.hub.url, code.value.code)).toMatchObject({ ok: true });
  });
});

describe('the web host at the hub', () => {
  it('a browser logs in at the hub over TLS with the hub\'s certificate and runs admin procedures on the admin station; a non-admin is refused and audited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinic-hub-web-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const staticDir = join(dir, 'renderer');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
    const t = await hub({ web: { staticDir, tls: true } });
    const web = t.clinic.web!;
    expect(web.url).toBe(`https://127.0.0.1:${web.port}/`);
    // The page comes over TLS with the hub's own certificate (the fingerprint the hub's console prints).
    const trustHub = { ca: t.clinic.hub.certificate, checkServerIdentity: () => undefined };
    const page = await new Promise<{ status: number | undefined; fingerprint: string }>((ok, fail) => {
      httpsGet(web.url, trustHub, (res) => {
        res.resume();
        ok({ status: res.statusCode, fingerprint: (res.socket as TLSSocket).getPeerCertificate().fingerprint256 });
      }).on('error', fail);
    });
    expect(page).toEqual({ status: 200, fingerprint: t.clinic.hub.fingerprint });
    // Nothing in clear on that port.
    await expect(fetch(`http://127.0.0.1:${web.port}/`)).rejects.toThrow();
    const ws = new WebSocket(`wss://127.0.0.1:${web.port}/api`, { headers: { Origin: `https://127.0.0.1:${web.port}` }, ...trustHub });
    cleanups.push(() => ws.terminate());
    const answers = new Map<number, (r: unknown) => void>();
    const events: { event: string; payload: unknown }[] = [];
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id?: number; result?: unknown; event?: string; payload?: unknown };
      if (m.id !== undefined) answers.get(m.id)?.(m.result);
      else if (m.event) events.push({ event: m.event, payload: m.payload });
    });
    await new Promise<void>((ok, fail) => { ws.once('open', () => ok()); ws.once('error', fail); });
    let id = 0;
    const call = (name: string, input: unknown = {}) => new Promise<unknown>((ok) => {
      id += 1;
      answers.set(id, ok);
      ws.send(JSON.stringify({ id, name, input }));
    });
    // A receptionist's right password is still refused here: the hub's web host takes admins only.
    expect(await call('accounts.login', { username: 'reception', password: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not an admin/), details: { reason: 'hub_admin_only' } } });
    expect(await call('accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(t.clinic.admin.station.raw.prepare("SELECT entity, procedure, entity_id AS subject, detail FROM audit_log WHERE action = 'refuse'").all())
      .toEqual([{ entity: 'web', procedure: 'FORBIDDEN', subject: 'log-in of reception', detail: expect.stringMatching(/not an admin.*\(from 127\.0\.0\.1\)/) }]);
    expect(await call('accounts.login', { username: 'admin', password: TEST_PASSWORD })).toMatchObject({ ok: true });
    const made = await call('org.createDepartment', { code: 'YK', name: '眼科', nameEn: 'Ophthalmology' }) as { ok: boolean; value: { id: string } };
    expect(made.ok).toBe(true);
    // Published to the log like any push.
    await t.clinic.admin.idle();
    expect((await t.store.row('departments', made.value.id))?.values).toMatchObject({ code: 'YK' });
    expect(await call('devices.list', {})).toMatchObject({ ok: true, value: { devices: [], hubDevice: t.clinic.admin.device } });
    // Stopping a session at the hub's browser: the notice shows there too.
    expect(await call('rosters.stop', { sessionId: t.ids.sessions.todayPaeds, reason: '停电' })).toMatchObject({ ok: true });
    await until(() => events.some((e) => e.event === 'notice'));
    expect(events.find((e) => e.event === 'notice')?.payload).toMatchObject({ kind: 'session_stopped', message: expect.stringContaining('赵丽') as unknown });
  });
});

describe('first admin on a new hub', () => {
  it('is made once, with the password policy and a valid username, and published to the log', async () => {
    const store = await PgliteStore.open({ loadDataDir: template });
    cleanups.push(() => store.close());
    const dir = mkdtempSync(join(tmpdir(), 'clinic-first-admin-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const admin = await AdminStation.open({ store, file: join(dir, 'admin.sqlite'), key: TEST_STATION_KEY });
    cleanups.push(() => admin.close());
    expect(hasActiveAdmin(admin.station)).toBe(false);
    await expect(createFirstAdmin(admin, 'boss', 'short1', { scrypt: TEST_SCRYPT })).rejects.toMatchObject({ code: 'WEAK_PASSWORD', details: { reason: 'too_short' } });
    await expect(createFirstAdmin(admin, 'two words', 'Clinic2026boss', { scrypt: TEST_SCRYPT })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'username' } });
    expect(admin.station.raw.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    const id = await createFirstAdmin(admin, 'boss', 'Clinic2026boss', { scrypt: TEST_SCRYPT });
    expect(hasActiveAdmin(admin.station)).toBe(true);
    expect((await store.row('accounts', id))?.values).toMatchObject({ username: 'boss', roles: '["admin"]' });
    await expect(createFirstAdmin(admin, 'boss2', 'Clinic2026boss', { scrypt: TEST_SCRYPT })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
