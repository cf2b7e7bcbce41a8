/**
 * Statistics of the front desk: registrations per day, visits per department and per doctor,
 * patients seen by sex and by age band. A registration is a visit (`visits.visit_date` is its
 * clinic-local date); a cancelled visit (退号) is counted apart and in no other figure.
 */
import { AGE_BANDS, type AgeBand } from '../../domain/age';
import { SEXES, type Sex } from '../../domain/enums';
import { AGE_BAND_TOP_YEARS, completedYearsSql } from './age-sql';
import { daysOf, num, spanOf, type DateRange, type StatsDb } from './range';
import { rolledUp } from './rollups';

export interface RegistrationsRow {
  date: string;
  /** Visits registered that day and not cancelled. */
  registrations: number;
  firstVisits: number;
  followUps: number;
  /** Visits of that day that were cancelled. */
  cancelled: number;
}

/** One row per day of the range, days without visits included (zeros). */
export async function registrationsPerDay(db: StatsDb, range: DateRange): Promise<RegistrationsRow[]> {
  const span = await spanOf(db, range);
  const perDay = (await rolledUp(db, span.timeZone)) ? `
      SELECT day AS d,
        sum(visits) FILTER (WHERE NOT cancelled) AS registrations,
        sum(visits) FILTER (WHERE NOT cancelled AND visit_type = 'first') AS first_visits,
        sum(visits) FILTER (WHERE NOT cancelled AND visit_type = 'follow_up') AS follow_ups,
        sum(visits) FILTER (WHERE cancelled) AS cancelled
      FROM stats_visits_daily WHERE day BETWEEN $1 AND $2 GROUP BY day` : `
      SELECT visit_date AS d,
        count(*) FILTER (WHERE status <> 'cancelled') AS registrations,
        count(*) FILTER (WHERE status <> 'cancelled' AND visit_type = 'first') AS first_visits,
        count(*) FILTER (WHERE status <> 'cancelled' AND visit_type = 'follow_up') AS follow_ups,
        count(*) FILTER (WHERE status = 'cancelled') AS cancelled
      FROM visits WHERE visit_date BETWEEN $1 AND $2 GROUP BY visit_date`;
  const res = await db.query<Record<keyof RegistrationsRow, unknown>>(`
    WITH v AS (${perDay})
    SELECT days.d AS date, coalesce(v.registrations, 0)::int AS "registrations", coalesce(v.first_visits, 0)::int AS "firstVisits",
      coalesce(v.follow_ups, 0)::int AS "followUps", coalesce(v.cancelled, 0)::int AS "cancelled"
    FROM (${daysOf('$1', '$2')}) days LEFT JOIN v ON v.d = days.d ORDER BY days.d`, [span.from, span.to]);
  return res.rows.map((r) => ({
    date: String(r.date), registrations: num(r.registrations), firstVisits: num(r.firstVisits), followUps: num(r.followUps), cancelled: num(r.cancelled),
  }));
}

export interface DepartmentVisitsRow {
  departmentId: string;
  departmentName: string;
  departmentNameEn: string;
  visits: number;
  firstVisits: number;
  followUps: number;
}

/** Visits (not cancelled) per department of the visit, most visits first. */
export async function visitsByDepartment(db: StatsDb, range: DateRange): Promise<DepartmentVisitsRow[]> {
  const span = await spanOf(db, range);
  const sql = (await rolledUp(db, span.timeZone)) ? `
    SELECT v.department_id AS "departmentId", coalesce(d.name, '') AS "departmentName", coalesce(d.name_en, '') AS "departmentNameEn",
      sum(v.visits)::int AS visits, (sum(v.visits) FILTER (WHERE v.visit_type = 'first'))::int AS "firstVisits",
      (sum(v.visits) FILTER (WHERE v.visit_type = 'follow_up'))::int AS "followUps"
    FROM stats_visits_daily v LEFT JOIN departments d ON d.id = v.department_id
    WHERE v.day BETWEEN $1 AND $2 AND NOT v.cancelled
    GROUP BY v.department_id, d.name, d.name_en
    ORDER BY visits DESC, coalesce(d.name, '') COLLATE "C", v.department_id` : `
    SELECT v.department_id AS "departmentId", coalesce(d.name, '') AS "departmentName", coalesce(d.name_en, '') AS "departmentNameEn",
      count(*)::int AS visits, (count(*) FILTER (WHERE v.visit_type = 'first'))::int AS "firstVisits",
      (count(*) FILTER (WHERE v.visit_type = 'follow_up'))::int AS "followUps"
    FROM visits v LEFT JOIN departments d ON d.id = v.department_id
    WHERE v.visit_date BETWEEN $1 AND $2 AND v.status <> 'cancelled'
    GROUP BY v.department_id, d.name, d.name_en
    ORDER BY visits DESC, coalesce(d.name, '') COLLATE "C", v.department_id`;
  const res = await db.query<Record<keyof DepartmentVisitsRow, unknown>>(sql, [span.from, span.to]);
  return res.rows.map((r) => ({
    departmentId: String(r.departmentId), departmentName: String(r.departmentName), departmentNameEn: String(r.departmentNameEn),
    visits: num(r.visits), firstVisits: num(r.firstVisits), followUps: num(r.followUps),
  }));
}

export interface DoctorVisitsRow {
  doctorId: string;
  doctorName: string;
  /** The doctor's own department (staff.department_id), '' when none. */
  departmentName: string;
  visits: number;
  firstVisits: number;
  followUps: number;
}

