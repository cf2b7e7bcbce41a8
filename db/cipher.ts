/**
 * Station files at rest: SQLCipher 4 pages (better-sqlite3-multiple-ciphers, installed under the
 * name better-sqlite3), keyed with a raw 256-bit key — `PRAGMA key = "x'…'"` skips the KDF, the
 * key is random already. Also the private file modes (file, -wal, -shm 0600; folder 0700) and the
 * one-time conversion of a replica written before encryption.
 */
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../main/domain/errors';
import { tableChecksums } from '../main/station/checksum';

export const STATION_KEY_BYTES = 32;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The sidecar files SQLite keeps beside a database in WAL mode (and a rollback journal). */
export function sidecars(file: string): string[] {
  return [`${file}-wal`, `${file}-shm`, `${file}-journal`];
}

function assertKey(key: Buffer): void {
  if (key.length !== STATION_KEY_BYTES) throw new DomainError('STORAGE_KEY_WRONG', `a station key has ${STATION_KEY_BYTES} bytes, not ${key.length}`);
}

/** The cipher pragmas, before the connection's first statement. */
export function applyKey(raw: Database.Database, key: Buffer): void {
  assertKey(key);
  raw.pragma("cipher = 'sqlcipher'");
  raw.pragma('legacy = 4');
  raw.pragma(`key = "x'${key.toString('hex')}'"`);
}

/** A plain (unencrypted) SQLite database: its first 16 bytes are SQLite's header. */
export function isPlainSqlite(file: string): boolean {
  if (!existsSync(file) || statSync(file).size < SQLITE_HEADER.length) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    readSync(fd, head, 0, head.length, 0);
    return head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

function probe(raw: Database.Database, file: string): void {
  try {
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    raw.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new DomainError('STORAGE_KEY_WRONG', `${file} cannot be opened with this key (wrong key, or not a station file); nothing was changed`, { file });
    }
    throw err;
  }
}

/** Opens an encrypted station file with its key; a wrong key is STORAGE_KEY_WRONG and leaves nothing open. */
export function openKeyed(file: string, key: Buffer, opts: Database.Options = {}): Database.Database {
  const raw = new Database(file, opts);
  try {
    applyKey(raw, key);
  } catch (err) {
    raw.close();
    throw err;
  }
  probe(raw, file);
  return raw;
}

/**
 * Group and others lose every bit: folders 0700, files 0600 — or narrower: nothing is added (a
 * folder made read-only stays read-only). Answers whether it changed.
 */
export function makePrivate(path: string, kind: 'dir' | 'file'): boolean {
  const mode = statSync(path).mode & 0o777;
  const want = mode & (kind === 'dir' ? 0o700 : 0o600);
  if (mode === want) return false;
  chmodSync(path, want);
  return true;
}

/**
 * The folder (0700) and the file (0600, created empty when missing: SQLite takes it as new) of a
 * station. A shared folder with the sticky bit (/tmp and the like) is left as it is: the file is
 * still private, and making such a folder 0700 would lock every other user out of it.
 */
export function prepareStationFile(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o1000) === 0) makePrivate(dir, 'dir');
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  makePrivate(file, 'file');
  for (const f of sidecars(file)) if (existsSync(f)) makePrivate(f, 'file');
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface Conversion {
  tables: number;
  ms: number;
}

/**
 * Encrypts a plain replica in place, as far as anyone can see: its WAL folded in, a private copy
 * rekeyed (SQLCipher 4), reopened with the key and compared table by table with the original,
 * then renamed over it. A crash before the rename leaves the plain file as it was (converted
 * again at the next start); after it, nothing plain is left under the station's names.
 */
export function encryptPlainFile(file: string, key: Buffer): Conversion {
  assertKey(key);
  const started = Date.now();
  const tmp = `${file}.encrypting`;
  for (const f of [tmp, ...sidecars(tmp)]) rmSync(f, { force: true });
  const plain = new Database(file);
  let before: Record<string, string>;
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    before = tableChecksums(plain);
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }
  for (const f of sidecars(file)) rmSync(f, { force: true });
  closeSync(openSync(tmp, 'wx', 0o600));
  copyFileSync(file, tmp);
  chmodSync(tmp, 0o600); // copyFileSync gives the copy the original's mode
  try {
    const copy = new Database(tmp);
    try {
      copy.pragma("cipher = 'sqlcipher'");
      copy.pragma('legacy = 4');
      copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    if (isPlainSqlite(tmp)) throw new Error('the copy is still plain after rekeying');
    const check = openKeyed(tmp, key);
    try {
      const after = tableChecksums(check);
      const differ = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
      if (differ.length > 0) throw new Error(`tables differ after encrypting: ${differ.join(', ')}`);
    } finally {
      check.close();
    }
    renameSync(tmp, file);
    fsyncDir(dirname(file));
    return { tables: Object.keys(before).length, ms: Date.now() - started };
  } catch (err) {
    for (const f of [tmp, ...sidecars(tmp)]) rmSync(f, { force: true });
    throw new DomainError('INTERNAL', `${file} could not be encrypted (${err instanceof Error ? err.message : String(err)}); it is as it was`, { file });
  }
}
