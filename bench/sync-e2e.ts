/**
 * 100,000 changes from station A through the hub to station B, end to end: real SQLite files,
 * a real hub (PGlite in a data folder on disk), real socket.io on loopback and TLS.
 *
 *  - live: B is connected the whole time and applies the hub's broadcasts as A's pushes land;
 *    from A's client starting until B's cursor reaches the last change.
 *  - phased: A pushes with B offline (push phase); then B connects and pulls (pull phase).
 *
 * Where the hub runs: in this process beside both stations, or in its own process (as a clinic
 * runs it, on its own PC; bench/sync-hub-process.ts). The stations are always in this process.
 */
import { pendingCount } from '../main/sync/local';
import { client, connected, replicatedChecksums, until, type HubAddress, type TestHub } from '../main/sync/testing';
import type { Station } from '../main/station/station';
import { hubProcessFrom, type HubReport } from './sync-hub-process';
import { cpuSince, meterStore, meterTransactions, type Meter } from './sync-measure';
import { CHANGES_PER_PATIENT, cursorReaches, dropStation, hubFrom, newStation, writePatientsAndVisits, type WrittenRow } from './sync-setup';

export type HubPlace = 'same process' | 'own process';

/** What a run needs of its hub wherever it runs. */
interface BenchHub {
  hub: HubAddress;
  lastSeq(): Promise<number>;
  projected(): Promise<void>;
  meter(): Promise<void>;
  /** cpuMs: null when the hub shares this process (its CPU is in the run's). */
  report(): Promise<Omit<HubReport, 'cpuMs'> & { cpuMs: number | null }>;
  close(): Promise<void>;
}

function inProcess(th: TestHub): BenchHub {
  let m: ReturnType<typeof meterStore> | undefined;
  return {
    hub: th.hub,
    lastSeq: () => th.store.lastSeq(),
    projected: async () => th.store.projected(await th.store.lastSeq()),
    meter: async () => { m = meterStore(th.store); },
    report: async () => {
      m!.restore();
      return { append: m!.append, after: m!.after, detection: m!.detection, projection: m!.projection(), cpuMs: null };
    },
    close: () => th.close(),
  };
}

/**
 * Where the hub keeps its data: a fresh copy of the seed folder, a PostgreSQL database holding the
 * seed (`postgres://…`, hub in its own process), or a store holding the seed clinic (in this process).
 */
export type HubSource = string | (() => Promise<TestHub>);

async function benchHub(source: HubSource, place: HubPlace): Promise<BenchHub> {
  if (typeof source !== 'string') return inProcess(await source());
  if (place === 'own process') return hubProcessFrom(source, 'e2e');
  if (source.startsWith('postgres://')) throw new Error('a hub on PostgreSQL runs in its own process here');
  return inProcess(await hubFrom(source, 'e2e'));
}

export interface E2eResult {
  mode: 'live' | 'phased';
  hubPlace: HubPlace;
  /** What the hub keeps its data in. */
  hubEngine: 'PGlite' | 'PostgreSQL';
  batch: number;
  changes: number;
  writeMs: number;
  wallMs: number;
  /** This process's CPU (both stations, and the hub when it runs here). */
  cpuMs: number;
  /** The hub process's CPU when it runs on its own. */
  hubCpuMs: number | null;
  /** Phased only: A's push, then B's pull. */
  pushMs: number | null;
  pullMs: number | null;
  hubAppend: Meter;
  hubAfter: Meter;
  /** The hub's checks after each batch (main/hub/detect.ts): same store connection as the appends. */
  detection: Meter;
  /** The hub's projection of its log (hub_rows, typed tables), in transactions after the appends. */
  projection: Meter;
  /** When the hub had projected the last change (its rows and typed tables current), from the start. */
  projectedMs: number;
  /** SQLite transactions at B (applying batches) and at A (storing acks and merging the acknowledged rows again). */
  applyB: Meter;
  txA: Meter;
  /** A's client done too (its last acks stored, its last pull answered). */
  aDoneMs: number;
  converged: boolean;
  rows?: WrittenRow[];
}

