import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { cachingClient, perConnection, selective } from './statement-cache';

let raw: Database.Database;
afterEach(() => raw?.close());

describe('statement cache for drizzle', () => {
  it('hands out the same compiled statement for the same SQL', () => {
    raw = new Database(':memory:');
    const client = cachingClient(raw);
    expect(client.prepare('SELECT 1 AS x')).toBe(client.prepare('SELECT 1 AS x'));
    expect(client.prepare('SELECT 2 AS x')).not.toBe(client.prepare('SELECT 1 AS x'));
  });

  it('hands a reused reader back out of raw mode, as a fresh statement would be', () => {
    raw = new Database(':memory:');
    const client = cachingClient(raw);
    expect(client.prepare('SELECT 1 AS x').raw().get()).toEqual([1]);
    expect(client.prepare('SELECT 1 AS x').get()).toEqual({ x: 1 });
  });

  it('forgets the least recently used statement past its size', () => {
    raw = new Database(':memory:');
    const client = cachingClient(raw, 2);
    const a = client.prepare('SELECT 1');
    client.prepare('SELECT 2');
    client.prepare('SELECT 1'); // a is now the most recent
    client.prepare('SELECT 3'); // evicts SELECT 2
    expect(client.prepare('SELECT 1')).toBe(a);
    const b2 = client.prepare('SELECT 2');
    expect(client.prepare('SELECT 2')).toBe(b2);
  });

  it('passes everything else through to the connection', () => {
    raw = new Database(':memory:');
    const client = cachingClient(raw);
    client.exec('CREATE TABLE t (v)');
    client.transaction(() => client.prepare('INSERT INTO t VALUES (?)').run(7))();
    expect(raw.prepare('SELECT v FROM t').get()).toEqual({ v: 7 });
    expect(client.open).toBe(true);
  });
});

describe('perConnection', () => {
  it('builds once per connection and keeps connections apart', () => {
    raw = new Database(':memory:');
    const other = new Database(':memory:');
    let builds = 0;
    const q = perConnection((db: Database.Database) => {
      builds++;
      return db.prepare('SELECT ? + 1 AS x');
    });
    expect(q(raw)).toBe(q(raw));
    expect(builds).toBe(1);
    expect(q(other)).not.toBe(q(raw));
    expect(builds).toBe(2);
    expect(q(other).get(41)).toEqual({ x: 42 });
    other.close();
  });
});

describe('selective', () => {
  const items = sqliteTable('items', { id: text('id').primaryKey(), billId: text('bill_id').notNull(), n: integer('n').notNull() },
    (t) => [index('items_bill').on(t.billId)]);

  it('keeps the index lookup and the rows of the plain condition', () => {
    raw = new Database(':memory:');
    raw.exec('CREATE TABLE items (id TEXT PRIMARY KEY, bill_id TEXT NOT NULL, n INTEGER NOT NULL); CREATE INDEX items_bill ON items (bill_id)');
    const insert = raw.prepare('INSERT INTO items VALUES (?, ?, ?)');
    raw.transaction(() => { for (let i = 0; i < 2000; i++) insert.run(`i${i}`, `b${i % 500}`, i); })();
    raw.exec('ANALYZE');
    const db = drizzle({ client: raw });
    const bill = sql.placeholder('bill');
    const plain = db.select().from(items).where(eq(items.billId, bill)).orderBy(items.n).prepare();
    const marked = db.select().from(items).where(selective(eq(items.billId, bill))).orderBy(items.n).prepare();
    expect(marked.all({ bill: 'b7' })).toEqual(plain.all({ bill: 'b7' }));
    expect(marked.all({ bill: 'b7' }).map((r) => r.n)).toEqual([7, 507, 1007, 1507]);
    const query = db.select().from(items).where(selective(eq(items.billId, 'b7'))).toSQL();
    const plan = raw.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/SEARCH items USING INDEX items_bill \(bill_id=\?\)/);
  });
});
