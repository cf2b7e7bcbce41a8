/**
 * A pushed row must have its parents (issue 13): a change whose foreign key names a row the hub
 * does not have would make every other desk's apply fail SQLite's foreign-key check, so the hub
 * refuses it (MISSING_PARENT) and the pushing desk sets it aside. Pure, like the rest of the push
 * policy (main/hub/push-policy.ts): the hub asks its log once per push for the parents this batch
 * names (`parentKeys`), then judges.
 *
 * A parent is there when the hub's log holds an insert of it, or when a change of the same push
 * that the hub takes inserts it (before or after the child: the station applies a batch with its
 * foreign keys checked at commit, and holds a child whose parent is on the next page until it
 * comes: main/sync/held-rows.ts). A parent whose insert is refused in the same push takes its
 * children with it, and theirs (a visit refused, its bill and bill items too), each with a reason
 * naming the parent and why it was refused.
 */
import { getTableName } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { rowKey } from '../sync/merge';
import type { ChangeT, SyncErrorCode } from '../sync/protocol';
import { REPLICATED_TABLES } from '../station/tables';

export interface ParentRef {
  /** The child's column that holds the parent's id. */
  column: string;
  /** The parent table (every foreign key of db/schema references an id). */
  parent: string;
}

/** Each replicated table's foreign keys to other replicated tables, from db/schema. */
export const PARENT_COLUMNS: ReadonlyMap<string, readonly ParentRef[]> = (() => {
  const replicated = new Set(REPLICATED_TABLES.map((t) => getTableName(t)));
  const out = new Map<string, ParentRef[]>();
  for (const t of REPLICATED_TABLES) {
    const refs: ParentRef[] = [];
    for (const fk of getTableConfig(t as SQLiteTable).foreignKeys) {
      const ref = fk.reference();
      const parent = getTableName(ref.foreignTable);
      const column = ref.columns[0]?.name;
      if (column !== undefined && ref.columns.length === 1 && replicated.has(parent)) refs.push({ column, parent });
    }
    if (refs.length > 0) out.set(getTableName(t), refs);
  }
  return out;
})();

/** The parents a change names: its foreign-key columns that it sets to a value. */
export function parentsOf(c: ChangeT): { column: string; parent: string; rowId: string }[] {
  const out: { column: string; parent: string; rowId: string }[] = [];
  for (const { column, parent } of PARENT_COLUMNS.get(c.table) ?? []) {
    const v = c.columns[column];
    if (v !== undefined && v !== null) out.push({ column, parent, rowId: String(v) });
  }
  return out;
}

/** The parents a push names that it does not insert itself: what the hub looks up in its log, each once. */
export function parentKeys(changes: readonly ChangeT[]): { table: string; rowId: string }[] {
  const inserted = new Set(changes.filter((c) => c.op === 'insert').map((c) => rowKey(c.table, c.rowId)));
  const seen = new Map<string, { table: string; rowId: string }>();
  for (const c of changes) {
    for (const p of parentsOf(c)) {
      const key = rowKey(p.parent, p.rowId);
      if (!inserted.has(key)) seen.set(key, { table: p.parent, rowId: p.rowId });
    }
  }
  return [...seen.values()];
}

export interface OrphanVerdict {
  /** Index of the change in the push. */
  index: number;
  code: SyncErrorCode;
  reason: string;
}

/**
 * Which of the changes the other checks took are orphans. `taken[i]` says whether change i was
 * taken so far; `refusedCode[i]` the code of a refused one; `hubRows` the rowKeys of the parents
 * the hub's log inserts. Runs until nothing more falls (a refused visit, then its bill, then the
 * bill's items).
 */
export function findOrphans(
  changes: readonly ChangeT[], taken: readonly boolean[], refusedCode: readonly (string | null)[], hubRows: ReadonlySet<string>,
): OrphanVerdict[] {
  const out: OrphanVerdict[] = [];
  const ok = [...taken];
  /** Inserts of this push the hub takes, by row (a row inserted twice in a push counts each). */
  const takenInserts = new Map<string, number>();
  /** Why an insert of this push was refused, by row. */
  const refusedInserts = new Map<string, string>();
  changes.forEach((c, i) => {
    if (c.op !== 'insert') return;
    const key = rowKey(c.table, c.rowId);
    if (ok[i]) takenInserts.set(key, (takenInserts.get(key) ?? 0) + 1);
    else refusedInserts.set(key, refusedCode[i] ?? 'refused');
  });
  for (let changed = true; changed;) {
    changed = false;
    changes.forEach((c, i) => {
      if (!ok[i]) return;
      for (const p of parentsOf(c)) {
        const key = rowKey(p.parent, p.rowId);
        if (hubRows.has(key) || (takenInserts.get(key) ?? 0) > 0) continue;
        const why = refusedInserts.get(key);
        const reason = why !== undefined
          ? `${c.table}.${p.column} names ${p.parent} row ${p.rowId}, whose insert this push had refused (${why})`
          : `${c.table}.${p.column} names ${p.parent} row ${p.rowId}, which the hub does not have`;
        ok[i] = false;
        out.push({ index: i, code: 'MISSING_PARENT', reason });
        if (c.op === 'insert') {
          const k = rowKey(c.table, c.rowId);
          takenInserts.set(k, (takenInserts.get(k) ?? 1) - 1);
          refusedInserts.set(k, 'MISSING_PARENT');
        }
        changed = true;
        return;
      }
    });
  }
  return out.sort((a, b) => a.index - b.index);
}
