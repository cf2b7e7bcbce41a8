/**
 * Refunds by line, as pure functions: what a quantity of a bill item is worth, which lines a
 * refund may take, and how its money goes back over the payments of the bill. All integer fen.
 *
 * Rules:
 * - A line's money is its amount spread over its quantity with the rounding kept cumulative: n of
 *   q units are worth floor(amount × n / q), so refunding a line bit by bit ends on exactly its
 *   amount (and the same for its insurance part).
 * - The money goes back the way it came, in proportion: the insurance part of the refunded lines
 *   to the bill's insurance payments, the rest to its other payments (cash, card, QR), each part
 *   spread over those payments in proportion to what each still holds (largest remainder, so the
 *   parts add up exactly and no payment gives back more than it holds). A bill paid 60 by card and
 *   40 in cash gives back a 50 line as 30 to the card and 20 in cash.
 */
import { DomainError, ensure } from './errors';
import type { BillItemKind, PaymentMethod } from './enums';
import { allocateProportionally, sumFen, type Fen } from './money';
import type { RefundablePayment, RefundPart } from './billing';

export interface RefundableLine {
  id: string;
  kind: BillItemKind;
  quantity: number;
  amountFen: Fen;
  insuranceFen: Fen;
  /** Units of this line refunded so far. */
  refundedQuantity: number;
  /** Handed over (dispensed, examined, seen): not refundable. */
  delivered: boolean;
}

export interface LineRequest {
  itemId: string;
  quantity: number;
}

export interface LineRefund {
  itemId: string;
  quantity: number;
  amountFen: Fen;
  insuranceFen: Fen;
}

/** What units `from` (exclusive) to `to` (inclusive) of a line of `quantity` units are worth, of `amountFen`. */
export function unitsWorth(amountFen: Fen, quantity: number, from: number, to: number): Fen {
  return Math.floor((amountFen * to) / quantity) - Math.floor((amountFen * from) / quantity);
}

/**
 * The lines of a refund with their money. Refusals, each naming the request line (`lines.N`):
 * VALIDATION for a line named twice or a quantity that is not a positive whole number; NOT_FOUND
 * for an item not on the bill; ALREADY_DELIVERED for a line handed over; ALREADY_REFUNDED for a
 * line refunded in full already; REFUND_EXCEEDS_PAID for more units than are left to refund.
 */
export function planLineRefund(lines: readonly RefundableLine[], requests: readonly LineRequest[]): LineRefund[] {
  ensure(requests.length > 0, 'VALIDATION', 'a refund names at least one line', { field: 'lines' });
  const seen = new Set<string>();
  return requests.map((req, i) => {
    const field = `lines.${i}`;
    ensure(!seen.has(req.itemId), 'VALIDATION', 'a line is named twice', { field: `${field}.itemId`, reason: 'duplicate', value: req.itemId });
    seen.add(req.itemId);
    ensure(Number.isSafeInteger(req.quantity) && req.quantity > 0, 'VALIDATION', 'a refunded quantity is a positive whole number', {
      field: `${field}.quantity`, value: req.quantity,
    });
    const line = lines.find((l) => l.id === req.itemId);
    if (!line) throw new DomainError('NOT_FOUND', 'no such line on this bill', { field: `${field}.itemId`, value: req.itemId });
    ensure(!line.delivered, 'ALREADY_DELIVERED', 'this line was handed over (dispensed, examined or seen) and cannot be refunded', {
      field: `${field}.itemId`, itemId: line.id, kind: line.kind,
    });
    const left = line.quantity - line.refundedQuantity;
    ensure(left > 0, 'ALREADY_REFUNDED', 'this line was refunded in full already', { field: `${field}.itemId`, itemId: line.id });
    ensure(req.quantity <= left, 'REFUND_EXCEEDS_PAID', 'more of this line than is left to refund', {
      field: `${field}.quantity`, itemId: line.id, quantity: req.quantity, refundableQuantity: left,
    });
    const to = line.refundedQuantity + req.quantity;
    return {
      itemId: line.id,
      quantity: req.quantity,
      amountFen: unitsWorth(line.amountFen, line.quantity, line.refundedQuantity, to),
      insuranceFen: unitsWorth(line.insuranceFen, line.quantity, line.refundedQuantity, to),
    };
  });
}

function spread(pool: readonly RefundablePayment[], amountFen: Fen, part: 'insurance' | 'self_pay'): RefundPart[] {
  if (amountFen === 0) return [];
  const held = pool.map((p) => p.amountFen - p.refundedFen);
  const heldFen = sumFen(held.map((h) => Math.max(0, h)));
  ensure(amountFen <= heldFen, 'REFUND_EXCEEDS_PAID', `the refund exceeds what the ${part} payments still hold`, {
    field: 'lines', part, amountFen, refundableFen: heldFen,
  });
  const shares = allocateProportionally(amountFen, held.map((h) => Math.max(0, h)));
  return pool.map((p, i) => ({ paymentId: p.id, method: p.method, amountFen: shares[i]! })).filter((s) => s.amountFen > 0);
}

/**
 * The refund rows of a line refund: its insurance part over the insurance payments, its self-pay
 * part over the others, in proportion to what each payment still holds (oldest payment first, parts of one payment
 * in the order given).
 * REFUND_EXCEEDS_PAID when a part exceeds what its payments hold.
 */
export function splitOverPayments(payments: readonly RefundablePayment[], refund: { insuranceFen: Fen; selfPayFen: Fen }): RefundPart[] {
  const ordered = [...payments].sort((a, b) => a.createdAt - b.createdAt); // stable: parts of one payment keep their order
  const isInsurance = (m: PaymentMethod) => m === 'insurance';
  return [
    ...spread(ordered.filter((p) => isInsurance(p.method)), refund.insuranceFen, 'insurance'),
    ...spread(ordered.filter((p) => !isInsurance(p.method)), refund.selfPayFen, 'self_pay'),
  ];
}