export async function runEndToEnd(seedHub: HubSource, opts: {
  changes: number; batch: number; mode: 'live' | 'phased'; hubPlace?: HubPlace; keepRows?: boolean; log: (s: string) => void;
}): Promise<E2eResult> {
  const { batch, mode } = opts;
  const hubPlace = typeof seedHub === 'string' ? opts.hubPlace ?? 'same process' : 'same process';
  const hub = await benchHub(seedHub, hubPlace);
  const a = newStation('a', 'S1');
  const b = newStation('b', 'S2');
  let stopB: (() => Promise<void>) | null = null;
  try {
    // Both stations bootstrap the clinic from the hub first (not measured).
    await (await connected(a, hub.hub, { batchSize: batch })).stop();
    const cb = await connected(b, hub.hub, { batchSize: batch });
    stopB = () => cb.stop();
    if (mode === 'phased') {
      await cb.stop();
      stopB = null;
    }
    opts.log(`  writing ${opts.changes.toLocaleString('en')} changes at A…`);
    const written = writePatientsAndVisits(a, Math.ceil(opts.changes / CHANGES_PER_PATIENT), { keep: opts.keepRows });
    const target = (await hub.lastSeq()) + written.changes;
    a.raw.pragma('wal_checkpoint(TRUNCATE)');

    await hub.meter();
    const mA = meterTransactions(a.raw);
    const mB = meterTransactions(b.raw);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const ca = client(a, hub.hub, { batchSize: batch, timeoutMs: 120_000 });
    let pushMs: number | null = null;
    let pullMs: number | null = null;
    let t1: number;
    if (mode === 'live') {
      const reached = cursorReaches(b, target);
      ca.start();
      t1 = await reached;
    } else {
      ca.start();
      await until(() => pendingCount(a) === 0, 600_000);
      const tPushed = performance.now();
      pushMs = tPushed - t0;
      // A pulls its own changes back after pushing: let that finish so the pull phase is B's alone.
      await until(() => ca.state.lastSyncAt !== null && ca.state.pending === 0, 600_000);
      await ca.idle();
      const tB = performance.now();
      const reached = cursorReaches(b, target);
      const cb2 = client(b, hub.hub, { batchSize: batch, timeoutMs: 120_000 });
      cb2.start();
      stopB = () => cb2.stop();
      t1 = await reached;
      pullMs = t1 - tB;
    }
    const wallMs = t1 - t0;
    const cpuMs = cpuSince(cpu0);
    await until(() => ca.state.lastSyncAt !== null && ca.state.pending === 0, 600_000);
    await ca.idle();
    const aDoneMs = performance.now() - t0;
    await hub.projected();
    const projectedMs = performance.now() - t0;
    const store = await hub.report();
    mA.restore();
    mB.restore();
    await ca.stop();
    const converged = JSON.stringify(replicatedChecksums(a)) === JSON.stringify(replicatedChecksums(b));
    return {
      mode, hubPlace, hubEngine: typeof seedHub === 'string' && seedHub.startsWith('postgres://') ? 'PostgreSQL' : 'PGlite', batch, changes: written.changes, writeMs: written.ms, wallMs, cpuMs, hubCpuMs: store.cpuMs, pushMs, pullMs,
      hubAppend: store.append, hubAfter: store.after, detection: store.detection, projection: store.projection, projectedMs, applyB: mB.tx, txA: mA.tx, aDoneMs, converged,
      ...(opts.keepRows ? { rows: written.rows } : {}),
    };
  } finally {
    if (stopB) await stopB();
    dropStation(a);
    dropStation(b);
    await hub.close();
  }
}

/** Rows of station `s` in `table` (for checks). */
export function count(s: Station, table: string): number {
  return (s.raw.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}
