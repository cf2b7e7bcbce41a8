/**
 * Sync end to end: a real hub on loopback (PGlite), real stations on real SQLite files, real
 * socket.io. Stations edit while disconnected, reconnect in different orders and must end with
 * identical checksums of every replicated table.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { patients, visits } from '../../db/schema';
import { createFixture, TODAY, type Fixture } from '../station/testing';
import { dispatch } from '../station/dispatch';
import { eachHubStore } from '../hub/stores.testing';
import { PgliteStore } from '../hub/pglite-store';
import { pendingCount } from './local';
import { PROTOCOL_VERSION, schemaVersion, type PushAnswerT } from './protocol';
import {
  rawSocket,
  client, connected, emptyStation, replicatedChecksums, startTestHub, until, writeAs, type TestHub,
} from './testing';
import type { Station } from '../station/station';
import { MASTER_TABLES } from '../station/tables';
import type { StationEvents } from '../api/contract';
import type { SyncClient } from './client';

/** The hub's two stores: the convergence scenario runs on both. */
const STORES = eachHubStore();

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function setup(extra: string[] = ['B1', 'C1'], watch?: (s: Station) => void, hubOf: () => Promise<TestHub> = STORES[0]![1]) {
  const th: TestHub = await hubOf();
  cleanups.push(th.close);
  const fx: Fixture = createFixture({ device: 'A1' });
  cleanups.push(fx.close);
  const a = await connected(fx.station, th.hub);
  cleanups.push(() => a.stop());
  const others: { station: Station; client: SyncClient }[] = [];
  for (const device of extra) {
    const s = emptyStation(device, fx.clock);
    cleanups.push(s.close);
    watch?.(s.station);
    const c = await connected(s.station, th.hub);
    cleanups.push(() => c.stop());
    others.push({ station: s.station, client: c });
  }
  return { th, fx, a, others };
}

function newPatient(station: Station, name: string, recordNo: string): string {
  return writeAs(station, (w) => w.insert(patients, { recordNo, name, sex: 'F', pinyinFull: 'x', pinyinInitials: 'x' }));
}

function patientRow(station: Station, id: string) {
  return station.db.select().from(patients).where(eq(patients.id, id)).get();
}

describe('sync: bootstrap and live changes', () => {
  it('an empty station bootstraps the clinic from the hub and can log in with a replicated account', async () => {
    const seen: StationEvents['sync.status'][] = [];
    const { fx, others } = await setup(['B1'], (s) => s.on('sync.status', (e) => seen.push(e)));
    const b = others[0]!.station;
    expect(seen[0]).toEqual({ online: false, pending: 0, lastSyncAt: null, refused: null, setAside: { count: 0, latest: [] }, clockOffsetMs: null });
    expect(seen.at(-1)).toEqual({
      online: true, pending: 0, lastSyncAt: fx.clock.t, refused: null, setAside: { count: 0, latest: [] }, clockOffsetMs: expect.any(Number) as number,
    });
    expect(replicatedChecksums(b)).toEqual(replicatedChecksums(fx.station));
    expect(pendingCount(fx.station)).toBe(0);
    expect(b.settings.clinicName).toBe('康宁诊所');
    const login = await dispatch(b, { token: null }, 'accounts.login', { username: 'reception', password: 'desk2026pw' });
    expect(login.ok).toBe(true);
  });

  it('a change made on one station reaches the others live, without them asking', async () => {
    const { fx, others } = await setup(['B1', 'C1']);
    const id = newPatient(fx.station, '王五', 'A1-000001');
    for (const o of others) await until(() => patientRow(o.station, id)?.name === '王五');
    writeAs(others[0]!.station, (w) => w.update(patients, id, { phone: '13800000000' }));
    await until(() => patientRow(fx.station, id)?.phone === '13800000000' && patientRow(others[1]!.station, id)?.phone === '13800000000');
  });
});

