/** Today's figures for the administrator's dashboard, each a small indexed query. */
import { addDays, parseIsoDate, startOfLocalDay } from '../../domain/dates';
import { VISIT_STATUSES, type VisitStatus } from '../../domain/enums';
import { waitFigures, WAIT_SUMS, type WaitFigures } from './clinical';
import { incomeByMethodIn, type IncomeMethodRow } from './money';
import { clinicTimeZone, num, type StatsDb } from './range';

export interface Dashboard extends WaitFigures {
  date: string;
  /** Visits of the day, not cancelled. */
  registrations: number;
  /** Every visit status, zeros included. */
  visitsByStatus: { status: VisitStatus; visits: number }[];
  /** Checked in and not yet called in. */
  waitingNow: number;
  /** Income of the day by method (every method), and its net total. */
  income: IncomeMethodRow[];
  incomeNetFen: number;
  /** Appointments for the day's sessions (not cancelled), and those marked no-show. */
  appointments: number;
  noShows: number;
}

/** The dashboard of local day `today` ('YYYY-MM-DD'; INVALID_DATE {field: 'date'} otherwise). */
export async function dashboard(db: StatsDb, today: string): Promise<Dashboard> {
  parseIsoDate(today, 'date');
  const timeZone = await clinicTimeZone(db);
  const span = { startMs: startOfLocalDay(today, timeZone), endMs: startOfLocalDay(addDays(today, 1), timeZone) };
  // One after another: the hub's PostgreSQL connection takes one query at a time.
  const visits = await db.query<{ status: unknown; n: unknown }>(`SELECT status, count(*)::int AS n FROM visits WHERE visit_date = $1 GROUP BY status`, [today]);
  const waits = await db.query<{ n: unknown; total_ms: unknown; max_ms: unknown }>(
    `SELECT ${WAIT_SUMS} FROM visits v WHERE v.visit_date = $1 AND v.status <> 'cancelled'`, [today]);
  const income = await incomeByMethodIn(db, span);
  const appts = await db.query<{ appointments: unknown; no_shows: unknown }>(`
    SELECT (count(*) FILTER (WHERE a.status <> 'cancelled'))::int AS appointments,
      (count(*) FILTER (WHERE a.status = 'no_show'))::int AS no_shows
    FROM roster_sessions rs JOIN appointments a ON a.session_id = rs.id WHERE rs.date = $1`, [today]);
  const byStatus = new Map(visits.rows.map((r) => [String(r.status), num(r.n)]));
  const visitsByStatus = VISIT_STATUSES.map((status) => ({ status, visits: byStatus.get(status) ?? 0 }));
  return {
    date: today,
    registrations: visitsByStatus.reduce((s, r) => s + (r.status === 'cancelled' ? 0 : r.visits), 0),
    visitsByStatus,
    waitingNow: byStatus.get('waiting') ?? 0,
    ...waitFigures(waits.rows[0]),
    income,
    incomeNetFen: income.reduce((s, r) => s + r.netFen, 0),
    appointments: num(appts.rows[0]?.appointments),
    noShows: num(appts.rows[0]?.no_shows),
  };
}
