/** Hub backups on a real PGlite folder and a real Debian PostgreSQL: write (encrypted, 0600), keep N, restore with the passphrase. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../station/testing';
import { pendingChanges } from '../sync/local';
import type { ChangeT } from '../sync/protocol';
import { backupPglite, backupPostgres, listBackups, pruneBackups, restorePglite, restorePostgres } from './backup';
import { decryptingStream } from './backup-crypto';
import { enforcePrivateTree } from './private-files';
import { DomainError } from '../domain/errors';
import { PgliteStore } from './pglite-store';
import { PostgresHubStore } from './postgres-store';
import { startPostgres, type TestPostgres } from './postgres-testing';

let fx: Fixture;
let changes: ChangeT[];
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `clinic-backup-${name}-`));
  dirs.push(d);
  return d;
};

beforeAll(() => {
  fx = createFixture();
  changes = pendingChanges(fx.station, 10_000);
});
afterAll(() => fx.close());

const PASS = 'correct horse battery staple';
const WRONG = 'correct horse battery stapler';
/** In the fixture's changes (its clinic's name), so in every backup's content. */
const KNOWN = Buffer.from('康宁诊所');
const mode = (path: string) => statSync(path).mode & 0o777;

/** Decrypts a backup file with `passphrase` (what a restore reads). */
async function plainOf(file: string, passphrase: string): Promise<Buffer> {
  const d = decryptingStream(passphrase);
  const parts: Buffer[] = [];
  d.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((res, rej) => { d.on('end', res); d.on('error', rej); });
  d.end(readFileSync(file));
  await done;
  return Buffer.concat(parts);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof DomainError ? err.code : `not a DomainError: ${String(err)}`;
  }
  return 'no error';
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('keeping the last N', () => {
  it('lists newest first and prunes the rest; other files in the folder are left alone', () => {
    const dir = tmp('prune');
    for (const n of ['hub-20261120T010000Z.tar.gz', 'hub-20261121T010000Z.tar.gz', 'hub-20261122T010000Z.tar.gz', 'notes.txt']) {
      writeFileSync(join(dir, n), 'x');
    }
    expect(listBackups(dir).map((b) => b.file.split('/').pop())).toEqual([
      'hub-20261122T010000Z.tar.gz', 'hub-20261121T010000Z.tar.gz', 'hub-20261120T010000Z.tar.gz',
    ]);
    expect(pruneBackups(dir, 2).map((f) => f.split('/').pop())).toEqual(['hub-20261120T010000Z.tar.gz']);
    expect(readdirSync(dir).sort()).toEqual(['hub-20261121T010000Z.tar.gz', 'hub-20261122T010000Z.tar.gz', 'notes.txt']);
    expect(() => pruneBackups(dir, 0)).toThrow(/keep/);
  });
});