describe('sync: own changes', () => {
  it('are not pulled back; a local write the merge overrules converges when the hub acknowledges it', async () => {
    const { th, fx, others } = await setup(['B1']);
    const b = others[0]!.station;
    // Every page the hub hands out, with the device that asked for it ("except" it).
    const pages: { except: string | undefined; devices: string[] }[] = [];
    const after = th.store.after.bind(th.store);
    th.store.after = async (cursor, limit, opts) => {
      const page = await after(cursor, limit, opts);
      pages.push({ except: opts?.exceptDevice, devices: page.changes.map((c) => c.device) });
      return page;
    };
    const pid = newPatient(fx.station, '李雷', 'A1-000001');
    const visitId = writeAs(fx.station, (w) => w.insert(visits, {
      patientId: pid, visitDate: TODAY, doctorId: fx.ids.staff.doctor, departmentId: fx.ids.departments.internal, queueNo: 'A1-001',
      queueOrder: 1, visitType: 'first', status: 'waiting', feeFen: 1500, feeStatus: 'unpaid', checkedInAt: fx.clock.t,
    }));
    fx.advance(1000);
    writeAs(fx.station, (w) => w.update(visits, visitId, { status: 'in_consultation' }));
    const statusAt = (s: Station) => (s.raw.prepare('SELECT status FROM visits WHERE id = ?').get(visitId) as { status: string } | undefined)?.status;
    await until(() => statusAt(b) === 'in_consultation');
    // B sets the visit back to waiting: its own row says so at once, the merge says otherwise
    // (a status never goes backwards), and B converges once its push is acknowledged.
    fx.advance(1000);
    writeAs(b, (w) => w.update(visits, visitId, { status: 'waiting' }));
    expect(statusAt(b)).toBe('waiting');
    await until(() => pendingCount(b) === 0 && statusAt(b) === 'in_consultation');
    await until(() => pendingCount(fx.station) === 0);
    await others[0]!.client.syncNow();
    expect(replicatedChecksums(b)).toEqual(replicatedChecksums(fx.station));
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) {
      expect(p.except).toBeDefined();
      expect(p.devices).not.toContain(p.except);
    }
  });
});

describe.each(STORES)('sync: offline edits converge (hub on %s)', (_name, hubOf) => {
  it('three stations edit the same rows while disconnected, reconnect in any order, and end identical', async () => {
    const { th, fx, a, others } = await setup(['B1', 'C1'], undefined, hubOf);
    const [b, c] = others as [{ station: Station; client: SyncClient }, { station: Station; client: SyncClient }];
    const pid = newPatient(fx.station, '李雷', 'A1-000001');
    const visitId = writeAs(fx.station, (w) => w.insert(visits, {
      patientId: pid, visitDate: TODAY, doctorId: fx.ids.staff.doctor, departmentId: fx.ids.departments.internal, queueNo: 'A1-001',
      queueOrder: 1, visitType: 'first', status: 'waiting', feeFen: 1500, feeStatus: 'unpaid', checkedInAt: fx.clock.t,
    }));
    await until(() => patientRow(b.station, pid) !== undefined && patientRow(c.station, pid) !== undefined);
    await until(() => c.station.raw.prepare('SELECT 1 FROM visits WHERE id = ?').get(visitId) !== undefined);
    await Promise.all([a.stop(), b.client.stop(), c.client.stop()]);

    // Disconnected: conflicting edits.
    fx.advance(1000);
    writeAs(fx.station, (w) => w.update(patients, pid, { name: '李雷A', phone: '111' }));
    writeAs(fx.station, (w) => w.update(visits, visitId, { status: 'in_consultation' }));
    fx.advance(1000);
    writeAs(b.station, (w) => w.update(patients, pid, { name: '李雷B' }));
    writeAs(b.station, (w) => w.update(visits, visitId, { status: 'cancelled' }));
    newPatient(b.station, '韩梅梅', 'B1-000001');
    fx.advance(1000);
    writeAs(c.station, (w) => w.update(patients, pid, { address: '北京' }));
    writeAs(c.station, (w) => w.update(visits, visitId, { feeStatus: 'paid' }));

    // Reconnect in the order C, A, B.
    const c2 = await connected(c.station, th.hub);
    cleanups.push(() => c2.stop());
    const a2 = await connected(fx.station, th.hub);
    cleanups.push(() => a2.stop());
    const b2 = await connected(b.station, th.hub);
    cleanups.push(() => b2.stop());
    await c2.syncNow();
    await a2.syncNow();

    const expected = replicatedChecksums(fx.station);
    expect(replicatedChecksums(b.station)).toEqual(expected);
    expect(replicatedChecksums(c.station)).toEqual(expected);
    const p = patientRow(b.station, pid)!;
    expect([p.name, p.phone, p.address]).toEqual(['李雷B', '111', '北京']);
    const v = b.station.raw.prepare('SELECT status, fee_status FROM visits WHERE id = ?').get(visitId);
    // in_consultation is further along than a cancellation made later elsewhere: it wins.
    expect(v).toEqual({ status: 'in_consultation', fee_status: 'paid' });
    // The hub's materialised row agrees with the stations.
    const hubRow = await th.store.row('patients', pid);
    expect(hubRow?.values['name']).toBe('李雷B');
    expect(hubRow?.values['address']).toBe('北京');
    for (const s of [fx.station, b.station, c.station]) expect(pendingCount(s)).toBe(0);
  });
});

