/**
 * The hub's upkeep from the command line: backups on a schedule and on demand, restoring one,
 * rebuilding a lost hub from a station's file (main/hub/backup.ts, main/hub/rebuild.ts).
 */
import { readFileSync } from 'node:fs';
import { DomainError } from '../domain/errors';
import { checkPrivate } from '../station/keys';
import { backupPglite, backupPostgres, restorePglite, restorePostgres, scheduleBackups, type BackupFile } from './backup';
import { checkPassphrase } from './backup-crypto';
import { PgliteStore } from './pglite-store';
import type { HubStore } from './store';

export interface BackupSettings {
  dir: string;
  /** 0: no schedule. */
  everyMs: number;
  keep: number;
  /** The clinic's backup passphrase; null: none given, so no backups are written. */
  passphrase: string | null;
}

export const BACKUP_PASSPHRASE_ENV = 'CLINIC_BACKUP_PASSPHRASE';

/**
 * The backup passphrase: the first line of --backup-key-file (mode 0600, the hub user's, else
 * STORAGE_KEY_UNSAFE), or env CLINIC_BACKUP_PASSPHRASE; null when neither is given.
 */
export function backupPassphrase(keyFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  let text: string | undefined;
  if (keyFile !== undefined) {
    checkPrivate(keyFile, 'the backup key file');
    text = readFileSync(keyFile, 'utf8').split(/\r?\n/)[0] ?? '';
  } else {
    text = env[BACKUP_PASSPHRASE_ENV];
  }
  if (text === undefined) return null;
  checkPassphrase(text);
  return text;
}

/** Parses --backup-every (hours, may be fractional; 0 = off) and --backup-keep. */
export function backupSettings(dir: string, everyHours: string, keep: string, passphrase: string | null = null): BackupSettings {
  const hours = Number(everyHours);
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`--backup-every: hours, 0 or more, not ${everyHours}`);
  const n = Number(keep);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--backup-keep: a whole number ≥ 1, not ${keep}`);
  return { dir, everyMs: Math.round(hours * 3_600_000), keep: n, passphrase };
}

/** One backup of the running hub's store now. */
export async function backupNow(store: HubStore, database: string | undefined, s: BackupSettings): Promise<BackupFile> {
  if (s.passphrase === null) throw new DomainError('BACKUP_KEY_MISSING', NO_KEY);
  if (database) return backupPostgres(database, s.dir, s.keep, s.passphrase);
  if (store instanceof PgliteStore) return backupPglite(store.db, s.dir, s.keep, s.passphrase);
  throw new Error('this hub store cannot be backed up');
}

const NO_KEY = `no backup passphrase: backups are OFF until one is given (--backup-key-file <file, mode 600> or env ${BACKUP_PASSPHRASE_ENV}); plain backups are never written`;

export function startBackups(store: HubStore, database: string | undefined, s: BackupSettings, log: (line: string) => void): { stop: () => Promise<void> } {
  if (s.everyMs === 0) return { stop: async () => undefined };
  if (s.passphrase === null) {
    log(`!!! ${NO_KEY} !!!`);
    return { stop: async () => undefined };
  }
  log(`backups (encrypted) every ${s.everyMs / 3_600_000} h into ${s.dir}, the last ${s.keep} kept`);
  return scheduleBackups(() => backupNow(store, database, s), s.everyMs, log);
}

/** `--restore FILE`: into the data folder (PGlite) or the database (PostgreSQL), with the hub stopped. */
export async function restoreHub(file: string, target: { dataDir: string; database?: string | undefined }, force: boolean, passphrase?: string): Promise<string> {
  if (target.database) {
    await restorePostgres(file, target.database, passphrase);
    return `restored ${file} into the database; the hub has a new id, stations resend what it lost when they reconnect`;
  }
  const { keptAside } = await restorePglite(file, target.dataDir, { force, ...(passphrase !== undefined ? { passphrase } : {}) });
  return `restored ${file} into ${target.dataDir}${keptAside ? ` (the old folder is kept as ${keptAside})` : ''}; `
    + 'the hub has a new id, stations resend what it lost when they reconnect';
}
