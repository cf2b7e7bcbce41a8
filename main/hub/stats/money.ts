/**
 * Income: money taken (payments) less money given back (refunds), each on the clinic-local day
 * it happened, never the bill's day. A bill paid partly in cash and partly by QR counts each
 * payment under its own method; a refund counts under the method it went back by. Department
 * and doctor are the visit's of the bill. All money in integer fen.
 */
import { PAYMENT_METHODS, type PaymentMethod } from '../../domain/enums';
import { addDays } from '../../domain/dates';
import { byText, dayStarts, num, spanOf, type DateRange, type Span, type StatsDb } from './range';
import { rolledUp } from './rollups';

export interface MoneyFigures {
  paidFen: number;
  refundedFen: number;
  /** paid − refunded (negative on a day of refunds only). */
  netFen: number;
  payments: number;
  refunds: number;
}

/** Payments (+) and refunds (−) in [$1, $2) as rows (bill_id, method, created_at, paid, refunded, np, nr). */
const MONEY = `
  SELECT bill_id, method, created_at, amount_fen AS paid, 0::bigint AS refunded, 1 AS np, 0 AS nr
  FROM payments WHERE created_at >= $1 AND created_at < $2
  UNION ALL
  SELECT bill_id, method, created_at, 0::bigint, amount_fen, 0, 1
  FROM refunds WHERE created_at >= $1 AND created_at < $2`;

/** The same from the roll-ups, days $1 to $2 (local dates), with the visit's department and doctor. */
const MONEY_ROLLED = `
  SELECT day, method, department_id, doctor_id, paid, refunded, payments AS np, refunds AS nr
  FROM stats_money_daily WHERE day BETWEEN $1 AND $2`;

const SUMS = `coalesce(sum(m.paid), 0)::float8 AS paid, coalesce(sum(m.refunded), 0)::float8 AS refunded,
  coalesce(sum(m.np), 0)::int AS np, coalesce(sum(m.nr), 0)::int AS nr`;

type SumCols = { paid: unknown; refunded: unknown; np: unknown; nr: unknown };

function figures(r: SumCols | undefined): MoneyFigures {
  const paidFen = num(r?.paid);
  const refundedFen = num(r?.refunded);
  return { paidFen, refundedFen, netFen: paidFen - refundedFen, payments: num(r?.np), refunds: num(r?.nr) };
}

export interface IncomeDayRow extends MoneyFigures {
  date: string;
}

/** One row per local day of the range, days without money included (zeros). */
export async function incomeByDay(db: StatsDb, range: DateRange): Promise<IncomeDayRow[]> {
  const span = await spanOf(db, range);
  if (await rolledUp(db, span.timeZone)) {
    const rolled = await db.query<SumCols & { day: unknown }>(`SELECT m.day, ${SUMS} FROM (${MONEY_ROLLED}) m GROUP BY m.day`, [span.from, span.to]);
    const byDay = new Map(rolled.rows.map((r) => [String(r.day), r]));
    return Array.from({ length: span.days }, (_, i) => ({ date: addDays(span.from, i), ...figures(byDay.get(addDays(span.from, i))) }));
  }
  const res = await db.query<SumCols & { bucket: unknown }>(`
    SELECT width_bucket(m.created_at, $3::bigint[]) AS bucket, ${SUMS}
    FROM (${MONEY}) m GROUP BY 1`, [span.startMs, span.endMs, dayStarts(span)]);
  const byBucket = new Map(res.rows.map((r) => [num(r.bucket), r]));
  return Array.from({ length: span.days }, (_, i) => ({ date: addDays(span.from, i), ...figures(byBucket.get(i + 1)) }));
}

export interface IncomeMethodRow extends MoneyFigures {
  method: PaymentMethod;
}

/** Every built-in payment method in PAYMENT_METHODS order, zeros included, then the clinic's own methods that took money, by code. */
export async function incomeByMethod(db: StatsDb, range: DateRange): Promise<IncomeMethodRow[]> {
  const span = await spanOf(db, range);
  if (!(await rolledUp(db, span.timeZone))) return incomeByMethodIn(db, span);
  const res = await db.query<SumCols & { method: unknown }>(`SELECT m.method, ${SUMS} FROM (${MONEY_ROLLED}) m GROUP BY m.method`, [span.from, span.to]);
  return methodRows(res.rows);
}

