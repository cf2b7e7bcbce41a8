import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ClockError,
  type Hlc,
  MAX_COUNTER,
  MAX_DRIFT_MS,
  hlcCompare,
  hlcParse,
  hlcReceive,
  hlcTick,
  hlcToString,
  hlcZero,
} from './hlc';

const T = 1_764_000_000_000; // 2025-11-24
const pair = (h: Hlc) => [h.ms, h.counter];
/** Compares (ms, counter) only. */
const cmpTime = (a: Hlc, b: Hlc) => (a.ms !== b.ms ? Math.sign(a.ms - b.ms) : Math.sign(a.counter - b.counter));

const deviceArb = fc.stringMatching(/^[A-Z][A-Z0-9]{0,2}$/);
const hlcArb = fc.record({
  ms: fc.integer({ min: 0, max: 999_999_999_999_999 }),
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
  device: deviceArb,
});

describe('hlcZero', () => {
  it('starts at zero for the device', () => {
    expect(hlcZero('A1')).toEqual({ ms: 0, counter: 0, device: 'A1' });
  });
});

describe('hlcTick', () => {
  it('follows the wall clock when it moves forward', () => {
    expect(hlcTick({ ms: T, counter: 7, device: 'A1' }, T + 1)).toEqual({ ms: T + 1, counter: 0, device: 'A1' });
    expect(hlcTick(hlcZero('B'), T)).toEqual({ ms: T, counter: 0, device: 'B' });
  });
  it('counts within the same millisecond', () => {
    expect(hlcTick({ ms: T, counter: 7, device: 'A1' }, T)).toEqual({ ms: T, counter: 8, device: 'A1' });
  });
  it('never goes back when the wall clock does', () => {
    expect(hlcTick({ ms: T, counter: 7, device: 'A1' }, T - 5000)).toEqual({ ms: T, counter: 8, device: 'A1' });
  });
  it('moves the physical part on when the counter is full, instead of failing', () => {
    const full = { ms: T, counter: MAX_COUNTER, device: 'A1' };
    expect(hlcTick(full, T)).toEqual({ ms: T + 1, counter: 0, device: 'A1' });
    expect(hlcTick(full, T - 1)).toEqual({ ms: T + 1, counter: 0, device: 'A1' });
    expect(hlcTick(full, T + 1)).toEqual({ ms: T + 1, counter: 0, device: 'A1' });
    expect(hlcTick({ ...full, counter: MAX_COUNTER - 1 }, T).counter).toBe(MAX_COUNTER);
  });
  it('keeps going past 65,536 events from a clock that stays ahead of the wall clock', () => {
    let h: Hlc = { ms: T + 86_400_000, counter: 0, device: 'A1' };
    const first = h;
    for (let i = 0; i < 70_000; i += 1) {
      const next = hlcTick(h, T);
      expect(hlcCompare(next, h)).toBe(1);
      h = next;
    }
    expect([h.ms - first.ms, h.counter]).toEqual([1, 70_000 - 65_536]);
  });
  it('is strictly monotonic and never behind the wall clock (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: T - 10_000, max: T + 10_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let h = hlcZero('A1');
        let maxWall = 0;
        for (const w of walls) {
          const next = hlcTick(h, w);
          maxWall = Math.max(maxWall, w);
          expect(hlcCompare(next, h)).toBe(1);
          expect(next.ms).toBe(maxWall);
          expect(next.device).toBe('A1');
          h = next;
        }
      }),
    );
  });
});

