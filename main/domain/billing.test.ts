import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertRefundChannel, billBalance, checkPayment, computeBillSplit, dayCloseTotals, INSURANCE_COVERAGE_PERMILLE, ONLINE_CASHIER_ID, planRefund, refundableFen,
  type ChargeLine, type CoverageClass,
} from './billing';
import { INSURANCE_TYPES } from './enums';
import type { DomainError } from './errors';
import { codeOf } from './testing';


describe('computeBillSplit', () => {
  it('covers nothing for a self-paying patient', () => {
    const s = computeBillSplit([{ amountFen: 1850, coverage: 'A' }, { amountFen: 2500, coverage: 'exam' }], 'self_pay');
    expect(s).toEqual({ totalFen: 4350, insuranceFen: 0, selfPayFen: 4350, lineInsuranceFen: [0, 0] });
  });

  it('applies the employee ratios by class, worked by hand', () => {
    // A 3700 × 70 % = 2590; B 2200 × 50 % = 1100; none 3600 × 0 = 0; exam 2500 × 60 % = 1500; registration 1500 × 0.
    const lines: ChargeLine[] = [
      { amountFen: 3700, coverage: 'A' },
      { amountFen: 2200, coverage: 'B' },
      { amountFen: 3600, coverage: 'none' },
      { amountFen: 2500, coverage: 'exam' },
      { amountFen: 1500, coverage: 'registration' },
    ];
    expect(computeBillSplit(lines, 'urban_employee')).toEqual({
      totalFen: 13500, insuranceFen: 5190, selfPayFen: 8310, lineInsuranceFen: [2590, 1100, 0, 1500, 0],
    });
  });

  it('rounds the insurance part down once for the whole bill and spreads it exactly', () => {
    // 3 × 333 fen of class A at 50 %: exact 499.5 → 499, spread 167/166/166.
    const s = computeBillSplit([333, 333, 333].map((amountFen) => ({ amountFen, coverage: 'A' as const })), 'urban_rural_resident');
    expect(s.insuranceFen).toBe(499);
    expect(s.selfPayFen).toBe(500);
    expect(s.lineInsuranceFen).toEqual([167, 166, 166]);
  });

  it('keeps total = insurance + self-pay, lines summing exactly and none covered beyond its amount', () => {
    const coverage = fc.constantFrom<CoverageClass>('A', 'B', 'none', 'exam', 'registration');
    fc.assert(
      fc.property(
        fc.array(fc.record({ amountFen: fc.integer({ min: 0, max: 5_000_000 }), coverage }), { maxLength: 30 }),
        fc.constantFrom(...INSURANCE_TYPES),
        (lines, type) => {
          const s = computeBillSplit(lines, type);
          expect(s.insuranceFen + s.selfPayFen).toBe(s.totalFen);
          expect(s.insuranceFen).toBeLessThanOrEqual(s.totalFen);
          expect(s.lineInsuranceFen.reduce((a, b) => a + b, 0)).toBe(s.insuranceFen);
          s.lineInsuranceFen.forEach((part, i) => {
            expect(part).toBeLessThanOrEqual(lines[i]!.amountFen);
            expect(Number.isInteger(part) && part >= 0).toBe(true);
          });
        },
      ),
    );
  });

  it('keeps the policy in one table with a ratio for every insurance type and class', () => {
    for (const t of INSURANCE_TYPES) {
      for (const c of ['A', 'B', 'none', 'exam', 'registration'] as const) {
        const r = INSURANCE_COVERAGE_PERMILLE[t][c];
        expect(Number.isInteger(r) && r >= 0 && r <= 1000).toBe(true);
      }
    }
  });

  it('refuses a bad amount', () => {
    expect(codeOf(() => computeBillSplit([{ amountFen: -1, coverage: 'A' }], 'self_pay')).code).toBe('INVALID_MONEY');
    expect(codeOf(() => computeBillSplit([{ amountFen: 1.5, coverage: 'A' }], 'self_pay')).code).toBe('INVALID_MONEY');
  });
});

