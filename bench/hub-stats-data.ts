/**
 * The benchmark's hub data, made directly in SQL (INSERT … SELECT generate_series), the same
 * statements on PGlite and on PostgreSQL: 3,000,000 visits over 1,500 clinic days (2,000 a day,
 * the last day "today", half of it still in progress), 1,000,000 patients, 40 doctors in 8
 * departments, a roster session per doctor per day, appointments for 30 % of visits (1 in 6
 * of them a no-show, 1 in 6 cancelled), a bill and a payment per visit (1 % refunded in part),
 * a diagnosis per visit (200 codes), a prescription with one item and its dispensing for half
 * of the visits. Tables are filled before their indexes are made, then ANALYZEd.
 */
import { startOfLocalDay, addDays } from '../main/domain/dates';
import { HUB_TABLES, hubTablesDdl } from '../main/hub/pg-schema';
import { STATS_INDEXES_DDL } from '../main/hub/stats/indexes';
import type { StatsDb } from '../main/hub/stats/range';

export const TODAY = '2026-11-22';
export const TIME_ZONE = 'Asia/Shanghai';

export interface Scale {
  visits: number;
  patients: number;
  perDay: number;
}
export const FULL: Scale = { visits: 3_000_000, patients: 1_000_000, perDay: 2000 };

export const DOCTORS = 40;
export const DEPARTMENTS = 8;
const DRUGS = 300;
const CHUNK = 500_000;

