/**
 * Faults with real processes and real sockets on loopback: a station SIGKILLed mid-push, the hub
 * SIGKILLed mid-batch and restarted on its data folder, connections cut by a TCP proxy. In every
 * case the hub must end with each change exactly once (gap-free seqs), nothing pending anywhere,
 * and the stations identical.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgliteStore } from '../hub/pglite-store';
import { PostgresHubStore } from '../hub/postgres-store';
import { freePort, startPostgres, type TestPostgres } from '../hub/postgres-testing';
import type { HubStore } from '../hub/store';
import { Station } from '../station/station';
import { SyncClient } from './client';
import { cuttingProxy, filledStation, runTs, seeded, type Child } from './fault-testing';
import { hubLog } from './hub-faults';
import { getCursor, pendingCount } from './local';
import { fetchHubCertificate, normaliseHubUrl, pinOf } from './pin';
import { emptyStation, pinInFile, replicatedChecksums, startTestHub, startTestHubOn, until } from './testing';
import { TEST_STATION_KEY } from '../station/keys.testing';

let template: Blob | File;
let postgres: TestPostgres;
beforeAll(async () => {
  [template, postgres] = await Promise.all([PgliteStore.template(), startPostgres()]);
});
afterAll(async () => {
  await postgres?.stop();
});

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

function child(script: string, args: string[]): Child {
  const c = runTs(script, args);
  cleanups.push(() => c.kill('SIGKILL'));
  return c;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-fault-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The hub holds exactly the station's changes, each once, seqs 1..n without a gap, as the station recorded them. */
