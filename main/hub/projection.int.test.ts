/**
 * The hub's projection (main/hub/projection.ts) on both engines: an append is answered before
 * its rows are projected, reads wait for them, a burst goes first, and a crash between an append
 * and its projection loses nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeT } from '../sync/protocol';
import { PgliteStore } from './pglite-store';
import { PostgresHubStore } from './postgres-store';
import { startPostgres, type TestPostgres } from './postgres-testing';
import type { ProjectorOptions } from './projection';
import type { HubStore } from './store';

const change = (i: number, over: Partial<ChangeT> = {}): ChangeT => ({
  id: `c-${String(i).padStart(5, '0')}`, hlc: `${String(1000 + i).padStart(15, '0')}-0000-A1`, device: 'A1',
  table: 'patients', rowId: `r${i % 3}`, op: i < 3 ? 'insert' : 'update', columns: { name: `n${i}` }, seq: null, ...over,
});
const five = [0, 1, 2, 3, 4].map((i) => change(i));
/** The names r0..r2 end with: r0 got n0 then n3, r1 n1 then n4. */
const NAMES = [{ id: 'r0', name: 'n3' }, { id: 'r1', name: 'n4' }, { id: 'r2', name: 'n2' }];
/** Long enough that the projection never runs by itself during a test. */
const NEVER: ProjectorOptions = { quietMs: 600_000, maxLagMs: 600_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let postgres: TestPostgres | undefined;
let dir: string;
beforeAll(async () => {
  postgres = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'clinic-projection-'));
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A place for a store (a data folder, a database) and how to open a store on it. */
type Engine = [string, () => Promise<(projection?: ProjectorOptions) => Promise<HubStore>>];
let folders = 0;
const engines: Engine[] = [
  ['PGlite', async () => {
    const where = join(dir, `hub-${folders++}`);
    return (projection) => PgliteStore.open({ dataDir: where, projection });
  }],
  ['PostgreSQL', async () => {
    const url = await postgres!.createDatabase();
    return (projection) => PostgresHubStore.open(url, { projection });
  }],
];

const typedNames = async (s: HubStore) =>
  (await s.asProjected.query<{ id: string; name: string }>('SELECT id, name FROM patients ORDER BY id')).rows;
const storedProjectedSeq = async (s: HubStore) =>
  (await s.asProjected.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'projected_seq'")).rows[0]?.value;

describe.each(engines)('the projection (%s)', (_name, place) => {
  it('acknowledges and hands on changes before projecting them; a read waits until they are projected', async () => {
    const s = await (await place())(NEVER);
    try {
      expect((await s.append(five, 1)).acks.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
      expect((await s.after(0, 10)).changes).toHaveLength(5);
      expect(await s.asProjected.row('patients', 'r0')).toBeUndefined();
      expect(await typedNames(s)).toEqual([]);
      expect(s.projectionStats().projectedTo).toBe(0);
      // The store's own read hurries the projection to the log's end.
      expect((await s.row('patients', 'r0'))?.values).toEqual({ name: 'n3' });
      expect(s.projectionStats()).toMatchObject({ projectedTo: 5, changes: 5 });
      expect(await typedNames(s)).toEqual(NAMES);
      expect(await storedProjectedSeq(s)).toBe('5');
    } finally {
      await s.close();
    }
  });

  it('goes on from where it was after a crash between an append and its projection', async () => {
    const open = await place();
    const s1 = await open(NEVER);
    await s1.append(five, 1);
    expect(await storedProjectedSeq(s1)).toBe('0');
    expect((await s1.asProjected.rows('patients')).size).toBe(0);
    await s1.close();

    const s2 = await open();
    try {
      // Nobody reads: the store opening projects what was left by itself.
      await s2.projected(5);
      expect((await s2.asProjected.row('patients', 'r1'))?.values).toEqual({ name: 'n4' });
      expect(await typedNames(s2)).toEqual(NAMES);
      expect(await storedProjectedSeq(s2)).toBe('5');
    } finally {
      await s2.close();
    }
  });

  it('waits while an append is on its way, until the appends pause or the oldest change has waited too long', async () => {
    const s = await (await place())({ quietMs: 20, maxLagMs: 600_000 });
    try {
      const release = s.holdProjection();
      await s.append(five.slice(0, 3), 1);
      let done = false;
      const projected = s.projected(3).then(() => { done = true; });
      await sleep(300);
      expect(done).toBe(false);
      release();
      await projected;
      expect(s.projectionStats().projectedTo).toBe(3);
    } finally {
      await s.close();
    }
    const lagged = await (await place())({ quietMs: 20, maxLagMs: 200 });
    try {
      const release = lagged.holdProjection();
      await lagged.append(five, 1);
      // Still held, but the oldest change has waited long enough.
      await lagged.projected(5);
      expect(await typedNames(lagged)).toEqual(NAMES);
      release();
    } finally {
      await lagged.close();
    }
  });

  it('starts from the log’s end on a hub whose appends projected their own rows (made before the projection)', async () => {
    const open = await place();
    const s1 = await open();
    await s1.append(five, 1);
    await s1.caughtUp();
    await s1.asProjected.query("DELETE FROM hub_meta WHERE key = 'projected_seq'");
    await s1.close();
    const s2 = await open(NEVER);
    try {
      expect(s2.projectionStats()).toEqual({ projectedTo: 5, chunks: 0, changes: 0, ms: 0 });
      expect(await storedProjectedSeq(s2)).toBe('5');
    } finally {
      await s2.close();
    }
  });

  it('fails the reads that wait for a projection that fails, keeps the changes, and goes on once the cause is gone', async () => {
    const open = await place();
    const s1 = await open(NEVER);
    await s1.asProjected.query('DROP TABLE patients CASCADE');
    await s1.append(five, 1);
    await expect(s1.row('patients', 'r0')).rejects.toThrow(/patients/);
    // Asked again, it fails again: nothing half-written, the log whole.
    await expect(s1.query('SELECT 1')).rejects.toThrow(/patients/);
    expect(await storedProjectedSeq(s1)).toBe('0');
    expect(await s1.asProjected.row('patients', 'r0')).toBeUndefined();
    expect((await s1.after(0, 10)).changes.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5]);
    await s1.close();
    // Opening again makes the missing typed table; the projection then goes on.
    const s2 = await open();
    try {
      expect((await s2.row('patients', 'r0'))?.values).toEqual({ name: 'n3' });
      expect(await typedNames(s2)).toEqual(NAMES);
    } finally {
      await s2.close();
    }
  });
});
