import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('hub log-in throttle', () => {
  it('lets a device try until the fifth wrong password, then makes it wait a minute', () => {
    const t = new LoginThrottle(5, 60_000);
    for (let i = 0; i < 4; i++) {
      t.failed('A1', 1000 + i);
      expect(t.blockedUntil('A1', 1000 + i)).toBeNull();
    }
    t.failed('A1', 2000);
    expect(t.blockedUntil('A1', 2001)).toBe(62_000);
    expect(t.blockedUntil('B1', 2001)).toBeNull();
    expect(t.blockedUntil('A1', 62_000)).toBeNull();
    // After the wait the count starts again.
    t.failed('A1', 62_001);
    expect(t.blockedUntil('A1', 62_002)).toBeNull();
  });

  it('forgets the failures of a device that got its password right', () => {
    const t = new LoginThrottle(3, 60_000);
    t.failed('A1', 1);
    t.failed('A1', 2);
    t.succeeded('A1');
    t.failed('A1', 3);
    t.failed('A1', 4);
    expect(t.blockedUntil('A1', 5)).toBeNull();
    t.failed('A1', 5);
    expect(t.blockedUntil('A1', 6)).toBe(60_005);
  });
});
