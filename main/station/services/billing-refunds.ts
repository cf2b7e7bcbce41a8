/** Refunds: reversal rows against the payments of a bill, never edits. */
import { and, asc, eq, gte, lt, or } from 'drizzle-orm';
import { bills, refunds, visits } from '../../../db/schema';
import { assertRefundChannel, planRefund, type RefundChannel } from '../../domain/billing';
import { DomainError } from '../../domain/errors';
import { assertTransition, billLifecycle } from '../../domain/lifecycle';
import { sumFen } from '../../domain/money';
import { refundNo } from '../../domain/numbers';
import { accountOf, type RequestContext } from '../context';
import { balanceOf, billItemsOf, deliveredItems, ledgerOf, loadBill } from './billing-bills';
import { loadVisit, todayOf } from './frontdesk-visits';
import { keyedId } from '../keyed-id';
import { freeNumber } from '../free-number';

export interface RefundRequest {
  billId: string;
  amountFen: number;
  reason: string;
  paymentId?: string | undefined;
  idempotencyKey: string;
}

/**
 * The refund rows a key has made: the first carries the key itself, the next ones `key#2`, `key#3`
 * (one refund may reverse several payments).
 */
function rowsOfKey(ctx: RequestContext, key: string) {
  return ctx.db.select().from(refunds)
    .where(or(eq(refunds.idempotencyKey, key), and(gte(refunds.idempotencyKey, `${key}#`), lt(refunds.idempotencyKey, `${key}$`))))
    .orderBy(asc(refunds.createdAt), asc(refunds.idempotencyKey)).all();
}

/**
 * Refunds `amountFen` of a bill back to its payments (newest first, or the one named), with a
 * reason. Refusals: NOT_FOUND; ILLEGAL_TRANSITION when the bill is void or already refunded;
 * CONFLICT 'cancel_visit_to_refund' for a registration fee of a visit still waiting (unless
 * `viaCancel`); REFUND_EXCEEDS_PAID; ALREADY_DELIVERED when the amount would reach what was handed
 * over; CONFLICT 'refund_online' / 'counter_payment' when a part would go out by the wrong
 * channel (the till by default). A bill left with nothing paid → refunded (if it was paid); a refunded registration fee →
 * visit.feeStatus 'refunded'. The same key again returns the first refund rows (`replayed`).
 */
export function refundBill(
  ctx: RequestContext, req: RefundRequest, opts: { viaCancel?: boolean; channel?: RefundChannel } = {},
): { refundIds: string[]; replayed: boolean } {
  const earlier = rowsOfKey(ctx, req.idempotencyKey);
  if (earlier.length > 0) {
    if (earlier[0]!.billId === req.billId && sumFen(earlier.map((r) => r.amountFen)) === req.amountFen) {
      return { refundIds: earlier.map((r) => r.id), replayed: true };
    }
    throw new DomainError('CONFLICT', 'this idempotency key was used for another refund', { field: 'idempotencyKey', reason: 'key_reused' });
  }
  const bill = loadBill(ctx, req.billId);
  if (bill.status !== 'open' && bill.status !== 'paid') {
    throw new DomainError('ILLEGAL_TRANSITION', `a ${bill.status} bill cannot be refunded`, { entity: 'bill', from: bill.status, to: 'refunded' });
  }
  // A fee paid online goes back through the gateway first (the desk then cancels a visit with nothing left to refund).
  if (!opts.viaCancel && opts.channel !== 'gateway' && bill.kind === 'registration' && loadVisit(ctx, bill.visitId).status === 'waiting') {
    throw new DomainError('CONFLICT', 'a registration fee is refunded by cancelling the waiting visit', {
      reason: 'cancel_visit_to_refund', visitId: bill.visitId,
    });
  }
  const ledger = ledgerOf(ctx, bill.id);
  const refundedBy = new Map<string, number>();
  for (const r of ledger.refunds) refundedBy.set(r.paymentId, (refundedBy.get(r.paymentId) ?? 0) + r.amountFen);
  const plan = planRefund(
    ledger.payments.map((p) => ({ id: p.id, method: p.method, amountFen: p.amountFen, refundedFen: refundedBy.get(p.id) ?? 0, createdAt: p.createdAt })),
    req.amountFen,
    req.paymentId,
  );
  assertRefundChannel(opts.channel ?? 'counter', ledger.payments, plan, req.paymentId === undefined ? 'amountFen' : 'paymentId');
  const balance = balanceOf(ctx, bill);
  if (!opts.viaCancel) {
    const delivered = deliveredItems(ctx, bill, billItemsOf(ctx, bill.id));
    const refundableFen = Math.max(0, balance.paidFen - sumFen(delivered.map((i) => i.amountFen)));
    if (req.amountFen > refundableFen) {
      throw new DomainError('ALREADY_DELIVERED', 'part of this bill was handed over (dispensed, examined or seen) and cannot be refunded', {
        field: 'amountFen', refundableFen, delivered: delivered.map((i) => ({ itemId: i.id, kind: i.kind, refId: i.refId, amountFen: i.amountFen })),
      });
    }
  }
  const today = todayOf(ctx);
  const cashierId = accountOf(ctx).id;
  const refundIds = plan.map((part, i) => {
    const key = i === 0 ? req.idempotencyKey : `${req.idempotencyKey}#${i + 1}`;
    // Keyed by the idempotency key (and part): one refund sent from two desks while apart is one ledger row.
    const id = ctx.write.insert(refunds, {
      id: keyedId('refunds', key),
      billId: bill.id,
      paymentId: part.paymentId,
      refundNo: freeNumber(ctx.raw, ctx.nextSeq, `refund:${today}`, (n) => refundNo(ctx.device, today, n), { table: 'refunds', column: 'refund_no' }),
      method: part.method,
      amountFen: part.amountFen,
      reason: req.reason,
      idempotencyKey: key,
      cashierId,
      device: ctx.device,
      dayCloseId: null,
      createdAt: ctx.now(),
    });
    ctx.audit('create', 'refund', id, bill.patientId);
    return id;
  });
  const after = balanceOf(ctx, bill);
  if (after.paidFen === 0 && bill.status === 'paid') {
    assertTransition(billLifecycle, bill.status, 'refunded');
    ctx.write.update(bills, bill.id, { status: 'refunded' });
    if (billItemsOf(ctx, bill.id).some((i) => i.kind === 'registration')) {
      ctx.write.update(visits, bill.visitId, { feeStatus: 'refunded' });
    }
  }
  return { refundIds, replayed: false };
}
