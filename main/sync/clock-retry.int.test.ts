/**
 * Issue 13 against a real hub: desks whose clocks are a day fast or slow follow the hub's time
 * (they neither win nor lose conflicts for it, and their changes are not refused as from the
 * future; the hub lists their skew), and a desk heals by itself after its pushes time out while
 * the connection stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../../db/schema';
import { hlcParse } from '../domain/hlc';
import { startTestClinicHub, type TestClinicHub } from '../hub/admin.testing';
import { PgliteStore } from '../hub/pglite-store';
import type { Station } from '../station/station';
import type { SyncClient, SyncClientOptions } from './client';
import { CLOCK_SKEW_BOUND_MS } from './clock';
import { pendingCount } from './local';
import { pairStation } from './pair';
import { connected, emptyStation, until, writeAs } from './testing';

const DAY = 86_400_000;
let t: TestClinicHub;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  t = await startTestClinicHub(await PgliteStore.template());
}, 120_000);

afterAll(async () => {
  for (const f of cleanups.reverse()) await f();
  await t.close();
});

/** A desk whose clock runs `skewMs` off the hub's, paired and synced. */
async function deskAt(device: string, skewMs: number, opts: Partial<SyncClientOptions> = {}): Promise<{ station: Station; client: SyncClient; connect: () => Promise<SyncClient> }> {
  const clock = { get t() { return t.clock.t + skewMs; } };
  const ws = emptyStation(device, clock);
  cleanups.push(ws.close);
  const { code } = await t.clinic.hub.issuePairingCode();
  const paired = await pairStation(ws.station, t.clinic.hub.url, code);
  if (!paired.ok) throw new Error(`pairing ${device}: ${paired.error.code}`);
  const connect = async () => {
    const c = await connected(ws.station, t.clinic.hub, opts);
    cleanups.push(() => c.stop());
    return c;
  };
  return { station: ws.station, client: await connect(), connect };
}

const row = (s: Station, id: string) => s.raw.prepare('SELECT name, phone FROM patients WHERE id = ?').get(id) as { name: string; phone: string | null } | undefined;

