/**
 * Which roll-up days a change of the typed tables makes stale: statement triggers on the tables
 * the statistics read, run in the writer's own transaction (the projection's chunk, a rebuild
 * of the typed tables, a test's INSERT), note the days in `stats_rollup_dirty`. Each looks at the
 * rows before and after (transition tables), so a visit moved to another day, a payment whose
 * bill changes hands, or a patient merged (its visits get the kept patient) marks both sides.
 * They only note days; `stats_rollups_refresh` (main/hub/stats/rollups-refresh.ts) recomputes them.
 */
import { localDaySql } from './rollups-refresh';

/** The rows of the statement as `x`: the new ones, the old ones, or both. */
type Rows = string;

const mark = (family: 'visit' | 'session' | 'time', select: string) =>
  `INSERT INTO stats_rollup_dirty (family, day) SELECT DISTINCT '${family}', day FROM (${select}) m WHERE day IS NOT NULL ON CONFLICT DO NOTHING;`;

/** 'time' days of the payments and refunds of the bills `billIds` (a subquery of ids). */
const moneyOfBills = (billIds: string) => mark('time', `
  SELECT ${localDaySql('p.created_at', 'tz')} AS day FROM payments p WHERE p.bill_id IN (${billIds})
  UNION ALL SELECT ${localDaySql('r.created_at', 'tz')} FROM refunds r WHERE r.bill_id IN (${billIds})`);

/** The first visit (not cancelled) of each of the rows' patients after the row's day: its previous visit may have changed. */
const nextVisits = (rows: Rows) => mark('visit', `
  SELECT (SELECT min(y.d) FROM (
      SELECT min(w.visit_date) AS d FROM visits w WHERE w.patient_id = x.patient_id AND w.visit_date > x.visit_date AND w.status <> 'cancelled'
      UNION ALL
      SELECT min(w.visit_date) FROM visits w WHERE x.patient_id IS NULL AND w.patient_id IS NULL AND w.visit_date > x.visit_date
        AND w.status <> 'cancelled') y) AS day
  FROM (SELECT DISTINCT patient_id, visit_date FROM ${rows}) x WHERE x.visit_date IS NOT NULL`);

/** Per table: the statements noting its rows' days, given the rows. */
const DIRTIERS: Record<string, (rows: Rows) => string[]> = {
  visits: (rows) => [
    mark('visit', `SELECT x.visit_date AS day FROM ${rows}`),
    nextVisits(rows),
    moneyOfBills(`SELECT b.id FROM bills b WHERE b.visit_id IN (SELECT x.id FROM ${rows})`),
  ],
  patients: (rows) => [mark('visit', `SELECT v.visit_date AS day FROM visits v WHERE v.patient_id IN (SELECT x.id FROM ${rows})`)],
  diagnoses: (rows) => [mark('visit', `SELECT v.visit_date AS day FROM visits v WHERE v.id IN (SELECT x.visit_id FROM ${rows})`)],
  prescriptions: (rows) => [mark('visit', `SELECT v.visit_date AS day FROM visits v WHERE v.id IN (SELECT x.visit_id FROM ${rows})`)],
  prescription_items: (rows) => [mark('visit', `SELECT v.visit_date AS day FROM prescriptions p JOIN visits v ON v.id = p.visit_id
    WHERE p.id IN (SELECT x.prescription_id FROM ${rows})`)],
  roster_sessions: (rows) => [mark('session', `SELECT x.date AS day FROM ${rows}`)],
  appointments: (rows) => [mark('session', `SELECT rs.date AS day FROM roster_sessions rs WHERE rs.id IN (SELECT x.session_id FROM ${rows})`)],
  bills: (rows) => [moneyOfBills(`SELECT x.id FROM ${rows}`)],
  payments: (rows) => [mark('time', `SELECT ${localDaySql('x.created_at', 'tz')} AS day FROM ${rows}`)],
  refunds: (rows) => [mark('time', `SELECT ${localDaySql('x.created_at', 'tz')} AS day FROM ${rows}`)],
  stock_movements: (rows) => [mark('time', `SELECT ${localDaySql('x.created_at', 'tz')} AS day FROM ${rows}`)],
};

export const ROLLUP_SOURCE_TABLES = Object.keys(DIRTIERS);

const body = (table: string, rows: Rows) => DIRTIERS[table]!(rows).join('\n    ');

/** The trigger function of `table` and its three statement triggers (insert, update, delete: each has its own transition tables). */
function triggerStatements(table: string): string[] {
  const fn = `stats_dirty_${table}`;
  return [
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  tz text := (SELECT value FROM stats_rollup_state WHERE key = 'time_zone');
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${body(table, 'new_rows x')}
  ELSIF TG_OP = 'UPDATE' THEN
    ${body(table, '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) x')}
  ELSE
    ${body(table, 'old_rows x')}
  END IF;
  RETURN NULL;
END $fn$`,
    `CREATE OR REPLACE TRIGGER ${fn}_insert AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE OR REPLACE TRIGGER ${fn}_update AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE OR REPLACE TRIGGER ${fn}_delete AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}

/** Every trigger function and trigger, one statement each (idempotent). */
export function rollupTriggerStatements(): string[] {
  return ROLLUP_SOURCE_TABLES.flatMap(triggerStatements);
}
