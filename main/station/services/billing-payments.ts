/** Taking a payment on a bill: one ledger row per method, one receipt number per payment, idempotent by key. */
import { and, asc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { payments } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { perConnection } from '../../../db/statement-cache';
import { billBalance, checkPayment, type CheckedPayment } from '../../domain/billing';
import { PAYMENT_METHODS, type PaymentMethod, type PaymentMethodBuiltIn } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { receiptNo } from '../../domain/numbers';
import { accountOf, type RequestContext } from '../context';
import { assertPaymentMethodEnabled } from '../settings';
import { dictionaryChoice } from './dictionary';
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

export interface PaymentPart {
  method: PaymentMethod;
  amountFen: number;
  tenderedFen?: number | undefined;
  reference?: string | undefined;
}

/** One payment of a bill in one or more methods (card + cash), taken at once under one receipt number. */
export interface PartsRequest {
  billId: string;
  parts: PaymentPart[];
  idempotencyKey: string;
}

const partsOfKey = perConnection((db: Db) => db.select().from(payments).where(or(
  eq(payments.idempotencyKey, sql.placeholder('key')),
  and(gte(payments.idempotencyKey, sql.placeholder('from')), lt(payments.idempotencyKey, sql.placeholder('to'))),
)).orderBy(asc(payments.idempotencyKey)).prepare());

/** The key of part `i` (from 0): the first part carries the request's key, the next ones `key#2`, `key#3`. */
const partKey = (key: string, i: number) => (i === 0 ? key : `${key}#${i + 1}`);

/**
 * Takes a payment. The same idempotency key again returns the first payment (`replayed`) without a
 * new row, provided it names the same bill, method and amount (else CONFLICT {field:
 * 'idempotencyKey'}). Refusals: those of takePayments.
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
  const { billId, idempotencyKey, ...part } = req;
  const taken = takePayments(ctx, { billId, idempotencyKey, parts: [part] }, opts);
  return { paymentId: taken.paymentIds[0]!, replayed: taken.replayed };
}

/**
 * A method a new payment may use: an active payment_method entry of the data dictionary, or a
 * built-in method without an entry (VALIDATION {field: 'method', reason: 'unknown_code' |
 * 'inactive'} otherwise); a built-in one also switched on in the clinic's settings
 * (PAYMENT_METHOD_DISABLED).
 */
export function assertPaymentMethod(ctx: Pick<RequestContext, 'db' | 'settings'>, method: string): void {
  dictionaryChoice(ctx, 'payment_method', method, 'method', PAYMENT_METHODS, true);
  if ((PAYMENT_METHODS as readonly string[]).includes(method)) assertPaymentMethodEnabled(ctx.settings, method as PaymentMethodBuiltIn);
}

/**
 * Takes a payment in one or more methods at once: one ledger row per part (keyed by the request's
 * key and the part), all under one receipt number, so a bill paid by card and cash together has
 * one receipt. The same key again returns the first rows (`replayed`) when the parts are the same
 * (else CONFLICT {field: 'idempotencyKey', reason: 'key_reused'}). Refusals: VALIDATION {field:
 * 'parts'} for no part or a method named twice; VALIDATION {field: 'parts.N.method'} for a method
 * the data dictionary does not have or has stopped (assertPaymentMethod); PAYMENT_METHOD_DISABLED {field: 'parts.N.method'}
 * when the clinic's settings switched the method off; NOT_FOUND bill; FORBIDDEN when
 * `registrationOnly` and the bill is not a registration bill; ILLEGAL_TRANSITION when the bill is
 * not open; CONFLICT 'bill_out_of_date'; OVERPAYMENT, INVALID_MONEY, VALIDATION from checkPayment
 * (each part against what the parts before it left due). Nothing is written when refused.
 */
export function takePayments(
  ctx: RequestContext, req: PartsRequest, opts: { registrationOnly?: boolean } = {},
): { paymentIds: string[]; receiptNo: string; replayed: boolean } {
  const earlier = partsOfKey(ctx.db).all({ key: req.idempotencyKey, from: `${req.idempotencyKey}#`, to: `${req.idempotencyKey}$` });
  if (earlier.length > 0) {
    const same = earlier.length === req.parts.length && earlier.every((e) => e.billId === req.billId)
      && req.parts.every((p, i) => earlier.some((e) => e.idempotencyKey === partKey(req.idempotencyKey, i) && e.method === p.method && e.amountFen === p.amountFen));
    if (!same) {
      throw new DomainError('CONFLICT', 'this idempotency key was used for another payment', {
        field: 'idempotencyKey', reason: 'key_reused', paymentId: earlier[0]!.id,
      });
    }
    return { paymentIds: earlier.map((e) => e.id), receiptNo: earlier[0]!.receiptNo, replayed: true };
  }
  if (req.parts.length === 0) throw new DomainError('VALIDATION', 'a payment has at least one part', { field: 'parts' });
  const methods = new Set(req.parts.map((p) => p.method));
  if (methods.size !== req.parts.length) {
    throw new DomainError('VALIDATION', 'each method is named once in a payment', { field: 'parts', reason: 'duplicate_method' });
  }
  // A replay above still answers after a method was switched off; a new payment may not use it.
  req.parts.forEach((p, i) => {
    try {
      assertPaymentMethod(ctx, p.method);
    } catch (e) {
      if (e instanceof DomainError && req.parts.length > 1) throw new DomainError(e.code, e.message, { ...e.details, field: `parts.${i}.method` });
      throw e;
    }
  });
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
  const taken: CheckedPayment[] = [];
  req.parts.forEach((part, i) => {
    try {
      taken.push(checkPayment(billBalance(bill, [...ledger.payments, ...taken], ledger.refunds), part));
    } catch (e) {
      if (e instanceof DomainError && req.parts.length > 1) {
        const field = typeof e.details?.['field'] === 'string' ? `parts.${i}.${e.details['field']}` : `parts.${i}`;
        throw new DomainError(e.code, e.message, { ...e.details, field });
      }
      throw e;
    }
  });
  const today = todayOf(ctx);
  const number = freeNumber(ctx.raw, ctx.nextSeq, `receipt:${today}`, (n) => receiptNo(ctx.device, today, n), { table: 'payments', column: 'receipt_no' });
  const cashierId = accountOf(ctx).id;
  const now = ctx.now();
  const paymentIds = taken.map((checked, i) => {
    const key = partKey(req.idempotencyKey, i);
    // Keyed by the idempotency key: the same payment sent from two desks while apart is one ledger row.
    const paymentId = ctx.write.insert(payments, {
      id: keyedId('payments', key),
      billId: bill.id,
      receiptNo: number,
      method: checked.method,
      amountFen: checked.amountFen,
      tenderedFen: checked.tenderedFen,
      changeFen: checked.changeFen,
      reference: checked.reference,
      idempotencyKey: key,
      cashierId,
      device: ctx.device,
      dayCloseId: null,
      createdAt: now,
    });
    ctx.audit('create', 'payment', paymentId, bill.patientId);
    return paymentId;
  });
  // Settling needs the bill (still open: only these payments were written), its items and the ledger with them: all at hand.
  settleIfPaid(ctx, bill.id, { bill, items, balance: billBalance(bill, [...ledger.payments, ...taken], ledger.refunds) });
  return { paymentIds, receiptNo: number, replayed: false };
}
