/**
 * Rows a station holds aside because their parent has not arrived (issue 13): a child pulled
 * before its parent (a pull page that ends between them), or an orphan already in the hub's log
 * from before the hub refused them (main/hub/push-parents.ts). SQLite checks a batch's foreign
 * keys at commit (main/sync/apply.ts defers them), and one orphan would fail the whole batch —
 * and every later one — for ever. Instead apply looks, before commit, at the parents of every row
 * it wrote: a row whose parent is missing is put back as it was before the batch (a new row taken
 * out again, an updated one given its old values), remembered here, and written again at each
 * later apply until its parent is there. Its changes stay in change_log all along, so the row
 * lands exactly as the merge of them says, and the replicas end identical.
 *
 * The list lives in station_meta (local, never replicated), written in apply's transaction.
 */
import type Database from 'better-sqlite3';
import type { Station } from '../station/station';
import { prepared } from './prepared';

/** Where a station keeps the rows it holds (station_meta). */
export const HELD_META = 'sync_held';

export interface HeldRow {
  table: string;
  rowId: string;
  /** The missing parent: `table.column` names `parentTable` row `parentId`. */
  column: string;
  parentTable: string;
  parentId: string;
  /** When this station first held it (UTC ms). */
  since: number;
}

export interface ForeignKey {
  column: string;
  parent: string;
  /** The parent's column the key points at (its primary key). */
  to: string;
}

const fkCache = new WeakMap<object, Map<string, readonly ForeignKey[]>>();

/** A table's foreign keys as this replica's schema has them (PRAGMA foreign_key_list), once per database. */
export function foreignKeysOf(raw: Database.Database, table: string): readonly ForeignKey[] {
  let byTable = fkCache.get(raw);
  if (!byTable) fkCache.set(raw, (byTable = new Map()));
  let fks = byTable.get(table);
  if (!fks) {
    const rows = raw.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { table: string; from: string; to: string | null }[];
    fks = rows.map((r) => ({ column: r.from, parent: r.table, to: r.to ?? 'id' }));
    byTable.set(table, fks);
  }
  return fks;
}

/** The rows this station holds, oldest first. */
export function heldRows(station: Station): HeldRow[] {
  const row = station.raw.prepare('SELECT value FROM station_meta WHERE key = ?').get(HELD_META) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as HeldRow[]) : [];
}

/** In apply's transaction: the whole list, kept with the changes (never truncated: a row left off would never be tried again). */
export function saveHeldRows(station: Station, rows: readonly HeldRow[]): void {
  if (rows.length === 0) {
    station.raw.prepare('DELETE FROM station_meta WHERE key = ?').run(HELD_META);
    return;
  }
  station.raw.prepare('INSERT INTO station_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(HELD_META, JSON.stringify(rows));
}

/** A row apply wrote in this batch, with what it was before (undefined: it is new here). */
export interface WrittenRow {
  table: string;
  pk: string;
  rowId: string;
  before: Record<string, unknown> | undefined;
}

/** The first parent of `row` (as it stands in the replica now) that is not there; null when all are. */
export function missingParent(raw: Database.Database, row: WrittenRow): Omit<HeldRow, 'since'> | null {
  const fks = foreignKeysOf(raw, row.table);
  if (fks.length === 0) return null;
  const current = prepared(raw, `SELECT * FROM "${row.table}" WHERE "${row.pk}" = ?`).get(row.rowId) as Record<string, unknown> | undefined;
  if (!current) return null;
  for (const fk of fks) {
    const value = current[fk.column];
    if (value === null || value === undefined) continue;
    const found = prepared(raw, `SELECT 1 FROM "${fk.parent}" WHERE "${fk.to}" = ?`).get(value);
    if (!found) return { table: row.table, rowId: row.rowId, column: fk.column, parentTable: fk.parent, parentId: String(value as string | number) };
  }
  return null;
}

/** Puts a row back as it was before this batch: a new row out again, an updated one with its old values. */
export function putBack(raw: Database.Database, row: WrittenRow): void {
  if (!row.before) {
    raw.prepare(`DELETE FROM "${row.table}" WHERE "${row.pk}" = ?`).run(row.rowId);
    return;
  }
  const cols = Object.keys(row.before).filter((k) => k !== row.pk);
  raw.prepare(`UPDATE "${row.table}" SET ${cols.map((k) => `"${k}" = ?`).join(', ')} WHERE "${row.pk}" = ?`)
    .run(...cols.map((k) => row.before![k]), row.rowId);
}

/**
 * Of the rows written in this batch, the ones whose parents are missing, each put back; runs
 * again after putting rows back, since a row new in this batch may be the parent of another.
 * Answers the rows held (without `since`), in the order found.
 */
export function holdOrphans(raw: Database.Database, written: readonly WrittenRow[]): Omit<HeldRow, 'since'>[] {
  const held: Omit<HeldRow, 'since'>[] = [];
  let left = written.filter((w) => foreignKeysOf(raw, w.table).length > 0);
  for (;;) {
    const orphans: { row: WrittenRow; missing: Omit<HeldRow, 'since'> }[] = [];
    for (const row of left) {
      const missing = missingParent(raw, row);
      if (missing) orphans.push({ row, missing });
    }
    if (orphans.length === 0) return held;
    for (const o of orphans) {
      putBack(raw, o.row);
      held.push(o.missing);
    }
    const out = new Set(orphans.map((o) => o.row));
    left = left.filter((w) => !out.has(w));
  }
}
