import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from './errors';
import {
  allocateFefo, allocateReturn, applyAllocations, checkAdjustment, fefoOrder, isExpired, isExpiringWithin, usableStock,
  type BatchBalance,
} from './stock';
import { codeOf } from './testing';

const TODAY = '2026-11-23';
const b = (batchId: string, expiryDate: string, onHand: number, batchNo = batchId): BatchBalance => ({ batchId, batchNo, expiryDate, onHand });


describe('expiry', () => {
  it('a batch is usable on its expiry date and expired the day after', () => {
    expect(isExpired('2026-11-23', TODAY)).toBe(false);
    expect(isExpired('2026-11-22', TODAY)).toBe(true);
    expect(isExpired('2027-01-01', TODAY)).toBe(false);
  });
  it('expiring within n days counts the boundary day and already expired batches', () => {
    expect(isExpiringWithin('2026-12-23', TODAY, 30)).toBe(true);
    expect(isExpiringWithin('2026-12-24', TODAY, 30)).toBe(false);
    expect(isExpiringWithin('2026-01-01', TODAY, 30)).toBe(true);
  });
});

describe('allocateFefo', () => {
  it('takes from the earliest expiry first, spilling into the next batch', () => {
    const batches = [b('late', '2028-06-30', 50), b('early', '2027-03-31', 5)];
    expect(allocateFefo(batches, 7, TODAY)).toEqual([{ batchId: 'early', quantity: 5 }, { batchId: 'late', quantity: 2 }]);
    expect(allocateFefo(batches, 3, TODAY)).toEqual([{ batchId: 'early', quantity: 3 }]);
  });

  it('skips expired and empty batches', () => {
    const batches = [b('expired', '2026-11-22', 100), b('empty', '2026-12-01', 0), b('ok', '2027-01-01', 4)];
    expect(allocateFefo(batches, 4, TODAY)).toEqual([{ batchId: 'ok', quantity: 4 }]);
  });

  it('uses a batch on its expiry date', () => {
    expect(allocateFefo([b('today', TODAY, 2), b('later', '2027-01-01', 9)], 2, TODAY)).toEqual([{ batchId: 'today', quantity: 2 }]);
  });

  it('breaks expiry ties by batch number, then id', () => {
    const batches = [b('z', '2027-01-01', 1, 'B'), b('y', '2027-01-01', 1, 'A'), b('x', '2027-01-01', 1, 'A')];
    expect(fefoOrder(batches).map((x) => x.batchId)).toEqual(['x', 'y', 'z']);
  });

  it('refuses more than the unexpired stock, saying what is available', () => {
    try {
      allocateFefo([b('a', '2026-01-01', 100), b('c', '2027-01-01', 3)], 4, TODAY);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('INSUFFICIENT_STOCK');
      expect((e as DomainError).details).toEqual({ needed: 4, available: 3 });
    }
  });

  it('refuses a quantity that is not a positive whole number', () => {
    expect(codeOf(() => allocateFefo([b('a', '2027-01-01', 5)], 0, TODAY)).code).toBe('VALIDATION');
    expect(codeOf(() => allocateFefo([b('a', '2027-01-01', 5)], 1.5, TODAY)).code).toBe('VALIDATION');
  });

  it('property: takes exactly the quantity, FEFO order, never a batch below zero, never an expired batch', () => {
    const batchArb = fc.record({
      batchId: fc.uuid(),
      batchNo: fc.string({ maxLength: 3 }),
      expiryDate: fc.constantFrom('2026-11-01', '2026-11-22', TODAY, '2026-12-31', '2027-06-30', '2028-01-01'),
      onHand: fc.integer({ min: -3, max: 40 }),
    });
    fc.assert(fc.property(fc.uniqueArray(batchArb, { selector: (x) => x.batchId, maxLength: 8 }), fc.integer({ min: 1, max: 200 }), (batches, q) => {
      const usable = usableStock(batches, TODAY);
      if (q > usable) {
        expect(codeOf(() => allocateFefo(batches, q, TODAY)).code).toBe('INSUFFICIENT_STOCK');
        return;
      }
      const taken = allocateFefo(batches, q, TODAY);
      expect(taken.reduce((s, a) => s + a.quantity, 0)).toBe(q);
      const after = applyAllocations(batches, taken);
      for (const a of taken) {
        const batch = batches.find((x) => x.batchId === a.batchId)!;
        expect(isExpired(batch.expiryDate, TODAY)).toBe(false);
        expect(a.quantity).toBeGreaterThan(0);
        expect(after.find((x) => x.batchId === a.batchId)!.onHand).toBeGreaterThanOrEqual(0);
      }
      // Every usable batch that expires before the last one used is emptied.
      const order = fefoOrder(batches.filter((x) => !isExpired(x.expiryDate, TODAY) && x.onHand > 0));
      const lastIdx = order.findIndex((x) => x.batchId === taken[taken.length - 1]!.batchId);
      for (const x of order.slice(0, lastIdx)) expect(after.find((y) => y.batchId === x.batchId)!.onHand).toBe(0);
    }));
  });
});

describe('checkAdjustment', () => {
  it('allows corrections that stay at or above zero', () => {
    expect(checkAdjustment(5, -5)).toBe(0);
    expect(checkAdjustment(5, 3)).toBe(8);
  });
  it('refuses going below zero and a zero or fractional change', () => {
    expect(codeOf(() => checkAdjustment(5, -6)).code).toBe('INSUFFICIENT_STOCK');
    expect(codeOf(() => checkAdjustment(5, 0)).code).toBe('VALIDATION');
    expect(codeOf(() => checkAdjustment(5, 0.5)).code).toBe('VALIDATION');
  });
});

describe('allocateReturn', () => {
  const sources = [
    { batchId: 'early', dispensed: 5, returned: 0 },
    { batchId: 'late', dispensed: 2, returned: 1 },
  ];
  it('returns to the last batch taken first, up to what it gave and has not had back', () => {
    expect(allocateReturn(sources, 1)).toEqual([{ batchId: 'late', quantity: 1 }]);
    expect(allocateReturn(sources, 4)).toEqual([{ batchId: 'late', quantity: 1 }, { batchId: 'early', quantity: 3 }]);
  });
  it('refuses returning more than was dispensed and not yet returned', () => {
    try {
      allocateReturn(sources, 7);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION');
      expect((e as DomainError).details).toMatchObject({ field: 'quantity', reason: 'exceeds_dispensed', max: 6 });
    }
  });
});
