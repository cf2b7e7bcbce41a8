/**
 * Statistics of the consulting rooms: no-show rate of appointments, wait from check-in to the
 * start of the consultation, the most frequent diagnoses, and drug usage.
 */
import { checkLimit, daysOf, num, numOrNull, spanOf, type DateRange, type StatsDb } from './range';
import { rolledUp } from './rollups';

export interface NoShowFigures {
  /** Appointments for sessions of the day, cancelled ones left out. */
  appointments: number;
  /** Came (checked in). */
  completed: number;
  noShows: number;
  /** noShows / (completed + noShows): of the appointments whose outcome is known; null when none. */
  noShowRate: number | null;
}
export interface NoShowRow extends NoShowFigures {
  date: string;
}

const rate = (noShows: number, completed: number) => (noShows + completed === 0 ? null : noShows / (noShows + completed));

/** One row per day of the range (the session's date), and the range's total. */
export async function noShowRate(db: StatsDb, range: DateRange): Promise<{ rows: NoShowRow[]; total: NoShowFigures }> {
  const span = await spanOf(db, range);
  const perDay = (await rolledUp(db, span.timeZone)) ? `
      SELECT day AS d, sum(appointments) AS appointments, sum(completed) AS completed, sum(no_shows) AS no_shows
      FROM stats_appointments_daily WHERE day BETWEEN $1 AND $2 GROUP BY day` : `
      SELECT rs.date AS d, count(*) FILTER (WHERE a.status <> 'cancelled') AS appointments,
        count(*) FILTER (WHERE a.status = 'completed') AS completed, count(*) FILTER (WHERE a.status = 'no_show') AS no_shows
      FROM roster_sessions rs JOIN appointments a ON a.session_id = rs.id
      WHERE rs.date BETWEEN $1 AND $2 GROUP BY rs.date`;
  const res = await db.query<{ date: unknown; appointments: unknown; completed: unknown; no_shows: unknown }>(`
    WITH a AS (${perDay})
    SELECT days.d AS date, coalesce(a.appointments, 0)::int AS appointments, coalesce(a.completed, 0)::int AS completed,
      coalesce(a.no_shows, 0)::int AS no_shows
    FROM (${daysOf('$1', '$2')}) days LEFT JOIN a ON a.d = days.d ORDER BY days.d`, [span.from, span.to]);
  const rows = res.rows.map((r) => {
    const completed = num(r.completed);
    const noShows = num(r.no_shows);
    return { date: String(r.date), appointments: num(r.appointments), completed, noShows, noShowRate: rate(noShows, completed) };
  });
  const sum = (k: 'appointments' | 'completed' | 'noShows') => rows.reduce((s, r) => s + r[k], 0);
  const total = { appointments: sum('appointments'), completed: sum('completed'), noShows: sum('noShows'), noShowRate: rate(sum('noShows'), sum('completed')) };
  return { rows, total };
}

export interface WaitFigures {
  /** Visits (not cancelled) of the day whose consultation has started. */
  consultations: number;
  /** Mean of consult start − check-in, whole ms; null when no consultation. */
  averageWaitMs: number | null;
  longestWaitMs: number | null;
}
export interface WaitRow extends WaitFigures {
  date: string;
}

/** SQL over visits `v`: count, summed and longest wait of those whose consultation started. */
export const WAIT_SUMS = `count(v.consult_started_at) AS n,
  sum(v.consult_started_at - v.checked_in_at)::float8 AS total_ms,
  max(v.consult_started_at - v.checked_in_at)::float8 AS max_ms`;

export function waitFigures(r: { n: unknown; total_ms: unknown; max_ms: unknown } | undefined): WaitFigures {
  const n = num(r?.n);
  return { consultations: n, averageWaitMs: n === 0 ? null : Math.round(num(r?.total_ms) / n), longestWaitMs: n === 0 ? null : numOrNull(r?.max_ms) };
}

