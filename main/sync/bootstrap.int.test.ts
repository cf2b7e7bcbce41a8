/**
 * A new station bootstraps from the hub's snapshot (superseded updates left out) up to the hub's
 * last seq at its first hello, then follows the log; a bootstrap cut halfway resumes at its
 * cursor with the same snapshot bound, and the station ends identical to the others.
 */
import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { cleanupsAfterEach, hubTemplate } from './hooks.testing';
import { patients } from '../../db/schema';
import { createFixture } from '../station/testing';
import type { Station } from '../station/station';
import { bootstrapUpto, getCursor } from './local';
import { client, connected, emptyStation, replicatedChecksums, startTestHub, until, writeAs } from './testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

/**
 * `n` patients, each edited five times (phone, address, emergency contact in turn): most updates end
 * superseded. Record numbers of the station's own sequence (the hub takes no other), from `from`.
 */
function busyHistory(station: Station, n: number, from = 0): void {
  const ids = writeAs(station, (w) => Array.from({ length: n }, (_, i) =>
    w.insert(patients, { recordNo: `${station.device}-${String(from + i).padStart(6, '0')}`, name: `病人${i}`, sex: i % 2 ? 'M' : 'F', pinyinFull: 'bingren', pinyinInitials: 'br' })));
  for (let round = 0; round < 5; round++) {
    writeAs(station, (w) => {
      for (const id of ids) w.update(patients, id, round % 3 === 0 ? { phone: `1380000${round}` } : round % 3 === 1 ? { address: `路${round}` } : { emergencyName: `第${round}次` });
    });
  }
}

function changeLogSize(station: Station): number {
  return (station.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
}

/** Every pull the hub receives: what cursor and snapshot bound it was asked for. */
function watchPulls(io: { on: (e: 'connection', fn: (s: Socket) => void) => unknown }): { after: number; upto?: number }[] {
  const pulls: { after: number; upto?: number }[] = [];
  io.on('connection', (s) => s.on('pull', (p: { after: number; upto?: number }) => pulls.push({ after: p.after, ...(p.upto !== undefined ? { upto: p.upto } : {}) })));
  return pulls;
}

describe('bootstrap from a snapshot', () => {
  it('a new station gets the snapshot, not the whole log, and ends identical to the station that made the history', async () => {
    const th = await startTestHub(template());
    cleanups.push(th.close);
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    busyHistory(fx.station, 200);
    const a = await connected(fx.station, th.hub);
    cleanups.push(() => a.stop());
    const last = await th.store.lastSeq();
    const pulls = watchPulls(th.hub.io);

    const b = emptyStation('B1', fx.clock);
    cleanups.push(b.close);
    const cb = await connected(b.station, th.hub, { batchSize: 100 });
    cleanups.push(() => cb.stop());
    expect(replicatedChecksums(b.station)).toEqual(replicatedChecksums(fx.station));
    expect(getCursor(b.station)).toBe(last);
    expect(bootstrapUpto(b.station)).toBe(0);
    // 200 inserts + 1,000 updates of patients: 400 of the updates won nothing and were left out.
    const kept = changeLogSize(b.station);
    expect(last - kept).toBeGreaterThanOrEqual(400);
    expect(pulls.filter((p) => p.upto === last).length).toBeGreaterThan(1);

    // And then it follows the log: a change after the bootstrap arrives whole.
    writeAs(fx.station, (w) => w.update(patients, fx.station.raw.prepare('SELECT id FROM patients LIMIT 1').pluck().get() as string, { emergencyName: '之后' }));
    await until(() => getCursor(b.station) === last + 1);
    expect(replicatedChecksums(b.station)).toEqual(replicatedChecksums(fx.station));
  });

  it('a bootstrap cut halfway resumes at its cursor with the same bound, then catches up with what came meanwhile', async () => {
    const th = await startTestHub(template());
    cleanups.push(th.close);
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    busyHistory(fx.station, 300);
    const a = await connected(fx.station, th.hub);
    cleanups.push(() => a.stop());
    const upto = await th.store.lastSeq();
    const pulls = watchPulls(th.hub.io);

    // The connection is cut when the desk asks for a page past the middle of the snapshot.
    let cutAt: number | null = null;
    th.hub.io.on('connection', (s) => s.use(([event, payload], next) => {
      const after = (payload as { after?: number } | undefined)?.after ?? 0;
      if (event === 'pull' && cutAt === null && after >= upto / 2) {
        cutAt = after;
        s.conn.close(); // the wire, as a network cut: the desk reconnects by itself
        return;
      }
      next();
    }));
    const b = emptyStation('B1', fx.clock);
    cleanups.push(b.close);
    const cb = client(b.station, th.hub, { batchSize: 50, timeoutMs: 2_000, reconnectDelayMs: 1_000 });
    cleanups.push(() => cb.stop());
    cb.start();
    await until(() => cutAt !== null, 60_000);
    expect(cutAt!).toBeLessThan(upto);
    expect(getCursor(b.station)).toBe(cutAt);
    expect(bootstrapUpto(b.station)).toBe(upto);
    const pullsBefore = pulls.length;

    // The clinic goes on while the new desk is cut off.
    busyHistory(fx.station, 20, 1_000);
    await a.syncNow();
    const now = await th.store.lastSeq();
    expect(now).toBeGreaterThan(upto);

    await until(() => cb.state.online && getCursor(b.station) === now, 60_000);
    await cb.idle();
    const resumed = pulls.slice(pullsBefore);
    // Not from the start: from where it was cut, still bounded by the first hello's seq.
    expect(resumed[0]).toEqual({ after: cutAt, upto });
    expect(resumed.every((p) => p.after >= cutAt!)).toBe(true);
    expect(resumed.filter((p) => p.upto === undefined).length).toBeGreaterThan(0);
    expect(getCursor(b.station)).toBe(now);
    expect(bootstrapUpto(b.station)).toBe(0);
    expect(replicatedChecksums(b.station)).toEqual(replicatedChecksums(fx.station));
  });
});
