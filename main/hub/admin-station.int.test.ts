/**
 * Hub administration end to end over real socket.io and PGlite: a workstation's admin calls run
 * at the hub's admin station and reach every desk; refusals happen where they should; the hub
 * being away answers HUB_UNREACHABLE; a stopped session reaches the desks as a notice; the admin
 * station follows the log across a restart.
 */
import { rmSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StationEvents } from '../api/contract';
import { patients, rosterSessions } from '../../db/schema';
import { dispatchSync } from '../station/dispatch';
import { withMasterWriter } from '../station/master';
import { SyncClient } from '../sync/client';
import { getCursor, pendingChanges } from '../sync/local';
import { TEST_PASSWORD } from '../station/testing';
import { until, writeAs } from '../sync/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from './admin.testing';
import { PgliteStore } from './pglite-store';
import { startClinicHub } from './run';
import { TEST_STATION_KEY } from '../station/keys.testing';

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function setup(devices: string[] = ['A1', 'B1']): Promise<{ t: TestClinicHub; ws: TestWorkstation[] }> {
  const t = await startTestClinicHub(template);
  cleanups.push(t.close);
  const ws: TestWorkstation[] = [];
  for (const d of devices) {
    const w = await pairedWorkstation(t, d);
    cleanups.push(w.close);
    ws.push(w);
  }
  return { t, ws };
}

const departmentAt = (w: TestWorkstation, id: string) =>
  w.station.raw.prepare('SELECT code, name FROM departments WHERE id = ?').get(id) as { code: string; name: string } | undefined;

