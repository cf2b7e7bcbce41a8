/** Opening a station's SQLite file: private modes, the key (db/cipher.ts), pragmas, then the reviewed migrations. */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { SQLITE_MIGRATIONS } from './migrations-path';
import { cachingClient } from './statement-cache';
import { DomainError } from '../main/domain/errors';
import { applyKey, encryptPlainFile, isPlainSqlite, makePrivate, prepareStationFile, sidecars, type Conversion } from './cipher';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;
export interface OpenedDb {
  raw: Database.Database;
  db: Db;
  /** Set when this open encrypted a replica written before encryption. */
  converted: Conversion | null;
}

export { SQLITE_MIGRATIONS };

export interface OpenOptions {
  /** The station's 256-bit key (main/station/keys.ts); every station file is encrypted with one. */
  key: Buffer;
  migrationsFolder?: string;
}

/**
 * Opens (creating or, once, encrypting) a station file. A wrong key throws STORAGE_KEY_WRONG
 * before anything is written; no connection is left open.
 */
export function openDatabase(file: string, opts: OpenOptions): OpenedDb {
  const memory = file === ':memory:';
  let converted: Conversion | null = null;
  if (!memory) {
    prepareStationFile(file);
    if (isPlainSqlite(file)) converted = encryptPlainFile(file, opts.key);
  }
  const raw = new Database(file);
  try {
    applyKey(raw, opts.key);
    raw.pragma('journal_mode = WAL');
  } catch (err) {
    raw.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') throw wrongKey(file);
    throw err;
  }
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -32000');
  raw.pragma('temp_store = MEMORY');
  if (!memory) for (const f of sidecars(file)) if (existsSync(f)) makePrivate(f, 'file');
  const db = drizzle({ client: cachingClient(raw), schema });
  migrate(db, { migrationsFolder: opts.migrationsFolder ?? SQLITE_MIGRATIONS });
  return { raw, db, converted };
}

function wrongKey(file: string): DomainError {
  return new DomainError('STORAGE_KEY_WRONG', `${file} cannot be opened with this key (wrong key, or not a station file); nothing was changed`, { file });
}
