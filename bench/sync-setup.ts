/**
 * What the sync benchmark starts from: a small demo clinic (org, staff, accounts, rosters, a few
 * hundred patients with their change log) rebuilt into a PGlite hub data folder once, copied for
 * each run; hubs and stations started through the same entry points as the sync tests
 * (main/sync/testing.ts), so whatever the lead adds there (TLS) is in the measurement; and the
 * bench's changes: patients registered and their visits through the queue, written with the
 * station's Writer in big transactions (the measured part is sync, not the writing).
 */
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { patients, visits } from '../db/schema';
import { createDemoClinic } from '../main/demo/index';
import { drawPatient } from '../main/demo/patients';
import { Rng } from '../main/demo/random';
import { localDate } from '../main/domain/dates';
import { recordNo } from '../main/domain/numbers';
import { queueNo } from '../main/domain/queue-numbers';
import { PgliteStore } from '../main/hub/pglite-store';
import { PostgresHubStore } from '../main/hub/postgres-store';
import type { TestPostgres } from '../main/hub/postgres-testing';
import { rebuildFromStation } from '../main/hub/rebuild';
import { Station } from '../main/station/station';
import { Writer } from '../main/station/writer';
import { getCursor } from '../main/sync/local';
import { startTestHubOn, type TestHub } from '../main/sync/testing';
import { OUT } from './lib';
import { TEST_STATION_KEY } from '../main/station/keys.testing';

export const SYNC_OUT = join(OUT, 'sync');
const SEED_HUB = join(SYNC_OUT, 'seed-hub');
const SEED_FILE = join(SYNC_OUT, 'seed.sqlite');

/** One change per logged write: a patient is 1 insert, a visit 1 insert + 3 updates (called, consult, discharged). */
export const CHANGES_PER_PATIENT = 5;

export function removeFiles(...files: string[]): void {
  for (const f of files) for (const x of [f, `${f}-wal`, `${f}-shm`]) rmSync(x, { recursive: true, force: true });
}

/** The seed hub (demo clinic, its change log appended): made once into bench/out/sync/. */
export async function ensureSeedHub(log: (s: string) => void): Promise<{ dataDir: string; changes: number; madeMs: number }> {
  mkdirSync(SYNC_OUT, { recursive: true });
  const marker = join(SEED_HUB, 'PG_VERSION');
  const t = performance.now();
  if (!existsSync(marker)) {
    log('making the seed hub (small demo clinic rebuilt into PGlite)…');
    removeFiles(SEED_FILE, SEED_HUB);
    createDemoClinic(SEED_FILE, { key: TEST_STATION_KEY, patients: 300, historyDays: 3 });
    const store = await PgliteStore.open({ dataDir: SEED_HUB });
    try {
      await rebuildFromStation(SEED_FILE, store, { key: TEST_STATION_KEY });
    } finally {
      await store.close();
    }
  }
  const store = await PgliteStore.open({ dataDir: SEED_HUB });
  const changes = await store.lastSeq();
  await store.close();
  return { dataDir: SEED_HUB, changes, madeMs: performance.now() - t };
}

/** A new database on `pg` holding the seed clinic (made by ensureSeedHub): for a hub on PostgreSQL. */
export async function seedOnPostgres(pg: TestPostgres): Promise<string> {
  const url = await pg.createDatabase();
  const store = await PostgresHubStore.open(url);
  try {
    await rebuildFromStation(SEED_FILE, store, { key: TEST_STATION_KEY });
  } finally {
    await store.close();
  }
  return url;
}

