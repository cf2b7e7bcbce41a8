/**
 * The roll-ups against the direct queries, on PGlite and PostgreSQL: a random clinic's changes
 * go into a real hub store (append, projection, typed tables, triggers), and every statistic of
 * several ranges read from the roll-ups must equal the same statistic read straight from the
 * typed tables (`withoutRollups`): after a month of work, after changes arriving days late
 * (past visits and payments, refunds, cancellations, a patient merge, moved visits, corrected
 * patients), and after the clinic's time zone changes. Then an existing hub: its roll-ups
 * built at start from the data there, and built again without changing a figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates';
import { PgliteStore } from '../pglite-store';
import { PostgresHubStore } from '../postgres-store';
import { startPostgres, type TestPostgres } from '../postgres-testing';
import type { HubStore } from '../store';
import { drugUsage, topDiagnoses } from './clinical';
import { STATISTICS } from './export';
import type { DateRange, StatsDb } from './range';
import { rebuildRollups, rolledUp, withoutRollups } from './rollups';
import { ROLLUP_SOURCE_TABLES } from './rollups-triggers';
import { FIRST_DAY, RandomClinic, TODAY } from './rollups.testing';
import { ROLLUP_TABLES } from '../pg-schema';

const RANGES: DateRange[] = [
  { from: FIRST_DAY, to: TODAY },
  { from: addDays(TODAY, -19), to: TODAY },
  { from: addDays(TODAY, -12), to: addDays(TODAY, -12) },
  { from: addDays(TODAY, -15), to: addDays(TODAY, -3) },
  { from: addDays(TODAY, -365), to: TODAY },
];

/** Every statistic of every range, from the roll-ups and directly: equal, and not all empty. */
async function expectSameAsDirect(db: StatsDb): Promise<void> {
  expect(await rolledUp(db, 'Asia/Shanghai')).toBe(true);
  const direct = withoutRollups(db);
  for (const range of RANGES) {
    for (const [name, stat] of Object.entries(STATISTICS)) {
      expect(await stat.run(db, range), `${name} ${range.from}…${range.to}`).toEqual(await stat.run(direct, range));
    }
    expect(await topDiagnoses(db, range, 2)).toEqual(await topDiagnoses(direct, range, 2));
    expect(await drugUsage(db, range, 3)).toEqual(await drugUsage(direct, range, 3));
  }
  const seen = await STATISTICS.patientsBySex.run(db, RANGES[0]!);
  expect(seen.some((r) => 'patients' in r && Number(r.patients) > 0)).toBe(true);
  // The clinic's own payment method (issue 16) has its row after the built-in four, from the roll-ups as directly.
  const methods = await STATISTICS.incomeByMethod.run(db, RANGES[0]!);
  expect(methods.map((r) => ('method' in r ? r.method : null))).toEqual(['cash', 'card', 'qr', 'insurance', 'yb_card']);
  expect(methods.at(-1)).toMatchObject({ paidFen: expect.any(Number) as number });
  expect(Number((methods.at(-1) as { paidFen: number }).paidFen)).toBeGreaterThan(0);
}

const count = async (db: StatsDb, sql: string) => Number((await db.query<{ n: unknown }>(sql)).rows[0]?.n);

let postgres: TestPostgres | undefined;
let dir: string;
beforeAll(async () => {
  postgres = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'clinic-rollups-'));
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let folders = 0;
const engines: [string, () => Promise<() => Promise<HubStore>>][] = [
  ['PGlite', async () => {
    const where = join(dir, `hub-${folders++}`);
    return () => PgliteStore.open({ dataDir: where });
  }],
  ['PostgreSQL', async () => {
    const url = await postgres!.createDatabase();
    return () => PostgresHubStore.open(url);
  }],
];

describe.each(engines)('statistics from the roll-ups (%s)', (_engine, place) => {
  let store: HubStore;
  const clinic = new RandomClinic(16);
  // A fresh store: slow to make on a loaded machine.
  beforeAll(async () => { store = await (await place())(); }, 180_000);
  afterAll(async () => { await store.close(); });

  it('after a month of work: the projection keeps the roll-ups, and every statistic equals the direct query', async () => {
    clinic.month(6);
    await clinic.flush(store, Date.parse(`${TODAY}T12:00:00Z`));
    // The projection recomputed the stale days when it caught up: none is left for the reader.
    expect(await count(store, 'SELECT count(*) AS n FROM stats_rollup_dirty')).toBe(0);
    expect(await count(store, 'SELECT count(*) AS n FROM stats_money_daily')).toBeGreaterThan(0);
    await expectSameAsDirect(store);
  });

  it('after changes of past days arriving late: cancellations, refunds, a patient merge, moved and corrected rows', async () => {
    const before = await STATISTICS.incomeByDay.run(store, RANGES[0]!);
    clinic.lateChanges();
    await clinic.flush(store, Date.parse(`${addDays(TODAY, 3)}T12:00:00Z`));
    expect(await STATISTICS.incomeByDay.run(store, RANGES[0]!)).not.toEqual(before);
    await expectSameAsDirect(store);
  });

  it('after the clinic moves to another time zone: money and stock days are made again in it', async () => {
    const before = await STATISTICS.incomeByDay.run(store, RANGES[0]!);
    clinic.update('settings', 'timeZone', { value: JSON.stringify('Europe/London'), updated_at: 1 });
    await clinic.flush(store, Date.parse(`${addDays(TODAY, 4)}T12:00:00Z`));
    expect(await STATISTICS.incomeByDay.run(store, RANGES[0]!)).not.toEqual(before);
    expect((await store.query<{ value: string }>(`SELECT value FROM stats_rollup_state WHERE key = 'time_zone'`)).rows[0]?.value).toBe('Europe/London');
    const direct = withoutRollups(store);
    for (const name of ['incomeByDay', 'incomeByMethod', 'incomeByDepartment', 'drugUsage'] as const) {
      expect(await STATISTICS[name].run(store, RANGES[0]!), name).toEqual(await STATISTICS[name].run(direct, RANGES[0]!));
    }
  });
});

const rollupRows = async (db: StatsDb) => Promise.all(ROLLUP_TABLES.map((t) => count(db, `SELECT count(*) AS n FROM ${t}`)));

describe.each(engines)('an existing hub (%s)', (_engine, place) => {
  it('gets its roll-ups built at start from the data it holds; building them again changes nothing', async () => {
    const open = await place();
    let store = await open();
    const clinic = new RandomClinic(7);
    clinic.month(2);
    clinic.lateChanges();
    await clinic.flush(store, Date.parse(`${TODAY}T12:00:00Z`));
    // As a hub from before the roll-ups: none of their tables, function or triggers.
    for (const t of ROLLUP_SOURCE_TABLES) await store.query(`DROP FUNCTION IF EXISTS stats_dirty_${t}() CASCADE`);
    await store.query('DROP FUNCTION stats_rollups_refresh(text)');
    for (const t of [...ROLLUP_TABLES, 'stats_rollup_state', 'stats_rollup_dirty']) await store.query(`DROP TABLE ${t}`);
    expect(await rolledUp(store, 'Asia/Shanghai')).toBe(false);
    await store.close();

    store = await open();
    try {
      const rows = await rollupRows(store);
      expect(rows.every((n) => n > 0)).toBe(true);
      await expectSameAsDirect(store);
      await rebuildRollups(store);
      expect(await rollupRows(store)).toEqual(rows);
      await store.close();
      store = await open();
      expect(await rollupRows(store)).toEqual(rows);
      await expectSameAsDirect(store);
    } finally {
      await store.close();
    }
  }, 180_000);
});
