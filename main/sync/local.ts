/**
 * The station's side of sync bookkeeping, on its own SQLite file: unsent changes, acks, the pull
 * cursor. Raw SQL on `station.raw` (change_log and station_meta are local tables the Writer
 * never touches this way).
 */
import type { Station } from '../station/station';
import type { ChangeT } from './protocol';
import type { ColumnValue } from './merge';

export interface ChangeLogRow {
  id: string;
  hlc: string;
  device: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update';
  columns: string;
  seq: number | null;
  refused_code?: string | null;
  refused_reason?: string | null;
}

export function toWire(r: ChangeLogRow): ChangeT {
  return {
    id: r.id, hlc: r.hlc, device: r.device, table: r.table_name, rowId: r.row_id, op: r.op,
    columns: JSON.parse(r.columns) as Record<string, ColumnValue>, seq: r.seq,
  };
}

/**
 * Unsent changes (seq null), oldest first — the order they were made in, so parents come before
 * children; `after` (a change's hlc and id) starts after one already on its way.
 */
export function pendingChanges(station: Station, limit: number, after?: { hlc: string; id: string }): ChangeT[] {
  // The partial index of unsent changes (migration 0003) is already in this order: no sort of the
  // backlog per batch (SQLite's planner would pick change_log_seq and sort, 35 ms at 110,000 unsent).
  const rows = (after
    ? station.raw.prepare(`SELECT * FROM change_log INDEXED BY change_log_unsent WHERE ${UNSENT} AND (hlc, id) > (?, ?) ORDER BY hlc, id LIMIT ?`)
      .all(after.hlc, after.id, limit)
    : station.raw.prepare(`SELECT * FROM change_log INDEXED BY change_log_unsent WHERE ${UNSENT} ORDER BY hlc, id LIMIT ?`).all(limit)) as ChangeLogRow[];
  return rows.map(toWire);
}

/** Unsent: not acknowledged by the hub, and not set aside after the hub refused it (migration 0006). */
const UNSENT = 'seq IS NULL AND refused_code IS NULL';

export function pendingCount(station: Station): number {
  return (station.raw.prepare(`SELECT count(*) AS n FROM change_log INDEXED BY change_log_unsent WHERE ${UNSENT}`).get() as { n: number }).n;
}

/** A change the hub refused, as the station keeps it set aside. */
export interface SetAsideChange {
  id: string;
  table: string;
  rowId: string;
  op: 'insert' | 'update';
  code: string;
  reason: string;
}

/**
 * Sets aside changes the hub refused, with its reason: never pushed again, and left out of the
 * merge of their rows from now on (main/sync/apply.ts), so the row converges on what the hub has.
 */
export function setAside(station: Station, refused: readonly { id: string; code: string; reason: string }[]): void {
  const stmt = station.raw.prepare('UPDATE change_log SET refused_code = ?, refused_reason = ? WHERE id = ? AND seq IS NULL');
  station.raw.transaction(() => {
    for (const r of refused) stmt.run(r.code, r.reason, r.id);
  }).immediate();
}

/** How many changes are set aside, and the latest `limit` of them (newest first). */
export function setAsideChanges(station: Station, limit = 20): { count: number; latest: SetAsideChange[] } {
  const count = (station.raw.prepare('SELECT count(*) AS n FROM change_log INDEXED BY change_log_refused WHERE refused_code IS NOT NULL').get() as { n: number }).n;
  if (count === 0) return { count, latest: [] };
  const rows = station.raw.prepare(`SELECT id, table_name, row_id, op, refused_code, refused_reason FROM change_log INDEXED BY change_log_refused
    WHERE refused_code IS NOT NULL ORDER BY hlc DESC, id DESC LIMIT ?`).all(limit) as Required<Pick<ChangeLogRow, 'id' | 'table_name' | 'row_id' | 'op' | 'refused_code' | 'refused_reason'>>[];
  return {
    count,
    latest: rows.map((r) => ({ id: r.id, table: r.table_name, rowId: r.row_id, op: r.op, code: r.refused_code ?? '', reason: r.refused_reason ?? '' })),
  };
}

/** Marks pushed changes with the hub's sequence numbers, in one transaction. */
export function markAcked(station: Station, acks: readonly { id: string; seq: number }[]): void {
  const stmt = station.raw.prepare('UPDATE change_log SET seq = ? WHERE id = ? AND seq IS NULL');
  station.raw.transaction(() => {
    for (const a of acks) stmt.run(a.seq, a.id);
  }).immediate();
}

/** A value of station_meta (this device's own settings: hub address, credential, cursor…). */
export function getMeta(station: Station, key: string): string | undefined {
  return (station.raw.prepare('SELECT value FROM station_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setMeta(station: Station, key: string, value: string): void {
  station.raw.prepare('INSERT INTO station_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

const CURSOR_KEY = 'sync_cursor';

/** The highest hub sequence number this station has applied (0: none). */
export function getCursor(station: Station): number {
  const value = getMeta(station, CURSOR_KEY);
  return value === undefined ? 0 : Number(value);
}

export function setCursor(station: Station, cursor: number): void {
  setMeta(station, CURSOR_KEY, String(cursor));
}

/**
 * This station meets a hub with another id than the one it knew (a hub restored from a backup or
 * rebuilt from a station): the hub's sequence numbers are not the ones of our cursor. Start the
 * cursor again (changes we have are skipped by id) and send our own changes again (the hub keeps
 * the ones it has, by id, and regains what it lost). One transaction; answers whether it reset.
 */
export function adoptHub(station: Station, hubId: string): boolean {
  const known = getMeta(station, 'hub_id');
  if (known === hubId) return false;
  station.raw.transaction(() => {
    if (known !== undefined) {
      station.raw.prepare('UPDATE change_log SET seq = NULL WHERE device = ?').run(station.device);
      setCursor(station, 0);
      setBootstrapUpto(station, 0);
    }
    setMeta(station, 'hub_id', hubId);
  }).immediate();
  return known !== undefined;
}

const BOOTSTRAP_KEY = 'bootstrap_upto';

/**
 * While a station bootstraps, the hub's last seq at its first hello: pulls up to it come from the
 * hub's snapshot (main/hub/snapshot.ts); 0 when not bootstrapping.
 */
export function bootstrapUpto(station: Station): number {
  return Number(getMeta(station, BOOTSTRAP_KEY) ?? 0);
}

export function setBootstrapUpto(station: Station, upto: number): void {
  setMeta(station, BOOTSTRAP_KEY, String(upto));
}