describe('hlcReceive', () => {
  const local = (ms: number, counter: number): Hlc => ({ ms, counter, device: 'A1' });
  const remote = (ms: number, counter: number): Hlc => ({ ms, counter, device: 'B2' });
  it.each([
    ['all equal', local(T, 5), remote(T, 7), T, [T, 8]],
    ['all equal, local counter higher', local(T, 9), remote(T, 7), T, [T, 10]],
    ['local ahead', local(T + 200, 3), remote(T + 100, 9), T + 150, [T + 200, 4]],
    ['remote ahead', local(T + 100, 3), remote(T + 200, 9), T + 150, [T + 200, 10]],
    ['wall ahead', local(T + 100, 3), remote(T + 200, 9), T + 300, [T + 300, 0]],
    ['local and remote equal, wall behind', local(T, 1), remote(T, 1), T - 10, [T, 2]],
  ] as const)('%s', (_, l, r, wall, expected) => {
    const h = hlcReceive(l, r, wall);
    expect(pair(h)).toEqual(expected);
    expect(h.device).toBe('A1');
  });
  it('refuses a remote clock more than MAX_DRIFT_MS ahead', () => {
    expect(MAX_DRIFT_MS).toBe(60_000);
    expect(() => hlcReceive(local(T, 0), remote(T + MAX_DRIFT_MS + 1, 0), T)).toThrow(ClockError);
    expect(() => hlcReceive(local(T, 0), remote(T + MAX_DRIFT_MS + 1, 0), T)).toThrow(/ahead/);
    expect(pair(hlcReceive(local(T, 0), remote(T + MAX_DRIFT_MS, 0), T))).toEqual([T + MAX_DRIFT_MS, 1]);
  });
  it('accepts a remote clock far behind', () => {
    expect(pair(hlcReceive(local(T, 4), remote(T - 3_600_000, 9), T))).toEqual([T, 5]);
  });
  it('moves the physical part on when the counter would overflow, still after both', () => {
    for (const [l, r, wall] of [[local(T, MAX_COUNTER), remote(T, 0), T], [local(T, 0), remote(T, MAX_COUNTER), T],
      [local(T - 1, 0), remote(T, MAX_COUNTER), T - 5], [local(T, MAX_COUNTER), remote(T - 1, 0), T - 5]] as const) {
      const next = hlcReceive(l, r, wall);
      expect(pair(next)).toEqual([T + 1, 0]);
      expect(hlcCompare(next, l)).toBe(1);
      expect(hlcCompare(next, { ...r, device: 'A1' })).toBe(1);
    }
  });
  it('is after both inputs and never behind the wall clock (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: T - 100, max: T + 100 }),
        fc.integer({ min: 0, max: MAX_COUNTER - 1 }),
        fc.integer({ min: T - 100, max: T + 100 }),
        fc.integer({ min: 0, max: MAX_COUNTER - 1 }),
        fc.integer({ min: T - 100, max: T + 100 }),
        (lm, lc, rm, rc, wall) => {
          const l = local(lm, lc);
          const r = remote(rm, rc);
          const h = hlcReceive(l, r, wall);
          expect(cmpTime(h, l)).toBe(1);
          expect(cmpTime(h, r)).toBe(1);
          expect(h.ms).toBeGreaterThanOrEqual(wall);
          expect(h.ms).toBe(Math.max(lm, rm, wall));
        },
      ),
    );
  });
});

describe('serialisation', () => {
  it('writes a fixed-width string', () => {
    expect(hlcToString({ ms: T, counter: 0, device: 'A1' })).toBe('001764000000000-0000-A1');
    expect(hlcToString({ ms: T, counter: 0xabc, device: 'B' })).toBe('001764000000000-0abc-B');
    expect(hlcToString({ ms: 0, counter: MAX_COUNTER, device: 'Z99' })).toBe('000000000000000-ffff-Z99');
  });
  it('parses back (property)', () => {
    fc.assert(
      fc.property(hlcArb, (h) => {
        expect(hlcParse(hlcToString(h))).toEqual(h);
      }),
    );
  });
  it.each(['', 'abc', '1764000000000-0000-A1', '001764000000000-000-A1', '001764000000000-0000-', '001764000000000-FFFF-A1', '001764000000000_0000_A1'])(
    'refuses %j',
    (s) => expect(() => hlcParse(s)).toThrow(ClockError),
  );
  it('string order equals hlcCompare order (property)', () => {
    const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
    const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    // Nearby values too, so that equal ms and equal counters are common.
    const near = fc.record({
      ms: fc.integer({ min: T, max: T + 2 }),
      counter: fc.integer({ min: 0, max: 2 }),
      device: fc.constantFrom('A', 'A1', 'A10', 'B', 'B2'),
    });
    fc.assert(
      fc.property(fc.oneof(hlcArb, near), fc.oneof(hlcArb, near), (a, b) => {
        expect(strCmp(hlcToString(a), hlcToString(b))).toBe(sign(hlcCompare(a, b)));
      }),
      { numRuns: 2000 },
    );
  });
  it('hlcCompare is a total order: antisymmetric, zero only for equal stamps', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        expect(hlcCompare(a, b)).toBe(-hlcCompare(b, a) || 0);
        expect(hlcCompare(a, b) === 0).toBe(a.ms === b.ms && a.counter === b.counter && a.device === b.device);
      }),
    );
  });
});
