/**
 * Money and stock that offline desks could not keep from being taken twice (DESIGN.md: what offline
 * work cannot prevent becomes a task for a person):
 * - bill_overpaid: two cashiers, each offline, took the payment of the same bill. The ledger is
 *   insert-only, so both payments stand; payments less refunds now exceed the bill's total. A
 *   refund of the extra (`billing.refund`, at a cash desk) brings it back and resolves the task.
 * - prescription_dispensed_twice: two pharmacists, each offline, dispensed the same prescription,
 *   so stock was taken twice. A line's handed-over quantity (its 'dispense' movements less its
 *   'return' movements, which both name the prescription item in `ref_id`) exceeds what was
 *   prescribed. Taking the extra back (`pharmacy.returnItem`) resolves it; so does a person
 *   marking it handled (`reviews.resolve`), until more is dispensed.
 * Read with SQL from the hub's typed tables (current: the append that led here updated them in
 * its transaction), the same on PGlite and PostgreSQL; sums come back as text or bigint there.
 */
import { num } from './stats/range';
import type { SequencedChangeT } from '../sync/protocol';
import { setTask } from './detect-task';
import type { DetectionStore } from './store';

type Raw = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** Where a row was written: the device of the change that inserted it (stock movements have no device column). */
const insertedOn = (table: string, alias: string) =>
  `(SELECT c.device FROM hub_changes c WHERE c.table_name = '${table}' AND c.row_id = ${alias}.id AND c.op = 'insert' ORDER BY c.seq LIMIT 1)`;

export const OVERPAID = 'bill_overpaid:';
export const DISPENSED_TWICE = 'prescription_dispensed_twice:';

async function checkBill(store: DetectionStore, billId: string, now: number): Promise<void> {
  const bill = (await store.query<Raw>(`
    SELECT b.id, b.visit_id, b.patient_id, b.total_fen,
      (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p WHERE p.bill_id = b.id) AS paid,
      (SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r WHERE r.bill_id = b.id) AS refunded
    FROM bills b WHERE b.id = $1`, [billId])).rows[0];
  if (!bill) return; // the bill's own row has not reached the hub yet: its insert re-checks
  const totalFen = num(bill['total_fen']);
  const paidFen = num(bill['paid']) - num(bill['refunded']);
  let details: Record<string, unknown> | null = null;
  if (paidFen > totalFen) {
    const payments = (await store.query<Raw>(
      'SELECT id, amount_fen, method, device, created_at FROM payments WHERE bill_id = $1 ORDER BY created_at, id', [billId])).rows
      .map((p) => ({ id: String(p['id']), amountFen: num(p['amount_fen']), method: String(p['method']), device: String(p['device']), createdAt: num(p['created_at']) }));
    details = {
      billId, visitId: String(bill['visit_id']), patientId: String(bill['patient_id']), totalFen, paidFen, overFen: paidFen - totalFen,
      refundedFen: num(bill['refunded']), payments,
    };
  }
  await setTask(store, `${OVERPAID}${billId}`, 'bill_overpaid', details, now);
}

async function checkPrescription(store: DetectionStore, prescriptionId: string, now: number): Promise<void> {
  const rx = (await store.query<Raw>('SELECT id, patient_id FROM prescriptions WHERE id = $1', [prescriptionId])).rows[0];
  if (!rx) return;
  const items = (await store.query<Raw>(`
    SELECT pi.id, pi.drug_id, d.name AS drug, pi.quantity,
      -(SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m WHERE m.ref_id = pi.id AND m.kind IN ('dispense', 'return')) AS dispensed
    FROM prescription_items pi LEFT JOIN drugs d ON d.id = pi.drug_id
    WHERE pi.prescription_id = $1 ORDER BY pi.seq, pi.id`, [prescriptionId])).rows
    .map((r) => ({ itemId: String(r['id']), drugId: String(r['drug_id']), drug: str(r['drug']) ?? '', prescribed: num(r['quantity']), dispensed: num(r['dispensed']) }));
  let details: Record<string, unknown> | null = null;
  if (items.some((i) => i.dispensed > i.prescribed)) {
    const movements = (await store.query<Raw>(`
      SELECT m.id, m.ref_id, m.kind, m.quantity, m.created_at, ${insertedOn('stock_movements', 'm')} AS device
      FROM stock_movements m JOIN prescription_items pi ON pi.id = m.ref_id
      WHERE pi.prescription_id = $1 AND m.kind IN ('dispense', 'return') ORDER BY m.created_at, m.id`, [prescriptionId])).rows
      .map((m) => ({
        id: String(m['id']), itemId: String(m['ref_id']), kind: String(m['kind']), device: str(m['device']),
        quantity: num(m['quantity']), createdAt: num(m['created_at']),
      }));
    details = { prescriptionId, patientId: String(rx['patient_id']), items, movements };
  }
  const key = `${DISPENSED_TWICE}${prescriptionId}`;
  // Marked handled by a person (`reviews.resolve`, the extra gone for good): it stays resolved unless more was handed over since.
  const existing = await store.getTask(key);
  const handled = existing?.details['handled'];
  if (details && existing && typeof handled === 'object' && handled !== null) {
    const then = (handled as { dispensed?: Record<string, unknown> }).dispensed ?? {};
    if (!items.some((i) => i.dispensed > num(then[i.itemId] ?? i.prescribed))) {
      await store.putTask({ ...existing, details: { ...details, handled }, updatedAt: now });
      return;
    }
  }
  await setTask(store, key, 'prescription_dispensed_twice', details, now);
}

/** Prescriptions of these items, one query per 500. */
async function prescriptionsOf(store: DetectionStore, itemIds: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    const res = await store.query<Raw>(
      `SELECT DISTINCT prescription_id FROM prescription_items WHERE id IN (${chunk.map((_, k) => `$${k + 1}`).join(', ')})`, chunk);
    for (const r of res.rows) out.add(String(r['prescription_id']));
  }
  return [...out];
}

/**
 * Re-checks the bills whose money moved (a payment or refund written, a bill's total or items
 * changed) and the prescriptions a dispense or return names. A day close stamping payments
 * (`day_close_id`) changes no amount and re-checks nothing.
 */
export async function detectMoneyAndStock(store: DetectionStore, fresh: readonly SequencedChangeT[], now: number): Promise<void> {
  const bills = new Set<string>();
  const items = new Set<string>();
  for (const c of fresh) {
    if (c.table === 'payments' || c.table === 'refunds' || c.table === 'bill_items') {
      if (!('amount_fen' in c.columns) && !('bill_id' in c.columns)) continue;
      const billId = c.columns['bill_id'] ?? (await store.row(c.table, c.rowId))?.values['bill_id'];
      if (typeof billId === 'string') bills.add(billId);
    } else if (c.table === 'bills' && 'total_fen' in c.columns) {
      bills.add(c.rowId);
    } else if (c.table === 'stock_movements' && c.op === 'insert') {
      const kind = c.columns['kind'];
      const ref = c.columns['ref_id'];
      if ((kind === 'dispense' || kind === 'return') && typeof ref === 'string') items.add(ref);
    }
  }
  for (const b of bills) await checkBill(store, b, now);
  for (const p of await prescriptionsOf(store, [...items])) await checkPrescription(store, p, now);
}