describe('sync: resending is safe', () => {
  it('a push whose ack was lost is sent again and gets the same seqs, no duplicate', async () => {
    const { th, fx, a } = await setup([]);
    await a.stop();
    newPatient(fx.station, '丢失', 'A1-000009');
    const before = await th.store.lastSeq();
    const c1 = await connected(fx.station, th.hub);
    await c1.stop();
    const seqs = fx.station.raw.prepare('SELECT id, seq FROM change_log ORDER BY id').all();
    const after = await th.store.lastSeq();
    expect(after).toBe(before + 1); // the one patient insert
    // Forget the acks, as if the connection had been cut before they arrived.
    fx.station.raw.prepare('UPDATE change_log SET seq = NULL').run();
    const c2 = await connected(fx.station, th.hub);
    cleanups.push(() => c2.stop());
    expect(await th.store.lastSeq()).toBe(after);
    expect(fx.station.raw.prepare('SELECT id, seq FROM change_log ORDER BY id').all()).toEqual(seqs);
  });

  it('the same push twice through a raw socket: same acks, nothing new, nothing broadcast twice', async () => {
    const { th, fx } = await setup([]);
    const raw = rawSocket(th.hub);
    cleanups.push(() => raw.disconnect());
    await new Promise<void>((r) => raw.once('connect', () => r()));
    const hello = await raw.emitWithAck('hello', { protocol: PROTOCOL_VERSION, device: 'Z9', credential: null, schemaVersion: schemaVersion() });
    expect(hello.ok).toBe(true);
    const listener = rawSocket(th.hub);
    cleanups.push(() => listener.disconnect());
    await new Promise<void>((r) => listener.once('connect', () => r()));
    await listener.emitWithAck('hello', { protocol: PROTOCOL_VERSION, device: 'Y9', credential: null, schemaVersion: schemaVersion() });
    const heard: unknown[] = [];
    listener.on('changes', (m: unknown) => heard.push(m));
    const change = {
      id: '01900000-0000-7000-8000-000000000001', hlc: `${String(fx.clock.t).padStart(15, '0')}-0000-Z9`, device: 'Z9',
      table: 'patients', rowId: '01900000-0000-7000-8000-0000000000aa', op: 'update' as const, columns: { phone: '1' }, seq: null,
    };
    const first = (await raw.emitWithAck('push', { changes: [change] })) as PushAnswerT;
    const second = (await raw.emitWithAck('push', { changes: [change, change] })) as PushAnswerT;
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.acks).toEqual([first.acks[0], first.acks[0]]);
    const page = await th.store.after(first.acks[0]!.seq - 1, 10);
    expect(page.changes.map((c) => c.id)).toEqual([change.id]);
    await until(() => heard.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toHaveLength(1);
  });
});

