/**
 * How a roll-up day is computed: `stats_rollups_refresh(time_zone)`, a PL/pgSQL function (one
 * statement, so it is atomic even where the caller has no transaction) that takes the days the
 * triggers marked dirty (main/hub/stats/rollups-triggers.ts) and recomputes each of them whole
 * from the typed tables, with the same filters as the direct queries of main/hub/stats/*.ts.
 *
 * Families of days: 'visit' (a visit's visit_date: visits, diagnoses, prescriptions, patients
 * seen), 'session' (a roster session's date: appointments), 'time' (the clinic-local date of a
 * created_at: payments, refunds, stock). When the clinic's time zone is not the one the 'time'
 * roll-ups were made in, they are made again whole.
 *
 * Patients seen over a range are distinct patients, which days do not add up to. So each
 * (patient, day) with a visit is kept with the patient's previous visit day `prev_day`: a
 * patient has a visit in [from, to] exactly when one of those days is in the range with
 * prev_day < from (the first visit of the range), and the age is taken on that day as the direct
 * query takes it. A previous visit more than a year before (more than any range reaches) is kept
 * as NULL, which keeps the rows per day few.
 */
import { AGE_BANDS } from '../../domain/age';
import { AGE_BAND_TOP_YEARS, completedYearsSql } from './age-sql';

/** Arbitrary but fixed: the advisory lock a refresh holds (one refresh at a time per database). */
export const REFRESH_LOCK = 7_265_533;

const ISO = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

/**
 * SQL: a lower bound for the previous visit of `day` worth keeping, as text: 372 days before
 * (a range covers at most 366, and a date like 02-31 is a few days off), NULL for text that is
 * no date (then every previous visit is kept).
 */
const keepFrom = (day: string) => `CASE WHEN ${day} ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND left(${day}, 4) <> '0000'
  THEN to_char(make_date(left(${day}, 4)::int, substr(${day}, 6, 2)::int, 1) + (right(${day}, 2)::int - 373), 'YYYY-MM-DD') END`;

/** SQL: the latest visit (not cancelled) of patient `pid` before `day` and not before `floor`; NULL patients are one patient, as GROUP BY makes them. */
const prevVisit = (pid: string, day: string, floor: string) => `(SELECT max(x.d) FROM (
    SELECT max(w.visit_date) AS d FROM visits w WHERE w.patient_id = ${pid} AND w.visit_date < ${day}
      AND (${floor} IS NULL OR w.visit_date >= ${floor}) AND w.status <> 'cancelled'
    UNION ALL
    SELECT max(w.visit_date) FROM visits w WHERE ${pid} IS NULL AND w.patient_id IS NULL AND w.visit_date < ${day}
      AND (${floor} IS NULL OR w.visit_date >= ${floor}) AND w.status <> 'cancelled') x)`;

const bandCases = AGE_BAND_TOP_YEARS.map((top, i) => `WHEN years <= ${top} THEN '${AGE_BANDS[i]}'`).join(' ');

