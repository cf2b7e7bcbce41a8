import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { planLineRefund, splitOverPayments, unitsWorth, type RefundableLine } from './refund-lines';

const line = (over: Partial<RefundableLine> = {}): RefundableLine => ({
  id: 'L1', kind: 'drug', quantity: 3, amountFen: 1000, insuranceFen: 500, refundedQuantity: 0, delivered: false, ...over,
});

function codeOf(fn: () => unknown): { code: string; details: Record<string, unknown> | undefined } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, details: e.details as Record<string, unknown> | undefined };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('unitsWorth', () => {
  it('keeps the rounding cumulative, so a line refunded unit by unit ends on its amount', () => {
    const parts = [unitsWorth(1000, 3, 0, 1), unitsWorth(1000, 3, 1, 2), unitsWorth(1000, 3, 2, 3)];
    expect(parts).toEqual([333, 333, 334]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1000);
  });
});

describe('planLineRefund', () => {
  it('prices a part quantity and its insurance part', () => {
    expect(planLineRefund([line()], [{ itemId: 'L1', quantity: 2 }])).toEqual([{ itemId: 'L1', quantity: 2, amountFen: 666, insuranceFen: 333 }]);
  });

  it('prices the rest of a line partly refunded to exactly what is left', () => {
    expect(planLineRefund([line({ refundedQuantity: 2 })], [{ itemId: 'L1', quantity: 1 }])[0]).toMatchObject({ amountFen: 334, insuranceFen: 167 });
  });

  it('refuses a line refunded in full already', () => {
    expect(codeOf(() => planLineRefund([line({ refundedQuantity: 3 })], [{ itemId: 'L1', quantity: 1 }])))
      .toMatchObject({ code: 'ALREADY_REFUNDED', details: { field: 'lines.0.itemId' } });
  });

  it('refuses more units than are left', () => {
    expect(codeOf(() => planLineRefund([line({ refundedQuantity: 1 })], [{ itemId: 'L1', quantity: 3 }])))
      .toMatchObject({ code: 'REFUND_EXCEEDS_PAID', details: { field: 'lines.0.quantity', refundableQuantity: 2 } });
  });

  it('refuses a delivered line, an unknown line, a line named twice and a quantity that is not a positive whole number', () => {
    expect(codeOf(() => planLineRefund([line({ delivered: true })], [{ itemId: 'L1', quantity: 1 }])).code).toBe('ALREADY_DELIVERED');
    expect(codeOf(() => planLineRefund([line()], [{ itemId: 'nope', quantity: 1 }])).code).toBe('NOT_FOUND');
    expect(codeOf(() => planLineRefund([line()], [{ itemId: 'L1', quantity: 1 }, { itemId: 'L1', quantity: 1 }])))
      .toMatchObject({ code: 'VALIDATION', details: { field: 'lines.1.itemId', reason: 'duplicate' } });
    for (const quantity of [0, -1, 1.5]) {
      expect(codeOf(() => planLineRefund([line()], [{ itemId: 'L1', quantity }])).details).toMatchObject({ field: 'lines.0.quantity' });
    }
    expect(codeOf(() => planLineRefund([line()], [])).code).toBe('VALIDATION');
  });
});

describe('splitOverPayments', () => {
  const pay = (id: string, method: 'cash' | 'card' | 'insurance', amountFen: number, refundedFen = 0, createdAt = 1) =>
    ({ id, method, amountFen, refundedFen, createdAt });

  it('gives back in proportion to what each payment holds: 60 card + 40 cash, a 50 refund → 30 + 20', () => {
    expect(splitOverPayments([pay('c', 'card', 6000), pay('k', 'cash', 4000, 0, 2)], { insuranceFen: 0, selfPayFen: 5000 }))
      .toEqual([{ paymentId: 'c', method: 'card', amountFen: 3000 }, { paymentId: 'k', method: 'cash', amountFen: 2000 }]);
  });

  it('sends the insurance part to insurance payments only', () => {
    const parts = splitOverPayments([pay('i', 'insurance', 700), pay('k', 'cash', 300)], { insuranceFen: 350, selfPayFen: 150 });
    expect(parts).toEqual([{ paymentId: 'i', method: 'insurance', amountFen: 350 }, { paymentId: 'k', method: 'cash', amountFen: 150 }]);
  });

  it('empties every payment exactly when the last of the bill is refunded', () => {
    const parts = splitOverPayments([pay('c', 'card', 3333, 1111), pay('k', 'cash', 6667, 2222)], { insuranceFen: 0, selfPayFen: 6667 });
    expect(parts.map((p) => p.amountFen)).toEqual([2222, 4445]);
  });

  it('refuses more than the payments of a part hold', () => {
    expect(codeOf(() => splitOverPayments([pay('k', 'cash', 100)], { insuranceFen: 1, selfPayFen: 0 })))
      .toMatchObject({ code: 'REFUND_EXCEEDS_PAID', details: { part: 'insurance' } });
    expect(codeOf(() => splitOverPayments([pay('k', 'cash', 100, 60)], { insuranceFen: 0, selfPayFen: 41 }))).toMatchObject({ code: 'REFUND_EXCEEDS_PAID' });
  });
});
