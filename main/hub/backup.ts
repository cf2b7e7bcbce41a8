/**
 * Backups of the hub: on a schedule and on demand, the last N kept, one command to restore.
 *
 * - PGlite (a data folder): the data directory as a gzipped tarball (`dumpDataDir`), which
 *   PGlite takes between queries: what PostgreSQL would find after a crash at that instant, and
 *   it recovers from that by itself.
 * - PostgreSQL (a URL): `pg_dump --format=custom`, a consistent snapshot of one transaction;
 *   restored with `pg_restore --clean`.
 *
 * A backup is written under a temporary name and renamed when complete, so a backup that is
 * listed is whole. Names sort by time: `hub-20261122T180500Z.tar.gz` / `.pgdump`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

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

const PATTERN = /^hub-(\d{8}T\d{6}Z)(?:-\d+)?\.(tar\.gz|pgdump)$/;

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

/** Backs up a PGlite hub (the open instance: no second process can open its folder). */
export async function backupPglite(db: PGlite, dir: string, keep: number, now = Date.now()): Promise<BackupFile> {
  mkdirSync(dir, { recursive: true });
  const file = targetName(dir, now, 'tar.gz');
  const tmp = `${file}.partial`;
  try {
    const dump = await db.dumpDataDir('gzip');
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    return finish(tmp, file, dir, keep, now);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Backs up a hub on a PostgreSQL server with pg_dump (Debian: postgresql-client). */
export async function backupPostgres(url: string, dir: string, keep: number, now = Date.now()): Promise<BackupFile> {
  mkdirSync(dir, { recursive: true });
  const file = targetName(dir, now, 'pgdump');
  const tmp = `${file}.partial`;
  try {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${url}`]);
    return finish(tmp, file, dir, keep, now);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new Error(`pg_dump failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Restores a PGlite backup into `dataDir`. Refuses a folder that holds anything unless `force`
 * (the old folder is then kept beside it as `<dataDir>.before-restore-<time>`, not deleted).
 * The restored database is opened once to check it, then closed.
 */
export async function restorePglite(backup: string, dataDir: string, opts: { force?: boolean; now?: number } = {}): Promise<{ keptAside: string | null }> {
  if (!PATTERN.test(backup.split('/').pop() ?? '') || !backup.endsWith('.tar.gz')) {
    throw new Error(`not a PGlite hub backup (hub-….tar.gz): ${backup}`);
  }
  const data = readFileSync(backup);
  let keptAside: string | null = null;
  if (!isEmptyDir(dataDir)) {
    if (!opts.force) throw new Error(`${dataDir} is not empty: stop the hub and pass --force to restore over it (it is kept aside, not deleted)`);
    keptAside = `${dataDir}.before-restore-${stamp(opts.now ?? Date.now())}`;
    renameSync(dataDir, keptAside);
  }
  try {
    const db = new PGlite(dataDir, { loadDataDir: new Blob([data]) });
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
export async function restorePostgres(backup: string, url: string): Promise<void> {
  if (!backup.endsWith('.pgdump')) throw new Error(`not a PostgreSQL hub backup (hub-….pgdump): ${backup}`);
  if (!existsSync(backup)) throw new Error(`no such backup: ${backup}`);
  try {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${url}`, backup]);
  } catch (err) {
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
