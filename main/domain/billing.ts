/**
 * Billing rules as pure functions: how much insurance covers, what a bill still wants, whether a
 * payment fits, how a refund is spread over the payments it reverses, and the close-of-day sums.
 * All money is integer fen; nothing here reads or writes a database.
 */
import { DomainError, ensure } from './errors';
import type { InsuranceType, PaymentMethod } from './enums';
import { DICTIONARY_CODE, INSURANCE_CLASSES, PAYMENT_METHODS } from './enums';
import { allocateProportionally, assertFen, changeDue, splitInsurance, sumFen, type Fen } from './money';

/**
 * The cashier id of a payment taken online (Alipay, written at the hub): no person's close of day
 * holds it, and its money goes back only through the gateway (`billing.refundOnline`, at the hub).
 */
export const ONLINE_CASHIER_ID = 'online-alipay';

/**
 * Where a refund's money goes out: the counter's till (a desk's billing.refund, a cancelled visit)
 * or the payment gateway (the hub's billing.refundOnline). Money paid online never leaves a till
 * (the clinic never held it there), and the gateway gives back only what it took.
 */
export type RefundChannel = 'counter' | 'gateway';

/**
 * Checks a planned refund's parts against the channel before anything is written: CONFLICT
 * 'refund_online' for a counter refund reaching an online payment, 'counter_payment' for a
 * gateway refund reaching one taken at the counter.
 */
export function assertRefundChannel(
  channel: RefundChannel, payments: readonly { id: string; cashierId: string }[], parts: readonly { paymentId: string }[], field: string,
): void {
  const online = new Set(payments.filter((p) => p.cashierId === ONLINE_CASHIER_ID).map((p) => p.id));
  if (channel === 'counter') {
    const reached = [...new Set(parts.map((p) => p.paymentId).filter((id) => online.has(id)))];
    if (reached.length > 0) {
      throw new DomainError('CONFLICT', 'this refund reaches a payment made online: it is refunded through the gateway, at the hub', {
        reason: 'refund_online', paymentIds: reached, procedure: 'billing.refundOnline',
      });
    }
    return;
  }
  const counter = parts.find((p) => !online.has(p.paymentId));
  if (counter) {
    throw new DomainError('CONFLICT', 'part of this refund goes back to a payment taken at the counter: refund that part at the desk', {
      reason: 'counter_payment', paymentId: counter.paymentId, field,
    });
  }
}

/**
 * What a charge is, for insurance: a drug by its catalogue class (甲类 A, 乙类 B, none), an exam,
 * or the registration fee.
 */
export type CoverageClass = (typeof INSURANCE_CLASSES)[number] | 'exam' | 'registration';

/**
 * THE one table of the clinic's outpatient insurance policy: the share (per mille, so the
 * arithmetic stays whole numbers) that each kind of insurance settles at the counter for each
 * class of charge. The patient pays the rest.
 *   - self_pay: nothing is covered.
 *   - urban_employee (职工医保): class A drugs 70 %, class B 50 % (B carries a personal share
 *     first), exams 60 %.
 *   - urban_rural_resident (城乡居民医保): A 50 %, B 40 %, exams 40 %.
 *   - commercial insurance is claimed by the patient afterwards, so the counter settles nothing.
 *   - Drugs outside the catalogue (none) and the registration fee are never covered here.
 */
export const INSURANCE_COVERAGE_PERMILLE: Readonly<Record<InsuranceType, Readonly<Record<CoverageClass, number>>>> = {
  self_pay: { A: 0, B: 0, none: 0, exam: 0, registration: 0 },
  urban_employee: { A: 700, B: 500, none: 0, exam: 600, registration: 0 },
  urban_rural_resident: { A: 500, B: 400, none: 0, exam: 400, registration: 0 },
  commercial: { A: 0, B: 0, none: 0, exam: 0, registration: 0 },
};

export interface ChargeLine {
  amountFen: Fen;
  coverage: CoverageClass;
}

export interface BillSplit {
  totalFen: Fen;
  insuranceFen: Fen;
  selfPayFen: Fen;
  /** Insurance part of each line, in the order given; sums to insuranceFen, each ≤ its amount. */
  lineInsuranceFen: Fen[];
}

/**
 * The insurance/self-pay split of a bill. The insurance part is the exact sum of
 * amount × ratio over the lines, rounded down once for the whole bill (the patient never pays
 * a fen less than the policy says), then spread back over the lines in proportion to their
 * insured amounts, so the lines add up exactly and none is covered beyond its amount.
 */
