/**
 * Both sides of money or stock taken twice (main/hub/detect-money.ts), read with SQL from the
 * hub's typed tables as they are now: the bill with each payment and refund (desk, cashier), the
 * prescription with each line's prescribed and handed-over quantity and every dispense and return.
 */
import type { z } from 'zod';
import type { ReviewKind, ReviewTaskViewT } from '../../api/procedures/reviews';
import { num, numOrNull } from '../stats/range';
import type { HubStore, ReviewTask } from '../store';

type Db = Pick<HubStore, 'query'>;
type Raw = Record<string, unknown>;
type View<K extends z.infer<typeof ReviewKind>> = Extract<ReviewTaskViewT, { kind: K }>;
type Common = Pick<ReviewTaskViewT, 'key' | 'createdAt' | 'updatedAt' | 'resolvedAt'>;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
/** The person behind an account id: the staff member's name, else the account's username. */
export const personOf = (column: string) =>
  `(SELECT coalesce(st.name, ac.username) FROM accounts ac LEFT JOIN staff st ON st.id = ac.staff_id WHERE ac.id = ${column})`;

export async function overpaidView(db: Db, task: ReviewTask, common: Common): Promise<View<'bill_overpaid'>> {
  const billId = str(task.details['billId']);
  const b = (await db.query<Raw>(`
    SELECT b.id, b.visit_id, b.patient_id, p.name, p.record_no, b.kind, b.status, b.total_fen,
      (SELECT coalesce(sum(x.amount_fen), 0) FROM payments x WHERE x.bill_id = b.id) AS paid,
      (SELECT coalesce(sum(x.amount_fen), 0) FROM refunds x WHERE x.bill_id = b.id) AS refunded
    FROM bills b LEFT JOIN patients p ON p.id = b.patient_id WHERE b.id = $1`, [billId])).rows[0];
  const payments = (await db.query<Raw>(`
    SELECT x.id, x.receipt_no, x.method, x.amount_fen, x.device, x.created_at, ${personOf('x.cashier_id')} AS cashier,
      (SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r WHERE r.payment_id = x.id) AS refunded
    FROM payments x WHERE x.bill_id = $1 ORDER BY x.created_at, x.id`, [billId])).rows.map((r): View<'bill_overpaid'>['payments'][number] => ({
    id: str(r['id']), receiptNo: str(r['receipt_no']), method: str(r['method']) as View<'bill_overpaid'>['payments'][number]['method'],
    amountFen: num(r['amount_fen']), refundedFen: num(r['refunded']), cashierName: str(r['cashier']), device: str(r['device']), createdAt: num(r['created_at']),
  }));
  const refunds = (await db.query<Raw>(`
    SELECT x.id, x.refund_no, x.payment_id, x.method, x.amount_fen, x.reason, x.device, x.created_at, ${personOf('x.cashier_id')} AS cashier
    FROM refunds x WHERE x.bill_id = $1 ORDER BY x.created_at, x.id`, [billId])).rows.map((r): View<'bill_overpaid'>['refunds'][number] => ({
    id: str(r['id']), refundNo: str(r['refund_no']), paymentId: str(r['payment_id']), method: str(r['method']) as View<'bill_overpaid'>['refunds'][number]['method'],
    amountFen: num(r['amount_fen']), reason: str(r['reason']), cashierName: str(r['cashier']), device: str(r['device']), createdAt: num(r['created_at']),
  }));
  if (!b) return { ...common, kind: 'bill_overpaid', bill: null, payments, refunds };
  const totalFen = num(b['total_fen']);
  const paidFen = num(b['paid']) - num(b['refunded']);
  return {
    ...common, kind: 'bill_overpaid', payments, refunds,
    bill: {
      id: str(b['id']), visitId: str(b['visit_id']), patientId: str(b['patient_id']), patientName: str(b['name']), recordNo: str(b['record_no']),
      kind: str(b['kind']) as NonNullable<View<'bill_overpaid'>['bill']>['kind'], status: str(b['status']) as NonNullable<View<'bill_overpaid'>['bill']>['status'],
      totalFen, paidFen, refundedFen: num(b['refunded']), overFen: Math.max(0, paidFen - totalFen),
    },
  };
}

