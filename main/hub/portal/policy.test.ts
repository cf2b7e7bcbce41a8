import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_ALPHABET, ACTIVATION_LENGTH, assertBeforeCutoff, assertInWindow, assertMember, assertUnderDailyLimit, bookingWindow,
  formatActivationCode, makeActivationCode, matchesRecord, normalizeActivationCode, sessionStartsAt,
} from './policy';

const code = (fn: () => void): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return null;
};

describe('portal policy', () => {
  it('refuses a member of another account exactly as one that does not exist, naming only the field', () => {
    const members = new Set(['p1', 'p2']);
    expect(() => assertMember(members, 'p1')).not.toThrow();
    const foreign = code(() => assertMember(members, 'someone-elses'));
    const missing = code(() => assertMember(members, 'no-such-id'));
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', details: { field: 'memberId' } });
    expect(JSON.stringify(foreign)).not.toContain('someone-elses');
    expect((foreign as Error).message).toBe((missing as Error).message);
  });

  it('starts sessions at their period in the clinic time zone', () => {
    expect(sessionStartsAt('2026-11-24', 'morning', 'Asia/Shanghai')).toBe(Date.parse('2026-11-24T00:00:00Z'));
    expect(sessionStartsAt('2026-11-24', 'afternoon', 'Asia/Shanghai')).toBe(Date.parse('2026-11-24T05:30:00Z'));
  });

  it('lets a booking change until the cut-off and not a minute after', () => {
    const start = Date.parse('2026-11-24T00:00:00Z');
    expect(() => assertBeforeCutoff(start, start - 120 * 60_000, 120)).not.toThrow();
    expect(code(() => assertBeforeCutoff(start, start - 119 * 60_000, 120))).toMatchObject({ code: 'BOOKING_CUTOFF', details: { cutoffMinutes: 120 } });
    expect(code(() => assertBeforeCutoff(start, start + 1, 0))).toMatchObject({ code: 'BOOKING_CUTOFF' });
  });

  it('counts the daily limit per member', () => {
    expect(() => assertUnderDailyLimit(1, 2)).not.toThrow();
    expect(code(() => assertUnderDailyLimit(2, 2))).toMatchObject({ code: 'BOOKING_LIMIT', details: { limit: 2 } });
  });

  it('offers today and the next 13 days', () => {
    expect(bookingWindow('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-12-06' });
    expect(() => assertInWindow('2026-12-06', '2026-11-23')).not.toThrow();
    expect(code(() => assertInWindow('2026-12-07', '2026-11-23'))).toMatchObject({ code: 'VALIDATION', details: { reason: 'beyond_window' } });
    expect(code(() => assertInWindow('2026-11-22', '2026-11-23'))).toMatchObject({ code: 'SESSION_PAST' });
  });

  it('links a member to a record only when name and ID number both match an unmerged record', () => {
    const rec = { name: '张三', idNumber: '11010519491231002X', mergedInto: null };
    expect(matchesRecord(rec, { name: '张三', idNumber: '11010519491231002x' })).toBe(true);
    expect(matchesRecord(rec, { name: '张四', idNumber: '11010519491231002X' })).toBe(false);
    expect(matchesRecord({ ...rec, mergedInto: 'other' }, { name: '张三', idNumber: '11010519491231002X' })).toBe(false);
    expect(matchesRecord({ ...rec, idNumber: null }, { name: '张三', idNumber: '11010519491231002X' })).toBe(false);
  });

  it('makes activation codes of the alphabet and reads them back however typed', () => {
    let i = 0;
    const made = makeActivationCode(() => (i++ * 7) % ACTIVATION_ALPHABET.length);
    expect(made).toHaveLength(ACTIVATION_LENGTH);
    expect(normalizeActivationCode(formatActivationCode(made).toLowerCase())).toBe(made);
    expect(normalizeActivationCode(` ${made.slice(0, 3)} ${made.slice(3)} `)).toBe(made);
    expect(normalizeActivationCode('O0000-11111')).toBeNull();
    expect(normalizeActivationCode('ABCDE-FGH')).toBeNull();
  });
});
