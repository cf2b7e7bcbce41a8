import { describe, expect, it } from 'vitest';
import { UUID_RE } from '../domain/uuid';
import { Rng, Weighted } from './random';

describe('seeded random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.u32())).not.toEqual(sa);
  });

  it('forks independent streams by name', () => {
    const r = new Rng(7);
    expect(r.fork('a').u32()).toBe(new Rng(7).fork('a').u32());
    expect(r.fork('a').u32()).not.toBe(r.fork('b').u32());
  });

  it('draws in range, roughly uniformly', () => {
    const r = new Rng(1);
    const hist = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      hist[r.int(10)]++;
      const y = r.range(3, 5);
      expect(y >= 3 && y <= 5).toBe(true);
    }
    for (const h of hist) expect(Math.abs(h - 10_000)).toBeLessThan(600);
  });

  it('makes UUIDv7-shaped ids carrying the time', () => {
    const r = new Rng(9);
    const ms = Date.parse('2026-11-23T01:02:03.004Z');
    const id = r.uuid(ms);
    expect(id).toMatch(UUID_RE);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    expect(r.uuid(ms)).not.toBe(id);
  });

  it('picks by weight', () => {
    const w = new Weighted<string>([['a', 9], ['b', 1], ['c', 0]]);
    const r = new Rng(5);
    const n = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (let i = 0; i < 20_000; i++) n[w.draw(r)]!++;
    expect(n['c']).toBe(0);
    expect(n['a']! / n['b']!).toBeGreaterThan(7);
    expect(n['a']! / n['b']!).toBeLessThan(11);
  });
});