describe('sync: refusals', () => {
  it('a station on another schema version is refused with a clear error and its changes wait', async () => {
    const { th, fx, a } = await setup([]);
    await a.stop();
    newPatient(fx.station, '等待', 'A1-000010');
    const before = await th.store.lastSeq();
    const c = client(fx.station, th.hub, { schemaVersion: schemaVersion() + 1 });
    cleanups.push(() => c.stop());
    c.start();
    await until(() => c.state.error !== null);
    await c.idle();
    expect(c.state.error?.code).toBe('SCHEMA_MISMATCH');
    expect(c.state.error?.message).toMatch(/update the hub/);
    expect(c.state.online).toBe(false);
    expect(pendingCount(fx.station)).toBe(1);
    expect(await th.store.lastSeq()).toBe(before);
  });

  it('a hub refuses master data from a station change by change: the rest is appended, the refused ones are set aside with why', async () => {
    const template = await PgliteStore.template();
    const th = await startTestHub(template, { masterDataFromStations: false });
    cleanups.push(th.close);
    // The fixture seeded the clinic's staff, accounts and catalog as if it were the hub's admin station.
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    const pending = pendingCount(fx.station);
    const told: StationEvents['sync.status'][] = [];
    fx.station.on('sync.status', (e) => told.push(e));
    const c = client(fx.station, th.hub);
    cleanups.push(() => c.stop());
    c.start();
    await until(() => c.state.lastSyncAt !== null);
    await c.idle();
    expect(c.state.error).toBeNull();
    const master = (fx.station.raw.prepare(`SELECT count(*) AS n FROM change_log WHERE table_name IN (${[...MASTER_TABLES].map((t) => `'${t}'`).join(', ')})`).get() as { n: number }).n;
    expect(master).toBeGreaterThan(0);
    // Master data is refused as such; the fixture's rows that name it (its parents never reach the hub) as orphans.
    const codes = Object.fromEntries((fx.station.raw.prepare(`SELECT refused_code AS code, count(*) AS n, max(table_name IN (${[...MASTER_TABLES].map((t) => `'${t}'`).join(', ')})) AS master
      FROM change_log WHERE refused_code IS NOT NULL GROUP BY refused_code`).all() as { code: string; n: number; master: number }[]).map((r) => [r.code, r]));
    expect(codes['READ_ONLY_TABLE']?.n).toBe(master);
    expect(codes['MISSING_PARENT']?.master).toBe(0);
    const refused = master + (codes['MISSING_PARENT']?.n ?? 0);
    // The desk's header hears how many were refused, and why.
    const aside = told.at(-1)?.setAside;
    expect(aside?.count).toBe(refused);
    expect(aside?.latest.find((x) => x.code === 'READ_ONLY_TABLE')?.reason).toMatch(/is master data, written only at the hub/);
    // Nothing of master data appended, everything else taken; nothing waits.
    const log = (await th.store.after(0, 1000)).changes;
    expect(log.filter((x) => MASTER_TABLES.has(x.table))).toEqual([]);
    expect(log).toHaveLength(pending - refused);
    expect(pendingCount(fx.station)).toBe(0);
    // Set aside for good: a later run pushes none of them again.
    await c.syncNow();
    expect((await th.store.after(0, 1000)).changes).toHaveLength(pending - refused);
  });

  it('pushes sent one behind the other are taken in order; those behind a batch refused whole are refused too, nothing of them appended', async () => {
    const th = await startTestHub(await PgliteStore.template(), { masterDataFromStations: false });
    cleanups.push(th.close);
    const raw = rawSocket(th.hub);
    cleanups.push(() => raw.disconnect());
    await new Promise<void>((r) => raw.once('connect', () => r()));
    await raw.emitWithAck('hello', { protocol: PROTOCOL_VERSION, device: 'Z9', credential: null, schemaVersion: schemaVersion() });
    let n = 0;
    const change = (device: string) => ({
      id: `01900000-0000-7000-8000-${String(++n).padStart(12, '0')}`, hlc: `${String(Date.now() - 60_000 + n).padStart(15, '0')}-0000-${device}`, device,
      table: 'patients', rowId: `01900000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`, op: 'insert' as const, columns: { name: `n${n}` }, seq: null,
    });
    // Three batches at once: the first is fine, the second not this device's (refused whole), the third fine.
    const [a, b, c] = [change('Z9'), change('Y8'), change('Z9')];
    const answers = (await Promise.all([a, b, c].map((x) => raw.emitWithAck('push', { changes: [x] })))) as PushAnswerT[];
    expect(answers.map((x) => (x.ok ? 'ok' : x.error.code))).toEqual(['ok', 'BAD_MESSAGE', 'HUB_ERROR']);
    expect((await th.store.after(0, 10)).changes.map((x) => x.id)).toEqual([a.id]);
    // Sent again on its own, the third is taken: the refusal does not outlast the batches queued behind it.
    const again = (await raw.emitWithAck('push', { changes: [c] })) as PushAnswerT;
    expect(again.ok).toBe(true);
    expect((await th.store.after(0, 10)).changes.map((x) => x.id)).toEqual([a.id, c.id]);
  });

  it('push and pull before hello are refused, malformed messages and changes of another device get BAD_MESSAGE', async () => {
    const { th } = await setup([]);
    const seqBefore = await th.store.lastSeq();
    const raw = rawSocket(th.hub);
    cleanups.push(() => raw.disconnect());
    await new Promise<void>((r) => raw.once('connect', () => r()));
    expect((await raw.emitWithAck('pull', { after: 0, limit: 10 })).error.code).toBe('HELLO_REQUIRED');
    expect((await raw.emitWithAck('hello', { device: 'Z9' })).error.code).toBe('BAD_MESSAGE');
    await raw.emitWithAck('hello', { protocol: PROTOCOL_VERSION, device: 'Z9', credential: null, schemaVersion: schemaVersion() });
    expect((await raw.emitWithAck('push', { changes: [{ id: 'x' }] })).error.code).toBe('BAD_MESSAGE');
    const forged = {
      id: '01900000-0000-7000-8000-000000000002', hlc: '000000000000001-0000-A1', device: 'A1',
      table: 'patients', rowId: 'r', op: 'update', columns: { name: 'x' }, seq: null,
    };
    const answer = await raw.emitWithAck('push', { changes: [forged] });
    expect(answer.error.code).toBe('BAD_MESSAGE');
    expect(answer.error.message).toMatch(/only its own changes/);
    expect(await th.store.lastSeq()).toBe(seqBefore);
  });
});
