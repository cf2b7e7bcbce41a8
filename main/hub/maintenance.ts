/**
 * The hub's upkeep from the command line: backups on a schedule and on demand, restoring one,
 * rebuilding a lost hub from a station's file (main/hub/backup.ts, main/hub/rebuild.ts).
 */
import { backupPglite, backupPostgres, restorePglite, restorePostgres, scheduleBackups, type BackupFile } from './backup';
import { PgliteStore } from './pglite-store';
import type { HubStore } from './store';

export interface BackupSettings {
  dir: string;
  /** 0: no schedule. */
  everyMs: number;
  keep: number;
}

/** Parses --backup-every (hours, may be fractional; 0 = off) and --backup-keep. */
export function backupSettings(dir: string, everyHours: string, keep: string): BackupSettings {
  const hours = Number(everyHours);
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`--backup-every: hours, 0 or more, not ${everyHours}`);
  const n = Number(keep);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--backup-keep: a whole number ≥ 1, not ${keep}`);
  return { dir, everyMs: Math.round(hours * 3_600_000), keep: n };
}

/** One backup of the running hub's store now. */
export function backupNow(store: HubStore, database: string | undefined, s: BackupSettings): Promise<BackupFile> {
  if (database) return backupPostgres(database, s.dir, s.keep);
  if (store instanceof PgliteStore) return backupPglite(store.db, s.dir, s.keep);
  throw new Error('this hub store cannot be backed up');
}

export function startBackups(store: HubStore, database: string | undefined, s: BackupSettings, log: (line: string) => void): { stop: () => Promise<void> } {
  if (s.everyMs === 0) return { stop: async () => undefined };
  log(`backups every ${s.everyMs / 3_600_000} h into ${s.dir}, the last ${s.keep} kept`);
  return scheduleBackups(() => backupNow(store, database, s), s.everyMs, log);
}

/** `--restore FILE`: into the data folder (PGlite) or the database (PostgreSQL), with the hub stopped. */
export async function restoreHub(file: string, target: { dataDir: string; database?: string | undefined }, force: boolean): Promise<string> {
  if (target.database) {
    await restorePostgres(file, target.database);
    return `restored ${file} into the database; the hub has a new id, stations resend what it lost when they reconnect`;
  }
  const { keptAside } = await restorePglite(file, target.dataDir, { force });
  return `restored ${file} into ${target.dataDir}${keptAside ? ` (the old folder is kept as ${keptAside})` : ''}; `
    + 'the hub has a new id, stations resend what it lost when they reconnect';
}
