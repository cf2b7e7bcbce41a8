/**
 * Backups of the hub: on a schedule and on demand, the last N kept, one command to restore.
 *
 * - PGlite (a data folder): the data directory as a gzipped tarball (`dumpDataDir`), which
 *   PGlite takes between queries: what PostgreSQL would find after a crash at that instant, and
 *   it recovers from that by itself.
 * - PostgreSQL (a URL): `pg_dump --format=custom`, a consistent snapshot of one transaction;
 *   restored with `pg_restore --clean`.
 *
 * Both are encrypted on the way to the disk with the clinic's backup passphrase
 * (main/hub/backup-crypto.ts), streaming, into `….tar.gz.enc` / `….pgdump.enc`, mode 0600 in a
 * 0700 folder; nothing plain is written. A restore asks for the passphrase and checks the whole
 * file with it before it touches anything. (Plain backups from before are still restored.)
 *
 * A backup is written under a temporary name and renamed when complete, so a backup that is
 * listed is whole. Names sort by time: `hub-20261122T180500Z.tar.gz.enc` / `.pgdump.enc`.
 */
import { execFile, spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { makePrivate } from '../../db/cipher';
import { DomainError } from '../domain/errors';
import { decryptingStream, encryptingStream } from './backup-crypto';

const run = promisify(execFile);

/**
 * A restored hub takes a new id: changes made after the backup are gone from it and their
 * sequence numbers will be given again. Stations that see the new id start their cursor again
 * and send their own changes again (main/sync/local.ts adoptHub), so the hub regains what it lost.
 */
const NEW_HUB_ID = "INSERT INTO hub_meta (key, value) VALUES ('hub_id', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

export type BackupKind = 'pglite' | 'postgres';

export interface BackupFile {
  file: string;
  bytes: number;
  at: number;
}

const PATTERN = /^hub-(\d{8}T\d{6}Z)(?:-\d+)?\.(tar\.gz|pgdump)(\.enc)?$/;

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function targetName(dir: string, at: number, ext: string): string {
  const base = `hub-${stamp(at)}`;
  let name = `${base}.${ext}`;
  for (let i = 2; existsSync(join(dir, name)); i++) name = `${base}-${i}.${ext}`;
  return join(dir, name);
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => PATTERN.test(n))
    .map((n) => {
      const st = statSync(join(dir, n));
      return { file: join(dir, n), bytes: st.size, at: st.mtimeMs };
    })
    .sort((a, b) => (a.file < b.file ? 1 : -1));
}

