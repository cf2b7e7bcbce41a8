/**
 * Indexes the statistics and the lookups need that the station's SQLite schema does not have (so the hub's typed
 * tables, made from that schema, lack them). Idempotent; run at store open (or once before the
 * first statistic: `ensureStatsIndexes`).
 */
import type { StatsDb } from './range';

export const STATS_INDEXES_DDL = [
  // Top diagnoses: the diagnoses of the range's visits.
  'CREATE INDEX IF NOT EXISTS stats_diagnoses_visit ON diagnoses (visit_id)',
  // Income: refunds of a time range (payments have payments_created).
  'CREATE INDEX IF NOT EXISTS stats_refunds_created ON refunds (created_at)',
  // Drug usage: stock dispensed in a time range, whatever the drug.
  'CREATE INDEX IF NOT EXISTS stats_stock_movements_created ON stock_movements (created_at)',
  // Roll-ups (./rollups-refresh.ts): a patient's previous and next visit day.
  'CREATE INDEX IF NOT EXISTS stats_visits_patient_date ON visits (patient_id, visit_date)',
  // Lookups (main/hub/lookups/): each list's keyset order, so a page reads only its own rows.
  'CREATE INDEX IF NOT EXISTS lookup_sessions_date_id ON roster_sessions (date, id)',
  'CREATE INDEX IF NOT EXISTS lookup_appointments_session_id ON appointments (session_id, id)',
  'CREATE INDEX IF NOT EXISTS lookup_visits_date_id ON visits (visit_date, id)',
  'CREATE INDEX IF NOT EXISTS lookup_payments_created_id ON payments (created_at, id)',
  'CREATE INDEX IF NOT EXISTS lookup_refunds_created_id ON refunds (created_at, id)',
  'CREATE INDEX IF NOT EXISTS lookup_bills_created_id ON bills (created_at, id)',
  'CREATE INDEX IF NOT EXISTS lookup_day_closes_created ON day_closes (created_at)',
  'CREATE INDEX IF NOT EXISTS lookup_audit_at_id ON audit_log (at, id)',
  'CREATE INDEX IF NOT EXISTS lookup_audit_account_at ON audit_log (account_id, at, id)',
  // The patients lookup's every arm indexable (prefixes by text_pattern_ops, numbers by upper()), so a
  // rare match is a BitmapOr of index scans: a full name at 1,000,000 patients took 1.4 s walking the
  // name index with a filter, now about 1 ms (bench/hub-lookups-visits.ts).
  'CREATE INDEX IF NOT EXISTS lookup_patients_name_prefix ON patients (name text_pattern_ops)',
  'CREATE INDEX IF NOT EXISTS lookup_patients_initials_prefix ON patients (pinyin_initials text_pattern_ops)',
  'CREATE INDEX IF NOT EXISTS lookup_patients_pinyin_prefix ON patients (pinyin_full text_pattern_ops)',
  'CREATE INDEX IF NOT EXISTS lookup_patients_phone_prefix ON patients (phone text_pattern_ops)',
  'CREATE INDEX IF NOT EXISTS lookup_patients_phone_rev_prefix ON patients (phone_rev text_pattern_ops)',
  'CREATE INDEX IF NOT EXISTS lookup_patients_id_number_upper ON patients (upper(id_number))',
  'CREATE INDEX IF NOT EXISTS lookup_patients_id_doc_number_upper ON patients (upper(id_doc_number))',
  'CREATE INDEX IF NOT EXISTS lookup_patients_record_no_upper ON patients (upper(record_no))',
];

const done = new WeakSet<object>();

/**
 * Creates the statistics' indexes once per store object (later calls return at once), then gives
 * the planner statistics of the patients and of the index expressions: PGlite runs no autovacuum,
 * so without this the patients lookup's plan rests on default guesses (a full name at 1,000,000
 * patients: 1.9 s walking the name index instead of 1 ms by its indexes). Once per hub start,
 * about a second at 1,000,000 patients.
 */
export async function ensureStatsIndexes(db: StatsDb): Promise<void> {
  if (done.has(db)) return;
  for (const ddl of STATS_INDEXES_DDL) await db.query(ddl);
  await db.query('ANALYZE patients');
  done.add(db);
}
