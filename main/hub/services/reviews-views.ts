/**
 * Both sides of a review task, read with SQL from the hub's typed tables (main/hub/pg-schema.ts),
 * on PGlite or PostgreSQL: the current state, so a task shows what a person would act on now.
 * Where a row was written (which desk) comes from the hub's change log: the device of the
 * change that inserted it.
 */
import {
  PATIENT_ROW_TABLES, type ReviewKind, type ReviewPatientT, type ReviewTaskViewT,
} from '../../api/procedures/reviews';
import type { z } from 'zod';
import { addDays } from '../../domain/dates';
import { num, numOrNull } from '../stats/range';
import type { HubStore, ReviewTask } from '../store';
import { belowZeroView, twoDesksView } from './reviews-clinical-views';
import { dispensedTwiceView, overpaidView } from './reviews-money-views';
import { refusedChangeView } from './reviews-refused-view';
import { SEAT_HOLDING_STATUSES } from '../../station/services/seats';

export type ReviewsDb = Pick<HubStore, 'query'>;
type Raw = Record<string, unknown>;
type View<K extends z.infer<typeof ReviewKind>> = Extract<ReviewTaskViewT, { kind: K }>;

/** How far ahead sessions are offered for moving a booking. */
export const ALTERNATIVE_DAYS = 7;
const HOLDING_SQL = SEAT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', ');
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const insertedOn = (table: string, alias: string) =>
  `(SELECT c.device FROM hub_changes c WHERE c.table_name = '${table}' AND c.row_id = ${alias}.id AND c.op = 'insert' ORDER BY c.seq LIMIT 1)`;

const HELD_SQL = (alias: string) => `(
  (SELECT count(*) FROM appointments a WHERE a.session_id = ${alias}.id AND a.status IN (${HOLDING_SQL})) +
  (SELECT count(*) FROM visits v WHERE v.session_id = ${alias}.id AND v.appointment_id IS NULL AND v.status <> 'cancelled'))::int`;

