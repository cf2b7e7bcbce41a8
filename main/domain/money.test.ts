import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocateProportionally, assertFen, changeDue, formatFen, parseYuan, splitInsurance, sumFen } from './money';
import { codeOf } from './testing';


const fen = fc.integer({ min: 0, max: 1_000_000_000 });

describe('assertFen', () => {
  it.each([0, 1, 1230, Number.MAX_SAFE_INTEGER])('accepts %s', (v) => {
    expect(() => assertFen(v, 'x')).not.toThrow();
  });
  it.each([-1, 1.5, 0.1, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, '12', null, undefined, 12n])(
    'refuses %s with INVALID_MONEY {field, value}',
    (v) => {
      expect(codeOf(() => assertFen(v, 'priceFen'))).toEqual({
        code: 'INVALID_MONEY',
        details: { field: 'priceFen', value: v },
      });
    },
  );
});

describe('sumFen', () => {
  it('sums exactly', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([10, 20, 30])).toBe(60);
  });
  it('names the bad element', () => {
    expect(codeOf(() => sumFen([1, -2]))).toEqual({ code: 'INVALID_MONEY', details: { field: 'values[1]', value: -2 } });
    expect(codeOf(() => sumFen([1, 0.5])).code).toBe('INVALID_MONEY');
  });
  it('refuses a sum beyond safe integers', () => {
    expect(codeOf(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).details).toMatchObject({ field: 'sum' });
  });
  it('is the arithmetic sum (property)', () => {
    fc.assert(fc.property(fc.array(fen), (xs) => sumFen(xs) === xs.reduce((a, b) => a + b, 0)));
  });
});

describe('splitInsurance', () => {
  it('splits', () => {
    expect(splitInsurance(10000, 3000)).toEqual({ totalFen: 10000, insuranceFen: 3000, selfPayFen: 7000 });
    expect(splitInsurance(10000, 0)).toEqual({ totalFen: 10000, insuranceFen: 0, selfPayFen: 10000 });
    expect(splitInsurance(10000, 10000)).toEqual({ totalFen: 10000, insuranceFen: 10000, selfPayFen: 0 });
    expect(splitInsurance(0, 0)).toEqual({ totalFen: 0, insuranceFen: 0, selfPayFen: 0 });
  });
  it('refuses insurance above the total', () => {
    expect(codeOf(() => splitInsurance(100, 101))).toEqual({
      code: 'INSURANCE_EXCEEDS_TOTAL',
      details: { totalFen: 100, insuranceFen: 101 },
    });
  });
  it('refuses bad money', () => {
    expect(codeOf(() => splitInsurance(-1, 0)).details).toMatchObject({ field: 'totalFen' });
    expect(codeOf(() => splitInsurance(100, -1)).details).toMatchObject({ field: 'insuranceFen' });
    expect(codeOf(() => splitInsurance(100.5, 1)).code).toBe('INVALID_MONEY');
  });
  it('total = insurance + self-pay, all non-negative (property)', () => {
    fc.assert(
      fc.property(fen, fen, (a, b) => {
        const [total, ins] = a >= b ? [a, b] : [b, a];
        const s = splitInsurance(total, ins);
        return s.insuranceFen + s.selfPayFen === s.totalFen && s.selfPayFen >= 0;
      }),
    );
  });
});

describe('parseYuan', () => {
  it.each([
    ['12.3', 1230],
    ['12.30', 1230],
    ['12', 1200],
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['007.50', 750],
    [' 12.34 ', 1234],
    ['１２．３', 1230], // full-width from a Chinese IME
    ['0.29', 29], // 0.29 * 100 = 28.999999999999996 in floats
    ['1.13', 113],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%j → %d', (s, v) => {
    expect(parseYuan(s)).toBe(v);
  });
  it.each(['', ' ', '12.345', '-1', '+1', '1e3', '12.', '.5', '¥12', '1,234', '12a', 'abc', '1 2', '0x10', 'NaN', '90071992547409.92'])(
    'refuses %j',
    (s) => {
      expect(codeOf(() => parseYuan(s))).toEqual({ code: 'INVALID_MONEY', details: { field: 'yuan', value: s } });
    },
  );
  it('refuses a non-string', () => {
    expect(codeOf(() => parseYuan(12 as unknown as string)).code).toBe('INVALID_MONEY');
  });
  it('round-trips with formatFen (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (f) => {
        const text = formatFen(f, 'en').slice(1).replaceAll(',', '');
        return parseYuan(text) === f;
      }),
    );
  });
});