describe('hub administration from a workstation', () => {
  it('an admin at a workstation creates master data at the hub: in the hub store, at a second desk, audited with account and device', async () => {
    const { t, ws: [a, b] } = await setup();
    const admin = await a!.login('admin');
    const created = await a!.call(admin, 'org.createDepartment', { code: 'wk', name: '外科', nameEn: 'Surgery' });
    expect(created).toMatchObject({ ok: true, value: { code: 'WK', name: '外科' } });
    if (!created.ok) return;
    const id = created.value.id;
    // Answered once it is in the log: the hub store has the row already.
    expect((await t.store.row('departments', id))?.values).toMatchObject({ code: 'WK', name: '外科' });
    await until(() => departmentAt(b!, id) !== undefined);
    expect(departmentAt(b!, id)).toEqual({ code: 'WK', name: '外科' });
    await until(() => departmentAt(a!, id) !== undefined);
    // A workstation cannot write master data itself; the row came from the hub's admin station.
    expect(a!.station.raw.prepare('SELECT device FROM change_log WHERE row_id = ?').get(id)).toEqual({ device: t.clinic.admin.device });

    const acct = await a!.call(admin, 'org.createAccount', { username: 'nurse.li', roles: ['receptionist'], password: 'Front2026desk', confirmPassword: TEST_PASSWORD });
    expect(acct.ok).toBe(true);
    if (!acct.ok) return;
    const audit = t.clinic.admin.station.raw.prepare("SELECT account_id AS accountId, device FROM audit_log WHERE entity = 'accounts' AND entity_id = ?")
      .get(acct.value.id);
    expect(audit).toEqual({ accountId: t.ids.accounts.admin, device: 'A1' });
    // The new account logs in at the other desk: it replicated there.
    await until(() => b!.station.raw.prepare("SELECT 1 FROM accounts WHERE username = 'nurse.li'").get() !== undefined);
    const nurse = await b!.call({ token: null }, 'accounts.login', { username: 'nurse.li', password: 'Front2026desk' });
    expect(nurse.ok).toBe(true);
  });

  it('refuses at the workstation without asking the hub: no session, a non-admin, a locked session, bad input', async () => {
    const { t, ws: [a] } = await setup(['A1']);
    const before = await t.store.lastSeq();
    const input = { code: 'XX', name: '某科', nameEn: 'Some' };
    expect(await a!.call({ token: null }, 'org.createDepartment', input)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const reception = await a!.login('reception');
    expect(await a!.call(reception, 'org.createDepartment', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await a!.call(reception, 'devices.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const admin = await a!.login('admin');
    const bad = await a!.call(admin, 'org.createDepartment', { code: '', name: '', nameEn: 'x' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    a!.station.sessions.lock(a!.station.sessions.get(admin.token, a!.station.now())!, a!.station.now());
    expect(await a!.call(admin, 'org.createDepartment', input)).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await t.store.lastSeq()).toBe(before);
    // The synchronous dispatch cannot wait for the hub, and says so after the same checks.
    const admin2 = await a!.login('admin');
    expect(dispatchSync(a!.station, admin2, 'org.departments', {})).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(dispatchSync(a!.station, reception, 'org.departments', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('an account disabled at the hub but still active in a stale workstation replica is refused at the hub', async () => {
    const { t, ws: [a, b] } = await setup();
    const admin = await a!.login('admin');
    const made = await a!.call(admin, 'org.createAccount', { username: 'admin.two', roles: ['admin'], password: 'Second2026admin', confirmPassword: TEST_PASSWORD });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const off = await a!.call(admin, 'org.setAccountActive', { id: made.value.id, active: false, confirmPassword: TEST_PASSWORD });
    expect(off).toMatchObject({ ok: true, value: { active: false } });
    const activeAt = (w: TestWorkstation) => (w.station.raw.prepare('SELECT active FROM accounts WHERE id = ?').get(made.value.id) as { active: number } | undefined)?.active;
    await until(() => activeAt(b!) === 0);
    // Desk B has not heard (simulated: its replica still says active), so it lets admin.two log in.
    b!.station.raw.prepare('UPDATE accounts SET active = 1 WHERE id = ?').run(made.value.id);
    const login = await b!.call({ token: null }, 'accounts.login', { username: 'admin.two', password: 'Second2026admin' });
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    const two = { token: login.value.token };
    const before = await t.store.lastSeq();
    // The hub refused the password it was shown at the log-in: no hub token, so the desk asks for it again…
    const r = await b!.call(two, 'org.createDepartment', { code: 'ZZ', name: '停用科', nameEn: 'Disabled' });
    expect(r).toMatchObject({ ok: false, error: { code: 'HUB_LOGIN_REQUIRED' } });
    // …and the hub, which knows the account is disabled, says so.
    expect(await b!.call(two, 'accounts.hubLogin', { password: 'Second2026admin' })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
    expect(await b!.call(two, 'org.createDepartment', { code: 'ZZ', name: '停用科', nameEn: 'Disabled' })).toMatchObject({ ok: false, error: { code: 'HUB_LOGIN_REQUIRED' } });
    // Nothing but the audit rows of the refusals reached the log.
    await t.clinic.admin.idle();
    const since = (await t.store.after(before, 100)).changes;
    expect(since.length).toBeGreaterThan(0);
    expect(since.filter((c) => c.table !== 'audit_log' || c.columns['action'] !== 'refuse')).toEqual([]);
    // A call without a person token is refused too (main/hub/attacks-people.int.test.ts tries the forgeries).
    const stranger = await t.clinic.admin.call({ procedure: 'org.departments', input: {} }, 'B1');
    expect(stranger).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'missing' } } });
    // And the hub runs only hub procedures for a desk: nothing of a desk's own work.
    const proven = await t.clinic.admin.people.login('admin', TEST_PASSWORD, 'B1');
    if (!proven.ok) throw new Error('admin log-in at the hub failed');
    const desk = await t.clinic.admin.call({ procedure: 'patients.search', input: { query: 'x' }, token: proven.token }, 'B1');
    expect(desk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers HUB_UNREACHABLE without a hub link, when the hub is down, and when the hub does not answer in time', async () => {
    const { t, ws: [a] } = await setup(['A1']);
    const admin = await a!.login('admin');
    expect((await a!.call(admin, 'org.departments', {})).ok).toBe(true);

    // The hub takes too long: the desk gives up after its call timeout.
    t.clinic.hub.handleCalls(() => new Promise(() => undefined));
    const slow = new SyncClient(a!.station, { url: t.clinic.hub.url, callTimeoutMs: 200, reconnectDelayMs: 50 });
    await a!.client.stop();
    slow.start();
    cleanups.push(() => slow.stop());
    await until(() => slow.state.online);
    expect(await a!.call(admin, 'org.departments', {})).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });

    // The hub stops during a call, and stays down: answered at once (inside this test's 20 s, against a 60 s call timeout).
    await slow.stop();
    const patient = new SyncClient(a!.station, { url: t.clinic.hub.url, callTimeoutMs: 60_000, reconnectDelayMs: 50 });
    patient.start();
    cleanups.push(() => patient.stop());
    await until(() => patient.state.online);
    const during = a!.call(admin, 'org.departments', {});
    await new Promise((r) => setTimeout(r, 50));
    await t.clinic.close();
    expect(await during).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    await until(() => !patient.state.online);
    expect(await a!.call(admin, 'org.departments', {})).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });

    // No sync client at all (a standalone PC).
    await patient.stop();
    expect(a!.station.hubLink).toBeNull();
    expect(await a!.call(admin, 'org.departments', {})).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    // (a running hub again, for the cleanup to close)
    t.clinic = await startClinicHub({ store: t.store, adminFile: `${t.dir}/admin.sqlite`, adminKey: TEST_STATION_KEY, now: () => t.clock.t });
  }, 20_000);

  it('a stopped session reaches every desk as a notice; a session stopped for a past day does not', async () => {
    const { t, ws: [a, b] } = await setup();
    const seen: Record<string, StationEvents['notice'][]> = { A1: [], B1: [] };
    for (const w of [a!, b!]) cleanups.push(w.station.on('notice', (n) => seen[w.station.device]!.push(n)));
    const admin = await a!.login('admin');
    const stop = await a!.call(admin, 'rosters.stop', { sessionId: t.ids.sessions.todayAfternoon, reason: '医生外出会诊' });
    expect(stop.ok).toBe(true);
    await until(() => seen['A1']!.length > 0 && seen['B1']!.length > 0);
    for (const notices of Object.values(seen)) {
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'session_stopped', id: `session_stopped:${t.ids.sessions.todayAfternoon}` });
      expect(notices[0]!.message).toContain('李明');
      expect(notices[0]!.message).toContain('2026-11-23');
      expect(notices[0]!.message).toContain('下午');
      expect(notices[0]!.message).toContain('医生外出会诊');
    }
    // Other changes to the stopped session, and a re-delivery, raise nothing more.
    await b!.client.syncNow();
    expect(seen['B1']).toHaveLength(1);

    // A past session stopped (a correction of yesterday's roster) is no news to the desks.
    t.clock.t += 3 * 86_400_000;
    withMasterWriter(t.clinic.admin.station, (w) => w.update(rosterSessions, t.ids.sessions.tomorrow, { stopped: true, stopReason: '补录' }));
    await t.clinic.admin.flush();
    await until(() => (b!.station.raw.prepare('SELECT stopped FROM roster_sessions WHERE id = ?').get(t.ids.sessions.tomorrow) as { stopped: number }).stopped === 1);
    expect(seen['B1']).toHaveLength(1);
  });

  it('after a restart the admin station catches up from its cursor, not from the start', async () => {
    const { t, ws: [a] } = await setup(['A1']);
    const cursorBefore = getCursor(t.clinic.admin.station);
    expect(cursorBefore).toBe(await t.store.lastSeq());
    await a!.client.stop();
    await t.clinic.close();
    // While the hub's process is down, desk work reaches the store another way (a second hub process on the same database).
    writeAs(a!.station, (w) => w.insert(patients, { recordNo: 'A1-000001', name: '张三', sex: 'M', pinyinInitials: 'zs', pinyinFull: 'zhangsan' }));
    await t.store.append(pendingChanges(a!.station, 100), t.clock.t);
    const asked: number[] = [];
    const after = t.store.after.bind(t.store);
    t.store.after = (cursor, limit) => { asked.push(cursor); return after(cursor, limit); };
    cleanups.push(() => { t.store.after = after; });
    t.clinic = await startClinicHub({ store: t.store, adminFile: `${t.dir}/admin.sqlite`, adminKey: TEST_STATION_KEY, now: () => t.clock.t });
    expect(asked[0]).toBe(cursorBefore);
    expect(getCursor(t.clinic.admin.station)).toBe(await t.store.lastSeq());
    expect(t.clinic.admin.station.raw.prepare("SELECT name FROM patients WHERE record_no = 'A1-000001'").get()).toEqual({ name: '张三' });
    expect(t.clinic.admin.station.raw.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 7 });

    // The admin station's file lost: a new one bootstraps from the whole log, under a new device code (HUB stays reserved).
    await t.clinic.close();
    rmSync(`${t.dir}/admin.sqlite`);
    asked.length = 0;
    t.clinic = await startClinicHub({ store: t.store, adminFile: `${t.dir}/admin.sqlite`, adminKey: TEST_STATION_KEY, now: () => t.clock.t });
    expect(asked[0]).toBe(0);
    expect(t.clinic.admin.device).toMatch(/^H[A-Z0-9]{2}$/);
    expect(t.clinic.admin.device).not.toBe('HUB');
    expect(getCursor(t.clinic.admin.station)).toBe(await t.store.lastSeq());
    expect(t.clinic.admin.station.raw.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 7 });
    expect(t.clinic.admin.station.raw.prepare("SELECT name FROM patients WHERE record_no = 'A1-000001'").get()).toEqual({ name: '张三' });
  });
});
