import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { dayCloseNo, deviceOfNumber, isDeviceCode, parseRecordNo, prescriptionNo, receiptNo, recordNo, refundNo } from './numbers';
import { codeOf } from './testing';


const deviceArb = fc.stringMatching(/^[A-Z][A-Z0-9]{0,2}$/);
const seqArb = fc.oneof(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
const dateArb = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('isDeviceCode', () => {
  it.each(['A', 'A1', 'B2C', 'Z99', 'HUB', 'X0'])('accepts %s', (s) => expect(isDeviceCode(s)).toBe(true));
  it.each(['', 'a1', '1A', 'A-1', 'ABCD', 'A 1', 'Ａ1', 'É', null, 1])('refuses %j', (s) => expect(isDeviceCode(s)).toBe(false));
});

describe('formats', () => {
  it('record numbers', () => {
    expect(recordNo('A1', 123)).toBe('A1-0000123');
    expect(recordNo('A', 1)).toBe('A-0000001');
    expect(recordNo('B2C', 12_345_678)).toBe('B2C-12345678');
  });
  it('dated numbers', () => {
    expect(receiptNo('A1', '2026-11-22', 7)).toBe('R20261122-A1-0007');
    expect(refundNo('A1', '2026-11-22', 3)).toBe('RF20261122-A1-0003');
    expect(prescriptionNo('A1', '2026-11-22', 12)).toBe('P20261122-A1-0012');
    expect(dayCloseNo('A1', '2026-11-22', 1)).toBe('D20261122-A1-01');
    expect(receiptNo('Z', '2026-01-05', 123_456)).toBe('R20260105-Z-123456');
  });
});

describe('refusals', () => {
  const makers: Array<[string, (d: string, n: number) => string]> = [
    ['recordNo', recordNo],
    ['receiptNo', (d, n) => receiptNo(d, '2026-11-22', n)],
    ['refundNo', (d, n) => refundNo(d, '2026-11-22', n)],
    ['prescriptionNo', (d, n) => prescriptionNo(d, '2026-11-22', n)],
    ['dayCloseNo', (d, n) => dayCloseNo(d, '2026-11-22', n)],
  ];
  it.each(makers)('%s refuses a bad device code', (_, make) => {
    for (const d of ['', 'a1', '1A', 'A-1', 'ABCD']) {
      expect(codeOf(() => make(d, 1))).toEqual({ code: 'VALIDATION', details: { field: 'device', value: d } });
    }
  });
  it.each(makers)('%s refuses a bad sequence', (_, make) => {
    for (const n of [0, -1, 1.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1]) {
      expect(codeOf(() => make('A1', n))).toEqual({ code: 'VALIDATION', details: { field: 'seq', value: n } });
    }
  });
  it('dated numbers refuse a bad date', () => {
    for (const make of [receiptNo, refundNo, prescriptionNo, dayCloseNo]) {
      expect(codeOf(() => make('A1', '2026-02-30', 1))).toEqual({
        code: 'INVALID_DATE',
        details: { field: 'localIsoDate', value: '2026-02-30' },
      });
    }
  });
});

describe('parseRecordNo', () => {
  it('reads numbers back', () => {
    expect(parseRecordNo('A1-0000123')).toEqual({ device: 'A1', seq: 123 });
    expect(parseRecordNo(' a1-123 ')).toEqual({ device: 'A1', seq: 123 });
  });
  it.each(['', 'A1', 'A1-', '-123', 'A1-0', 'ABCD-1', '1A-1', 'A1-12a', 'A1-99999999999999999'])('refuses %j', (s) => {
    expect(parseRecordNo(s)).toBeNull();
  });
  it('round-trips (property)', () => {
    fc.assert(
      fc.property(deviceArb, seqArb, (d, n) => {
        expect(parseRecordNo(recordNo(d, n))).toEqual({ device: d, seq: n });
      }),
    );
  });
});

describe('no two devices collide (property)', () => {
  const undated: Array<(d: string, n: number) => string> = [recordNo];
  const dated = [receiptNo, refundNo, prescriptionNo, dayCloseNo];

  it('distinct devices never give the same number, whatever the sequences', () => {
    fc.assert(
      fc.property(deviceArb, deviceArb, seqArb, seqArb, dateArb, (d1, d2, n1, n2, date) => {
        fc.pre(d1 !== d2);
        for (const f of undated) expect(f(d1, n1)).not.toBe(f(d2, n2));
        for (const f of dated) expect(f(d1, date, n1)).not.toBe(f(d2, date, n2));
      }),
      { numRuns: 1000 },
    );
  });
  it('one device with different sequences never repeats', () => {
    fc.assert(
      fc.property(deviceArb, seqArb, seqArb, (d, n1, n2) => {
        fc.pre(n1 !== n2);
        for (const f of undated) expect(f(d, n1)).not.toBe(f(d, n2));
        for (const f of dated) expect(f(d, '2026-11-22', n1)).not.toBe(f(d, '2026-11-22', n2));
      }),
      { numRuns: 1000 },
    );
  });
  it('dated numbers differ across days for the same device and sequence', () => {
    fc.assert(
      fc.property(deviceArb, seqArb, dateArb, dateArb, (d, n, a, b) => {
        fc.pre(a !== b);
        for (const f of dated) expect(f(d, a, n)).not.toBe(f(d, b, n));
      }),
    );
  });
  it('refunds and receipts never share a number', () => {
    fc.assert(
      fc.property(deviceArb, deviceArb, seqArb, seqArb, dateArb, (d1, d2, n1, n2, date) =>
        receiptNo(d1, date, n1) !== refundNo(d2, date, n2),
      ),
    );
  });
  it('a device prefix never looks like another device (hand-picked near misses)', () => {
    expect(recordNo('A', 10_000_001)).toBe('A-10000001'); // vs 'A1-0000001'
    expect(new Set([recordNo('A', 1), recordNo('A1', 1), recordNo('A10', 1), recordNo('A', 11)]).size).toBe(4);
  });
});

describe('deviceOfNumber', () => {
  it('reads the device back from every format', () => {
    fc.assert(fc.property(deviceArb, seqArb, dateArb, (dev, n, date) => {
      for (const made of [recordNo(dev, n), receiptNo(dev, date, n), refundNo(dev, date, n), prescriptionNo(dev, date, n), dayCloseNo(dev, date, n)]) {
        expect(deviceOfNumber(made)).toBe(dev);
      }
    }));
  });
  it.each(['', 'A1', 'a1-0000001', 'A1-', 'R2026112-A1-0001', 'X20261122-A1-0001', 'ABCD-0001', 'A1-0001 ', 'MR-A1-000318'])('refuses %j', (s) => {
    expect(deviceOfNumber(s)).toBeNull();
  });
});