/** Income by method over a span already checked (the dashboard's one day). */
export async function incomeByMethodIn(db: StatsDb, span: Pick<Span, 'startMs' | 'endMs'>): Promise<IncomeMethodRow[]> {
  const res = await db.query<SumCols & { method: unknown }>(`
    SELECT m.method, ${SUMS} FROM (${MONEY}) m GROUP BY m.method`, [span.startMs, span.endMs]);
  return methodRows(res.rows);
}

function methodRows(rows: (SumCols & { method: unknown })[]): IncomeMethodRow[] {
  const byMethod = new Map(rows.map((r) => [String(r.method), r]));
  const own = [...byMethod.keys()].filter((m) => !(PAYMENT_METHODS as readonly string[]).includes(m)).sort();
  return [...PAYMENT_METHODS, ...own].map((method) => ({ method, ...figures(byMethod.get(method)) }));
}

/** Up to this many days, `withVisit` reads each payment's visit by primary keys; beyond, it joins whole tables. */
export const LOOKUP_MAX_DAYS = 62;

/**
 * MONEY with `id`, the bill's visit's `column`. A short range's few thousand payments cost as
 * many index lookups (a subquery per payment); a long range's hundreds of thousands are cheaper
 * joined by hash with every bill and visit. (Bills without a visit drop out either way.)
 */
const withVisit = (column: 'department_id' | 'doctor_id', days: number) => (days <= LOOKUP_MAX_DAYS ? `
  SELECT mm.*, (SELECT v.${column} FROM bills b JOIN visits v ON v.id = b.visit_id WHERE b.id = mm.bill_id) AS id
  FROM (${MONEY}) mm` : `
  SELECT mm.*, v.${column} AS id FROM (${MONEY}) mm JOIN bills b ON b.id = mm.bill_id JOIN visits v ON v.id = b.visit_id`);

export interface IncomeDepartmentRow extends MoneyFigures {
  departmentId: string;
  departmentName: string;
}

/** Income grouped by a column of the bill's visit, named from its table; most net income first. */
async function incomeByVisitColumn(
  db: StatsDb, range: DateRange, column: 'department_id' | 'doctor_id', names: 'departments' | 'staff',
): Promise<(MoneyFigures & { id: string; name: string })[]> {
  const span = await spanOf(db, range);
  const rolled = await rolledUp(db, span.timeZone);
  const source = rolled ? `SELECT mm.*, mm.${column} AS id FROM (${MONEY_ROLLED}) mm` : withVisit(column, span.days);
  const res = await db.query<SumCols & { id: unknown; name: unknown }>(`
    SELECT m.id, coalesce(n.name, '') AS name, ${SUMS}
    FROM (${source}) m LEFT JOIN ${names} n ON n.id = m.id
    WHERE m.id IS NOT NULL GROUP BY m.id, n.name`, rolled ? [span.from, span.to] : [span.startMs, span.endMs]);
  return res.rows
    .map((r) => ({ id: String(r.id), name: String(r.name), ...figures(r) }))
    .sort((a, b) => b.netFen - a.netFen || byText(a.name, b.name) || byText(a.id, b.id));
}

/** Income per department of the bill's visit, most net income first. */
export async function incomeByDepartment(db: StatsDb, range: DateRange): Promise<IncomeDepartmentRow[]> {
  return (await incomeByVisitColumn(db, range, 'department_id', 'departments'))
    .map(({ id, name, ...f }) => ({ departmentId: id, departmentName: name, ...f }));
}

export interface IncomeDoctorRow extends MoneyFigures {
  doctorId: string;
  doctorName: string;
}

/** Income per doctor of the bill's visit, most net income first. */
export async function incomeByDoctor(db: StatsDb, range: DateRange): Promise<IncomeDoctorRow[]> {
  return (await incomeByVisitColumn(db, range, 'doctor_id', 'staff'))
    .map(({ id, name, ...f }) => ({ doctorId: id, doctorName: name, ...f }));
}
