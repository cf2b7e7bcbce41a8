/**
 * Rebuilding a hub whose disk was lost, from one station's replica: every station keeps every
 * change it made or received in its change_log (main/sync/apply.ts stores remote changes as they
 * came), so its log is the clinic's history up to its last pull, plus its own unsent work.
 *
 * The changes go into a new, empty hub store in the order the old hub sequenced them (then the
 * station's unsent ones, in the order they were made), so parents still come before children.
 * The rebuilt hub gets a NEW hub id: sequence numbers are not the old ones, and a station that
 * meets a hub with another id must start its cursor again and re-send its own changes (the hub
 * ignores the ones it has, by change id) — see main/sync/pair.ts. Stations pair again: the
 * device credentials were on the lost disk.
 */
import Database from 'better-sqlite3';
import { isPlainSqlite, openKeyed } from '../../db/cipher';
import { toWire, type ChangeLogRow } from '../sync/local';
import { rebuildRollups } from './stats/rollups';
import type { HubStore } from './store';

export interface RebuildReport {
  changes: number;
  fromDevices: string[];
  hubId: string;
}

const BATCH = 1000;

export interface RebuildOptions {
  /** The station file's key (main/station/keys.ts); a replica from before encryption is read without. */
  key: Buffer;
  now?: number;
}

export async function rebuildFromStation(stationFile: string, store: HubStore, opts: RebuildOptions): Promise<RebuildReport> {
  if ((await store.lastSeq()) !== 0) throw new Error('the hub store is not empty: rebuild into a new data folder or database');
  const readOnly = { readonly: true, fileMustExist: true };
  const raw = isPlainSqlite(stationFile) ? new Database(stationFile, readOnly) : openKeyed(stationFile, opts.key, readOnly);
  let changes = 0;
  const devices = new Set<string>();
  const append = async (page: ChangeLogRow[]) => {
    await store.append(page.map((r) => ({ ...toWire(r), seq: null })), opts.now ?? Date.now());
    changes += page.length;
  };
  try {
    const hasLog = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_log'").get();
    if (!hasLog) throw new Error(`${stationFile} is not a station database (no change_log)`);
    // Sequenced first, in the old hub's order (keyset pages on the seq index); then unsent, in
    // the order they were made (few: what the station had not pushed yet).
    const sequenced = raw.prepare('SELECT * FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?');
    let after = 0;
    for (;;) {
      const page = sequenced.all(after, BATCH) as ChangeLogRow[];
      if (page.length === 0) break;
      for (const r of page) devices.add(r.device);
      await append(page);
      after = page[page.length - 1]!.seq!;
    }
    const unsent = raw.prepare('SELECT * FROM change_log WHERE seq IS NULL AND refused_code IS NULL ORDER BY hlc, id').all() as ChangeLogRow[];
    for (let i = 0; i < unsent.length; i += BATCH) {
      const page = unsent.slice(i, i + BATCH);
      for (const r of page) devices.add(r.device);
      await append(page);
    }
  } finally {
    raw.close();
  }
  // The rebuilt hub opens with its rows and typed tables whole, and the statistics' roll-ups
  // built again from them in one go (main/hub/stats/rollups.ts).
  await store.caughtUp();
  await rebuildRollups(store);
  const hubId = crypto.randomUUID();
  await store.setMeta('hub_id', hubId);
  await store.setMeta('rebuilt_from', JSON.stringify({ stationFile, at: opts.now ?? Date.now(), changes }));
  return { changes, fromDevices: [...devices].sort(), hubId };
}