/** Average wait from check-in to consultation per visit day, and over the range. */
export async function averageWait(db: StatsDb, range: DateRange): Promise<{ rows: WaitRow[]; total: WaitFigures }> {
  const span = await spanOf(db, range);
  const perDay = (await rolledUp(db, span.timeZone)) ? `
      SELECT day AS d, sum(consultations) AS n, sum(wait_total_ms) AS total_ms, max(wait_max_ms) AS max_ms
      FROM stats_visits_daily WHERE day BETWEEN $1 AND $2 AND NOT cancelled GROUP BY day` : `
      SELECT v.visit_date AS d, ${WAIT_SUMS}
      FROM visits v WHERE v.visit_date BETWEEN $1 AND $2 AND v.status <> 'cancelled' GROUP BY v.visit_date`;
  const res = await db.query<{ date: unknown; n: unknown; total_ms: unknown; max_ms: unknown }>(`
    WITH w AS (${perDay})
    SELECT days.d AS date, coalesce(w.n, 0)::int AS n, w.total_ms, w.max_ms
    FROM (${daysOf('$1', '$2')}) days LEFT JOIN w ON w.d = days.d ORDER BY days.d`, [span.from, span.to]);
  const rows = res.rows.map((r) => ({ date: String(r.date), ...waitFigures(r) }));
  const n = res.rows.reduce((s, r) => s + num(r.n), 0);
  const totalMs = res.rows.reduce((s, r) => s + num(r.total_ms), 0);
  const longest = rows.reduce<number | null>((m, r) => (r.longestWaitMs === null ? m : Math.max(m ?? 0, r.longestWaitMs)), null);
  return { rows, total: { consultations: n, averageWaitMs: n === 0 ? null : Math.round(totalMs / n), longestWaitMs: longest } };
}

export const MAX_TOP = 500;

export interface DiagnosisRow {
  icd10: string;
  /** The text most often written with this code (alphabetically first of equals). */
  text: string;
  /** Visits with this diagnosis. */
  visits: number;
  /** Of those, visits where it was the primary diagnosis. */
  primaryVisits: number;
}

/** The `limit` most frequent diagnoses of visits (not cancelled) in the range; removed diagnoses left out. */
export async function topDiagnoses(db: StatsDb, range: DateRange, limit = 20): Promise<DiagnosisRow[]> {
  checkLimit(limit, MAX_TOP);
  const span = await spanOf(db, range);
  const res = await db.query<{ icd10: unknown; text: unknown; visits: unknown; primary_visits: unknown }>((await rolledUp(db, span.timeZone)) ? `
    WITH top AS (
      SELECT icd10, sum(visits) AS visits, sum(primary_visits) AS primary_visits FROM stats_diagnoses_daily
      WHERE day BETWEEN $1 AND $2 GROUP BY icd10 ORDER BY visits DESC, icd10 COLLATE "C" LIMIT $3),
    texts AS (
      SELECT DISTINCT ON (icd10) icd10, text FROM (
        SELECT icd10, text, sum(n) AS n FROM stats_diagnosis_texts_daily WHERE day BETWEEN $1 AND $2 GROUP BY icd10, text) t
      ORDER BY icd10, n DESC, text COLLATE "C")
    SELECT top.icd10, texts.text, top.visits::int AS visits, top.primary_visits::int AS primary_visits
    FROM top LEFT JOIN texts ON texts.icd10 IS NOT DISTINCT FROM top.icd10
    ORDER BY top.visits DESC, top.icd10 COLLATE "C"` : `
    SELECT dg.icd10, mode() WITHIN GROUP (ORDER BY dg.text COLLATE "C") AS text,
      count(DISTINCT dg.visit_id)::int AS visits,
      count(DISTINCT dg.visit_id) FILTER (WHERE dg.is_primary = 1)::int AS primary_visits
    FROM visits v JOIN diagnoses dg ON dg.visit_id = v.id
    WHERE v.visit_date BETWEEN $1 AND $2 AND v.status <> 'cancelled' AND dg.removed = 0
    GROUP BY dg.icd10 ORDER BY visits DESC, dg.icd10 COLLATE "C" LIMIT $3`, [span.from, span.to, limit]);
  return res.rows.map((r) => ({ icd10: String(r.icd10), text: String(r.text ?? ''), visits: num(r.visits), primaryVisits: num(r.primary_visits) }));
}

