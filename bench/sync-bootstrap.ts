/**
 * A new station joining a big clinic: a hub holding the demo clinic plus N registered patients
 * (each one change: the patient's insert, as a registration desk logs it), and a fresh station
 * that connects and pulls everything. From its client starting until it has caught up.
 *
 * The hub is made once per size into bench/out/sync/ (gitignored) and reused: the patients are
 * written at a station with its Writer (rows + change log), then the hub is rebuilt from that
 * station's change log (main/hub/rebuild.ts: the hub's own append, batch by batch).
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { patients } from '../db/schema';
import { drawPatient } from '../main/demo/patients';
import { Rng } from '../main/demo/random';
import { localDate } from '../main/domain/dates';
import { recordNo } from '../main/domain/numbers';
import { PgliteStore } from '../main/hub/pglite-store';
import { rebuildFromStation } from '../main/hub/rebuild';
import { Station } from '../main/station/station';
import { Writer } from '../main/station/writer';
import { getCursor } from '../main/sync/local';
import { client, until } from '../main/sync/testing';
import { cpuSince, meterStore, meterTransactions, type Meter } from './sync-measure';
import { SYNC_OUT, dropStation, fileMiB, hubFrom, newStation, removeFiles } from './sync-setup';
import { TEST_STATION_KEY } from '../main/station/keys.testing';

export interface BigHub {
  dataDir: string;
  patients: number;
  changes: number;
  /** Time to make it (writing the patients at a station, then rebuilding the hub from its log); 0 when reused. */
  writeMs: number;
  rebuildMs: number;
  reused: boolean;
}

/** A hub data folder with the seed clinic and `n` patients; made once, reused after. */
export async function ensureBigHub(n: number, log: (s: string) => void): Promise<BigHub> {
  const dataDir = join(SYNC_OUT, `hub-${n}`);
  const meta = join(SYNC_OUT, `hub-${n}.json`);
  if (existsSync(meta) && existsSync(join(dataDir, 'PG_VERSION'))) {
    return { ...(JSON.parse(readFileSync(meta, 'utf8')) as BigHub), reused: true };
  }
  rmSync(dataDir, { recursive: true, force: true });
  const file = join(SYNC_OUT, `big-${n}.sqlite`);
  removeFiles(file);
  copyFileSync(join(SYNC_OUT, 'seed.sqlite'), file);
  log(`  writing ${n.toLocaleString('en')} patients at a station…`);
  const t0 = performance.now();
  const station = new Station({ key: TEST_STATION_KEY, file, validateOutput: false });
  try {
    const rng = new Rng(11);
    const usedIds = new Set((station.raw.prepare('SELECT id_number AS v FROM patients WHERE id_number IS NOT NULL').all() as { v: string }[]).map((r) => r.v));
    const today = localDate(Date.now(), station.settings.timeZone);
    for (let start = 0; start < n; start += 10_000) {
      const w = new Writer({ db: station.db, device: station.device, clock: station.clock, now: station.now, allowMasterData: false });
      station.raw.transaction(() => {
        for (let i = start; i < Math.min(n, start + 10_000); i++) {
          const { id: _i, createdAt: _c, updatedAt: _u, ...p } = drawPatient({ rng, today, device: 'R9', seq: i + 1, createdAt: station.now(), id: '', usedIds });
          void _i; void _c; void _u;
          w.insert(patients, { ...p, recordNo: recordNo('R9', i + 1) });
        }
        station.saveClock();
      }).immediate();
    }
  } finally {
    station.close();
  }
  const writeMs = performance.now() - t0;
  log(`  rebuilding a hub from its change log…`);
  const t1 = performance.now();
  const store = await PgliteStore.open({ dataDir });
  let changes = 0;
  try {
    changes = (await rebuildFromStation(file, store, { key: TEST_STATION_KEY })).changes;
  } finally {
    await store.close();
  }
  const rebuildMs = performance.now() - t1;
  removeFiles(file);
  const out: BigHub = { dataDir, patients: n, changes, writeMs, rebuildMs, reused: false };
  writeFileSync(meta, JSON.stringify(out, null, 2));
  return out;
}

export interface BootstrapResult {
  patients: number;
  changes: number;
  wallMs: number;
  cpuMs: number;
  rowsPerS: number;
  dbMiB: number;
  hubAfter: Meter;
  apply: Meter;
  stationPatients: number;
}

/** A fresh station connects (an open test hub) and pulls the whole clinic; timed until caught up. */
export async function runBootstrap(big: BigHub, batch: number): Promise<BootstrapResult> {
  const hub = await hubFrom(big.dataDir, `boot-${big.patients}`);
  const s = newStation(`boot-${big.patients}`, 'N1');
  try {
    const store = meterStore(hub.store);
    const tx = meterTransactions(s.raw);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // As main/sync/testing.ts `connected`, without its 30 s limit: a big bootstrap takes minutes.
    const c = client(s, hub.hub, { batchSize: batch, timeoutMs: 120_000 });
    c.start();
    await until(() => {
      if (c.state.error) throw new Error(`bootstrap failed: ${c.state.error.code} ${c.state.error.message}`);
      return c.state.online && c.state.lastSyncAt !== null;
    }, 3_600_000);
    await c.idle();
    const wallMs = performance.now() - t0;
    const cpuMs = cpuSince(cpu0);
    await c.stop();
    store.restore();
    tx.restore();
    if (getCursor(s) !== big.changes) throw new Error(`bootstrap stopped at ${getCursor(s)} of ${big.changes}`);
    s.raw.pragma('wal_checkpoint(TRUNCATE)');
    const stationPatients = (s.raw.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;
    return {
      patients: big.patients, changes: big.changes, wallMs, cpuMs, rowsPerS: big.changes / (wallMs / 1000), dbMiB: fileMiB(s.raw.name),
      hubAfter: store.after, apply: tx.tx, stationPatients,
    };
  } finally {
    dropStation(s);
    await hub.close();
  }
}
