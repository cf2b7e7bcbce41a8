/**
 * A better-sqlite3 connection whose `prepare` reuses compiled statements, for drizzle: drizzle
 * asks the client to prepare every query anew, which was a fifth of a command's time. The cache
 * is keyed by SQL text (drizzle's SQL for a query shape is stable; values are parameters).
 *
 * drizzle flips a statement into raw (array) mode with `stmt.raw()` for some reads and never
 * back, so a statement is handed out with raw mode off, as a fresh one would be. Only drizzle
 * gets this client; direct `raw.prepare` users (iterators, the sync code) keep their own.
 */
import type Database from 'better-sqlite3';

export function cachingClient(raw: Database.Database, max = 1000): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source); // most recently used goes last
    } else {
      stmt = raw.prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt.reader ? stmt.raw(false) : stmt;
  };
  return new Proxy(raw, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
