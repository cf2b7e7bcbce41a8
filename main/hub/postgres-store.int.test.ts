/**
 * The hub's PostgreSQL store on a real PostgreSQL server (a fresh cluster per file): the same
 * contract as the PGlite store, and gap-free seqs in commit order under concurrent appends from
 * several connections and two store instances (as two hub processes on one database would be).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeT } from '../sync/protocol';
import { PostgresHubStore } from './postgres-store';
import { startPostgres, type TestPostgres } from './postgres-testing';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

const change = (i: number, over: Partial<ChangeT> = {}): ChangeT => ({
  id: `c-${String(i).padStart(5, '0')}`, hlc: `${String(1000 + i).padStart(15, '0')}-0000-A1`, device: 'A1',
  table: 'patients', rowId: `r${i % 3}`, op: i < 3 ? 'insert' : 'update', columns: { name: `n${i}` }, seq: null, ...over,
});

describe('PostgresHubStore', () => {
  it('keeps log, rows, meta, tasks and devices across a reopen; seqs are gap-free and idempotent', async () => {
    const url = await server.createDatabase();
    const s1 = await PostgresHubStore.open(url);
    const first = await s1.append([0, 1, 2, 3, 4].map((i) => change(i)), 1);
    expect(first.acks.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
    const again = await s1.append([change(4), change(5), change(5)], 2);
    expect(again.acks.map((a) => a.seq)).toEqual([5, 6, 6]);
    expect(again.fresh.map((c) => c.id)).toEqual(['c-00005']);
    await s1.setMeta('hub_id', 'h1');
    await s1.putTask({ key: 'k', kind: 'duplicate_patient', details: { a: 1 }, createdAt: 5, updatedAt: 6, resolvedAt: null });
    await s1.putDevice({ device: 'A1', credentialHash: 'h', pairedAt: 7, revokedAt: null });
    await s1.close();

    const s2 = await PostgresHubStore.open(url);
    try {
      expect(await s2.lastSeq()).toBe(6);
      expect(await s2.getMeta('hub_id')).toBe('h1');
      expect(await s2.getTask('k')).toEqual({ key: 'k', kind: 'duplicate_patient', details: { a: 1 }, createdAt: 5, updatedAt: 6, resolvedAt: null });
      expect(await s2.tasks({ openOnly: true })).toHaveLength(1);
      expect(await s2.getDevice('A1')).toEqual({ device: 'A1', credentialHash: 'h', pairedAt: 7, revokedAt: null });
      const page1 = await s2.after(0, 4);
      expect([page1.cursor, page1.more, page1.changes.map((c) => c.seq)]).toEqual([4, true, [1, 2, 3, 4]]);
      const page2 = await s2.after(page1.cursor, 4);
      expect([page2.cursor, page2.more, page2.changes.map((c) => c.seq)]).toEqual([6, false, [5, 6]]);
      expect(page2.changes[1]).toEqual({ ...change(5), seq: 6 });
      expect((await s2.row('patients', 'r0'))?.values).toEqual({ name: 'n3' });
      expect((await s2.rows('patients')).size).toBe(3);
      expect([...(await s2.rowsWhere('patients', 'name', 'n4')).keys()]).toEqual(['r1']);
    } finally {
      await s2.close();
    }
  });

  it('concurrent appends from two stores and many connections get gap-free seqs, each change once, in commit order', async () => {
    const url = await server.createDatabase();
    const [s1, s2] = await Promise.all([PostgresHubStore.open(url), PostgresHubStore.open(url)]);
    try {
      const seenMax: number[] = [];
      // 40 batches of 25 with overlapping resends (each batch repeats 5 changes of the previous one).
      const batches = Array.from({ length: 40 }, (_, b) => Array.from({ length: 25 }, (_, i) => change(Math.max(0, b * 20 + i))));
      const results = await Promise.all(batches.map(async (batch, b) => {
        const r = await (b % 2 ? s1 : s2).append(batch, b);
        // Whatever committed before this batch returned is readable, with no hole below it.
        const page = await s1.after(0, 1000);
        seenMax.push(page.changes.length === 0 ? 0 : page.changes.at(-1)!.seq);
        expect(page.changes.map((c) => c.seq)).toEqual(page.changes.map((_, i) => i + 1));
        return r;
      }));
      const distinct = new Set(batches.flat().map((c) => c.id));
      expect(await s2.lastSeq()).toBe(distinct.size);
      const all = await s2.after(0, 1000);
      expect(all.changes.map((c) => c.seq)).toEqual([...distinct].map((_, i) => i + 1));
      expect(new Set(all.changes.map((c) => c.id)).size).toBe(distinct.size);
      // Every ack of a change id names the same seq, whichever batch got it.
      const seqOf = new Map(all.changes.map((c) => [c.id, c.seq]));
      for (const r of results) for (const a of r.acks) expect(a.seq).toBe(seqOf.get(a.id));
      // Fresh changes of one batch are consecutive: one batch commits as one block.
      for (const r of results) {
        const seqs = r.fresh.map((c) => c.seq);
        expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      }
      expect(Math.max(...seenMax)).toBe(distinct.size);
    } finally {
      await Promise.all([s1.close(), s2.close()]);
    }
  });
});
