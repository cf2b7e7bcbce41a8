import { describe, expect, it } from 'vitest';
import { aheadOf, inLineOrder, openFirst, stateOf, type LineVisit } from './queue-position';

const v = (id: string, queueOrder: number, o: Partial<LineVisit> = {}): LineVisit => ({
  id, priority: false, queueOrder, queueNo: String(queueOrder).padStart(3, '0'), status: 'waiting', feeStatus: 'paid', calledAt: null, ...o,
});

describe('queue position', () => {
  it('counts the waiting, uncalled visits before mine in the doctor order', () => {
    const line = [v('a', 1), v('b', 2), v('me', 3), v('c', 4)];
    expect(aheadOf(line[2]!, line)).toBe(2);
    expect(aheadOf(line[0]!, line)).toBe(0);
  });

  it('drops by one when the first in line is called, and the called one sees called with none ahead', () => {
    const line = [v('a', 1, { calledAt: 100 }), v('b', 2), v('me', 3)];
    expect(aheadOf(line[2]!, line)).toBe(1);
    expect(stateOf(line[0]!)).toBe('called');
    expect(aheadOf(line[0]!, line)).toBe(0);
  });

  it('puts priority visits first, and leaves out unpaid, cancelled, finished and in-consultation visits', () => {
    const line = [
      v('a', 1, { status: 'in_consultation' }), v('b', 2, { feeStatus: 'unpaid' }), v('c', 3, { status: 'cancelled' }),
      v('d', 4, { status: 'discharged' }), v('e', 9, { priority: true }), v('me', 5),
    ];
    expect(aheadOf(line[5]!, line)).toBe(1);
    expect(inLineOrder(line[4]!, line[5]!)).toBeLessThan(0);
  });

  it('says where an unpaid visit will stand and what state each status is', () => {
    const line = [v('a', 1), v('me', 2, { feeStatus: 'unpaid' })];
    expect(stateOf(line[1]!)).toBe('unpaid');
    expect(aheadOf(line[1]!, line)).toBe(1);
    expect(stateOf(v('x', 1, { status: 'awaiting_payment' }))).toBe('done');
    expect(stateOf(v('x', 1, { status: 'in_consultation' }))).toBe('in_consultation');
    expect(aheadOf(v('x', 1, { status: 'cancelled' }), line)).toBe(0);
    expect(stateOf(v('x', 1, { feeStatus: 'not_required' }))).toBe('waiting');
  });

  it('orders equal queue order by number', () => {
    expect(inLineOrder(v('a', 1, { queueNo: '002' }), v('b', 1, { queueNo: '003' }))).toBeLessThan(0);
    expect(inLineOrder(v('a', 1), v('a', 1))).toBe(0);
  });

  it("lists a phone's visits still to happen first and done or cancelled ones last, each group in check-in order", () => {
    const p = (id: string, state: ReturnType<typeof stateOf>) => ({ id, state });
    const listed = openFirst([p('seen', 'done'), p('gone', 'cancelled'), p('now', 'in_consultation'), p('next', 'waiting'), p('later', 'unpaid'), p('seen2', 'done')]);
    expect(listed.map((x) => x.id)).toEqual(['now', 'next', 'later', 'seen', 'gone', 'seen2']);
    expect(openFirst([])).toEqual([]);
  });
});
