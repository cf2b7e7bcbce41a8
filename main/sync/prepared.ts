/**
 * Statements apply prepares per row shape (table × column set), each prepared once per database:
 * preparing is most of the cost of applying a small change. One cache for apply and the held rows.
 */
import type Database from 'better-sqlite3';

/** Beyond this many distinct statements for one database the cache starts again (a bound, never reached in use). */
const MAX_STATEMENTS = 500;
const cache = new WeakMap<object, Map<string, Database.Statement>>();

export function prepared(raw: Database.Database, sql: string): Database.Statement {
  let byDb = cache.get(raw);
  if (!byDb) cache.set(raw, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) {
    if (byDb.size >= MAX_STATEMENTS) byDb.clear();
    byDb.set(sql, (stmt = raw.prepare(sql)));
  }
  return stmt;
}
