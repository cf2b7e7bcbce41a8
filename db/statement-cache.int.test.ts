import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cachingClient } from './statement-cache';

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