describe('formatFen', () => {
  it.each([
    [1230, '¥12.30'],
    [0, '¥0.00'],
    [1, '¥0.01'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [-1230, '-¥12.30'],
    [-1, '-¥0.01'],
    [123456, '¥1,234.56'],
    [100000000, '¥1,000,000.00'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
  ])('%d → %s', (f, s) => {
    expect(formatFen(f, 'zh-CN')).toBe(s);
    expect(formatFen(f, 'en')).toBe(s);
  });
  it.each([1.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1])('refuses %s', (f) => {
    expect(codeOf(() => formatFen(f, 'en')).code).toBe('INVALID_MONEY');
  });
  it('refuses an unknown locale', () => {
    expect(codeOf(() => formatFen(1, 'fr' as 'en')).details).toMatchObject({ field: 'locale' });
  });
});

describe('changeDue', () => {
  it('gives change', () => {
    expect(changeDue(10000, 8750)).toBe(1250);
    expect(changeDue(8750, 8750)).toBe(0);
  });
  it('refuses tendered < due', () => {
    expect(codeOf(() => changeDue(100, 101))).toEqual({
      code: 'INVALID_MONEY',
      details: { field: 'tenderedFen', value: 100, dueFen: 101 },
    });
  });
  it('refuses bad money', () => {
    expect(codeOf(() => changeDue(-1, 0)).details).toMatchObject({ field: 'tenderedFen' });
    expect(codeOf(() => changeDue(1, 0.5)).details).toMatchObject({ field: 'dueFen' });
  });
});

describe('allocateProportionally', () => {
  it('splits evenly where it can', () => {
    expect(allocateProportionally(300, [1, 1, 1])).toEqual([100, 100, 100]);
    expect(allocateProportionally(1000, [500, 300, 200])).toEqual([500, 300, 200]);
  });
  it('gives the leftover fen by largest remainder, ties to the earlier item', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocateProportionally(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocateProportionally(7, [1, 2])).toEqual([2, 5]); // 2.33 / 4.67
    expect(allocateProportionally(1, [1, 3])).toEqual([0, 1]);
  });
  it('spreads insurance over bill items', () => {
    // items 12.30 + 45.60 + 7.77 = 65.67 yuan; insurance 50.00
    const parts = allocateProportionally(5000, [1230, 4560, 777]);
    expect(parts).toEqual([936, 3472, 592]); // shares 936.50, 3471.91, 591.59
    expect(parts.reduce((a, b) => a + b)).toBe(5000);
  });
  it('handles fractional weights exactly', () => {
    expect(allocateProportionally(10, [0.1, 0.2, 0.7])).toEqual([1, 2, 7]);
    expect(allocateProportionally(3, [1e-300, 1e-300, 1e-300])).toEqual([1, 1, 1]);
    expect(allocateProportionally(5, [1e300, 1e-300])).toEqual([5, 0]);
  });
  it('zero total and zero weights', () => {
    expect(allocateProportionally(0, [])).toEqual([]);
    expect(allocateProportionally(0, [0, 0])).toEqual([0, 0]);
    expect(allocateProportionally(0, [1, 2])).toEqual([0, 0]);
    expect(allocateProportionally(5, [0, 1, 0])).toEqual([0, 5, 0]);
  });
  it('refuses what cannot be allocated', () => {
    expect(codeOf(() => allocateProportionally(5, []))).toEqual({
      code: 'VALIDATION',
      details: { field: 'weights', reason: 'all_zero' },
    });
    expect(codeOf(() => allocateProportionally(5, [0, 0])).details).toMatchObject({ reason: 'all_zero' });
    expect(codeOf(() => allocateProportionally(5, [1, -1])).details).toEqual({ field: 'weights', index: 1, value: -1 });
    expect(codeOf(() => allocateProportionally(5, [NaN])).code).toBe('VALIDATION');
    expect(codeOf(() => allocateProportionally(5, [Infinity])).code).toBe('VALIDATION');
    expect(codeOf(() => allocateProportionally(-5, [1])).code).toBe('INVALID_MONEY');
    expect(codeOf(() => allocateProportionally(1.5, [1])).code).toBe('INVALID_MONEY');
  });
  it('sums to the total, each part floor or ceil of its share, zero weight gets 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocateProportionally(total, weights);
          const W = BigInt(weights.reduce((a, b) => a + b, 0));
          expect(parts.length).toBe(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isSafeInteger(p)).toBe(true);
            const exact = BigInt(total) * BigInt(weights[i]!);
            const floor = exact / W;
            const ceil = exact % W === 0n ? floor : floor + 1n;
            expect(BigInt(p) >= floor && BigInt(p) <= ceil).toBe(true);
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });
  it('is invariant under scaling the weights (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 2, max: 1000 }),
        (total, weights, k) => {
          expect(allocateProportionally(total, weights.map((w) => w * k))).toEqual(allocateProportionally(total, weights));
        },
      ),
    );
  });
});
