/**
 * The large demo's bulk: patients up to 1,000,000 and visits up to 3,000,000, as if imported
 * from the clinic's previous system (record numbers 'H1-…', visits of the years before the
 * detailed history, without records or bills). Written with prepared statements in big
 * transactions and no change log: a large demo is a snapshot, as a workstation bootstrapped
 * from the hub holds it. The search indexes are dropped for the load and built again after,
 * which is faster than keeping them up to date row by row (see bench/RESULTS.md).
 */
import type Database from 'better-sqlite3';
import { addDays, DAY_MS, fromEpochDay, startOfLocalDay, toEpochDay } from '../domain/dates';
import { queueNo } from '../domain/queue-numbers';
import { rebuildPatientSearchIndex, suspendPatientSearchIndex } from '../station/search-index';
import { drawPatient, type PatientRow } from './patients';
import { Rng } from './random';
import { HISTORY_DAYS, TIME_ZONE } from './context';

export const LARGE_PATIENTS = 1_000_000;
export const LARGE_VISITS = 3_000_000;
/** How far back the imported visits go. */
const ARCHIVE_YEARS = 8;
const BATCH = 50_000;

export interface BulkOptions {
  seed: number;
  today: string;
  now: number;
  patients: number;
  visits: number;
  /** Drop and rebuild the indexes of patients and visits around the load (default true). */
  rebuildIndexes?: boolean;
}

const PATIENT_COLS = [
  'id', 'record_no', 'name', 'sex', 'birth_date', 'id_number', 'phone', 'phone_rev', 'address', 'insurance_type', 'insurance_no',
  'allergies', 'emergency_name', 'emergency_phone', 'pinyin_full', 'pinyin_initials', 'merged_into', 'created_at', 'updated_at',
] as const;
const VISIT_COLS = [
  'id', 'patient_id', 'visit_date', 'session_id', 'appointment_id', 'doctor_id', 'department_id', 'queue_no', 'queue_order',
  'visit_type', 'follow_up_of', 'priority', 'priority_reason', 'status', 'fee_fen', 'fee_status', 'checked_in_at', 'called_at',
  'call_count', 'consult_started_at', 'consult_ended_at', 'discharged_at', 'cancelled_at', 'cancel_reason', 'created_at', 'updated_at',
] as const;