/**
 * What a task marked handled keeps (`reviews.resolve`): the note, who, when, and each line's
 * handed-over quantity then, so that detection opens the task again only if more is dispensed.
 */
export function handledMark(task: ReviewTask, by: { note: string; by: string; at: number }): Record<string, unknown> {
  const items = Array.isArray(task.details['items']) ? (task.details['items'] as Raw[]) : [];
  const sides = task.details['sides'];
  return { ...by, dispensed: Object.fromEntries(items.map((i) => [str(i['itemId']), num(i['dispensed'])])), ...(Array.isArray(sides) ? { sides } : {}) };
}

export async function handledView(db: Db, task: ReviewTask): Promise<View<'prescription_dispensed_twice'>['handled']> {
  const h = task.details['handled'];
  if (typeof h !== 'object' || h === null) return null;
  const mark = h as Raw;
  const name = (await db.query<Raw>(`SELECT ${personOf('$1')} AS name`, [str(mark['by'])])).rows[0]?.['name'];
  return { note: str(mark['note']), byName: str(name), at: num(mark['at']) };
}

export async function dispensedTwiceView(db: Db, task: ReviewTask, common: Common): Promise<View<'prescription_dispensed_twice'>> {
  const rxId = str(task.details['prescriptionId']);
  const rx = (await db.query<Raw>(`
    SELECT r.id, r.rx_no, r.visit_id, r.patient_id, p.name, p.record_no, r.status, r.dispensed_at
    FROM prescriptions r LEFT JOIN patients p ON p.id = r.patient_id WHERE r.id = $1`, [rxId])).rows[0];
  const lines = (await db.query<Raw>(`
    SELECT pi.id, pi.drug_id, d.name, d.spec, d.unit, pi.quantity,
      -(SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m WHERE m.ref_id = pi.id AND m.kind IN ('dispense', 'return')) AS dispensed
    FROM prescription_items pi LEFT JOIN drugs d ON d.id = pi.drug_id
    WHERE pi.prescription_id = $1 AND coalesce(pi.removed, 0) = 0 ORDER BY pi.seq, pi.id`, [rxId])).rows.map((r) => ({
    itemId: str(r['id']), drugId: str(r['drug_id']), drugName: str(r['name']), spec: str(r['spec']), unit: str(r['unit']),
    prescribed: num(r['quantity']), dispensed: num(r['dispensed']),
  }));
  const movements = (await db.query<Raw>(`
    SELECT m.id, m.ref_id, m.kind, sb.batch_no, m.quantity, m.created_at, ${personOf('m.by_account')} AS by_name,
      (SELECT c.device FROM hub_changes c WHERE c.table_name = 'stock_movements' AND c.row_id = m.id AND c.op = 'insert' ORDER BY c.seq LIMIT 1) AS device
    FROM stock_movements m JOIN prescription_items pi ON pi.id = m.ref_id LEFT JOIN stock_batches sb ON sb.id = m.batch_id
    WHERE pi.prescription_id = $1 AND m.kind IN ('dispense', 'return') ORDER BY m.created_at, m.id`, [rxId])).rows.map((r) => ({
    id: str(r['id']), itemId: str(r['ref_id']), kind: r['kind'] === 'return' ? 'return' as const : 'dispense' as const, batchNo: str(r['batch_no']),
    quantity: num(r['quantity']), byName: str(r['by_name']), device: r['device'] === null || r['device'] === undefined ? null : str(r['device']),
    createdAt: num(r['created_at']),
  }));
  const prescription = rx ? {
    id: str(rx['id']), rxNo: str(rx['rx_no']), visitId: str(rx['visit_id']), patientId: str(rx['patient_id']), patientName: str(rx['name']),
    recordNo: str(rx['record_no']), status: str(rx['status']) as NonNullable<View<'prescription_dispensed_twice'>['prescription']>['status'],
    dispensedAt: numOrNull(rx['dispensed_at']),
  } : null;
  return { ...common, kind: 'prescription_dispensed_twice', prescription, lines, movements, handled: await handledView(db, task) };
}