describe('billBalance', () => {
  const bill = { insuranceFen: 700, selfPayFen: 300 };
  it('keeps the insurance and self-pay parts apart, net of refunds', () => {
    const b = billBalance(bill, [{ method: 'insurance', amountFen: 700 }, { method: 'cash', amountFen: 100 }, { method: 'qr', amountFen: 150 }], [{ method: 'qr', amountFen: 50 }]);
    expect(b).toEqual({
      insurancePaidFen: 700, selfPaidFen: 200, paidFen: 900, refundedFen: 50,
      insuranceDueFen: 0, selfPayDueFen: 100, dueFen: 100, fullyPaid: false,
    });
  });
  it('is fully paid when both parts are', () => {
    expect(billBalance(bill, [{ method: 'insurance', amountFen: 700 }, { method: 'card', amountFen: 300 }], []).fullyPaid).toBe(true);
    expect(billBalance({ insuranceFen: 0, selfPayFen: 0 }, [], []).fullyPaid).toBe(true);
  });
});

describe('checkPayment', () => {
  const balance = billBalance({ insuranceFen: 700, selfPayFen: 300 }, [{ method: 'cash', amountFen: 100 }], []);

  it('gives change for cash, and takes the amount as tendered when none is given', () => {
    expect(checkPayment(balance, { method: 'cash', amountFen: 200, tenderedFen: 500 })).toEqual({
      method: 'cash', amountFen: 200, tenderedFen: 500, changeFen: 300, reference: null,
    });
    expect(checkPayment(balance, { method: 'cash', amountFen: 150 })).toMatchObject({ tenderedFen: 150, changeFen: 0 });
  });

  it('refuses cash tendered below the amount', () => {
    expect(codeOf(() => checkPayment(balance, { method: 'cash', amountFen: 200, tenderedFen: 199 }))).toMatchObject({
      code: 'INVALID_MONEY', details: { field: 'tenderedFen' },
    });
  });

  it('needs a reference for QR and refuses tendered for anything but cash', () => {
    expect(codeOf(() => checkPayment(balance, { method: 'qr', amountFen: 100, reference: '  ' }))).toMatchObject({
      code: 'VALIDATION', details: { field: 'reference' },
    });
    expect(checkPayment(balance, { method: 'qr', amountFen: 100, reference: ' WX123 ' }).reference).toBe('WX123');
    expect(codeOf(() => checkPayment(balance, { method: 'card', amountFen: 100, tenderedFen: 100 }))).toMatchObject({
      code: 'VALIDATION', details: { field: 'tenderedFen' },
    });
  });

  it('refuses overpayment of either part, and zero', () => {
    expect(codeOf(() => checkPayment(balance, { method: 'card', amountFen: 201 }))).toMatchObject({
      code: 'OVERPAYMENT', details: { part: 'self_pay', dueFen: 200 },
    });
    expect(codeOf(() => checkPayment(balance, { method: 'insurance', amountFen: 701 }))).toMatchObject({
      code: 'OVERPAYMENT', details: { part: 'insurance', dueFen: 700 },
    });
    expect(checkPayment(balance, { method: 'insurance', amountFen: 700 }).amountFen).toBe(700);
    expect(codeOf(() => checkPayment(balance, { method: 'card', amountFen: 0 })).code).toBe('INVALID_MONEY');
  });
});

describe('planRefund', () => {
  const payments = [
    { id: 'p1', method: 'cash' as const, amountFen: 500, refundedFen: 100, createdAt: 1 },
    { id: 'p2', method: 'qr' as const, amountFen: 300, refundedFen: 0, createdAt: 2 },
  ];
  it('gives money back the way it came, newest payment first', () => {
    expect(planRefund(payments, 500)).toEqual([
      { paymentId: 'p2', method: 'qr', amountFen: 300 },
      { paymentId: 'p1', method: 'cash', amountFen: 200 },
    ]);
    expect(planRefund(payments, 700)).toHaveLength(2);
  });
  it('refunds from one payment when told which', () => {
    expect(planRefund(payments, 400, 'p1')).toEqual([{ paymentId: 'p1', method: 'cash', amountFen: 400 }]);
    expect(codeOf(() => planRefund(payments, 401, 'p1'))).toMatchObject({ code: 'REFUND_EXCEEDS_PAID', details: { refundableFen: 400 } });
    expect(codeOf(() => planRefund(payments, 1, 'nope'))).toMatchObject({ code: 'NOT_FOUND', details: { field: 'paymentId' } });
  });
  it('refuses more than is left, and zero', () => {
    expect(codeOf(() => planRefund(payments, 701))).toMatchObject({ code: 'REFUND_EXCEEDS_PAID', details: { refundableFen: 700 } });
    expect(codeOf(() => planRefund(payments, 0)).code).toBe('INVALID_MONEY');
  });
  it('never plans more than a payment has left, and plans exactly the amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amountFen: fc.integer({ min: 1, max: 10_000 }), used: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 80_000 }),
        (raw, amount) => {
          const ps = raw.map((r, i) => ({ id: `p${i}`, method: 'cash' as const, amountFen: r.amountFen, refundedFen: Math.min(r.used, r.amountFen), createdAt: i }));
          const left = ps.reduce((a, p) => a + p.amountFen - p.refundedFen, 0);
          if (amount > left) {
            expect(codeOf(() => planRefund(ps, amount)).code).toBe('REFUND_EXCEEDS_PAID');
            return;
          }
          const plan = planRefund(ps, amount);
          expect(plan.reduce((a, p) => a + p.amountFen, 0)).toBe(amount);
          for (const part of plan) {
            const p = ps.find((x) => x.id === part.paymentId)!;
            expect(part.amountFen).toBeGreaterThan(0);
            expect(part.amountFen).toBeLessThanOrEqual(p.amountFen - p.refundedFen);
          }
        },
      ),
    );
  });
});

