/**
 * The station's storage failing (a full disk, a read-only file or folder, a damaged file, another
 * program holding the database) as structured errors that say what a person can do, instead of
 * INTERNAL. `storageErrorOf` maps an error SQLite raised (better-sqlite3 puts SQLite's extended
 * code in `code`); `storageProblem` checks, before anyone logs in, that the station's file and
 * folder can be written and that the disk has room.
 */
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ErrorBody } from '../domain/errors';

/** Below this much free space the log-in screen warns (a command needs far less, WAL checkpoints more). */
export const LOW_DISK_BYTES = 20 * 1024 * 1024;

const BY_PREFIX: [string, ErrorBody['code'], string][] = [
  ['SQLITE_FULL', 'DISK_FULL', 'the disk holding this station\'s data is full: nothing was saved'],
  ['SQLITE_READONLY', 'STORAGE_READ_ONLY', 'this station\'s data file or its folder is read-only: nothing was saved'],
  ['SQLITE_BUSY', 'STORAGE_BUSY', 'another program holds this station\'s database: nothing was saved'],
  ['SQLITE_LOCKED', 'STORAGE_BUSY', 'the database is locked: nothing was saved'],
  ['SQLITE_CORRUPT', 'STORAGE_CORRUPT', 'this station\'s data file is damaged'],
  ['SQLITE_NOTADB', 'STORAGE_CORRUPT', 'this station\'s data file is not a database (or not readable with its key)'],
  ['SQLITE_IOERR', 'STORAGE_ERROR', 'reading or writing this station\'s disk failed: nothing was saved'],
  ['SQLITE_CANTOPEN', 'STORAGE_ERROR', 'this station\'s data file cannot be opened'],
];

/** The structured error for a storage failure SQLite raised; null for anything else. */
export function storageErrorOf(err: unknown): ErrorBody | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  // SQLITE_IOERR_NOSPC is a full disk seen by the OS during a write.
  if (code === 'SQLITE_IOERR_NOSPC') return { code: 'DISK_FULL', message: BY_PREFIX[0]![2], details: { sqlite: code } };
  for (const [prefix, mapped, message] of BY_PREFIX) {
    if (code === prefix || code.startsWith(`${prefix}_`)) return { code: mapped, message, details: { sqlite: code } };
  }
  return null;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * What stops this station saving, checked at start (the log-in screen shows it): the folder and
 * the file not writable (a read-only disk or mount refuses even root), the disk (nearly) full.
 * Null when all is well or for an in-memory database.
 */
export function storageProblem(file: string): ErrorBody | null {
  if (file === '' || file === ':memory:') return null;
  const folder = dirname(file);
  for (const path of [folder, file, `${file}-wal`]) {
    let exists = true;
    try {
      accessSync(path, constants.F_OK);
    } catch {
      exists = false;
    }
    if (exists && !writable(path)) {
      return { code: 'STORAGE_READ_ONLY', message: `${path} cannot be written: nothing can be saved at this station`, details: { path } };
    }
  }
  try {
    const fs = statfsSync(folder);
    const free = Number(fs.bavail) * Number(fs.bsize);
    if (free < LOW_DISK_BYTES) return { code: 'DISK_FULL', message: `only ${Math.floor(free / 1024)} KiB free on the disk of this station's data`, details: { path: folder, freeBytes: free } };
  } catch {
    // statfs is missing on some platforms: the commands themselves still answer DISK_FULL.
  }
  return null;
}
