/**
 * A better-sqlite3 connection whose `prepare` reuses compiled statements, for drizzle: drizzle
 * asks the client to prepare every query anew, which was a fifth of a command's time. The cache
 * is keyed by SQL text (drizzle's SQL for a query shape is stable; values are parameters).
 *
 * drizzle flips a statement into raw (array) mode with `stmt.raw()` for some reads and never
 * back, so a statement is handed out with raw mode off, as a fresh one would be. Only drizzle
 * gets this client; direct `raw.prepare` users (iterators, the sync code) keep their own.
 * Statements held by prepared drizzle queries (`perConnection` below) may share a statement with
 * this cache: drizzle switches raw mode on before each use, and this cache switches it off on handout.
 */
import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';

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

/**
 * Something built once per database connection, most often a service's prepared drizzle queries
 * (`.prepare()` with `sql.placeholder`), so the hot paths neither build nor compile SQL per call:
 *
 *   const q = perConnection((db: Db) => ({ bill: db.select().from(bills).where(eq(bills.id, sql.placeholder('id'))).prepare() }));
 *   q(ctx.db).bill.get({ id })
 *
 * Kept in a WeakMap by connection, so a closed station's statements go with it.
 */
export function perConnection<D extends object, T>(build: (db: D) => T): (db: D) => T {
  const made = new WeakMap<D, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = build(db);
      made.set(db, value);
    }
    return value;
  };
}

/**
 * `condition` (an equality against a bound value), marked very selective for the query planner.
 *
 * Why: SQLite as better-sqlite3 builds it (SQLITE_ENABLE_STAT4) compiles a statement again on
 * every run when a bound value could change its plan — an equality on a non-unique index that
 * ANALYZE sampled, or a join — which costs 10–35 µs a run, several times the lookup itself. A
 * condition whose likelihood is stated is not estimated from the samples, so the compiled plan is
 * kept. Use it on the equality that picks the rows (an id), where the index to use is plain.
 */
export function selective(condition: SQL): SQL {
  return sql`likelihood(${condition}, 0.000001)`;
}
