/** Same seed and clock → the same content, table by table; another seed → another clinic. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKeyed } from '../../db/cipher';
import { afterAll, describe, expect, it } from 'vitest';
import { tableChecksums } from '../station/checksum';
import { createDemoClinic } from './index';
import { TEST_STATION_KEY } from '../station/keys.testing';

const dir = mkdtempSync(join(tmpdir(), 'demo-det-'));
const NOW = Date.parse('2026-03-02T07:15:00Z');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function make(name: string, seed: number) {
  const file = join(dir, name);
  const summary = createDemoClinic(file, { key: TEST_STATION_KEY, seed, now: NOW, patients: 800, historyDays: 12 });
  const db = openKeyed(file, TEST_STATION_KEY, { readonly: true });
  try {
    return { summary, sums: tableChecksums(db) };
  } finally {
    db.close();
  }
}

describe('demo determinism', () => {
  it('makes byte-identical tables from the same seed and clock', () => {
    const a = make('a.sqlite', 7);
    const b = make('b.sqlite', 7);
    expect(a.summary.counts['visits']).toBeGreaterThan(100);
    expect(Object.keys(a.sums).length).toBeGreaterThan(20);
    expect(b.sums).toEqual(a.sums);
    const c = make('c.sqlite', 8);
    expect(c.sums['patients']).not.toBe(a.sums['patients']);
    expect(c.sums['visits']).not.toBe(a.sums['visits']);
    expect(c.sums['change_log']).not.toBe(a.sums['change_log']);
  }, 240_000);

  it('refuses to fill a database that exists', () => {
    const file = join(dir, 'a.sqlite');
    expect(existsSync(file)).toBe(true);
    expect(() => createDemoClinic(file, { key: TEST_STATION_KEY, seed: 1, now: NOW })).toThrow(/exists/);
  });
});