/** One patient record as a side of a task, with the rows hanging on it; undefined when the hub has no such record. */
export async function reviewPatient(db: ReviewsDb, id: string): Promise<ReviewPatientT | undefined> {
  const counts = PATIENT_ROW_TABLES.map((t) => `(SELECT count(*) FROM ${t} x WHERE x.patient_id = p.id)::int AS "${t}"`).join(',\n  ');
  const r = (await db.query<Raw>(`
    SELECT p.id, p.record_no, p.name, p.sex, p.birth_date, p.id_number, p.phone, p.address, p.allergies, p.created_at, p.merged_into,
      ${insertedOn('patients', 'p')} AS device,
      ${counts}
    FROM patients p WHERE p.id = $1`, [id])).rows[0];
  if (!r) return undefined;
  return {
    id: String(r['id']), recordNo: String(r['record_no']), name: String(r['name']), sex: String(r['sex']) as ReviewPatientT['sex'],
    birthDate: str(r['birth_date']), idNumber: str(r['id_number']), phone: str(r['phone']), address: str(r['address']),
    allergies: str(r['allergies']), registeredAt: num(r['created_at']), registeredOn: str(r['device']), mergedInto: str(r['merged_into']),
    rows: Object.fromEntries(PATIENT_ROW_TABLES.map((t) => [t, num(r[t])])) as ReviewPatientT['rows'],
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

async function duplicateView(db: ReviewsDb, task: ReviewTask): Promise<View<'duplicate_patient'>> {
  const idNumber = String(task.details['idNumber'] ?? '');
  const live = (await db.query<Raw>('SELECT id FROM patients WHERE id_number = $1 AND merged_into IS NULL', [idNumber])).rows.map((r) => String(r['id']));
  const ids = [...new Set([...strings(task.details['patientIds']), ...live])];
  const patients = (await Promise.all(ids.map((id) => reviewPatient(db, id)))).filter((p): p is ReviewPatientT => p !== undefined);
  patients.sort((a, b) => a.registeredAt - b.registeredAt || a.id.localeCompare(b.id));
  return { ...common(task), kind: 'duplicate_patient', idNumber, patients };
}

async function overbookedView(db: ReviewsDb, task: ReviewTask, today: string): Promise<View<'session_overbooked'>> {
  const sessionId = String(task.details['sessionId'] ?? '');
  const s = (await db.query<Raw>(`
    SELECT s.id, s.date, s.period, s.doctor_id, st.name AS doctor_name, s.department_id, d.name AS department_name,
      d.name_en AS department_name_en, s.capacity, s.stopped, ${HELD_SQL('s')} AS held
    FROM roster_sessions s LEFT JOIN staff st ON st.id = s.doctor_id LEFT JOIN departments d ON d.id = s.department_id
    WHERE s.id = $1`, [sessionId])).rows[0];
  const bookings = (await db.query<Raw>(`
    SELECT 'appointment' AS kind, a.id, a.patient_id, p.name, p.record_no, a.status, a.source, a.created_at, ${insertedOn('appointments', 'a')} AS device
      FROM appointments a LEFT JOIN patients p ON p.id = a.patient_id WHERE a.session_id = $1 AND a.status IN (${HOLDING_SQL})
    UNION ALL
    SELECT 'walk_in' AS kind, v.id, v.patient_id, p.name, p.record_no, v.status, NULL AS source, v.created_at, ${insertedOn('visits', 'v')} AS device
      FROM visits v LEFT JOIN patients p ON p.id = v.patient_id WHERE v.session_id = $1 AND v.appointment_id IS NULL AND v.status <> 'cancelled'
    ORDER BY created_at, id`, [sessionId])).rows.map((r): View<'session_overbooked'>['bookings'][number] => ({
    kind: r['kind'] === 'walk_in' ? 'walk_in' : 'appointment', id: String(r['id']), patientId: String(r['patient_id']),
    patientName: String(r['name'] ?? ''), recordNo: String(r['record_no'] ?? ''),
    status: String(r['status']) as View<'session_overbooked'>['bookings'][number]['status'],
    source: str(r['source']) as View<'session_overbooked'>['bookings'][number]['source'],
    bookedAt: num(r['created_at']), bookedOn: str(r['device']),
  }));
  if (!s) return { ...common(task), kind: 'session_overbooked', session: null, bookings, alternatives: [] };
  const date = String(s['date']);
  const from = date > today ? date : today;
  const alternatives = (await db.query<Raw>(`
    SELECT * FROM (
      SELECT s.id, s.date, s.period, st.name AS doctor_name, s.capacity - ${HELD_SQL('s')} AS seats_left
      FROM roster_sessions s LEFT JOIN staff st ON st.id = s.doctor_id
      WHERE s.department_id = $1 AND s.date BETWEEN $2 AND $3 AND coalesce(s.stopped, 0) = 0 AND s.id <> $4) x
    WHERE seats_left > 0 ORDER BY date, period, doctor_name, id LIMIT 20`,
  [s['department_id'], from, addDays(from, ALTERNATIVE_DAYS), sessionId])).rows.map((r) => ({
    id: String(r['id']), date: String(r['date']), period: String(r['period']) as View<'session_overbooked'>['alternatives'][number]['period'],
    doctorName: String(r['doctor_name'] ?? ''), seatsLeft: num(r['seats_left']),
  }));
  return {
    ...common(task), kind: 'session_overbooked', bookings, alternatives,
    session: {
      id: String(s['id']), date, period: String(s['period']) as NonNullable<View<'session_overbooked'>['session']>['period'],
      doctorId: String(s['doctor_id']), doctorName: String(s['doctor_name'] ?? ''), departmentId: String(s['department_id']),
      departmentName: String(s['department_name'] ?? ''), departmentNameEn: String(s['department_name_en'] ?? ''),
      capacity: num(s['capacity']), held: num(s['held']), stopped: (numOrNull(s['stopped']) ?? 0) !== 0,
    },
  };
}

async function leftoversView(db: ReviewsDb, task: ReviewTask): Promise<View<'merged_patient_rows'>> {
  const patient = (await reviewPatient(db, String(task.details['patientId'] ?? ''))) ?? null;
  const intoId = str(task.details['into']) ?? patient?.mergedInto ?? null;
  const into = intoId === null ? null : (await reviewPatient(db, intoId)) ?? null;
  return { ...common(task), kind: 'merged_patient_rows', patient, into };
}

function common(task: ReviewTask) {
  return { key: task.key, createdAt: task.createdAt, updatedAt: task.updatedAt, resolvedAt: task.resolvedAt };
}

/** A stored task with both sides as they are now. */
export function reviewView(db: ReviewsDb, task: ReviewTask, today: string): Promise<ReviewTaskViewT> {
  switch (task.kind) {
    case 'duplicate_patient': return duplicateView(db, task);
    case 'session_overbooked': return overbookedView(db, task, today);
    case 'merged_patient_rows': return leftoversView(db, task);
    case 'bill_overpaid': return overpaidView(db, task, common(task));
    case 'prescription_dispensed_twice': return dispensedTwiceView(db, task, common(task));
    case 'record_two_desks': return twoDesksView(db, task, common(task));
    case 'stock_below_zero': return belowZeroView(db, task, common(task));
    case 'refused_change': return refusedChangeView(db, task, common(task));
  }
}