async function expectExactlyOnce(store: HubStore, station: Station): Promise<void> {
  const log = await hubLog(store);
  const mine = station.raw.prepare('SELECT id, seq FROM change_log WHERE device = ? ORDER BY id').all(station.device) as { id: string; seq: number | null }[];
  const hubMine = log.filter((c) => c.device === station.device);
  expect(log.map((c) => c.seq)).toEqual(log.map((_, i) => i + 1));
  expect(new Set(log.map((c) => c.id)).size).toBe(log.length);
  expect(hubMine.map((c) => ({ id: c.id, seq: c.seq })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(mine);
  expect(await store.lastSeq()).toBe(log.length);
}

const N = 3000;
/** Processes start with tsx and the 2 cores are shared: room beyond the default 30 s. */
const FAULT_TIMEOUT_MS = 150_000;

describe('faults: a station killed mid-push', () => {
  it('SIGKILLed while it pushes a large backlog, restarted on the same file: every change reaches the hub once', async () => {
    const th = await startTestHub(template);
    cleanups.push(th.close);
    const { file, ids } = filledStation('K1', N);
    cleanups.push(() => rmSync(dirname(file), { recursive: true, force: true }));
    pinInFile(file, th.hub.certificate);
    const total = N + N / 10;
    const killRounds: { atKill: number; unsent: number; lostAcks: number }[] = [];

    // Three runs SIGKILLed at different points of the backlog, then one left to finish.
    for (const threshold of [400, 1400, 2400]) {
      const run = child('main/sync/fault-station.ts', [file, th.hub.url, '100']);
      const t0 = Date.now();
      let atKill = 0;
      while (Date.now() - t0 < 60_000) {
        if (run.proc.exitCode !== null) throw new Error(`station exited early:\n${run.output()}`);
        atKill = await th.store.lastSeq();
        if (atKill >= threshold) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      await run.kill('SIGKILL');
      expect(run.proc.signalCode).toBe('SIGKILL');
      expect(atKill).toBeGreaterThanOrEqual(threshold);
      // What the killed station had recorded: some acked, the rest still unsent.
      const s1 = new Station({ key: TEST_STATION_KEY, file });
      const unsent = pendingCount(s1);
      s1.close();
      const hubHas = await th.store.lastSeq();
      expect(unsent).toBeGreaterThan(0);
      // The station never believes the hub has more than it has (acks lost with the process are fine).
      expect(total - unsent).toBeLessThanOrEqual(hubHas);
      killRounds.push({ atKill, unsent, lostAcks: hubHas - (total - unsent) });
    }

    const second = child('main/sync/fault-station.ts', [file, th.hub.url, '100']);
    const [, cursor] = (await second.waitFor(/synced (\d+)/)) ?? [];
    expect(await second.exited).toBe(0);
    expect(Number(cursor)).toBe(total);

    const station = new Station({ key: TEST_STATION_KEY, file });
    cleanups.push(() => station.close());
    expect(pendingCount(station)).toBe(0);
    await expectExactlyOnce(th.store, station);
    expect((await th.store.rows('patients')).size).toBe(ids.length);
    expect(await th.store.lastSeq()).toBe(total);
  }, FAULT_TIMEOUT_MS);
});

/** Where the hub CLI keeps its data: a PGlite folder, or a PostgreSQL database (--database). */
const HUB_DATA: [string, () => Promise<{ args: string[]; open: () => Promise<HubStore> }>][] = [
  ['a PGlite data folder', async () => {
    const dataDir = join(tempDir(), 'hub');
    return { args: ['--data', dataDir], open: () => PgliteStore.open({ dataDir }) };
  }],
  ['a PostgreSQL database', async () => {
    const url = await postgres.createDatabase();
    return { args: ['--database', url], open: () => PostgresHubStore.open(url) };
  }],
];

describe.each(HUB_DATA)('faults: the hub killed mid-batch (%s)', (_where, hubData) => {
  it('SIGKILLed while a station pushes, restarted on the same data: nothing lost, nothing twice, stations converge', async () => {
    const data = await hubData();
    const port = await freePort();
    const hubArgs = [...data.args, '--port', String(port), '--open'];
    const hub1 = child('main/cli/hub.ts', hubArgs);
    await hub1.waitFor(/hub listening on/);
    const url = `http://127.0.0.1:${port}`;
    // Pinned as pairing pins it; the restarted hub must present the same certificate (kept in its store).
    const pin = await fetchHubCertificate(normaliseHubUrl(url));

    const { file } = filledStation('H1', N);
    cleanups.push(() => rmSync(dirname(file), { recursive: true, force: true }));
    const total = N + N / 10;
    const station = new Station({ key: TEST_STATION_KEY, file });
    cleanups.push(() => station.close());
    const c = new SyncClient(station, { url, pin, batchSize: 200, timeoutMs: 5_000, reconnectDelayMs: 50 });
    cleanups.push(() => c.stop());
    c.start();
    const acked = () => total - pendingCount(station);
    await until(() => acked() >= 400, 60_000);
    await hub1.kill('SIGKILL');
    expect(hub1.proc.signalCode).toBe('SIGKILL');
    const ackedAtKill = acked();
    expect(ackedAtKill).toBeLessThan(total);

    const hub2 = child('main/cli/hub.ts', hubArgs);
    const [, last] = (await hub2.waitFor(/last seq (\d+)/)) ?? [];
    // The restarted hub has at least what it acknowledged before it died.
    expect(Number(last)).toBeGreaterThanOrEqual(ackedAtKill);
    await until(() => pendingCount(station) === 0 && c.state.online, 60_000);
    await c.syncNow();

    const other = emptyStation('H2');
    cleanups.push(other.close);
    const oc = new SyncClient(other.station, { url, pin, reconnectDelayMs: 50 });
    cleanups.push(() => oc.stop());
    oc.start();
    await until(() => oc.state.online && oc.state.lastSyncAt !== null && getCursor(other.station) === total, 60_000);
    await oc.idle();
    await c.syncNow();
    expect(replicatedChecksums(other.station)).toEqual(replicatedChecksums(station));
    expect(getCursor(station)).toBe(total);

    await c.stop();
    await oc.stop();
    await hub2.kill('SIGTERM');
    expect(await hub2.exited).toBe(0);
    const store = await data.open();
    cleanups.push(() => store.close());
    await expectExactlyOnce(store, station);
    expect(await store.lastSeq()).toBe(total);
  }, FAULT_TIMEOUT_MS);
});

describe('faults: connections cut by a proxy', () => {
  it('three stations push and pull through a proxy that cuts every connection at random moments: they converge, no duplicates', async () => {
    const th = await startTestHubOn(await PostgresHubStore.open(await postgres.createDatabase()));
    cleanups.push(th.close);
    const proxy = await cuttingProxy(th.hub.port);
    cleanups.push(() => proxy.close());
    const url = `http://127.0.0.1:${proxy.port}`;
    const M = 1500;
    const stations = ['P1', 'P2', 'P3'].map((device) => {
      const { file } = filledStation(device, M);
      cleanups.push(() => rmSync(dirname(file), { recursive: true, force: true }));
      const station = new Station({ key: TEST_STATION_KEY, file });
      cleanups.push(() => station.close());
      const c = new SyncClient(station, { url, pin: pinOf(th.hub.certificate), batchSize: 25, timeoutMs: 2_000, reconnectDelayMs: 20 });
      cleanups.push(() => c.stop());
      return { station, c };
    });
    const total = 3 * (M + M / 10);
    for (const s of stations) s.c.start();

    const random = seeded(20261122);
    const CUTS = 16;
    let cutsWhilePushing = 0;
    for (let k = 0; k < CUTS; k++) {
      await new Promise((r) => setTimeout(r, 20 + random() * 300));
      const pushing = stations.some((s) => pendingCount(s.station) > 0);
      if (proxy.cutAll() === 0) continue;
      if (pushing) cutsWhilePushing += 1;
    }
    // The cuts landed while changes were still going up.
    expect(cutsWhilePushing).toBeGreaterThanOrEqual(3);
    expect(proxy.opened).toBeGreaterThan(3);

    await until(() => stations.every((s) => pendingCount(s.station) === 0 && getCursor(s.station) === total && s.c.state.online), 60_000);
    for (const s of stations) await s.c.syncNow();
    const expected = replicatedChecksums(stations[0]!.station);
    for (const s of stations.slice(1)) expect(replicatedChecksums(s.station)).toEqual(expected);
    const log = await hubLog(th.store);
    expect(log).toHaveLength(total);
    for (const s of stations) await expectExactlyOnce(th.store, s.station);
    expect((await th.store.rows('patients')).size).toBe(3 * M);
  }, FAULT_TIMEOUT_MS);
});
