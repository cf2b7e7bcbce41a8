import { describe, expect, it } from 'vitest';
import { takeNewCalls } from './announce';

const e = (queueNo: string, calledAt: number | null) => ({ queueNo, roomName: '诊室1', calledAt });

describe('waiting-room announcements', () => {
  it('speaks each call once, oldest first, however often the board refreshes', () => {
    const heard = new Set<string>();
    expect(takeNewCalls(heard, [e('A1-002', 200), e('A1-001', 100)]).map((c) => c.queueNo)).toEqual(['A1-001', 'A1-002']);
    expect(takeNewCalls(heard, [e('A1-002', 200), e('A1-001', 100)])).toEqual([]);
  });

  it('speaks a recall again: the same number called at a new moment', () => {
    const heard = new Set<string>();
    takeNewCalls(heard, [e('A1-001', 100)]);
    expect(takeNewCalls(heard, [e('A1-001', 900)]).map((c) => c.calledAt)).toEqual([900]);
  });

  it('does not speak a patient who is not being called', () => {
    expect(takeNewCalls(new Set(), [e('A1-003', null)])).toEqual([]);
  });
});