/** Statements recomputing the 'visit' days in `days` (text[]). */
const VISIT_DAYS = `
  DELETE FROM stats_visits_daily r USING unnest(days) d(day) WHERE r.day = d.day;
  INSERT INTO stats_visits_daily (day, department_id, doctor_id, visit_type, cancelled, visits, consultations, wait_total_ms, wait_max_ms)
    SELECT v.visit_date, v.department_id, v.doctor_id, v.visit_type, v.status = 'cancelled', count(*), count(v.consult_started_at),
      sum(v.consult_started_at - v.checked_in_at)::float8, max(v.consult_started_at - v.checked_in_at)::float8
    FROM unnest(days) d(day) JOIN visits v ON v.visit_date = d.day WHERE v.status IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;
  DELETE FROM stats_diagnoses_daily r USING unnest(days) d(day) WHERE r.day = d.day;
  INSERT INTO stats_diagnoses_daily (day, icd10, visits, primary_visits)
    SELECT v.visit_date, dg.icd10, count(DISTINCT dg.visit_id), count(DISTINCT dg.visit_id) FILTER (WHERE dg.is_primary = 1)
    FROM unnest(days) d(day) JOIN visits v ON v.visit_date = d.day JOIN diagnoses dg ON dg.visit_id = v.id
    WHERE v.status <> 'cancelled' AND dg.removed = 0 GROUP BY 1, 2;
  DELETE FROM stats_diagnosis_texts_daily r USING unnest(days) d(day) WHERE r.day = d.day;
  INSERT INTO stats_diagnosis_texts_daily (day, icd10, text, n)
    SELECT v.visit_date, dg.icd10, dg.text, count(*)
    FROM unnest(days) d(day) JOIN visits v ON v.visit_date = d.day JOIN diagnoses dg ON dg.visit_id = v.id
    WHERE v.status <> 'cancelled' AND dg.removed = 0 AND dg.text IS NOT NULL GROUP BY 1, 2, 3;
  DELETE FROM stats_prescribed_daily r USING unnest(days) d(day) WHERE r.day = d.day;
  INSERT INTO stats_prescribed_daily (day, drug_id, items, quantity, amount)
    SELECT v.visit_date, pi.drug_id, count(*), sum(pi.quantity)::float8, sum(pi.amount_fen)::float8
    FROM unnest(days) d(day) JOIN visits v ON v.visit_date = d.day JOIN prescriptions p ON p.visit_id = v.id
      JOIN prescription_items pi ON pi.prescription_id = p.id
    WHERE v.status <> 'cancelled' AND p.status IN ('issued', 'paid', 'dispensed') AND pi.removed = 0 GROUP BY 1, 2;
  DELETE FROM stats_patients_daily r USING unnest(days) d(day) WHERE r.day = d.day;
  INSERT INTO stats_patients_daily (day, prev_day, sex, band, patients)
    SELECT day, prev_day, sex, CASE WHEN years IS NULL OR years < 0 THEN 'unknown' ${bandCases} ELSE '${AGE_BANDS[AGE_BANDS.length - 1]}' END,
      count(*)
    FROM (
      SELECT s.day, ${prevVisit('s.patient_id', 's.day', 's.floor')} AS prev_day, coalesce(p.sex, 'U') AS sex,
        CASE WHEN p.birth_date ~ ${ISO} AND s.day ~ ${ISO} THEN ${completedYearsSql('p.birth_date', 's.day')} END AS years
      FROM (SELECT DISTINCT v.patient_id, v.visit_date AS day, ${keepFrom('v.visit_date')} AS floor
            FROM unnest(days) d(day) JOIN visits v ON v.visit_date = d.day WHERE v.status <> 'cancelled') s
      LEFT JOIN patients p ON p.id = s.patient_id) seen
    GROUP BY 1, 2, 3, 4;`;

/** Statements recomputing the 'session' days in `days`. */
const SESSION_DAYS = `
  DELETE FROM stats_appointments_daily r USING unnest(days) d(day) WHERE r.day = d.day;
  INSERT INTO stats_appointments_daily (day, appointments, completed, no_shows)
    SELECT rs.date, count(*) FILTER (WHERE a.status <> 'cancelled'), count(*) FILTER (WHERE a.status = 'completed'),
      count(*) FILTER (WHERE a.status = 'no_show')
    FROM unnest(days) d(day) JOIN roster_sessions rs ON rs.date = d.day JOIN appointments a ON a.session_id = rs.id
    GROUP BY rs.date;`;

/** SQL: UTC ms of the start of local date `day` (text) in time zone `tz`. */
const startMs = (day: string) => `(extract(epoch FROM (${day})::date::timestamp AT TIME ZONE tz) * 1000)::bigint`;

