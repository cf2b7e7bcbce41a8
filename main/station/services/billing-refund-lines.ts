/**
 * Refunds by line: some units of some items of a paid bill, with a reason. The money goes back to
 * the payments it came from (main/domain/refund-lines.ts: in proportion, insurance to insurance),
 * one refund row per payment, all under one refund number (one slip); what was refunded is kept
 * line by line in refund_items. A line refunded in full cancels its charge: an exam order →
 * cancelled; a prescription line is not handed over (the pharmacy reads refund_items; a part
 * quantity hands over the rest).
 */
import { and, asc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { bills, examOrders, refundItems, refunds } from '../../../db/schema';
import { assertRefundChannel, type RefundablePayment, type RefundChannel } from '../../domain/billing';
import { DomainError } from '../../domain/errors';
import { assertTransition, billLifecycle, examOrderLifecycle } from '../../domain/lifecycle';
import { refundNo } from '../../domain/numbers';
import { planLineRefund, splitOverPayments, type LineRequest } from '../../domain/refund-lines';
import { sumFen } from '../../domain/money';
import { accountOf, type RequestContext } from '../context';
import { keyedId } from '../keyed-id';
import { balanceOf, billItemsOf, deliveredItems, ledgerOf, loadBill } from './billing-bills';
import { loadVisit, todayOf } from './frontdesk-visits';

export interface LineRefundRequest {
  billId: string;
  lines: LineRequest[];
  reason: string;
  idempotencyKey: string;
}

/** Units of each bill item refunded so far, by bill item id. */
export function refundedQuantities(ctx: Pick<RequestContext, 'db'>, billId: string): Map<string, number> {
  const rows = ctx.db.select({ itemId: refundItems.billItemId, n: sql<number>`sum(${refundItems.quantity})` })
    .from(refundItems).where(eq(refundItems.billId, billId)).groupBy(refundItems.billItemId).all();
  return new Map(rows.map((r) => [r.itemId, Number(r.n)]));
}

/** Units of a charge (prescription item, exam order) refunded on bills that are not void. */
export function refundedQuantityOf(ctx: Pick<RequestContext, 'db'>, refId: string): number {
  return ctx.db.get<{ n: number }>(sql`SELECT coalesce(sum(ri.quantity), 0) AS n FROM refund_items ri
    JOIN bills b ON b.id = ri.bill_id WHERE ri.ref_id = ${refId} AND b.status <> 'void'`).n;
}

function refundRowsOfKey(ctx: RequestContext, key: string) {
  return ctx.db.select().from(refunds)
    .where(or(eq(refunds.idempotencyKey, key), and(gte(refunds.idempotencyKey, `${key}#`), lt(refunds.idempotencyKey, `${key}$`))))
    .orderBy(asc(refunds.idempotencyKey)).all();
}

/**
 * Refunds lines of a paid bill. Refusals: NOT_FOUND bill; BILL_NOT_PAID for an open bill (its
 * money goes back by amount); ILLEGAL_TRANSITION for a void or refunded bill; CONFLICT
 * 'cancel_visit_to_refund' for the registration fee of a visit still waiting; and those of
 * planLineRefund / splitOverPayments (VALIDATION, NOT_FOUND line, ALREADY_DELIVERED,
 * ALREADY_REFUNDED, REFUND_EXCEEDS_PAID). The same key again answers the first refund
 * (`replayed`) when it names the same bill and lines, else CONFLICT 'key_reused'.
 */
export function refundLines(ctx: RequestContext, req: LineRefundRequest, channel: RefundChannel = 'counter'): { refundIds: string[]; replayed: boolean } {
  const earlier = ctx.db.select().from(refundItems).where(eq(refundItems.refundKey, req.idempotencyKey)).all();
  if (earlier.length > 0) {
    const same = earlier[0]!.billId === req.billId && earlier.length === req.lines.length
      && req.lines.every((l) => earlier.some((e) => e.billItemId === l.itemId && e.quantity === l.quantity));
    if (!same) throw new DomainError('CONFLICT', 'this idempotency key was used for another refund', { field: 'idempotencyKey', reason: 'key_reused' });
    return { refundIds: refundRowsOfKey(ctx, req.idempotencyKey).map((r) => r.id), replayed: true };
  }
  if (refundRowsOfKey(ctx, req.idempotencyKey).length > 0) {
    throw new DomainError('CONFLICT', 'this idempotency key was used for another refund', { field: 'idempotencyKey', reason: 'key_reused' });
  }
  const bill = loadBill(ctx, req.billId);
  if (bill.status === 'open') {
    throw new DomainError('BILL_NOT_PAID', 'lines are refunded from a bill paid in full; money on an open bill is refunded by amount', {
      field: 'billId', billId: bill.id,
    });
  }
  if (bill.status !== 'paid') {
    throw new DomainError('ILLEGAL_TRANSITION', `a ${bill.status} bill cannot be refunded`, { entity: 'bill', from: bill.status, to: 'refunded' });
  }
  const items = billItemsOf(ctx, bill.id);
  const named = new Set(req.lines.map((l) => l.itemId));
  if (channel !== 'gateway' && items.some((i) => i.kind === 'registration' && named.has(i.id)) && loadVisit(ctx, bill.visitId).status === 'waiting') {
    throw new DomainError('CONFLICT', 'a registration fee is refunded by cancelling the waiting visit', {
      reason: 'cancel_visit_to_refund', visitId: bill.visitId,
    });
  }
  const delivered = new Set(deliveredItems(ctx, bill, items).map((i) => i.id));
  const refunded = refundedQuantities(ctx, bill.id);
  const plan = planLineRefund(items.map((i) => ({
    id: i.id, kind: i.kind, quantity: i.quantity, amountFen: i.amountFen, insuranceFen: i.insuranceFen,
    refundedQuantity: refunded.get(i.id) ?? 0, delivered: delivered.has(i.id),
  })), req.lines);
  const ledger = ledgerOf(ctx, bill.id);
  const refundedBy = new Map<string, number>();
  for (const r of ledger.refunds) refundedBy.set(r.paymentId, (refundedBy.get(r.paymentId) ?? 0) + r.amountFen);
  const pool: RefundablePayment[] = ledger.payments.map((p) => ({
    id: p.id, method: p.method, amountFen: p.amountFen, refundedFen: refundedBy.get(p.id) ?? 0, createdAt: p.createdAt,
  }));
  const insuranceFen = sumFen(plan.map((l) => l.insuranceFen));
  const parts = splitOverPayments(pool, { insuranceFen, selfPayFen: sumFen(plan.map((l) => l.amountFen)) - insuranceFen });
  assertRefundChannel(channel, ledger.payments, parts, 'lines');

  const today = todayOf(ctx);
  const number = refundNo(ctx.device, today, ctx.nextSeq(`refund:${today}`));
  const cashierId = accountOf(ctx).id;
  const now = ctx.now();
  const refundIds = parts.map((part, i) => {
    const key = i === 0 ? req.idempotencyKey : `${req.idempotencyKey}#${i + 1}`;
    const id = ctx.write.insert(refunds, {
      id: keyedId('refunds', key), billId: bill.id, paymentId: part.paymentId, refundNo: number, method: part.method,
      amountFen: part.amountFen, reason: req.reason, idempotencyKey: key, cashierId, device: ctx.device, dayCloseId: null, createdAt: now,
    });
    ctx.audit('create', 'refund', id, bill.patientId);
    return id;
  });
  for (const line of plan) {
    const item = items.find((i) => i.id === line.itemId)!;
    ctx.write.insert(refundItems, {
      id: keyedId('refund_items', `${req.idempotencyKey}\u0000${item.id}`), billId: bill.id, billItemId: item.id, refId: item.refId,
      quantity: line.quantity, amountFen: line.amountFen, insuranceFen: line.insuranceFen, refundKey: req.idempotencyKey,
      device: ctx.device, createdAt: now,
    });
    const whole = (refunded.get(item.id) ?? 0) + line.quantity === item.quantity;
    if (whole && item.kind === 'exam' && item.refId) {
      const order = ctx.db.select({ status: examOrders.status, patientId: examOrders.patientId }).from(examOrders).where(eq(examOrders.id, item.refId)).get();
      if (order && order.status !== 'cancelled') {
        assertTransition(examOrderLifecycle, order.status, 'cancelled', 'refund_at_cashier');
        ctx.write.update(examOrders, item.refId, { status: 'cancelled' });
        ctx.audit('update', 'exam_order', item.refId, order.patientId);
      }
    }
  }
  if (balanceOf(ctx, bill).paidFen === 0) {
    assertTransition(billLifecycle, bill.status, 'refunded');
    ctx.write.update(bills, bill.id, { status: 'refunded' });
  }
  return { refundIds, replayed: false };
}
