import { describe, expect, it } from 'vitest';
import { afterFailure, delayAfter, MAX_TRACKED, nextAttemptAt, PasswordThrottle, throttlePolicy } from './throttle';

const p = throttlePolicy({ maxLoginFailures: 5, loginLockMs: 15 * 60_000 });

describe('throttle policy', () => {
  it('takes its free tries and longest delay from the clinic settings; the alarm is ten times the free tries', () => {
    expect(p).toMatchObject({ freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 900_000, accountAlarm: 50 });
    expect(throttlePolicy({ maxLoginFailures: 3, loginLockMs: 0 }).maxDelayMs).toBe(1_000);
  });

  it('no delay for the free tries, then one that doubles up to the longest', () => {
    expect([0, 1, 4].map((n) => delayAfter(p, n, 0))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 10].map((n) => delayAfter(p, n, 0))).toEqual([1_000, 2_000, 4_000, 32_000]);
    expect(delayAfter(p, 15, 0)).toBe(900_000);
    expect(delayAfter(p, 10_000, 0)).toBe(900_000);
  });

  it('past the account alarm a source that has failed loses its free tries; one that has not is never held', () => {
    expect(delayAfter(p, 1, 49)).toBe(0);
    expect(delayAfter(p, 1, 50)).toBe(1_000);
    expect(delayAfter(p, 7, 50)).toBe(4_000);
    expect(delayAfter(p, 0, 1_000)).toBe(0);
    expect(nextAttemptAt(p, undefined, 1_000, 0)).toBeNull();
  });

  it('the next attempt is allowed once the delay has passed, and a quiet day forgets the failures', () => {
    const s = { failures: 5, lastFailureAt: 10_000 };
    expect(nextAttemptAt(p, s, 0, 10_500)).toBe(11_000);
    expect(nextAttemptAt(p, s, 0, 11_000)).toBeNull();
    const long = { failures: 40, lastFailureAt: 0 };
    expect(nextAttemptAt(p, long, 0, p.forgetAfterMs - 1)).toBeNull(); // past the longest delay
    expect(afterFailure(p, long, p.forgetAfterMs - 1)).toEqual({ failures: 41, lastFailureAt: p.forgetAfterMs - 1 });
    expect(afterFailure(p, long, p.forgetAfterMs)).toEqual({ failures: 1, lastFailureAt: p.forgetAfterMs });
    expect(afterFailure(p, undefined, 5)).toEqual({ failures: 1, lastFailureAt: 5 });
  });
});

describe('PasswordThrottle', () => {
  it('keeps failures per source and username (names case-insensitively); a success or a reset forgets them', () => {
    const t = new PasswordThrottle();
    t.fail(p, 'ws:10.0.0.9', 'Doctor', 1);
    t.fail(p, 'ws:10.0.0.9', 'doctor', 2);
    t.fail(p, 'window', 'doctor', 3);
    t.fail(p, 'ws:10.0.0.9', 'cashier', 4);
    expect(t.get('ws:10.0.0.9', 'doctor')).toEqual({ failures: 2, lastFailureAt: 2 });
    expect(t.get('window', 'doctor')).toEqual({ failures: 1, lastFailureAt: 3 });
    t.succeed('window', 'doctor');
    expect(t.get('window', 'doctor')).toBeUndefined();
    expect(t.get('ws:10.0.0.9', 'doctor')?.failures).toBe(2);
    t.forget('doctor');
    expect(t.get('ws:10.0.0.9', 'doctor')).toBeUndefined();
    expect(t.get('ws:10.0.0.9', 'cashier')?.failures).toBe(1);
  });

  it('stays bounded: past MAX_TRACKED pairs the least recently failing are dropped', () => {
    const t = new PasswordThrottle();
    for (let i = 0; i <= MAX_TRACKED; i++) t.fail(p, `ws:${i}`, 'doctor', i);
    expect(t.size).toBe(MAX_TRACKED);
    expect(t.get('ws:0', 'doctor')).toBeUndefined();
    expect(t.get(`ws:${MAX_TRACKED}`, 'doctor')?.failures).toBe(1);
  });
});