export function computeBillSplit(lines: readonly ChargeLine[], insuranceType: InsuranceType): BillSplit {
  const ratios = INSURANCE_COVERAGE_PERMILLE[insuranceType];
  ensure(ratios !== undefined, 'VALIDATION', 'unknown insurance type', { field: 'insuranceType', value: insuranceType });
  const totalFen = sumFen(lines.map((l) => l.amountFen));
  // amount × permille stays exact: amounts are safe integers below 2^53 / 1000 for any real bill.
  const weights = lines.map((l, i) => {
    const ratio = ratios[l.coverage];
    ensure(ratio !== undefined, 'VALIDATION', 'unknown coverage class', { field: `lines.${i}.coverage`, value: l.coverage });
    return l.amountFen * ratio;
  });
  const insuredTimes1000 = weights.reduce((a, b) => a + b, 0);
  ensure(Number.isSafeInteger(insuredTimes1000), 'INVALID_MONEY', 'bill too large', { field: 'totalFen', value: totalFen });
  const insuranceFen = Math.floor(insuredTimes1000 / 1000);
  const lineInsuranceFen = insuranceFen === 0 ? lines.map(() => 0) : allocateProportionally(insuranceFen, weights);
  const split = splitInsurance(totalFen, insuranceFen);
  return { ...split, lineInsuranceFen };
}

export interface LedgerRow {
  method: PaymentMethod;
  amountFen: Fen;
}

export interface BillBalance {
  /** Payments less refunds, by part of the bill. */
  insurancePaidFen: Fen;
  selfPaidFen: Fen;
  paidFen: Fen;
  refundedFen: Fen;
  insuranceDueFen: Fen;
  selfPayDueFen: Fen;
  dueFen: Fen;
  fullyPaid: boolean;
}

/**
 * Where a bill stands. The insurance part is paid by 'insurance' payments only, the self-pay
 * part by every other method (cash, card, QR), so a receipt can always say who paid what.
 */
export function billBalance(
  bill: { insuranceFen: Fen; selfPayFen: Fen },
  payments: readonly LedgerRow[],
  refunds: readonly LedgerRow[],
): BillBalance {
  const net = (insurance: boolean) =>
    sumFen(payments.filter((p) => (p.method === 'insurance') === insurance).map((p) => p.amountFen)) -
    sumFen(refunds.filter((r) => (r.method === 'insurance') === insurance).map((r) => r.amountFen));
  const insurancePaidFen = net(true);
  const selfPaidFen = net(false);
  ensure(insurancePaidFen >= 0 && selfPaidFen >= 0, 'INTERNAL', 'refunds exceed payments on a bill');
  const insuranceDueFen = Math.max(0, bill.insuranceFen - insurancePaidFen);
  const selfPayDueFen = Math.max(0, bill.selfPayFen - selfPaidFen);
  return {
    insurancePaidFen,
    selfPaidFen,
    paidFen: insurancePaidFen + selfPaidFen,
    refundedFen: sumFen(refunds.map((r) => r.amountFen)),
    insuranceDueFen,
    selfPayDueFen,
    dueFen: insuranceDueFen + selfPayDueFen,
    fullyPaid: insuranceDueFen === 0 && selfPayDueFen === 0,
  };
}

export interface PaymentRequest {
  method: PaymentMethod;
  amountFen: number;
  tenderedFen?: number | undefined;
  reference?: string | undefined;
}

export interface CheckedPayment {
  method: PaymentMethod;
  amountFen: Fen;
  tenderedFen: Fen | null;
  changeFen: Fen | null;
  reference: string | null;
}

/**
 * Checks one payment against what the bill still wants: a positive amount; the insurance part
 * only by insurance and the self-pay part only by other methods (OVERPAYMENT {part, dueFen}
 * beyond it); cash may carry the amount tendered (change = tendered − amount, tendered below the
 * amount is INVALID_MONEY), other methods may not; a QR payment needs its transaction reference.
 * A clinic's own method (a payment_method entry of the data dictionary) is taken like card.
 */