/** A 36-character UUID-like id of kind `k` for the SQL expression `n`. */
export const id = (k: number, n: string) => `'0190a000-0000-7000-8${String(k).padStart(3, '0')}-' || lpad((${n})::text, 12, '0')`;
/** The same id for the number `n`, in JavaScript (to name one row of the data). */
export const idOf = (k: number, n: number) => `0190a000-0000-7000-8${String(k).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
/** The id kinds (another bench's own kinds start at 20). */
export const K = { dep: 1, doc: 2, drug: 3, patient: 4, visit: 5, bill: 6, session: 7, rx: 8, pay: 9, refund: 10, appt: 11, dx: 12, record: 13, item: 14, move: 15 };

/** The clinic's time zone, its departments and its doctors (DEPARTMENTS × DOCTORS / DEPARTMENTS). */
export function clinicSql(): string[] {
  return [
    `INSERT INTO settings (key, value, updated_at) VALUES ('timeZone', '"${TIME_ZONE}"', 0)`,
    `INSERT INTO departments (id, code, name, name_en, active, created_at, updated_at)
      SELECT ${id(K.dep, 'i')}, 'D' || i, '科室' || i, 'Department ' || i, 1, 0, 0 FROM generate_series(0, ${DEPARTMENTS - 1}) i`,
    `INSERT INTO staff (id, name, sex, position, title, department_id, specialty, registration_fee_fen, status, created_at, updated_at)
      SELECT ${id(K.doc, 'i')}, '医生' || i, 'M', 'doctor', '', ${id(K.dep, `i / ${DOCTORS / DEPARTMENTS}`)}, '', 1500, 'active', 0, 0
      FROM generate_series(0, ${DOCTORS - 1}) i`,
  ];
}

export function daysOf(scale: Scale): number {
  return Math.ceil(scale.visits / scale.perDay);
}

/** The statements, in order, with a label each (for progress). */
export function generationSteps(scale: Scale): { label: string; sql: string }[] {
  const days = daysOf(scale);
  const first = addDays(TODAY, -(days - 1));
  const firstMs = startOfLocalDay(first, TIME_ZONE);
  const P = scale.perDay;
  const steps: { label: string; sql: string }[] = [];
  const ddl = hubTablesDdl().split(';\n').map((s) => s.trim()).filter(Boolean);
  // A run that stopped half-way left rows behind: start from empty tables.
  steps.push({ label: 'drop', sql: [...HUB_TABLES.keys()].map((t) => `DROP TABLE IF EXISTS "${t}"`).join(';\n') });
  steps.push({ label: 'tables', sql: ddl.filter((s) => s.startsWith('CREATE TABLE')).join(';\n') });
  steps.push({ label: 'master data', sql: [
    ...clinicSql(),
    `INSERT INTO drugs (id, code, name, name_en, spec, form, unit, dose_unit, doses_per_unit, price_fen, insurance_class, low_stock_threshold, pinyin_initials, active, created_at, updated_at)
      SELECT ${id(K.drug, 'i')}, 'Y' || lpad(i::text, 4, '0'), '药品' || i, '', '', '', '盒', 'mg', 24, 1000, 'A', 10, '', 1, 0, 0
      FROM generate_series(0, ${DRUGS - 1}) i`,
    `INSERT INTO roster_sessions (id, date, period, doctor_id, department_id, capacity, stopped, created_at, updated_at)
      SELECT ${id(K.session, 's')}, to_char(date '${first}' + (s / ${DOCTORS})::int, 'YYYY-MM-DD'), 'full_day',
        ${id(K.doc, `s % ${DOCTORS}`)}, ${id(K.dep, `(s % ${DOCTORS}) / ${DOCTORS / DEPARTMENTS}`)}, 60, 0, 0, 0
      FROM generate_series(0, ${days * DOCTORS - 1}) s`,
  ].join(';\n') });
  for (let lo = 1; lo <= scale.patients; lo += CHUNK) {
    const hi = Math.min(scale.patients, lo + CHUNK - 1);
    steps.push({ label: `patients ${lo}…${hi}`, sql: `
      INSERT INTO patients (id, record_no, name, sex, birth_date, insurance_type, pinyin_full, pinyin_initials, created_at, updated_at)
      SELECT ${id(K.patient, 'i')}, 'H' || i, '患者' || i, CASE WHEN i % 25 = 0 THEN 'U' WHEN i % 2 = 0 THEN 'F' ELSE 'M' END,
        CASE WHEN i % 50 = 0 THEN NULL ELSE to_char(date '1930-01-01' + ((i * 7919) % 35000)::int, 'YYYY-MM-DD') END,
        'self_pay', '', '', 0, 0
      FROM generate_series(${lo}::bigint, ${hi}::bigint) i` });
  }
  for (let lo = 1; lo <= scale.visits; lo += CHUNK) {
    const hi = Math.min(scale.visits, lo + CHUNK - 1);
    // g: visit number i, its day d, doctor, patient number, check-in time (07:30 local + 15 s a visit) and status.
    const g = `(SELECT i, ((i - 1) / ${P})::int AS d, i % ${DOCTORS} AS doc, 1 + (i * 7919) % ${scale.patients} AS pn,
        ${firstMs}::bigint + ((i - 1) / ${P}) * 86400000 + 27000000 + ((i - 1) % ${P}) * 15000 AS ci,
        CASE WHEN (i - 1) / ${P} = ${days - 1} THEN (ARRAY['waiting', 'in_consultation', 'awaiting_payment', 'discharged', 'cancelled'])[1 + i % 5]
             WHEN i % 33 = 0 THEN 'cancelled' ELSE 'discharged' END AS st
      FROM generate_series(${lo}::bigint, ${hi}::bigint) i) g`;
    const range = `${lo}…${hi}`;
    steps.push({ label: `visits ${range}`, sql: `
      INSERT INTO visits (id, patient_id, visit_date, session_id, appointment_id, doctor_id, department_id, queue_no, queue_order, visit_type,
        priority, status, fee_fen, fee_status, checked_in_at, call_count, consult_started_at, created_at, updated_at)
      SELECT ${id(K.visit, 'i')}, ${id(K.patient, 'pn')}, to_char(date '${first}' + d, 'YYYY-MM-DD'), ${id(K.session, `d * ${DOCTORS} + doc`)},
        CASE WHEN i % 10 < 3 THEN ${id(K.appt, 'i')} END, ${id(K.doc, 'doc')}, ${id(K.dep, `doc / ${DOCTORS / DEPARTMENTS}`)},
        'A' || (i % ${P}), ci, CASE WHEN i % 3 = 0 THEN 'follow_up' ELSE 'first' END, 0, st, 1500, 'paid', ci, 1,
        CASE WHEN st IN ('waiting', 'cancelled') THEN NULL ELSE ci + ((i * 37) % 3600) * 1000 END, ci, ci
      FROM ${g}` });
    steps.push({ label: `appointments ${range}`, sql: `
      INSERT INTO appointments (id, patient_id, session_id, status, source, created_at, updated_at)
      SELECT ${id(K.appt, 'i')}, ${id(K.patient, 'pn')}, ${id(K.session, `d * ${DOCTORS} + doc`)},
        CASE i % 20 WHEN 0 THEN 'no_show' WHEN 10 THEN 'cancelled' ELSE 'completed' END, 'phone', ci - 86400000, ci
      FROM ${g} WHERE i % 10 < 3` });
    steps.push({ label: `bills and payments ${range}`, sql: `
      INSERT INTO bills (id, visit_id, patient_id, kind, status, total_fen, insurance_fen, self_pay_fen, paid_at, created_at, updated_at)
      SELECT ${id(K.bill, 'i')}, ${id(K.visit, 'i')}, ${id(K.patient, 'pn')}, 'registration', 'paid', 1500 + (i % 50) * 100, 0,
        1500 + (i % 50) * 100, ci + 60000, ci, ci FROM ${g};
      INSERT INTO payments (id, bill_id, receipt_no, method, amount_fen, idempotency_key, cashier_id, device, created_at)
      SELECT ${id(K.pay, 'i')}, ${id(K.bill, 'i')}, 'R' || i,
        (ARRAY['qr', 'qr', 'qr', 'qr', 'qr', 'cash', 'cash', 'card', 'card', 'insurance'])[1 + i % 10],
        1500 + (i % 50) * 100, 'k' || i, ${id(K.doc, '0')}, 'A1', ci + 60000 FROM ${g};
      INSERT INTO refunds (id, bill_id, payment_id, refund_no, method, amount_fen, reason, idempotency_key, cashier_id, device, created_at)
      SELECT ${id(K.refund, 'i')}, ${id(K.bill, 'i')}, ${id(K.pay, 'i')}, 'F' || i,
        (ARRAY['qr', 'qr', 'qr', 'qr', 'qr', 'cash', 'cash', 'card', 'card', 'insurance'])[1 + i % 10], 500, '退费', 'f' || i,
        ${id(K.doc, '0')}, 'A1', ci + 7200000 FROM ${g} WHERE i % 100 = 7` });
    steps.push({ label: `diagnoses ${range}`, sql: `
      INSERT INTO diagnoses (id, record_id, visit_id, icd10, text, is_primary, seq, removed, created_at, updated_at)
      SELECT ${id(K.dx, 'i')}, ${id(K.record, 'i')}, ${id(K.visit, 'i')}, 'C' || lpad(((i * 31) % 200)::text, 3, '0'),
        '诊断' || ((i * 31) % 200), 1, 0, 0, ci, ci FROM ${g} WHERE st <> 'cancelled'` });
    steps.push({ label: `prescriptions ${range}`, sql: `
      INSERT INTO prescriptions (id, rx_no, visit_id, patient_id, doctor_id, status, issued_at, created_at, updated_at)
      SELECT ${id(K.rx, 'i')}, 'RX' || i, ${id(K.visit, 'i')}, ${id(K.patient, 'pn')}, ${id(K.doc, 'doc')}, 'dispensed', ci + 1800000, ci, ci
      FROM ${g} WHERE i % 2 = 0 AND st <> 'cancelled';
      INSERT INTO prescription_items (id, prescription_id, drug_id, seq, dose, dose_unit, frequency, route, days, quantity, unit_price_fen,
        amount_fen, removed, created_at, updated_at)
      SELECT ${id(K.item, 'i')}, ${id(K.rx, 'i')}, ${id(K.drug, `(i * 13) % ${DRUGS}`)}, 0, 1, 'mg', 'tid', 'po', 3, 1 + i % 3, 1000,
        (1 + i % 3) * 1000, 0, ci, ci FROM ${g} WHERE i % 2 = 0 AND st <> 'cancelled';
      INSERT INTO stock_movements (id, drug_id, batch_id, kind, quantity, ref_id, by_account, created_at)
      SELECT ${id(K.move, 'i')}, ${id(K.drug, `(i * 13) % ${DRUGS}`)}, 'batch', 'dispense', -(1 + i % 3), ${id(K.item, 'i')},
        ${id(K.doc, '0')}, ci + 3600000 FROM ${g} WHERE i % 2 = 0 AND st <> 'cancelled'` });
  }
  steps.push({ label: 'indexes', sql: [...ddl.filter((s) => s.startsWith('CREATE INDEX')), ...STATS_INDEXES_DDL].join(';\n') });
  steps.push({ label: 'analyze', sql: 'ANALYZE' });
  return steps;
}

/** Something that runs several statements in one string (PGlite `exec`, node-postgres `query` without parameters). */
export interface Exec {
  exec(sql: string): Promise<unknown>;
}

/** Makes the data unless a finished run left it (the `bench_meta` row written last). */
export async function ensureHubData(db: StatsDb & Exec, scale: Scale, log: (s: string) => void): Promise<{ made: boolean; seconds: number }> {
  const tag = JSON.stringify(scale);
  await db.exec('CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)');
  const done = (await db.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'scale'`)).rows[0];
  if (done?.value === tag) {
    // Indexes added since the data was made (idempotent).
    await db.exec([...hubTablesDdl().split(';\n').filter((x) => x.trim().startsWith('CREATE INDEX')), ...STATS_INDEXES_DDL].join(';\n'));
  }
  if (done?.value === tag) return { made: false, seconds: Number((await db.query<{ value: string }>(`SELECT value FROM bench_meta WHERE key = 'seconds'`)).rows[0]?.value ?? 0) };
  if (done) throw new Error(`the cached hub data was made at another scale (${done.value}); delete it to remake it`);
  const t0 = performance.now();
  for (const step of generationSteps(scale)) {
    const t = performance.now();
    await db.exec(step.sql);
    log(`  ${step.label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const seconds = (performance.now() - t0) / 1000;
  await db.query(`INSERT INTO bench_meta (key, value) VALUES ('scale', $1), ('seconds', $2)`, [tag, seconds.toFixed(0)]);
  return { made: true, seconds };
}
