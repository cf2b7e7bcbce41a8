import { describe, expect, it } from 'vitest';
import { delayAfter, FIRST_DELAY_MS, MAX_DELAY_MS, PairingThrottle, sourceOf } from './pairing-throttle';

describe('pairing throttle (per source)', () => {
  it('waits longer after each failure, up to a ceiling', () => {
    expect(delayAfter(0)).toBe(0);
    expect(delayAfter(1)).toBe(0);
    expect(delayAfter(2)).toBe(FIRST_DELAY_MS);
    expect(delayAfter(3)).toBe(2 * FIRST_DELAY_MS);
    expect(delayAfter(6)).toBe(16 * FIRST_DELAY_MS);
    expect(delayAfter(40)).toBe(MAX_DELAY_MS);
  });

  it('slows a failing source and leaves another alone', () => {
    const t = new PairingThrottle();
    expect(t.waitFor('10.0.0.5', 0)).toBeNull();
    t.failed('10.0.0.5', 0);
    expect(t.waitFor('10.0.0.5', 0)).toBeNull();
    t.failed('10.0.0.5', 0);
    expect(t.waitFor('10.0.0.5', 10)).toBe(FIRST_DELAY_MS - 10);
    expect(t.waitFor('10.0.0.6', 10)).toBeNull();
    expect(t.waitFor('10.0.0.5', FIRST_DELAY_MS)).toBeNull();
    t.failed('10.0.0.5', FIRST_DELAY_MS);
    expect(t.waitFor('10.0.0.5', FIRST_DELAY_MS + 1)).toBe(2 * FIRST_DELAY_MS - 1);
  });

  it('forgets a source after a success, or an hour after its wait', () => {
    const t = new PairingThrottle();
    t.failed('a', 0);
    t.succeeded('a');
    expect(t.waitFor('a', 1)).toBeNull();
    for (let i = 0; i < 3; i += 1) t.failed('b', 0);
    expect(t.waitFor('b', 1)).not.toBeNull();
    expect(t.waitFor('b', 2 * FIRST_DELAY_MS + 60 * 60_000)).toBeNull();
    // Forgotten: its next failure is its first again, and free.
    t.failed('b', 5 * FIRST_DELAY_MS + 60 * 60_000);
    expect(t.waitFor('b', 5 * FIRST_DELAY_MS + 60 * 60_000)).toBeNull();
  });

  it('takes an IPv4-mapped address as the IPv4 one', () => {
    expect(sourceOf('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(sourceOf('::1')).toBe('::1');
    expect(sourceOf(undefined)).toBe('?');
  });
});
