/** The hub's PGlite store on its own: gap-free sequence, idempotent append, paging, reopening a data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeT } from '../sync/protocol';
import { PgliteStore } from './pglite-store';
import { SQL } from './sql-store';

const change = (i: number, over: Partial<ChangeT> = {}): ChangeT => ({
  id: `c-${String(i).padStart(5, '0')}`, hlc: `${String(1000 + i).padStart(15, '0')}-0000-A1`, device: 'A1',
  table: 'patients', rowId: `r${i % 3}`, op: i < 3 ? 'insert' : 'update', columns: { name: `n${i}` }, seq: null, ...over,
});

describe('PgliteStore', () => {
  it('keeps its log, rows and meta in a data folder across a reopen; seqs are gap-free and idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinic-hub-'));
    try {
      const s1 = await PgliteStore.open({ dataDir: join(dir, 'hub') });
      const first = await s1.append([0, 1, 2, 3, 4].map((i) => change(i)), 1);
      expect(first.acks.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
      const again = await s1.append([change(4), change(5), change(5)], 2);
      expect(again.acks.map((a) => a.seq)).toEqual([5, 6, 6]);
      expect(again.fresh.map((c) => c.id)).toEqual(['c-00005']);
      await s1.setMeta('hub_id', 'h1');
      await s1.close();

      const s2 = await PgliteStore.open({ dataDir: join(dir, 'hub') });
      expect(await s2.lastSeq()).toBe(6);
      expect(await s2.getMeta('hub_id')).toBe('h1');
      const page1 = await s2.after(0, 4);
      expect([page1.cursor, page1.more, page1.changes.map((c) => c.seq)]).toEqual([4, true, [1, 2, 3, 4]]);
      const page2 = await s2.after(page1.cursor, 4);
      expect([page2.cursor, page2.more, page2.changes.map((c) => c.seq)]).toEqual([6, false, [5, 6]]);
      expect(await s2.after(6, 4)).toEqual({ changes: [], cursor: 6, more: false });
      // r0 got c-00000 (insert) then c-00003 (update): the later name wins.
      expect((await s2.row('patients', 'r0'))?.values).toEqual({ name: 'n3' });
      expect((await s2.rows('patients')).size).toBe(3);
      await s2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves one device's own changes out of its pages; the cursor still moves past them", async () => {
    const s = await PgliteStore.open();
    try {
      // seqs 1..8: A1 B1 A1 A1 B1 A1 A1 A1
      const devices = ['A1', 'B1', 'A1', 'A1', 'B1', 'A1', 'A1', 'A1'];
      await s.append(devices.map((device, i) => change(i, { device })), 1);
      const page1 = await s.after(0, 1, { exceptDevice: 'A1' });
      expect([page1.cursor, page1.more, page1.changes.map((c) => c.seq)]).toEqual([2, true, [2]]);
      const page2 = await s.after(page1.cursor, 1, { exceptDevice: 'A1' });
      // Nothing of B1's after 5: the page is not full, and its cursor is the log's end, past A1's own 6..8.
      expect([page2.cursor, page2.more, page2.changes.map((c) => c.seq)]).toEqual([8, false, [5]]);
      expect(await s.after(8, 10, { exceptDevice: 'A1' })).toEqual({ changes: [], cursor: 8, more: false });
      const forB = await s.after(0, 10, { exceptDevice: 'B1' });
      expect([forB.cursor, forB.more, forB.changes.map((c) => c.seq)]).toEqual([8, false, [1, 3, 4, 6, 7, 8]]);
    } finally {
      await s.close();
    }
  });

  it('keeps the planner statistics of its log current, so a page after a cursor reads only its rows (PGlite runs no autovacuum)', async () => {
    const s = await PgliteStore.open();
    try {
      for (let b = 0; b < 5; b += 1) await s.append(Array.from({ length: 1000 }, (_, i) => change(b * 1000 + i)), 1);
      const plan = async () => (await s.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${SQL.afterExcept.replace('$1', '100').replace('$2', '5000').replace('$3', "'B1'").replace('$4', '101')}`,
      )).rows.map((r) => r['QUERY PLAN']).join('\n');
      // A station's pull analyzes the grown log first.
      const page = await s.after(100, 100, { exceptDevice: 'B1' });
      expect([page.changes.length, page.cursor, page.more]).toEqual([100, 200, true]);
      const after = await plan();
      expect(after).toMatch(/Index Scan using hub_changes_pkey/);
      expect(after).not.toMatch(/Sort|Bitmap/);
    } finally {
      await s.close();
    }
  });
});
