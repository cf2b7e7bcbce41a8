import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { UUID_RE, uuidv7 } from './uuid';

const hex = (u: string) => u.replaceAll('-', '');
const timestampOf = (u: string) => parseInt(hex(u).slice(0, 12), 16);

// uuidv7 keeps module state (last ms); tests run in order with increasing times.
describe('uuidv7', () => {
  it('uses the wall clock by default', () => {
    const before = Date.now();
    const u = uuidv7();
    expect(u).toMatch(UUID_RE);
    expect(timestampOf(u)).toBeGreaterThanOrEqual(before);
    expect(timestampOf(u)).toBeLessThanOrEqual(Date.now());
  });

  const base = Date.now() + 1_000_000;

  it('has the RFC 9562 layout: 48-bit ms, version 7, variant 10', () => {
    const u = uuidv7(base);
    expect(u).toMatch(UUID_RE);
    expect(u).toHaveLength(36);
    expect(u[14]).toBe('7');
    expect('89ab').toContain(u[19]);
    expect(timestampOf(u)).toBe(base);
  });

  it('is strictly increasing across 10,000 calls in the same millisecond', () => {
    const t = base + 10;
    const ids = Array.from({ length: 10_000 }, () => uuidv7(t));
    for (let i = 1; i < ids.length; i++) {
      expect(ids[i]! > ids[i - 1]!).toBe(true);
    }
    expect(new Set(ids).size).toBe(10_000);
    for (const u of ids) {
      expect(u).toMatch(UUID_RE);
      expect(u[14]).toBe('7');
      expect('89ab').toContain(u[19]);
      expect(timestampOf(u)).toBe(t);
    }
  });

  it('stays increasing when the clock goes back', () => {
    const a = uuidv7(base + 100);
    const b = uuidv7(base + 50);
    expect(b > a).toBe(true);
    expect(timestampOf(b)).toBe(base + 100);
  });

  it('sorts by creation time across milliseconds (property)', () => {
    let t = base + 1000;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 50 }), (steps) => {
        let prev = uuidv7(t);
        for (const s of steps) {
          t += s;
          const next = uuidv7(t);
          expect(next > prev).toBe(true);
          expect(timestampOf(next)).toBe(t);
          prev = next;
        }
        t += 1;
      }),
    );
  });

  it('encodes any 48-bit timestamp', () => {
    const far = 2 ** 48 - 1;
    const u = uuidv7(far);
    expect(u.slice(0, 13)).toBe('ffffffff-ffff');
    expect(u[14]).toBe('7');
  });

  it('UUID_RE refuses other shapes', () => {
    for (const s of ['', 'not-a-uuid', '0192F3A0-0000-7000-8000-000000000000', '0192f3a00000700080000000000000000', '0192f3a0-0000-7000-8000-00000000000g']) {
      expect(UUID_RE.test(s)).toBe(false);
    }
  });
});
