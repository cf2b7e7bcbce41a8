/**
 * Bulk loads (the large demo, the at-scale tests) write patients and visits faster without the
 * search index's triggers (migration 0009): they suspend them, write, and rebuild the index in
 * one pass from the patient_search_source view, which is also how 0009 backfilled it.
 */
import type Database from 'better-sqlite3';

export interface SuspendedTriggers {
  sql: string[];
}

const TRIGGERS_SQL = `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('patients', 'visits')
  AND (name LIKE 'patient_search_%' OR name LIKE 'patient_seen_%') ORDER BY name`;

/** Drops the index's triggers; give the result to rebuildPatientSearchIndex when the bulk write is done. */
export function suspendPatientSearchIndex(raw: Database.Database): SuspendedTriggers {
  const rows = raw.prepare(TRIGGERS_SQL).all() as { name: string; sql: string }[];
  for (const r of rows) raw.exec(`DROP TRIGGER "${r.name}"`);
  return { sql: rows.map((r) => r.sql) };
}

/** Refills patient_seen and patient_search_keys from patients and visits, and puts the triggers back, in one transaction. */
export function rebuildPatientSearchIndex(raw: Database.Database, suspended: SuspendedTriggers): void {
  raw.transaction(() => {
    raw.exec('DELETE FROM patient_search_keys; DELETE FROM patient_seen;');
    raw.exec('INSERT INTO patient_seen (patient_id, seen) SELECT patient_id, max(checked_in_at) FROM visits GROUP BY patient_id');
    raw.exec(`INSERT OR IGNORE INTO patient_search_keys (key, seen, patient_id)
      SELECT s.key, coalesce(ps.seen, 0), s.patient_id FROM patient_search_source s LEFT JOIN patient_seen ps ON ps.patient_id = s.patient_id
      ORDER BY 1, 2, 3`);
    for (const sql of suspended.sql) raw.exec(sql);
  })();
}