export interface DrugUsageRow {
  drugId: string;
  code: string;
  name: string;
  /** Dispensing unit (盒, 瓶). */
  unit: string;
  /** Prescription items (not removed) of issued, paid or dispensed prescriptions of visits in the range. */
  prescribedItems: number;
  /** Their quantity, in dispensing units. */
  prescribedQuantity: number;
  prescribedAmountFen: number;
  /** Stock dispensed in the range less stock returned, in dispensing units (stock movements' own time). */
  dispensedQuantity: number;
}

/** Drug usage in the range, most prescribed first. */
export async function drugUsage(db: StatsDb, range: DateRange, limit = 50): Promise<DrugUsageRow[]> {
  checkLimit(limit, MAX_TOP);
  const span = await spanOf(db, range);
  const rolled = await rolledUp(db, span.timeZone);
  const perDrug = rolled ? `
    rx AS (
      SELECT drug_id, sum(items) AS items, sum(quantity) AS quantity, sum(amount) AS amount
      FROM stats_prescribed_daily WHERE day BETWEEN $1 AND $2 GROUP BY drug_id),
    out AS (SELECT drug_id, sum(dispensed) AS quantity FROM stats_stock_daily WHERE day BETWEEN $1 AND $2 GROUP BY drug_id)` : `
    rx AS (
      SELECT pi.drug_id, count(*) AS items, sum(pi.quantity) AS quantity, sum(pi.amount_fen) AS amount
      FROM visits v JOIN prescriptions p ON p.visit_id = v.id JOIN prescription_items pi ON pi.prescription_id = p.id
      WHERE v.visit_date BETWEEN $1 AND $2 AND v.status <> 'cancelled'
        AND p.status IN ('issued', 'paid', 'dispensed') AND pi.removed = 0
      GROUP BY pi.drug_id),
    out AS (
      SELECT drug_id, -sum(quantity) AS quantity FROM stock_movements
      WHERE created_at >= $4 AND created_at < $5 AND kind IN ('dispense', 'return') GROUP BY drug_id)`;
  const res = await db.query<Record<string, unknown>>(`
    WITH ${perDrug},
    u AS (
      SELECT coalesce(rx.drug_id, out.drug_id) AS drug_id, coalesce(rx.items, 0) AS items, coalesce(rx.quantity, 0) AS quantity,
        coalesce(rx.amount, 0) AS amount, coalesce(out.quantity, 0) AS dispensed
      FROM rx FULL JOIN out ON out.drug_id = rx.drug_id)
    SELECT u.drug_id, coalesce(d.code, '') AS code, coalesce(d.name, '') AS name, coalesce(d.unit, '') AS unit,
      u.items::int AS items, u.quantity::float8 AS quantity, u.amount::float8 AS amount, u.dispensed::float8 AS dispensed
    FROM u LEFT JOIN drugs d ON d.id = u.drug_id
    ORDER BY u.quantity DESC, u.dispensed DESC, coalesce(d.code, '') COLLATE "C", u.drug_id LIMIT $3`,
  rolled ? [span.from, span.to, limit] : [span.from, span.to, limit, span.startMs, span.endMs]);
  return res.rows.map((r) => ({
    drugId: String(r.drug_id), code: String(r.code), name: String(r.name), unit: String(r.unit),
    prescribedItems: num(r.items), prescribedQuantity: num(r.quantity), prescribedAmountFen: num(r.amount), dispensedQuantity: num(r.dispensed),
  }));
}
