/**
 * Drift: the hub's typed tables (made from the drizzle schema) against a real station's SQLite
 * (made by the reviewed migrations), on both hub engines. Every replicated table must have the
 * same columns with the same type family (integer, real, text), the same primary key, and the
 * same indexes (names and columns). A column added to SQLite but not to the hub fails the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDb } from '../../db/open';
import { REPLICATED_NAMES } from '../sync/testing';
import { HUB_TABLES } from './pg-schema';
import { eachHubStore } from './stores.testing';
import { columnDefaultsOf } from './typed-rows';
import { hubShapes, shapeDifferences, stationShapes } from './typed-tables';
import { TEST_STATION_KEY } from '../station/keys.testing';

const STORES = eachHubStore();

let dir: string;
let station: OpenedDb;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clinic-drift-'));
  station = openDatabase(join(dir, 'station.sqlite'), { key: TEST_STATION_KEY });
});
afterAll(() => {
  station?.raw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('column defaults', () => {
  it('the hub fills a column no change set with the same DEFAULT as the station SQLite', () => {
    // As SQLite stores them: 'text' quoted, numbers, and true/false as 1/0.
    const parse = (v: string): string | number =>
      /^'(.*)'$/s.test(v) ? v.slice(1, -1).replace(/''/g, "'") : v === 'true' ? 1 : v === 'false' ? 0 : Number(v);
    let found = 0;
    for (const table of REPLICATED_NAMES) {
      const cols = station.raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; dflt_value: string | null }[];
      const local = Object.fromEntries(cols.filter((c) => c.dflt_value !== null).map((c) => [c.name, parse(c.dflt_value!)]));
      expect(Object.fromEntries(columnDefaultsOf(table)), table).toEqual(local);
      found += Object.keys(local).length;
    }
    expect(found).toBeGreaterThan(20);
  });
});

describe.each(STORES)('hub typed tables on %s against the station SQLite schema', (_name, hubOf) => {
  it('have every replicated table with the same columns, type families, primary keys and indexes', async () => {
    const th = await hubOf();
    try {
      expect([...HUB_TABLES.keys()].sort()).toEqual(REPLICATED_NAMES);
      const local = stationShapes(station.raw, REPLICATED_NAMES);
      const hub = await hubShapes(th.store, REPLICATED_NAMES);
      // The comparison has something to compare: every table, its columns and its indexes.
      expect(local.size).toBe(REPLICATED_NAMES.length);
      expect(local.get('patients')!.columns.get('created_at')).toBe('integer');
      expect(local.get('visits')!.indexes.get('visits_queue')).toEqual(['doctor_id', 'visit_date', 'status']);
      expect(hub.get('payments')!.indexes.get('payments_cashier')).toEqual(['cashier_id', 'day_close_id', 'created_at']);
      expect(hub.get('settings')!.primaryKey).toEqual(['key']);
      expect(shapeDifferences(local, hub)).toEqual([]);

      // A doctored station: a column and an index added to SQLite, not to the hub.
      const doctored = new Map(local);
      const patients = local.get('patients')!;
      doctored.set('patients', { ...patients, columns: new Map([...patients.columns, ['nickname', 'text']]), indexes: new Map([...patients.indexes, ['patients_nickname', ['nickname']]]) });
      expect(shapeDifferences(doctored, hub)).toEqual(['patients.nickname: column missing on the hub', 'patients: index patients_nickname missing on the hub']);
    } finally {
      await th.close();
    }
  });

  it('catch a migration that adds a column or changes a type in the real SQLite file', async () => {
    const th = await hubOf();
    const d = mkdtempSync(join(tmpdir(), 'clinic-drift-'));
    const doctored = openDatabase(join(d, 'station.sqlite'), { key: TEST_STATION_KEY });
    try {
      doctored.raw.exec(`ALTER TABLE visits ADD COLUMN triage_level integer;
        CREATE INDEX visits_triage ON visits (triage_level);
        ALTER TABLE bills ADD COLUMN discount_rate real;`);
      const hub = await hubShapes(th.store, REPLICATED_NAMES);
      expect(shapeDifferences(stationShapes(doctored.raw, REPLICATED_NAMES), hub)).toEqual([
        'bills.discount_rate: column missing on the hub',
        'visits.triage_level: column missing on the hub',
        'visits: index visits_triage missing on the hub',
      ]);
      // And the other way: a hub column of another family.
      await th.store.query('ALTER TABLE drugs ALTER COLUMN price_fen TYPE text');
      expect(shapeDifferences(stationShapes(station.raw, REPLICATED_NAMES), await hubShapes(th.store, REPLICATED_NAMES)))
        .toEqual(['drugs.price_fen: integer on the station, text on the hub']);
    } finally {
      doctored.raw.close();
      rmSync(d, { recursive: true, force: true });
      await th.close();
    }
  });
});
