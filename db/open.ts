/** Opening a station's SQLite file: pragmas, then the reviewed migrations. */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { SQLITE_MIGRATIONS } from './migrations-path';
import { cachingClient } from './statement-cache';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;
export interface OpenedDb {
  raw: Database.Database;
  db: Db;
}

export { SQLITE_MIGRATIONS };

export function openDatabase(file: string, opts: { migrationsFolder?: string } = {}): OpenedDb {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -32000');
  raw.pragma('temp_store = MEMORY');
  const db = drizzle({ client: cachingClient(raw), schema });
  migrate(db, { migrationsFolder: opts.migrationsFolder ?? SQLITE_MIGRATIONS });
  return { raw, db };
}
