import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextQueueNo, parseQueueNo, queueNo, settleQueueClashes, type QueuedVisit } from './queue-numbers';
import { codeOf } from './testing';

describe('queueNo and parseQueueNo', () => {
  it('writes three digits at least and reads back only the canonical form', () => {
    expect(queueNo(7)).toBe('007');
    expect(queueNo(1234)).toBe('1234');
    expect(parseQueueNo('007')).toBe(7);
    expect(parseQueueNo('1234')).toBe(1234);
    for (const s of ['A1-007', '7', '07', '0007', '000', '', ' 007', null, undefined]) expect(parseQueueNo(s)).toBeNull();
  });

  it('refuses what is not a number from 1 to 999999', () => {
    for (const n of [0, -1, 1.5, NaN, 1_000_000]) expect(codeOf(() => queueNo(n))).toEqual({ code: 'VALIDATION', details: { field: 'queueNo', value: n } });
  });

  it('round-trips every number', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999 }), (n) => parseQueueNo(queueNo(n)) === n));
  });
});

describe('nextQueueNo', () => {
  it('follows the highest number held, ignoring numbers of the old per-desk format', () => {
    expect(nextQueueNo([])).toBe('001');
    expect(nextQueueNo(['001', '003', '002'])).toBe('004');
    expect(nextQueueNo(['A1-009', '002', null])).toBe('003');
  });
});

const v = (id: string, no: string, at: number): QueuedVisit => ({ id, queueNo: no, checkedInAt: at });

describe('settleQueueClashes', () => {
  it('leaves unique numbers alone', () => {
    expect(settleQueueClashes([v('a', '001', 1), v('b', '002', 2), v('c', 'A1-001', 3)])).toEqual([]);
  });

  it('keeps the number with the earliest arrival and gives the others the next free numbers in arrival order', () => {
    // Desk A: 001 at t=10, 002 at t=40. Desk B, apart: 001 at t=20, 002 at t=30.
    const visits = [v('a1', '001', 10), v('a2', '002', 40), v('b1', '001', 20), v('b2', '002', 30)];
    expect(settleQueueClashes(visits)).toEqual([
      { visitId: 'b1', from: '001', to: '003' },
      { visitId: 'a2', from: '002', to: '004' },
    ]);
  });

  it('breaks a tie of check-in time by visit id', () => {
    expect(settleQueueClashes([v('y', '001', 5), v('x', '001', 5)])).toEqual([{ visitId: 'y', from: '001', to: '002' }]);
  });

  it('gives the same answer for any order of the same visits, and its answer leaves no clash', () => {
    const arb = fc.uniqueArray(fc.record({ id: fc.uuid(), queueNo: fc.integer({ min: 1, max: 6 }).map(queueNo), checkedInAt: fc.integer({ min: 0, max: 20 }) }), {
      selector: (x) => x.id, maxLength: 12,
    });
    fc.assert(fc.property(arb, (visits) => {
      const once = settleQueueClashes(visits);
      expect(settleQueueClashes([...visits].reverse())).toEqual(once);
      const to = new Map(once.map((r) => [r.visitId, r.to]));
      const after = visits.map((x) => ({ ...x, queueNo: to.get(x.id) ?? x.queueNo }));
      expect(new Set(after.map((x) => x.queueNo)).size).toBe(visits.length);
      expect(settleQueueClashes(after)).toEqual([]);
    }));
  });
});