/** Removes all but the newest `keep` backups; answers what it removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be a whole number ≥ 1, not ${keep}`);
  const old = listBackups(dir).slice(keep).map((b) => b.file);
  for (const f of old) rmSync(f, { force: true });
  return old;
}

function finish(tmp: string, file: string, dir: string, keep: number, at: number): BackupFile {
  renameSync(tmp, file);
  pruneBackups(dir, keep);
  return { file, bytes: statSync(file).size, at };
}

function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  makePrivate(dir, 'dir');
}

/** `source`, encrypted with `passphrase`, into a new file of mode 0600. */
async function writeEncrypted(source: Readable, file: string, passphrase: string): Promise<void> {
  await pipeline(source, await encryptingStream(passphrase), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
}

/** Backs up a PGlite hub (the open instance: no second process can open its folder). */
export async function backupPglite(db: PGlite, dir: string, keep: number, passphrase: string, now = Date.now()): Promise<BackupFile> {
  privateDir(dir);
  const file = targetName(dir, now, 'tar.gz.enc');
  const tmp = `${file}.partial`;
  try {
    const dump = await db.dumpDataDir('gzip');
    await writeEncrypted(Readable.fromWeb(dump.stream() as Parameters<typeof Readable.fromWeb>[0]), tmp, passphrase);
    return finish(tmp, file, dir, keep, now);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Backs up a hub on a PostgreSQL server with pg_dump (Debian: postgresql-client). */
export async function backupPostgres(url: string, dir: string, keep: number, passphrase: string, now = Date.now()): Promise<BackupFile> {
  privateDir(dir);
  const file = targetName(dir, now, 'pgdump.enc');
  const tmp = `${file}.partial`;
  try {
    // pg_dump writes to its stdout, straight into the encryption: no plain dump on the disk. The key
    // first: the pipe must be read from the start (Node drains an unread stdout when the child exits).
    const encrypt = await encryptingStream(passphrase);
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${url}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    await Promise.all([pipeline(child.stdout, encrypt, createWriteStream(tmp, { flags: 'wx', mode: 0o600 })), exited(child)]);
    return finish(tmp, file, dir, keep, now);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new Error(`pg_dump failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Resolves when `child` exits with 0; rejects with its stderr otherwise. */
function exited(child: ReturnType<typeof spawn>): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => (code === 0 ? res() : rej(new Error(`exit code ${code}: ${stderr.trim()}`))));
  });
}

/** Decrypts a whole backup into memory (a PGlite backup is loaded whole anyway). */
async function decryptWhole(backup: string, passphrase: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(createReadStream(backup), decryptingStream(passphrase), new Writable({
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk);
      done();
    },
  }));
  return Buffer.concat(parts);
}

/** Reads the whole backup with the passphrase, keeping nothing: a wrong one or a damaged file throws. */
export async function verifyBackup(backup: string, passphrase: string): Promise<void> {
  await pipeline(createReadStream(backup), decryptingStream(passphrase), new Writable({ write: (_c, _e, done) => done() }));
}

function needPassphrase(backup: string, passphrase: string | undefined): string {
  if (passphrase === undefined) {
    throw new DomainError('BACKUP_KEY_MISSING', `${backup} is encrypted: give its passphrase (--backup-key-file, CLINIC_BACKUP_PASSPHRASE or stdin)`);
  }
  return passphrase;
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Restores a PGlite backup into `dataDir`. Refuses a folder that holds anything unless `force`
 * (the old folder is then kept beside it as `<dataDir>.before-restore-<time>`, not deleted).
 * The restored database is opened once to check it, then closed.
 */
export async function restorePglite(backup: string, dataDir: string, opts: { passphrase?: string; force?: boolean; now?: number } = {}): Promise<{ keptAside: string | null }> {
  if (!PATTERN.test(backup.split('/').pop() ?? '') || !/\.tar\.gz(\.enc)?$/.test(backup)) {
    throw new Error(`not a PGlite hub backup (hub-….tar.gz.enc): ${backup}`);
  }
  // Decrypted (and so checked) whole before anything is moved: a wrong passphrase restores nothing.
  const data = backup.endsWith('.enc') ? await decryptWhole(backup, needPassphrase(backup, opts.passphrase)) : readFileSync(backup);
  let keptAside: string | null = null;
  if (!isEmptyDir(dataDir)) {
    if (!opts.force) throw new Error(`${dataDir} is not empty: stop the hub and pass --force to restore over it (it is kept aside, not deleted)`);
    keptAside = `${dataDir}.before-restore-${stamp(opts.now ?? Date.now())}`;
    renameSync(dataDir, keptAside);
  }
  try {
    const db = new PGlite(dataDir, { loadDataDir: new Blob([new Uint8Array(data)]) });
    await db.waitReady;
    await db.query('SELECT count(*) FROM hub_changes');
    await db.query(NEW_HUB_ID, [crypto.randomUUID()]);
    await db.close();
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    if (keptAside) renameSync(keptAside, dataDir);
    throw new Error(`the backup could not be restored (${err instanceof Error ? err.message : String(err)}); nothing was changed`);
  }
  return { keptAside };
}

/** Restores a pg_dump backup into the database at `url` (its hub tables are replaced). */
export async function restorePostgres(backup: string, url: string, passphrase?: string): Promise<void> {
  if (!/\.pgdump(\.enc)?$/.test(backup)) throw new Error(`not a PostgreSQL hub backup (hub-….pgdump.enc): ${backup}`);
  if (!existsSync(backup)) throw new Error(`no such backup: ${backup}`);
  const args = ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${url}`];
  try {
    if (backup.endsWith('.enc')) {
      const key = needPassphrase(backup, passphrase);
      // The whole file checked first, then streamed into pg_restore's stdin: no plain copy on the disk.
      await verifyBackup(backup, key);
      const child = spawn('pg_restore', args, { stdio: ['pipe', 'ignore', 'pipe'] });
      await Promise.all([pipeline(createReadStream(backup), decryptingStream(key), child.stdin), exited(child)]);
    } else {
      await run('pg_restore', [...args, backup]);
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new Error(`pg_restore failed (the database is as it was: one transaction): ${err instanceof Error ? err.message : String(err)}`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(NEW_HUB_ID, [crypto.randomUUID()]);
  } finally {
    await client.end();
  }
}

/** Runs `backup` every `everyMs` (first one after `everyMs`); errors are logged, not thrown. */
export function scheduleBackups(backup: () => Promise<BackupFile>, everyMs: number, log: (line: string) => void): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(backup).then(
      (b) => log(`backup written: ${b.file} (${(b.bytes / 2 ** 20).toFixed(1)} MiB)`),
      (err: unknown) => log(`backup failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
