/**
 * The demo clinic: 康宁诊所 with its departments, staff, rosters, formulary and months of
 * patients' visits, in a NEW station database. Deterministic: the same seed and clock make the
 * same file content. Normal mode writes through the station's Writer, so every row has its
 * change-log entry; large mode (benchmarks) writes a snapshot without a change log.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { localDate } from '../domain/dates';
import { tableNames } from '../station/checksum';
import { Station } from '../station/station';
import { Writer } from '../station/writer';
import { generateCatalog } from './catalog';
import { FUTURE_DAYS, GenContext, TIME_ZONE, type Sink } from './context';
import { FastSink } from './sink';
import { Rng } from './random';
import { DEMO_PASSWORD } from './data/org';
import { generateHistory } from './history';
import { addBulkPatientsAndVisits, LARGE_PATIENTS, LARGE_VISITS } from './large';
import { generateOrg, generateRosters } from './org';
import { addDays } from '../domain/dates';

export { DEMO_PASSWORD } from './data/org';
/** The demo station's own device code (history was made at other desks: R1, R2, C1, C2, K1…). */
export const DEMO_DEVICE = 'A1';
export const DEFAULT_SEED = 42;
export const NORMAL_PATIENTS = 5_000;

export interface DemoOptionsIn {
  /** The new station file's key (main/station/keys.ts stationKeyFor; tests: TEST_STATION_KEY). */
  key: Buffer;
  seed?: number;
  large?: boolean;
  /** The moment the demo is made (ms); defaults to the real clock. */
  now?: number;
  /** Patients of the normal demo (tests make a smaller one). */
  patients?: number;
  /** Days of detailed history before today (default 90; tests make a shorter one). */
  historyDays?: number;
}

export interface DemoSummary {
  file: string;
  seed: number;
  large: boolean;
  today: string;
  device: string;
  password: string;
  accounts: { username: string; roles: string[] }[];
  counts: Record<string, number>;
  ms: { total: number; clinic: number; bulk: number; indexes: number };
}

export function createDemoClinic(file: string, opts: DemoOptionsIn): DemoSummary {
  const t0 = performance.now();
  if (existsSync(file)) throw new Error(`${file} exists: the demo fills a new database only`);
  mkdirSync(dirname(file), { recursive: true });
  const seed = opts.seed ?? DEFAULT_SEED;
  const large = opts.large ?? false;
  const base = opts.now ?? Date.now();
  // The station's clock moves 1 ms every 3,000 readings while the demo is written, so the HLC
  // counter never overflows and the result depends on the seed and `now` alone.
  let readings = 0;
  const clock = () => base + Math.floor(readings++ / 3000);
  const station = new Station({ file, key: opts.key, device: DEMO_DEVICE, now: clock, allowMasterData: true, validateOutput: false });
  const today = localDate(base, TIME_ZONE);
  const ms = { total: 0, clinic: 0, bulk: 0, indexes: 0 };
  let accounts: DemoSummary['accounts'] = [];
  try {
    const t1 = performance.now();
    station.raw.transaction(() => {
      const rng = new Rng(seed);
      const idRng = rng.fork('ids');
      const newId = (at: number) => idRng.uuid(at);
      const fast = new FastSink(station.raw, { log: !large, device: station.device, clock: station.clock, now: clock, newId });
      // Normal mode: master data through the station's Writer itself; the many history rows
      // through the fast sink, which logs each row the same way.
      const master: Sink = large
        ? fast
        : new Writer({ db: station.db, device: station.device, clock: station.clock, now: clock, allowMasterData: true, newId });
      const ctx = new GenContext({ seed, large, now: base, historyDays: opts.historyDays }, master, today, { rng, idRng });
      const org = generateOrg(ctx);
      const catalog = generateCatalog(ctx, ctx.at(addDays(ctx.historyStart, -30), 9 * 60));
      const sessions = generateRosters(ctx, org, ctx.historyStart, addDays(today, FUTURE_DAYS));
      generateHistory(ctx.withSink(fast), org, catalog, sessions, opts.patients ?? NORMAL_PATIENTS);
      accounts = org.accounts.map((a) => ({ username: a.username, roles: a.roles }));
      if (!large) station.saveClock();
    }).immediate();
    ms.clinic = performance.now() - t1;
    if (large) {
      const bulk = addBulkPatientsAndVisits(station.raw, { seed, today, now: base, patients: LARGE_PATIENTS, visits: LARGE_VISITS });
      ms.bulk = bulk.insertMs;
      ms.indexes = bulk.indexMs;
    }
    station.raw.pragma('optimize');
    const counts: Record<string, number> = {};
    for (const t of tableNames(station.raw)) {
      counts[t] = (station.raw.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
    }
    ms.total = performance.now() - t0;
    return { file, seed, large, today, device: station.device, password: DEMO_PASSWORD, accounts, counts, ms };
  } finally {
    station.close();
  }
}