describe('clocks: desks a day fast and a day slow', () => {
  it('follow the hub\'s time: the hub lists their skew, their changes are taken, and conflicts go by real order', async () => {
    const right = await deskAt('A1', 0);
    const fast = await deskAt('F1', DAY);
    const slow = await deskAt('S1', -DAY);
    expect(right.client.state.clockOffsetMs).toBe(0);
    expect(fast.client.state.clockOffsetMs).toBe(-DAY);
    expect(slow.client.state.clockOffsetMs).toBe(DAY);
    expect([right.station.clock.offsetMs, fast.station.clock.offsetMs, slow.station.clock.offsetMs]).toEqual([0, -DAY, DAY]);
    // The hub lists how far each desk is off (devices list and device status read the store's).
    const skews = async () => Object.fromEntries((await t.store.devices()).map((d) => [d.device, d.clockSkewMs]));
    for (let i = 0; i < 200 && (await skews())['S1'] !== -DAY; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(await skews()).toMatchObject({ A1: 0, F1: DAY, S1: -DAY });

    const pid = writeAs(right.station, (w) => w.insert(patients, { recordNo: 'A1-0000001', name: '王芳', sex: 'F', pinyinFull: 'wf', pinyinInitials: 'wf' }));
    await until(() => row(fast.station, pid) !== undefined && row(slow.station, pid) !== undefined, 30_000);
    await Promise.all([fast.client.stop(), slow.client.stop()]);

    // Offline, in real order: the fast desk edits the phone, then the right desk the phone and the name, then the slow desk the name.
    t.clock.t += 10_000;
    writeAs(fast.station, (w) => w.update(patients, pid, { phone: '13900000001' }));
    t.clock.t += 1_000;
    writeAs(right.station, (w) => w.update(patients, pid, { phone: '13900000002', name: '王芳A' }));
    t.clock.t += 1_000;
    writeAs(slow.station, (w) => w.update(patients, pid, { name: '王芳S' }));
    const stampOf = (s: Station) => hlcParse((s.raw.prepare("SELECT hlc FROM change_log WHERE table_name = 'patients' AND row_id = ? ORDER BY hlc DESC LIMIT 1").get(pid) as { hlc: string }).hlc).ms;
    // Stamped with the hub's time, not their own: within the bound of it.
    expect(Math.abs(stampOf(fast.station) - (t.clock.t - 2_000))).toBeLessThan(CLOCK_SKEW_BOUND_MS);
    expect(Math.abs(stampOf(slow.station) - t.clock.t)).toBeLessThan(CLOCK_SKEW_BOUND_MS);

    const [f2, s2] = [await fast.connect(), await slow.connect()];
    await until(() => pendingCount(fast.station) === 0 && pendingCount(slow.station) === 0, 30_000);
    // Nothing refused as from the future.
    expect(f2.state.error).toBeNull();
    expect(fast.station.raw.prepare('SELECT count(*) AS n FROM change_log WHERE refused_code IS NOT NULL').get()).toEqual({ n: 0 });
    // The right desk's phone beats the fast desk's earlier one; the slow desk's later name beats the right desk's.
    expect((await t.store.row('patients', pid))?.values).toMatchObject({ phone: '13900000002', name: '王芳S' });
    await s2.syncNow();
    await right.client.syncNow();
    await until(() => row(right.station, pid)?.name === '王芳S' && row(slow.station, pid)?.phone === '13900000002', 30_000);
  });
});

describe('retry', () => {
  it('a desk whose pushes time out while the hub is frozen heals by itself once the hub answers, without a new local write', async () => {
    let frozen = false;
    const held: (() => void)[] = [];
    // Every socket's pushes wait here while the hub is "frozen" (its push handler never sees them).
    t.clinic.hub.io.on('connection', (s) => s.use((packet, next) => {
      if (packet[0] === 'push' && frozen) held.push(() => next());
      else next();
    }));
    const desk = await deskAt('R1', 0, { timeoutMs: 400, retryDelayMs: 100, retryDelayMaxMs: 400 });
    frozen = true;
    const pid = writeAs(desk.station, (w) => w.insert(patients, { recordNo: 'R1-0000001', name: '重试', sex: 'M', pinyinFull: 'cs', pinyinInitials: 'cs' }));
    await until(() => desk.client.state.error?.code === 'HUB_ERROR', 10_000);
    // Past the timeout, and retried at least once while frozen.
    await until(() => held.length >= 2, 10_000);
    expect(pendingCount(desk.station)).toBe(1);
    expect(await t.store.row('patients', pid)).toBeUndefined();
    frozen = false;
    for (const release of held.splice(0)) release();
    await until(() => pendingCount(desk.station) === 0, 30_000);
    expect((await t.store.row('patients', pid))?.values['name']).toBe('重试');
    await until(() => desk.client.state.error === null, 10_000);
    expect(desk.client.state.online).toBe(true);
  });

  it('a desk whose hub answers late waits for the answer instead of sending the batch again, and drains', async () => {
    let slowing = true;
    const seen: string[] = [];
    const sizes: number[] = [];
    // Every push reaches the hub 1 s late: past the desk's 400 ms, well within 8 × 400 ms.
    t.clinic.hub.io.on('connection', (s) => s.use((packet, next) => {
      if (packet[0] !== 'push' || !slowing) return next();
      const changes = (packet[1] as { changes: { id: string }[] }).changes;
      seen.push(...changes.map((c) => c.id));
      sizes.push(changes.length);
      setTimeout(() => next(), 1_000);
    }));
    const desk = await deskAt('L1', 0, { batchSize: 20, timeoutMs: 400, retryDelayMs: 100, retryDelayMaxMs: 400 });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      ids.push(writeAs(desk.station, (w) => w.insert(patients, { recordNo: `L1-${String(i).padStart(7, '0')}`, name: '迟答', sex: 'F', pinyinFull: 'cd', pinyinInitials: 'cd' })));
    }
    await until(() => desk.client.state.error?.code === 'HUB_ERROR', 10_000);
    expect(desk.client.state.error?.message).toMatch(/still waiting/);
    await until(() => pendingCount(desk.station) === 0, 60_000);
    slowing = false;
    // Each change went to the hub once: no batch was sent again while its answer was on its way.
    expect(seen.length).toBe(new Set(seen).size);
    expect(new Set(seen)).toEqual(new Set(desk.station.raw.prepare('SELECT id FROM change_log WHERE device = ?').all('L1').map((r) => (r as { id: string }).id)));
    expect(sizes.every((n) => n <= 20)).toBe(true);
    for (const id of ids) expect(await t.store.row('patients', id)).toBeDefined();
    await desk.client.syncNow();
    expect(desk.client.state.error).toBeNull();
  });
});