const insertSql = (table: string, cols: readonly string[]) =>
  `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;

function indexSql(raw: Database.Database, table: string): { name: string; sql: string }[] {
  return raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
    .all(table) as { name: string; sql: string }[];
}

export function addBulkPatientsAndVisits(raw: Database.Database, o: BulkOptions): { insertMs: number; indexMs: number; patients: number; visits: number } {
  const rng = new Rng(o.seed).fork('bulk');
  const t0 = performance.now();
  const historyStart = addDays(o.today, -HISTORY_DAYS);
  const historyStartMs = startOfLocalDay(historyStart, TIME_ZONE);
  const archiveStartMs = historyStartMs - ARCHIVE_YEARS * 365 * DAY_MS;
  // Asia/Shanghai keeps UTC+8 all year, so a local date is plain arithmetic (no Intl per row).
  const offsetMs = toEpochDay(o.today) * DAY_MS - startOfLocalDay(o.today, TIME_ZONE);
  const localDay = (ms: number) => fromEpochDay(Math.floor((ms + offsetMs) / DAY_MS));

  const existing = (raw.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;
  const usedIds = new Set<string>(
    (raw.prepare('SELECT id_number AS v FROM patients WHERE id_number IS NOT NULL').all() as { v: string }[]).map((r) => r.v),
  );
  const doctors = raw.prepare("SELECT id, department_id AS dept FROM staff WHERE position = 'doctor' ORDER BY name").all() as { id: string; dept: string }[];

  const rebuild = o.rebuildIndexes ?? true;
  const indexes = rebuild ? [...indexSql(raw, 'patients'), ...indexSql(raw, 'visits')] : [];
  for (const ix of indexes) raw.exec(`DROP INDEX ${ix.name}`);
  // The search index's triggers (migration 0007) would key every row as it comes: rebuilt once at the end instead.
  const searchTriggers = suspendPatientSearchIndex(raw);

  // Patients, registered in time order over the archive years.
  const toAdd = Math.max(0, o.patients - existing);
  const ids: string[] = new Array(toAdd);
  const created = new Float64Array(toAdd);
  const insP = raw.prepare(insertSql('patients', PATIENT_COLS));
  const span = historyStartMs - DAY_MS - archiveStartMs;
  for (let start = 0; start < toAdd; start += BATCH) {
    raw.transaction(() => {
      for (let i = start; i < Math.min(toAdd, start + BATCH); i++) {
        const createdAt = archiveStartMs + Math.floor(((i + rng.next()) / toAdd) * span);
        const p: PatientRow = drawPatient({ rng, today: o.today, device: 'H1', seq: i + 1, createdAt, id: rng.uuid(createdAt), usedIds });
        ids[i] = p.id;
        created[i] = createdAt;
        insP.run(p.id, p.recordNo, p.name, p.sex, p.birthDate, p.idNumber, p.phone, p.phoneRev, p.address, p.insuranceType,
          p.insuranceNo, p.allergies, p.emergencyName, p.emergencyPhone, p.pinyinFull, p.pinyinInitials, null, createdAt, createdAt);
      }
    })();
  }

  // Visits of the archive years, in time order, each by a patient registered before it.
  const existingVisits = (raw.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n;
  const nVisits = toAdd === 0 ? 0 : Math.max(0, o.visits - existingVisits);
  // Clinic hours, 08:00–17:00 local, on any day of the archive years.
  const archiveDays = Math.round((historyStartMs - archiveStartMs) / DAY_MS);
  const times = new Float64Array(nVisits);
  for (let i = 0; i < nVisits; i++) times[i] = archiveStartMs + rng.int(archiveDays) * DAY_MS + (8 * 60 + rng.next() * 9 * 60) * 60_000;
  times.sort();
  const insV = raw.prepare(insertSql('visits', VISIT_COLS));
  const queue = new Map<string, number>();
  let firstAfter = 0; // patients [0, firstAfter) were registered before the current visit
  for (let start = 0; start < nVisits; start += BATCH) {
    raw.transaction(() => {
      for (let i = start; i < Math.min(nVisits, start + BATCH); i++) {
        const checkIn = Math.floor(times[i]!);
        while (firstAfter < toAdd && created[firstAfter]! < checkIn) firstAfter++;
        const pi = firstAfter === 0 ? 0 : rng.int(firstAfter);
        const doc = doctors[rng.int(doctors.length)]!;
        const date = localDay(checkIn);
        const key = `${doc.id}|${date}`;
        const q = (queue.get(key) ?? 0) + 1;
        queue.set(key, q);
        const start1 = checkIn + (5 + rng.int(40)) * 60_000;
        const end = start1 + (5 + rng.int(10)) * 60_000;
        const out = end + rng.int(30) * 60_000;
        insV.run(rng.uuid(checkIn), ids[pi], date, null, null, doc.id, doc.dept, queueNo(q), checkIn,
          rng.chance(0.2) ? 'follow_up' : 'first', null, 0, null, 'discharged', 0, 'not_required', checkIn, start1 - 60_000, 1,
          start1, end, out, null, null, checkIn, out);
      }
    })();
  }
  const insertMs = performance.now() - t0;
  const t1 = performance.now();
  for (const ix of indexes) raw.exec(ix.sql);
  rebuildPatientSearchIndex(raw, searchTriggers);
  raw.exec('ANALYZE');
  return { insertMs, indexMs: performance.now() - t1, patients: toAdd, visits: nVisits };
}
