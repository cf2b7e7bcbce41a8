/**
 * Money at the hub: payments, refunds or bills made in a range of clinic-local days (by their
 * UTC `created_at`), by method, cashier and status, in (created_at, id) order; and every
 * cashier's day close of one local date with the totals it kept.
 */
import type { z } from 'zod';
import type { DayCloseLookupRow, MoneyLookup, MoneyLookupRow } from '../../api/procedures/lookups';
import { num, spanOf } from '../stats/range';
import type { SortKey } from './cursor';
import { afterKey, fromKey, Params, runPage, str, strOrNull, type LookupDb, type Page } from './page';

type Raw = Record<string, unknown>;
type MoneyFilter = Omit<z.output<typeof MoneyLookup>, 'cursor' | 'limit'>;
type MoneyRow = z.input<typeof MoneyLookupRow>;

export const MONEY_KEY = ['n', 's'] as const;

const CASHIER = `LEFT JOIN accounts ac ON ac.id = x.cashier_id LEFT JOIN staff cs ON cs.id = ac.staff_id`;

export async function pageMoney(db: LookupDb, f: MoneyFilter, after: SortKey | null, limit: number): Promise<Page<MoneyRow>> {
  const span = await spanOf(db, f);
  const p = new Params();
  const where = [`x.created_at >= ${p.add(fromKey(span.startMs, after))} AND x.created_at < ${p.add(span.endMs)}`];
  let sql: string;
  if (f.kind === 'bills') {
    if (f.status) where.push(`x.status = ${p.add(f.status)}`);
    where.push(afterKey(p, ['x.created_at', 'x.id'], after));
    sql = `
      SELECT x.id, x.created_at, v.queue_no AS no, x.id AS bill_id, x.patient_id, pt.name AS patient_name, NULL AS method,
        x.total_fen AS amount_fen, NULL AS cashier_id, '' AS cashier_name, NULL AS device, x.status, x.kind AS bill_kind
      FROM bills x LEFT JOIN visits v ON v.id = x.visit_id LEFT JOIN patients pt ON pt.id = x.patient_id
      WHERE ${where.join(' AND ')} ORDER BY x.created_at, x.id`;
  } else {
    const table = f.kind === 'payments' ? 'payments' : 'refunds';
    const no = f.kind === 'payments' ? 'x.receipt_no' : 'x.refund_no';
    if (f.method) where.push(`x.method = ${p.add(f.method)}`);
    if (f.cashierId) where.push(`x.cashier_id = ${p.add(f.cashierId)}`);
    if (f.status === 'open') where.push('x.day_close_id IS NULL');
    if (f.status === 'closed') where.push('x.day_close_id IS NOT NULL');
    where.push(afterKey(p, ['x.created_at', 'x.id'], after));
    sql = `
      SELECT x.id, x.created_at, ${no} AS no, x.bill_id, b.patient_id, pt.name AS patient_name, x.method, x.amount_fen,
        x.cashier_id, coalesce(cs.name, ac.username) AS cashier_name, x.device,
        CASE WHEN x.day_close_id IS NULL THEN 'open' ELSE 'closed' END AS status, b.kind AS bill_kind
      FROM ${table} x LEFT JOIN bills b ON b.id = x.bill_id LEFT JOIN patients pt ON pt.id = b.patient_id ${CASHIER}
      WHERE ${where.join(' AND ')} ORDER BY x.created_at, x.id`;
  }
  return runPage<Raw, MoneyRow>(db, 'money', sql, p, limit, (r) => ({
    id: str(r.id), kind: f.kind, at: num(r.created_at), no: str(r.no), billId: str(r.bill_id), patientId: str(r.patient_id),
    patientName: str(r.patient_name), method: strOrNull(r.method) as MoneyRow['method'], amountFen: num(r.amount_fen),
    cashierId: strOrNull(r.cashier_id), cashierName: str(r.cashier_name), device: strOrNull(r.device),
    status: str(r.status) as MoneyRow['status'], billKind: str(r.bill_kind) as MoneyRow['billKind'],
  }), (r) => [num(r.created_at), str(r.id)]);
}

/** Whole numbers of a day close's kept totals (JSON text at the hub); 0 where missing. */
function totalsOf(v: unknown): { paidFen: number; refundedFen: number; netFen: number } {
  let t: unknown = v;
  if (typeof v === 'string') {
    try {
      t = JSON.parse(v);
    } catch {
      t = null;
    }
  }
  const o = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
  const whole = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) ? x : 0);
  return { paidFen: Math.max(0, whole(o.paidFen)), refundedFen: Math.max(0, whole(o.refundedFen)), netFen: whole(o.netFen) };
}

/** Every day close made on `date` (clinic-local), by cashier then time. */
export async function dayClosesOf(db: LookupDb, date: string): Promise<z.input<typeof DayCloseLookupRow>[]> {
  const span = await spanOf(db, { from: date, to: date });
  const res = await db.query<Raw>(`
    SELECT x.id, x.close_no, x.cashier_id, coalesce(cs.name, ac.username) AS cashier_name, x.device, x.from_at, x.to_at, x.created_at,
      x.payment_count, x.refund_count, x.totals
    FROM day_closes x ${CASHIER}
    WHERE x.created_at >= $1 AND x.created_at < $2
    ORDER BY coalesce(cs.name, ac.username, ''), x.created_at, x.id`, [span.startMs, span.endMs]);
  return res.rows.map((r) => ({
    id: str(r.id), closeNo: str(r.close_no), cashierId: str(r.cashier_id), cashierName: str(r.cashier_name), device: str(r.device),
    fromAt: num(r.from_at), toAt: num(r.to_at), closedAt: num(r.created_at), paymentCount: num(r.payment_count), refundCount: num(r.refund_count),
    ...totalsOf(r.totals),
  }));
}
