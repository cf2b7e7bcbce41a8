/**
 * Indexes the statistics need that the station's SQLite schema does not have (so the hub's typed
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
];

const done = new WeakSet<object>();

/** Creates the statistics' indexes once per store object (later calls return at once). */
export async function ensureStatsIndexes(db: StatsDb): Promise<void> {
  if (done.has(db)) return;
  for (const ddl of STATS_INDEXES_DDL) await db.query(ddl);
  done.add(db);
}
