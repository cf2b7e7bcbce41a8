/**
 * Stock rules as pure functions. Stock on hand is never stored: a batch's balance is the sum
 * of its movement rows, and these functions decide what movements to write.
 *
 *   expired       a batch is usable up to and including its expiry date (clinic-local);
 *                 from the next day it is expired and never dispensed.
 *   FEFO          first expiry, first out: a quantity is taken from the usable batches in
 *                 order of expiry date (then batch number, then id, so the order is total and
 *                 the same on every station); never more than a batch holds.
 *   never < 0     no batch's balance may go below zero: a request that cannot be met in full is
 *                 refused (INSUFFICIENT_STOCK) and nothing is taken.
 */
import { DomainError } from './errors';
import { addDays } from './dates';

export interface BatchBalance {
  batchId: string;
  batchNo: string;
  /** 'YYYY-MM-DD', the last day the batch may be used. */
  expiryDate: string;
  onHand: number;
}

export interface Allocation {
  batchId: string;
  quantity: number;
}

function positiveWhole(n: number, field: string): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new DomainError('VALIDATION', `${field} must be a whole number ≥ 1`, { field, reason: 'must_be_positive_integer', value: n });
  }
}

/** True when the batch may no longer be used on `today` (both 'YYYY-MM-DD', clinic-local). */
export function isExpired(expiryDate: string, today: string): boolean {
  return expiryDate < today;
}

/** True when the batch expires within `days` days of today (already expired included). */
export function isExpiringWithin(expiryDate: string, today: string, days: number): boolean {
  return expiryDate <= addDays(today, days);
}

/** The FEFO order of batches (a new array). */
export function fefoOrder<B extends Pick<BatchBalance, 'batchId' | 'batchNo' | 'expiryDate'>>(batches: readonly B[]): B[] {
  return [...batches].sort((a, b) =>
    a.expiryDate < b.expiryDate ? -1 : a.expiryDate > b.expiryDate ? 1
      : a.batchNo < b.batchNo ? -1 : a.batchNo > b.batchNo ? 1
        : a.batchId < b.batchId ? -1 : a.batchId > b.batchId ? 1 : 0);
}

/** What can be dispensed today: the positive balances of unexpired batches. */
export function usableStock(batches: readonly BatchBalance[], today: string): number {
  let sum = 0;
  for (const b of batches) if (!isExpired(b.expiryDate, today) && b.onHand > 0) sum += b.onHand;
  return sum;
}

/**
 * Takes `quantity` from the batches, earliest expiry first, skipping expired and empty ones.
 * Throws INSUFFICIENT_STOCK {needed, available} when the usable stock is short.
 */
export function allocateFefo(batches: readonly BatchBalance[], quantity: number, today: string): Allocation[] {
  positiveWhole(quantity, 'quantity');
  const available = usableStock(batches, today);
  if (available < quantity) {
    throw new DomainError('INSUFFICIENT_STOCK', 'not enough unexpired stock', { needed: quantity, available });
  }
  const out: Allocation[] = [];
  let left = quantity;
  for (const b of fefoOrder(batches)) {
    if (left === 0) break;
    if (isExpired(b.expiryDate, today) || b.onHand <= 0) continue;
    const take = Math.min(left, b.onHand);
    out.push({ batchId: b.batchId, quantity: take });
    left -= take;
  }
  return out;
}

/** The balances after taking the allocations (for several lines of the same drug in a row). */
export function applyAllocations(batches: readonly BatchBalance[], taken: readonly Allocation[]): BatchBalance[] {
  const by = new Map<string, number>();
  for (const a of taken) by.set(a.batchId, (by.get(a.batchId) ?? 0) + a.quantity);
  return batches.map((b) => ({ ...b, onHand: b.onHand - (by.get(b.batchId) ?? 0) }));
}

/** A signed correction of one batch; refuses to take it below zero. Returns the new balance. */
export function checkAdjustment(onHand: number, delta: number): number {
  if (!Number.isSafeInteger(delta) || delta === 0) {
    throw new DomainError('VALIDATION', 'quantity must be a non-zero whole number', { field: 'quantity', reason: 'must_be_nonzero_integer', value: delta });
  }
  const after = onHand + delta;
  if (after < 0) {
    throw new DomainError('INSUFFICIENT_STOCK', 'the batch would go below zero', { needed: -delta, available: Math.max(0, onHand) });
  }
  return after;
}

export interface DispensedFromBatch {
  batchId: string;
  /** Units this line took from the batch (positive). */
  dispensed: number;
  /** Units of this line already returned to the batch (positive). */
  returned: number;
}

/**
 * Puts `quantity` of a dispensed line back where it came from: the batches it was dispensed
 * from, last taken first (the reverse of the FEFO order it was taken in), each at most what it
 * gave and has not had back. Throws VALIDATION {field:'quantity', reason:'exceeds_dispensed'}.
 */
export function allocateReturn(sources: readonly DispensedFromBatch[], quantity: number): Allocation[] {
  positiveWhole(quantity, 'quantity');
  const returnable = sources.reduce((s, b) => s + Math.max(0, b.dispensed - b.returned), 0);
  if (quantity > returnable) {
    throw new DomainError('VALIDATION', 'more than was dispensed and not yet returned', {
      field: 'quantity', reason: 'exceeds_dispensed', value: quantity, max: returnable,
    });
  }
  const out: Allocation[] = [];
  let left = quantity;
  for (let i = sources.length - 1; i >= 0 && left > 0; i--) {
    const s = sources[i]!;
    const take = Math.min(left, Math.max(0, s.dispensed - s.returned));
    if (take > 0) {
      out.push({ batchId: s.batchId, quantity: take });
      left -= take;
    }
  }
  return out;
}