// A new PGlite folder pays initdb (~4 s, far more on a loaded machine).
describe('PGlite', { timeout: 180_000 }, () => {
  it('backs up, keeps N, and restores into a new folder with every change and row', async () => {
    const data = tmp('pglite-data');
    const backups = tmp('pglite-backups');
    const store = await PgliteStore.open({ dataDir: join(data, 'hub') });
    const half = Math.floor(changes.length / 2);
    await store.append(changes.slice(0, half), 1);
    const first = await backupPglite(store.db, backups, 2, PASS, Date.parse('2026-11-22T01:00:00Z'));
    await store.append(changes.slice(half), 2);
    await backupPglite(store.db, backups, 2, PASS, Date.parse('2026-11-22T02:00:00Z'));
    const last = await backupPglite(store.db, backups, 2, PASS, Date.parse('2026-11-22T03:00:00Z'));
    const patients = await store.rows('patients');
    const hubId = await store.getMeta('hub_id');
    await store.close();
    expect(existsSync(first.file)).toBe(false); // pruned: only the last two kept
    expect(listBackups(backups).map((b) => b.file)).toHaveLength(2);
    expect(readdirSync(backups).some((n) => n.endsWith('.partial'))).toBe(false);
    // Encrypted: our header, no gzip, no name in the bytes; the plaintext is the gzipped folder with it.
    expect(last.file).toMatch(/hub-20261122T030000Z\.tar\.gz\.enc$/);
    const bytes = readFileSync(last.file);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('CDBKUP01');
    expect(bytes.includes(KNOWN)).toBe(false);
    expect(gunzipSync(await plainOf(last.file, PASS)).includes(KNOWN)).toBe(true);
    expect(mode(last.file)).toBe(0o600);
    expect(mode(backups)).toBe(0o700);

    // A wrong passphrase, or none: refused, and nothing is made.
    const target = join(tmp('pglite-restore'), 'hub');
    expect(await codeOf(restorePglite(last.file, target, { passphrase: WRONG }))).toBe('BACKUP_KEY_WRONG');
    expect(await codeOf(restorePglite(last.file, target))).toBe('BACKUP_KEY_MISSING');
    expect(existsSync(target)).toBe(false);
    expect(await restorePglite(last.file, target, { passphrase: PASS })).toEqual({ keptAside: null });
    const restored = await PgliteStore.open({ dataDir: target });
    try {
      expect(await restored.lastSeq()).toBe(changes.length);
      expect(await restored.rows('patients')).toEqual(patients);
      // Restored: a new hub id, so stations start their cursors again and resend what it lost.
      expect(await restored.getMeta('hub_id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await restored.getMeta('hub_id')).not.toBe(hubId);
    } finally {
      await restored.close();
    }
  });

  it('refuses a folder in use unless forced, keeps the old one aside, and leaves all as it was on a bad file', async () => {
    const backups = tmp('pglite-refuse');
    const store = await PgliteStore.open({ dataDir: join(tmp('pglite-a'), 'hub') });
    await store.append(changes.slice(0, 3), 1);
    const b = await backupPglite(store.db, backups, 5, PASS);
    await store.close();

    const target = join(tmp('pglite-b'), 'hub');
    const other = await PgliteStore.open({ dataDir: target });
    await other.close();
    await expect(restorePglite(b.file, target, { passphrase: PASS })).rejects.toThrow(/not empty.*--force/);
    // Forced with a wrong passphrase: the folder in use is left where and as it was.
    expect(await codeOf(restorePglite(b.file, target, { passphrase: WRONG, force: true }))).toBe('BACKUP_KEY_WRONG');
    expect(readdirSync(join(target, '..'))).toEqual(['hub']);
    const forced = await restorePglite(b.file, target, { passphrase: PASS, force: true, now: Date.parse('2026-11-22T05:00:00Z') });
    expect(forced.keptAside).toBe(`${target}.before-restore-20261122T050000Z`);
    expect(existsSync(forced.keptAside!)).toBe(true);
    const reopened = await PgliteStore.open({ dataDir: target });
    expect(await reopened.lastSeq()).toBe(3);
    await reopened.close();

    const bad = join(backups, 'hub-20261122T060000Z.tar.gz');
    writeFileSync(bad, 'not a tarball');
    const fresh = join(tmp('pglite-c'), 'hub');
    await expect(restorePglite(bad, fresh)).rejects.toThrow(/could not be restored.*nothing was changed/);
    expect(existsSync(fresh)).toBe(false);
    await expect(restorePglite(join(backups, 'random.tar.gz'), fresh)).rejects.toThrow(/not a PGlite hub backup/);
    // Cut off, or not a backup at all: refused as malformed, nothing made.
    const cut = join(backups, 'hub-20261122T070000Z.tar.gz.enc');
    writeFileSync(cut, readFileSync(b.file).subarray(0, 2000));
    expect(await codeOf(restorePglite(cut, fresh, { passphrase: PASS }))).toBe('FILE_MALFORMED');
    writeFileSync(cut, 'not a backup at all, but long enough to hold a header');
    expect(await codeOf(restorePglite(cut, fresh, { passphrase: PASS }))).toBe('FILE_MALFORMED');
    expect(existsSync(fresh)).toBe(false);
  });

  it('keeps the data folder private: what is wider is narrowed at each start', async () => {
    const dataDir = join(tmp('pglite-modes'), 'hub');
    const lines: string[] = [];
    const store = await PgliteStore.open({ dataDir, log: (l) => lines.push(l) });
    await store.close();
    expect(enforcePrivateTree(dataDir).fixed).toEqual([]);
    expect(mode(dataDir)).toBe(0o700);
    // Someone widens it while the hub is down: the next start narrows it again and says so.
    const { chmodSync } = await import('node:fs');
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'PG_VERSION'), 0o666);
    const again = await PgliteStore.open({ dataDir, log: (l) => lines.push(l) });
    await again.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'PG_VERSION'))).toBe(0o600);
    expect(lines.join('\n')).toMatch(/2 of \d+ files and folders were open to other users \(\., PG_VERSION\)/);
  });
});

describe('PostgreSQL', { timeout: 180_000 }, () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 180_000);
  afterAll(async () => {
    await pg?.stop();
  });

  it('pg_dump backup, later changes, pg_restore: the database is back at the backup', async () => {
    const url = await pg.createDatabase();
    const backups = tmp('pg');
    let hubIdAtBackup = '';
    const store = await PostgresHubStore.open(url);
    try {
      await store.append(changes.slice(0, 5), 1);
      hubIdAtBackup = (await store.getMeta('hub_id')) ?? 'none';
      const b = await backupPostgres(url, backups, 3, PASS);
      expect(b.file).toMatch(/hub-\d{8}T\d{6}Z\.pgdump\.enc$/);
      expect(mode(b.file)).toBe(0o600);
      expect((await plainOf(b.file, PASS)).subarray(0, 5).toString('latin1')).toBe('PGDMP');
      await store.append(changes.slice(5, 9), 2);
      expect(await store.lastSeq()).toBe(9);
    } finally {
      await store.close();
    }
    const b = listBackups(backups)[0]!;
    // A wrong passphrase, or none: refused before pg_restore runs; the database keeps its 9 changes.
    expect(await codeOf(restorePostgres(b.file, url, WRONG))).toBe('BACKUP_KEY_WRONG');
    expect(await codeOf(restorePostgres(b.file, url))).toBe('BACKUP_KEY_MISSING');
    const still = await PostgresHubStore.open(url);
    expect(await still.lastSeq()).toBe(9);
    await still.close();
    await restorePostgres(b.file, url, PASS);
    const back = await PostgresHubStore.open(url);
    try {
      expect(await back.lastSeq()).toBe(5);
      expect(await back.getMeta('hub_id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await back.getMeta('hub_id')).not.toBe(hubIdAtBackup);
    } finally {
      await back.close();
    }
    await expect(restorePostgres(join(backups, 'nothing.pgdump'), url)).rejects.toThrow(/no such backup/);
    await expect(restorePostgres(join(backups, 'x.tar.gz'), url)).rejects.toThrow(/not a PostgreSQL hub backup/);
    await expect(backupPostgres('postgres://nobody@127.0.0.1:1/none', backups, 3, PASS)).rejects.toThrow(/pg_dump failed/);
    expect(readdirSync(backups).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});