/** A hub on a fresh copy of a hub data folder (a real PGlite folder on disk), started like the tests start one. */
export async function hubFrom(template: string, name: string): Promise<TestHub & { dataDir: string }> {
  const dataDir = join(SYNC_OUT, `${name}-hub`);
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(template, dataDir, { recursive: true });
  const store = await PgliteStore.open({ dataDir });
  const h = await startTestHubOn(store);
  return {
    ...h, dataDir,
    close: async () => {
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new, empty station on a real SQLite file in bench/out/sync/ (real clock: HLCs stay valid over 100k writes). */
export function newStation(name: string, device: string): Station {
  mkdirSync(SYNC_OUT, { recursive: true });
  const file = join(SYNC_OUT, `${name}.sqlite`);
  removeFiles(file);
  return new Station({ key: TEST_STATION_KEY, file, device, validateOutput: false });
}

export function dropStation(station: Station): void {
  const file = station.raw.name;
  if (station.raw.open) station.close();
  removeFiles(file);
}

export function fileMiB(file: string): number {
  let bytes = 0;
  for (const f of [file, `${file}-wal`]) if (existsSync(f)) bytes += statSync(f).size;
  return bytes / 2 ** 20;
}

/** The patient and visit rows written, to give PouchDB the same documents. */
export interface WrittenRow {
  table: 'patients' | 'visits';
  /** Column values after each write (first = the insert), as the station stores them. */
  versions: Record<string, unknown>[];
}

/**
 * Registers `count` patients at `station` and takes each through one visit: 5 logged changes a
 * patient. Written with the station's own Writer (each row with its change-log entry), 1,000
 * patients a transaction. Needs the clinic's staff (pulled from the hub). Answers the rows'
 * versions when `keep` (for PouchDB) and the time taken.
 */
export function writePatientsAndVisits(station: Station, count: number, opts: { seed?: number; keep?: boolean } = {}): { rows: WrittenRow[]; ms: number; changes: number } {
  const rng = new Rng(opts.seed ?? 7);
  const doctors = station.raw.prepare("SELECT id, department_id AS dept FROM staff WHERE position = 'doctor' ORDER BY name").all() as { id: string; dept: string }[];
  if (doctors.length === 0) throw new Error('no doctors on this station: pull the clinic from the hub first');
  const usedIds = new Set((station.raw.prepare('SELECT id_number AS v FROM patients WHERE id_number IS NOT NULL').all() as { v: string }[]).map((r) => r.v));
  const today = localDate(Date.now(), station.settings.timeZone);
  const firstSeq = (station.raw.prepare("SELECT count(*) AS n FROM patients WHERE record_no LIKE ? || '-%'").get(station.device) as { n: number }).n + 1;
  const rows: WrittenRow[] = [];
  const before = (station.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
  const t = performance.now();
  const PER_TX = 1000;
  for (let start = 0; start < count; start += PER_TX) {
    const w = new Writer({ db: station.db, device: station.device, clock: station.clock, now: station.now, allowMasterData: false });
    station.raw.transaction(() => {
      for (let i = start; i < Math.min(count, start + PER_TX); i++) {
        const now = station.now();
        const p = drawPatient({ rng, today, device: station.device, seq: firstSeq + i, createdAt: now, id: '', usedIds });
        const { id: _drop, createdAt: _c, updatedAt: _u, ...patient } = p;
        void _drop; void _c; void _u;
        const patientId = w.insert(patients, { ...patient, recordNo: recordNo(station.device, firstSeq + i) });
        const doc = doctors[rng.int(doctors.length)]!;
        const visit = {
          patientId, visitDate: today, sessionId: null, appointmentId: null, doctorId: doc.id, departmentId: doc.dept,
          queueNo: queueNo(1 + (i % 999)), queueOrder: now, visitType: rng.chance(0.2) ? 'follow_up' as const : 'first' as const,
          priority: false, status: 'waiting' as const, feeFen: 1000, feeStatus: 'paid' as const, checkedInAt: now, callCount: 0,
        };
        const visitId = w.insert(visits, visit);
        const called = { calledAt: now + 1, callCount: 1 };
        w.update(visits, visitId, called);
        const consult = { status: 'in_consultation' as const, consultStartedAt: now + 2 };
        w.update(visits, visitId, consult);
        const done = { status: 'discharged' as const, consultEndedAt: now + 3, dischargedAt: now + 3 };
        w.update(visits, visitId, done);
        if (opts.keep) {
          const pRow = station.raw.prepare('SELECT * FROM patients WHERE id = ?').get(patientId) as Record<string, unknown>;
          const vRow = station.raw.prepare('SELECT * FROM visits WHERE id = ?').get(visitId) as Record<string, unknown>;
          rows.push({ table: 'patients', versions: [pRow] });
          // The visit's four versions, as a PouchDB client would save them one by one.
          const v0 = { ...vRow, status: 'waiting', called_at: null, call_count: 0, consult_started_at: null, consult_ended_at: null, discharged_at: null };
          const v1 = { ...v0, called_at: now + 1, call_count: 1 };
          const v2 = { ...v1, status: 'in_consultation', consult_started_at: now + 2 };
          rows.push({ table: 'visits', versions: [v0, v1, v2, vRow] });
        }
      }
      station.saveClock();
    }).immediate();
  }
  const ms = performance.now() - t;
  const changes = (station.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n - before;
  return { rows, ms, changes };
}

/** Resolves when the station's pull cursor reaches `seq` (checked on each applied batch, and every 20 ms). */
export function cursorReaches(station: Station, seq: number, timeoutMs = 600_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (getCursor(station) < seq) return false;
      off();
      clearInterval(timer);
      clearTimeout(limit);
      resolve(performance.now());
      return true;
    };
    const off = station.on('data.changed', () => { check(); });
    const timer = setInterval(check, 20);
    const limit = setTimeout(() => {
      off();
      clearInterval(timer);
      reject(new Error(`cursor stuck at ${getCursor(station)}, waiting for ${seq}`));
    }, timeoutMs);
    check();
  });
}
