/** Taking a payment on a bill: one ledger row with its receipt number, idempotent by key. */
import { eq, sql } from 'drizzle-orm';
import { payments } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { perConnection } from '../../../db/statement-cache';
import { billBalance, checkPayment } from '../../domain/billing';
import type { PaymentMethod } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { receiptNo } from '../../domain/numbers';
import { accountOf, type RequestContext } from '../context';
import { assertPaymentMethodEnabled } from '../settings';
import { assertBillCurrent, billItemsOf, ledgerOf, loadBill, settleIfPaid } from './billing-bills';
import { todayOf } from './frontdesk-visits';
import { keyedId } from '../keyed-id';
import { freeNumber } from '../free-number';

export interface PayRequest {
  billId: string;
  method: PaymentMethod;
  amountFen: number;
  tenderedFen?: number | undefined;
  reference?: string | undefined;
  idempotencyKey: string;
}

const byKey = perConnection((db: Db) => db.select().from(payments).where(eq(payments.idempotencyKey, sql.placeholder('key'))).prepare());

/**
 * Takes a payment. The same idempotency key again returns the first payment (`replayed`) without a
 * new row, provided it names the same bill, method and amount (else CONFLICT {field:
 * 'idempotencyKey'}). Refusals: PAYMENT_METHOD_DISABLED {field: 'method'} when the clinic's settings
 * switched the method off; NOT_FOUND bill; FORBIDDEN when `registrationOnly` and the bill is
 * not a registration bill; ILLEGAL_TRANSITION when the bill is not open; CONFLICT
 * 'bill_out_of_date'; OVERPAYMENT, INVALID_MONEY, VALIDATION from checkPayment.
 */
export function takePayment(
  ctx: RequestContext, req: PayRequest, opts: { registrationOnly?: boolean } = {},
): { paymentId: string; replayed: boolean } {
  const earlier = byKey(ctx.db).get({ key: req.idempotencyKey });
  if (earlier) {
    if (earlier.billId === req.billId && earlier.method === req.method && earlier.amountFen === req.amountFen) {
      return { paymentId: earlier.id, replayed: true };
    }
    throw new DomainError('CONFLICT', 'this idempotency key was used for another payment', {
      field: 'idempotencyKey', reason: 'key_reused', paymentId: earlier.id,
    });
  }
  // A replay above still answers after the method was switched off; a new payment may not use it.
  assertPaymentMethodEnabled(ctx.settings, req.method);
  const bill = loadBill(ctx, req.billId);
  if (opts.registrationOnly && bill.kind !== 'registration') {
    throw new DomainError('FORBIDDEN', 'the front desk takes registration fees only; the cashier takes this bill', {
      reason: 'registration_only', billId: bill.id, kind: bill.kind,
    });
  }
  if (bill.status !== 'open') {
    throw new DomainError('ILLEGAL_TRANSITION', `a ${bill.status} bill takes no payment`, { entity: 'bill', from: bill.status, to: 'paid' });
  }
  const items = billItemsOf(ctx, bill.id);
  assertBillCurrent(ctx, bill, items);
  const ledger = ledgerOf(ctx, bill.id);
  const checked = checkPayment(billBalance(bill, ledger.payments, ledger.refunds), req);
  const today = todayOf(ctx);
  // Keyed by the idempotency key: the same payment sent from two desks while apart is one ledger row.
  const paymentId = ctx.write.insert(payments, {
    id: keyedId('payments', req.idempotencyKey),
    billId: bill.id,
    receiptNo: freeNumber(ctx.raw, ctx.nextSeq, `receipt:${today}`, (n) => receiptNo(ctx.device, today, n), { table: 'payments', column: 'receipt_no' }),
    method: checked.method,
    amountFen: checked.amountFen,
    tenderedFen: checked.tenderedFen,
    changeFen: checked.changeFen,
    reference: checked.reference,
    idempotencyKey: req.idempotencyKey,
    cashierId: accountOf(ctx).id,
    device: ctx.device,
    dayCloseId: null,
    createdAt: ctx.now(),
  });
  ctx.audit('create', 'payment', paymentId, bill.patientId);
  // Settling needs the bill (still open: only this payment was written), its items and the ledger with this payment: all at hand.
  settleIfPaid(ctx, bill.id, { bill, items, balance: billBalance(bill, [...ledger.payments, checked], ledger.refunds) });
  return { paymentId, replayed: false };
}