describe('refundableFen', () => {
  it('keeps back what has been handed over', () => {
    const b = billBalance({ insuranceFen: 0, selfPayFen: 1000 }, [{ method: 'cash', amountFen: 1000 }], []);
    expect(refundableFen(b, 600)).toBe(400);
    expect(refundableFen(b, 1200)).toBe(0);
  });
});

describe('dayCloseTotals', () => {
  it('sums payments less refunds by method, with counts', () => {
    const t = dayCloseTotals(
      [
        { method: 'cash', amountFen: 1500 }, { method: 'cash', amountFen: 2000 }, { method: 'qr', amountFen: 4350 },
        { method: 'insurance', amountFen: 2590 },
      ],
      [{ method: 'cash', amountFen: 1500 }, { method: 'qr', amountFen: 350 }],
    );
    expect(t.byMethod.cash).toEqual({ paymentCount: 2, paidFen: 3500, refundCount: 1, refundedFen: 1500, netFen: 2000 });
    expect(t.byMethod.qr).toEqual({ paymentCount: 1, paidFen: 4350, refundCount: 1, refundedFen: 350, netFen: 4000 });
    expect(t.byMethod.card).toEqual({ paymentCount: 0, paidFen: 0, refundCount: 0, refundedFen: 0, netFen: 0 });
    expect(t.byMethod.insurance?.netFen).toBe(2590);
    expect(t).toMatchObject({ paymentCount: 4, paidFen: 10440, refundCount: 2, refundedFen: 1850, netFen: 8590 });
  });
  it('may go negative when a day holds only refunds', () => {
    expect(dayCloseTotals([], [{ method: 'card', amountFen: 100 }]).byMethod.card?.netFen).toBe(-100);
  });
});

describe('assertRefundChannel: money goes back the way it came', () => {
  const payments = [{ id: 'cash1', cashierId: 'acc-cashier' }, { id: 'ali1', cashierId: ONLINE_CASHIER_ID }];
  const code = (f: () => void) => { try { f(); return null; } catch (e) { return (e as DomainError).details; } };

  it('a counter refund of counter payments, and a gateway refund of online ones, pass', () => {
    expect(code(() => assertRefundChannel('counter', payments, [{ paymentId: 'cash1' }], 'amountFen'))).toBeNull();
    expect(code(() => assertRefundChannel('gateway', payments, [{ paymentId: 'ali1' }], 'lines'))).toBeNull();
  });

  it('a counter refund reaching an online payment is refund_online; a gateway refund reaching the till is counter_payment', () => {
    expect(code(() => assertRefundChannel('counter', payments, [{ paymentId: 'cash1' }, { paymentId: 'ali1' }, { paymentId: 'ali1' }], 'lines')))
      .toEqual({ reason: 'refund_online', paymentIds: ['ali1'], procedure: 'billing.refundOnline' });
    expect(code(() => assertRefundChannel('gateway', payments, [{ paymentId: 'ali1' }, { paymentId: 'cash1' }], 'lines')))
      .toEqual({ reason: 'counter_payment', paymentId: 'cash1', field: 'lines' });
  });
});
