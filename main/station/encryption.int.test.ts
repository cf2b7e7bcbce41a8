/**
 * Station replicas at rest, on real SQLite files: nothing readable in the bytes, the right key
 * opens, a wrong one is refused before anything is written, a plain replica from before is
 * converted once with every row kept and nothing plain left, and the files are private.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPlainSqlite, openKeyed } from '../../db/cipher';
import { DomainError } from '../domain/errors';
import { setMeta } from '../sync/local';
import { tableChecksums } from './checksum';
import { TEST_STATION_KEY } from './keys.testing';
import { Station } from './station';
import { createFixture, type Fixture } from './testing';

const NAME = '欧阳明远';
const ID_NUMBER = '11010519491231002X';
const CREDENTIAL = 'cred-7f3a9c1e5b2d4f6a8c0e';
const OTHER_KEY = Buffer.from('0b'.repeat(32), 'hex');

let fx: Fixture;
let file: string;

beforeEach(() => {
  fx = createFixture();
  file = join(fx.dir, 'station.sqlite');
  const reception = fx.login('reception');
  fx.ok(reception, 'patients.register', { name: NAME, phone: '13900000077', idNumber: ID_NUMBER });
  fx.station.raw.transaction(() => setMeta(fx.station, 'hub_credential', CREDENTIAL)).immediate();
});
afterEach(() => {
  if (fx.station.raw.open) fx.close();
});

/** Every byte the station has on disk: the file and its WAL. */
function diskBytes(): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const mode = (f: string) => statSync(f).mode & 0o777;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.code : `not a DomainError: ${String(err)}`;
  }
  return 'no error';
}

/** A password hash as stored in the replica (accounts.password_hash). */
function aPasswordHash(): string {
  return (fx.station.raw.prepare("SELECT password_hash AS h FROM accounts WHERE username = 'reception'").get() as { h: string }).h;
}

describe('an encrypted station file', () => {
  it('holds no patient name, ID number, password hash or device credential in its bytes, in the file or the WAL', () => {
    const hash = aPasswordHash();
    // What the test looks for is really in the replica (so its absence from the bytes means something).
    expect(fx.station.raw.prepare('SELECT count(*) AS n FROM patients WHERE name = ? AND id_number = ?').get(NAME, ID_NUMBER)).toEqual({ n: 1 });
    expect(existsSync(`${file}-wal`)).toBe(true);
    const live = diskBytes();
    fx.station.raw.pragma('wal_checkpoint(TRUNCATE)');
    const folded = diskBytes();
    for (const bytes of [live, folded]) {
      for (const secret of [NAME, ID_NUMBER, hash, CREDENTIAL, '康宁诊所']) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    expect(isPlainSqlite(file)).toBe(false);
  });

  it('opens with the right key; a wrong key is STORAGE_KEY_WRONG, writes nothing and leaves nothing open', () => {
    fx.station.close();
    const before = sha(file);
    expect(codeOf(() => new Station({ file, key: OTHER_KEY }))).toBe('STORAGE_KEY_WRONG');
    expect(codeOf(() => openKeyed(file, OTHER_KEY))).toBe('STORAGE_KEY_WRONG');
    expect(codeOf(() => new Station({ file, key: Buffer.alloc(16) }))).toBe('STORAGE_KEY_WRONG');
    expect(sha(file)).toBe(before);
    expect(readdirSync(fx.dir).sort()).toEqual(['station.sqlite']);
    // Without any key, plain SQLite sees no database at all.
    const bare = new Database(file, { readonly: true });
    expect(() => bare.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    bare.close();
    fx.station = new Station({ file, key: TEST_STATION_KEY });
    expect(fx.station.raw.prepare('SELECT name FROM patients WHERE id_number = ?').get(ID_NUMBER)).toEqual({ name: NAME });
    expect(fx.station.converted).toBeNull();
  });

  it('is private: the file, its -wal and -shm 0600, the folder 0700; wider modes are narrowed at the next start', () => {
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    expect(mode(fx.dir)).toBe(0o700);
    fx.station.close();
    chmodSync(file, 0o644);
    chmodSync(fx.dir, 0o755);
    fx.station = new Station({ file, key: TEST_STATION_KEY });
    expect(mode(file)).toBe(0o600);
    expect(mode(fx.dir)).toBe(0o700);
    expect(mode(`${file}-wal`)).toBe(0o600);
  });

  it('leaves a shared sticky folder (as /tmp) as it is, and still makes the file private', () => {
    const shared = join(fx.dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const there = new Station({ file: join(shared, 'desk.sqlite'), key: TEST_STATION_KEY });
    try {
      expect(statSync(shared).mode & 0o7777).toBe(0o1777);
      expect(mode(join(shared, 'desk.sqlite'))).toBe(0o600);
    } finally {
      there.close();
    }
  });
});

describe('a plain replica from before encryption', () => {
  /** Turns the fixture's file into a plain one, as a station before this change wrote it. */
  function makePlain(): Record<string, string> {
    fx.station.close();
    const raw = openKeyed(file, TEST_STATION_KEY);
    raw.pragma('journal_mode = DELETE');
    raw.pragma("rekey = ''");
    raw.close();
    expect(isPlainSqlite(file)).toBe(true);
    const plain = new Database(file);
    plain.pragma('journal_mode = WAL');
    // A last write left in the plain WAL, not yet in the file: the conversion must keep it.
    plain.prepare("UPDATE patients SET address = '南京路 9 号' WHERE id_number = ?").run(ID_NUMBER);
    const sums = tableChecksums(plain);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(readFileSync(file).includes(Buffer.from(NAME))).toBe(true);
    // As after a crash: the file and its WAL as they were while open (the update only in the WAL).
    for (const f of [file, `${file}-wal`]) copyFileSync(f, `${f}.crash`);
    plain.close();
    for (const f of [file, `${file}-wal`]) renameSync(`${f}.crash`, f);
    rmSync(`${file}-shm`, { force: true });
    expect(readFileSync(file).includes(Buffer.from('南京路 9 号'))).toBe(false);
    expect(readFileSync(`${file}-wal`).includes(Buffer.from('南京路 9 号'))).toBe(true);
    return sums;
  }

  it('is encrypted at the first start with every row kept (checksums per table), and nothing plain is left', () => {
    const before = makePlain();
    const converted = new Station({ file, key: TEST_STATION_KEY });
    fx.station = converted;
    expect(converted.converted?.tables).toBeGreaterThan(10);
    expect(tableChecksums(converted.raw)).toEqual(before);
    expect(converted.raw.prepare('SELECT address FROM patients WHERE id_number = ?').get(ID_NUMBER)).toEqual({ address: '南京路 9 号' });
    converted.raw.pragma('wal_checkpoint(TRUNCATE)');
    expect(isPlainSqlite(file)).toBe(false);
    for (const f of readdirSync(fx.dir)) {
      const bytes = readFileSync(join(fx.dir, f));
      expect(bytes.includes(Buffer.from(NAME)), f).toBe(false);
      expect(bytes.includes(Buffer.from(CREDENTIAL)), f).toBe(false);
    }
    expect(readdirSync(fx.dir).filter((n) => n.includes('encrypting') || n.endsWith('-journal'))).toEqual([]);
    expect(mode(file)).toBe(0o600);
    // And the next start opens it as it is.
    converted.close();
    fx.station = new Station({ file, key: TEST_STATION_KEY });
    expect(fx.station.converted).toBeNull();
    expect(tableChecksums(fx.station.raw)).toEqual(before);
  });
});
