import { describe, expect, it } from 'vitest';
import { storageErrorOf, storageProblem } from './storage-errors';

const sqlite = (code: string) => Object.assign(new Error(code), { code });

describe('storage errors as structured errors', () => {
  it('maps SQLite\'s codes (and their extended forms) to what a person can act on', () => {
    const cases: [string, string][] = [
      ['SQLITE_FULL', 'DISK_FULL'], ['SQLITE_IOERR_NOSPC', 'DISK_FULL'], ['SQLITE_READONLY', 'STORAGE_READ_ONLY'],
      ['SQLITE_READONLY_DBMOVED', 'STORAGE_READ_ONLY'], ['SQLITE_BUSY', 'STORAGE_BUSY'], ['SQLITE_BUSY_SNAPSHOT', 'STORAGE_BUSY'],
      ['SQLITE_LOCKED', 'STORAGE_BUSY'], ['SQLITE_CORRUPT', 'STORAGE_CORRUPT'], ['SQLITE_NOTADB', 'STORAGE_CORRUPT'],
      ['SQLITE_IOERR_WRITE', 'STORAGE_ERROR'], ['SQLITE_IOERR', 'STORAGE_ERROR'], ['SQLITE_CANTOPEN', 'STORAGE_ERROR'],
    ];
    for (const [code, mapped] of cases) expect(storageErrorOf(sqlite(code))).toMatchObject({ code: mapped, details: { sqlite: code } });
  });

  it('leaves everything else alone (constraints, our own errors, non-errors)', () => {
    for (const e of [sqlite('SQLITE_CONSTRAINT_UNIQUE'), sqlite('SQLITE_FULLX'), new Error('x'), null, undefined, 'SQLITE_FULL', { code: 5 }]) {
      expect(storageErrorOf(e)).toBeNull();
    }
  });

  it('finds nothing wrong with a writable folder and an in-memory database', () => {
    expect(storageProblem(':memory:')).toBeNull();
    expect(storageProblem('')).toBeNull();
  });
});