export function checkPayment(balance: BillBalance, req: PaymentRequest): CheckedPayment {
  // Which codes exist is the data dictionary's (the station checks it first); here only the shape of a code.
  ensure(DICTIONARY_CODE.test(req.method), 'VALIDATION', 'unknown payment method', { field: 'method', value: req.method });
  assertFen(req.amountFen, 'amountFen');
  ensure(req.amountFen > 0, 'INVALID_MONEY', 'a payment must be more than zero', { field: 'amountFen', value: req.amountFen });
  const part = req.method === 'insurance' ? 'insurance' : 'self_pay';
  const dueFen = part === 'insurance' ? balance.insuranceDueFen : balance.selfPayDueFen;
  ensure(req.amountFen <= dueFen, 'OVERPAYMENT', `the payment exceeds what is due on the ${part} part`, {
    field: 'amountFen', part, dueFen, amountFen: req.amountFen,
  });
  const reference = req.reference?.trim() ? req.reference.trim() : null;
  if (req.method === 'qr') {
    ensure(reference !== null, 'VALIDATION', 'a QR-code payment needs its transaction reference', { field: 'reference' });
  }
  if (req.method === 'cash') {
    const tenderedFen = req.tenderedFen ?? req.amountFen;
    return { method: 'cash', amountFen: req.amountFen, tenderedFen, changeFen: changeDue(tenderedFen, req.amountFen), reference };
  }
  ensure(req.tenderedFen === undefined, 'VALIDATION', 'only cash is tendered', { field: 'tenderedFen', method: req.method });
  return { method: req.method, amountFen: req.amountFen, tenderedFen: null, changeFen: null, reference };
}

export interface RefundablePayment {
  id: string;
  method: PaymentMethod;
  amountFen: Fen;
  /** Already refunded from this payment. */
  refundedFen: Fen;
  createdAt: number;
}

export interface RefundPart {
  paymentId: string;
  method: PaymentMethod;
  amountFen: Fen;
}

/**
 * Spreads a refund over the payments it reverses: money goes back the way it came (each part
 * keeps its payment's method), the newest payment first; with `paymentId`, from that payment
 * only. More than is left to refund → REFUND_EXCEEDS_PAID {refundableFen}.
 */
export function planRefund(payments: readonly RefundablePayment[], amountFen: number, paymentId?: string): RefundPart[] {
  assertFen(amountFen, 'amountFen');
  ensure(amountFen > 0, 'INVALID_MONEY', 'a refund must be more than zero', { field: 'amountFen', value: amountFen });
  const pool = paymentId === undefined ? [...payments] : payments.filter((p) => p.id === paymentId);
  if (paymentId !== undefined && pool.length === 0) {
    throw new DomainError('NOT_FOUND', 'no such payment on this bill', { field: 'paymentId', value: paymentId });
  }
  pool.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const refundableFen = sumFen(pool.map((p) => p.amountFen - p.refundedFen));
  ensure(amountFen <= refundableFen, 'REFUND_EXCEEDS_PAID', 'the refund exceeds what was paid and not yet refunded', {
    field: 'amountFen', amountFen, refundableFen,
  });
  const parts: RefundPart[] = [];
  let left = amountFen;
  for (const p of pool) {
    if (left === 0) break;
    const take = Math.min(left, p.amountFen - p.refundedFen);
    if (take > 0) {
      parts.push({ paymentId: p.id, method: p.method, amountFen: take });
      left -= take;
    }
  }
  return parts;
}

/** What may still be refunded when some of the bill has been handed over (dispensed, examined, seen). */
export function refundableFen(balance: BillBalance, deliveredFen: Fen): Fen {
  return Math.max(0, balance.paidFen - deliveredFen);
}

export interface MethodTotals {
  paymentCount: number;
  paidFen: Fen;
  refundCount: number;
  refundedFen: Fen;
  /** paid − refunded: what the drawer (or the terminal) should hold; negative when refunds win. */
  netFen: number;
}

export interface DayTotals {
  /** The built-in methods always (zeros too), then the clinic's own methods that were used, by code. */
  byMethod: Record<PaymentMethod, MethodTotals>;
  paymentCount: number;
  paidFen: Fen;
  refundCount: number;
  refundedFen: Fen;
  netFen: number;
}

/** The close-of-day figures: per payment method and overall, payments less refunds, with counts. */
export function dayCloseTotals(payments: readonly LedgerRow[], refunds: readonly LedgerRow[]): DayTotals {
  const own = [...new Set([...payments, ...refunds].map((r) => r.method))].filter((m) => !(PAYMENT_METHODS as readonly string[]).includes(m)).sort();
  const byMethod = Object.fromEntries(
    [...PAYMENT_METHODS, ...own].map((m) => {
      const ps = payments.filter((p) => p.method === m);
      const rs = refunds.filter((r) => r.method === m);
      const paidFen = sumFen(ps.map((p) => p.amountFen));
      const refundedFen = sumFen(rs.map((r) => r.amountFen));
      return [m, { paymentCount: ps.length, paidFen, refundCount: rs.length, refundedFen, netFen: paidFen - refundedFen }];
    }),
  ) as Record<PaymentMethod, MethodTotals>;
  const paidFen = sumFen(payments.map((p) => p.amountFen));
  const refundedFen = sumFen(refunds.map((r) => r.amountFen));
  return { byMethod, paymentCount: payments.length, paidFen, refundCount: refunds.length, refundedFen, netFen: paidFen - refundedFen };
}