/** Statements recomputing the 'time' days in `days`: each local day's [lo, hi) in UTC ms, then what happened in it. */
const TIME_DAYS = `
  DELETE FROM stats_money_daily r USING unnest(days) d(day) WHERE r.day = d.day;
  DELETE FROM stats_stock_daily r USING unnest(days) d(day) WHERE r.day = d.day;
  INSERT INTO stats_money_daily (day, method, department_id, doctor_id, paid, refunded, payments, refunds)
    SELECT b.day, m.method, v.department_id, v.doctor_id, sum(m.paid)::float8, sum(m.refunded)::float8, sum(m.np), sum(m.nr)
    FROM (SELECT d.day, ${startMs('d.day')} AS lo, ${startMs("d.day::date + 1")} AS hi FROM unnest(days) d(day)) b
    JOIN LATERAL (
      SELECT bill_id, method, amount_fen AS paid, 0::bigint AS refunded, 1 AS np, 0 AS nr FROM payments WHERE created_at >= b.lo AND created_at < b.hi
      UNION ALL
      SELECT bill_id, method, 0::bigint, amount_fen, 0, 1 FROM refunds WHERE created_at >= b.lo AND created_at < b.hi) m ON true
    LEFT JOIN bills bl ON bl.id = m.bill_id LEFT JOIN visits v ON v.id = bl.visit_id
    GROUP BY 1, 2, 3, 4;
  INSERT INTO stats_stock_daily (day, drug_id, dispensed)
    SELECT b.day, s.drug_id, (-sum(s.quantity))::float8
    FROM (SELECT d.day, ${startMs('d.day')} AS lo, ${startMs("d.day::date + 1")} AS hi FROM unnest(days) d(day)) b
    JOIN stock_movements s ON s.created_at >= b.lo AND s.created_at < b.hi
    WHERE s.kind IN ('dispense', 'return') GROUP BY 1, 2;`;

/** SQL: the clinic-local date of UTC ms `ms` in `tz`; NULL for a time outside years 1–9999. */
export const localDaySql = (ms: string, tz: string) =>
  `CASE WHEN ${ms} BETWEEN -62135596800000 AND 253402300799999 THEN to_char(to_timestamp(${ms} / 1000.0) AT TIME ZONE ${tz}, 'YYYY-MM-DD') END`;

/** Claims the dirty days of `family` into `days`. */
const claim = (family: string) => `
  WITH c AS (DELETE FROM stats_rollup_dirty WHERE family = '${family}' RETURNING day) SELECT array_agg(day) INTO days FROM c;`;

export const REFRESH_FUNCTION = `
CREATE OR REPLACE FUNCTION stats_rollups_refresh(tz text) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  days text[];
  done integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(${REFRESH_LOCK});
  IF (SELECT value FROM stats_rollup_state WHERE key = 'time_zone') IS DISTINCT FROM tz THEN
    INSERT INTO stats_rollup_state (key, value) VALUES ('time_zone', tz) ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    DELETE FROM stats_money_daily;
    DELETE FROM stats_stock_daily;
    DELETE FROM stats_rollup_dirty WHERE family = 'time';
    INSERT INTO stats_rollup_dirty (family, day)
      SELECT DISTINCT 'time', day FROM (
        SELECT ${localDaySql('created_at', 'tz')} AS day FROM payments UNION
        SELECT ${localDaySql('created_at', 'tz')} FROM refunds UNION
        SELECT ${localDaySql('created_at', 'tz')} FROM stock_movements) t
      WHERE day IS NOT NULL;
  END IF;
  ${claim('visit')}
  IF days IS NOT NULL THEN ${VISIT_DAYS}
    done := done + cardinality(days);
  END IF;
  ${claim('session')}
  IF days IS NOT NULL THEN ${SESSION_DAYS}
    done := done + cardinality(days);
  END IF;
  ${claim('time')}
  IF days IS NOT NULL THEN ${TIME_DAYS}
    done := done + cardinality(days);
  END IF;
  RETURN done;
END $fn$`;