/** Visits (not cancelled) per doctor, most visits first. */
export async function visitsByDoctor(db: StatsDb, range: DateRange): Promise<DoctorVisitsRow[]> {
  const span = await spanOf(db, range);
  const perDoctor = (await rolledUp(db, span.timeZone)) ? `
      SELECT doctor_id, sum(visits) AS visits, sum(visits) FILTER (WHERE visit_type = 'first') AS first_visits,
        sum(visits) FILTER (WHERE visit_type = 'follow_up') AS follow_ups
      FROM stats_visits_daily WHERE day BETWEEN $1 AND $2 AND NOT cancelled GROUP BY doctor_id` : `
      SELECT doctor_id, count(*) AS visits, count(*) FILTER (WHERE visit_type = 'first') AS first_visits,
        count(*) FILTER (WHERE visit_type = 'follow_up') AS follow_ups
      FROM visits WHERE visit_date BETWEEN $1 AND $2 AND status <> 'cancelled' GROUP BY doctor_id`;
  const res = await db.query<Record<keyof DoctorVisitsRow, unknown>>(`
    WITH v AS (${perDoctor})
    SELECT v.doctor_id AS "doctorId", coalesce(s.name, '') AS "doctorName", coalesce(d.name, '') AS "departmentName",
      v.visits::int AS visits, v.first_visits::int AS "firstVisits", v.follow_ups::int AS "followUps"
    FROM v LEFT JOIN staff s ON s.id = v.doctor_id LEFT JOIN departments d ON d.id = s.department_id
    ORDER BY v.visits DESC, coalesce(s.name, '') COLLATE "C", v.doctor_id`, [span.from, span.to]);
  return res.rows.map((r) => ({
    doctorId: String(r.doctorId), doctorName: String(r.doctorName), departmentName: String(r.departmentName),
    visits: num(r.visits), firstVisits: num(r.firstVisits), followUps: num(r.followUps),
  }));
}

/**
 * Patients with a visit (not cancelled) in the range, each counted once. Their row is then read
 * by primary key (a subquery per patient) rather than by joining the whole patients table.
 */
const SEEN = `SELECT patient_id, min(visit_date) AS first_date FROM visits
  WHERE visit_date BETWEEN $1 AND $2 AND status <> 'cancelled' GROUP BY patient_id`;

/** The same from the roll-ups: each patient's first visit day of the range is the one whose previous visit is before it. */
const SEEN_ROLLED = 'day BETWEEN $1 AND $2 AND (prev_day IS NULL OR prev_day < $1)';

export interface SexRow {
  sex: Sex;
  patients: number;
}

/** Patients seen in the range by sex: M, F, U (not stated) in that order, zeros included. */
export async function patientsBySex(db: StatsDb, range: DateRange): Promise<SexRow[]> {
  const span = await spanOf(db, range);
  const res = await db.query<{ sex: unknown; patients: unknown }>((await rolledUp(db, span.timeZone))
    ? `SELECT sex, sum(patients)::int AS patients FROM stats_patients_daily WHERE ${SEEN_ROLLED} GROUP BY sex`
    : `SELECT coalesce((SELECT p.sex FROM patients p WHERE p.id = seen.patient_id), 'U') AS sex, count(*)::int AS patients
    FROM (${SEEN}) seen GROUP BY 1`, [span.from, span.to]);
  const counts = new Map<string, number>();
  for (const r of res.rows) {
    const sex = (SEXES as readonly unknown[]).includes(r.sex) ? String(r.sex) : 'U';
    counts.set(sex, (counts.get(sex) ?? 0) + num(r.patients));
  }
  return SEXES.map((sex) => ({ sex, patients: counts.get(sex) ?? 0 }));
}

export { AGE_BAND_TOP_YEARS, completedYearsSql } from './age-sql';

export type AgeBandOrUnknown = AgeBand | 'unknown';
export const AGE_BANDS_REPORTED: readonly AgeBandOrUnknown[] = [...AGE_BANDS, 'unknown'];

export interface AgeBandRow {
  band: AgeBandOrUnknown;
  patients: number;
}

/**
 * Patients seen in the range by age band, the age taken on their first visit of the range.
 * 'unknown': no (or an unreadable, or a later) birth date. Every band listed, zeros included.
 */
export async function patientsByAgeBand(db: StatsDb, range: DateRange): Promise<AgeBandRow[]> {
  const span = await spanOf(db, range);
  if (await rolledUp(db, span.timeZone)) {
    const res = await db.query<{ band: unknown; patients: unknown }>(
      `SELECT band, sum(patients)::int AS patients FROM stats_patients_daily WHERE ${SEEN_ROLLED} GROUP BY band`, [span.from, span.to]);
    return bandRows(res.rows);
  }
  const cases = AGE_BAND_TOP_YEARS.map((top, i) => `WHEN years <= ${top} THEN '${AGE_BANDS[i]}'`).join(' ');
  const res = await db.query<{ band: unknown; patients: unknown }>(`
    WITH b AS MATERIALIZED (
      SELECT seen.first_date, (SELECT p.birth_date FROM patients p WHERE p.id = seen.patient_id) AS birth_date FROM (${SEEN}) seen),
    a AS MATERIALIZED (
      SELECT CASE WHEN birth_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN ${completedYearsSql('birth_date', 'first_date')} END AS years FROM b)
    SELECT CASE WHEN years IS NULL OR years < 0 THEN 'unknown' ${cases} ELSE '${AGE_BANDS[AGE_BANDS.length - 1]}' END AS band,
      count(*)::int AS patients
    FROM a GROUP BY 1`, [span.from, span.to]);
  return bandRows(res.rows);
}

function bandRows(rows: { band: unknown; patients: unknown }[]): AgeBandRow[] {
  const counts = new Map(rows.map((r) => [String(r.band), num(r.patients)]));
  return AGE_BANDS_REPORTED.map((band) => ({ band, patients: counts.get(band) ?? 0 }));
}
