/**
 * The hub's typed tables (main/hub/pg-schema.ts) as a projection of the merged rows in
 * `hub_rows`: the projection (main/hub/projection.ts) upserts the current values of every row a
 * chunk of the log touched into the table of the same name, in the transaction that merges them
 * into hub_rows, one statement per table; `rebuildTypedRows` fills them
 * again from `hub_rows` (a hub made before the typed tables existed, or a schema that changed).
 *
 * Which rows: as on a station (main/sync/apply.ts), a row whose insert has not arrived yet
 * waits; keyed rows (settings) are written whole by every change, so they are always there.
 * Values: what the merge holds, fitted to the column's type. A column no change ever set holds
 * its SQLite default, as on every station (the change log carries only the columns a command
 * gave; SQLite fills the rest from the column's DEFAULT when the row is inserted). A value the type cannot hold (a
 * change from a station that wrote text into an integer column) is NULL in the typed table —
 * refusing it would block the push for good, and `hub_rows` keeps the value as it came.
 */
import { createHash } from 'node:crypto';
import { getTableName, is, SQL } from 'drizzle-orm';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { REPLICATED_TABLES } from '../station/tables';
import { rowValues, type ColumnValue, type RowState } from '../sync/merge';
import { columnsOf, HUB_TABLES, hubTablesDdl, primaryKeyOf, type PgType } from './pg-schema';

/** What both engines offer: a parameterised query answering rows (as in main/hub/sql-store.ts). */
export interface TypedSql {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** A touched row: its table, id and merged state. */
export interface TypedRowInput {
  table: string;
  rowId: string;
  state: RowState;
}

interface Shape {
  pk: string;
  columns: { name: string; type: PgType; default: ColumnValue }[];
  upsert: string;
}

let defaults: Map<string, Map<string, ColumnValue>> | undefined;

/** The literal DEFAULT of each column of a replicated SQLite table that has one, as SQLite stores it (flags as 0/1). */
export function columnDefaultsOf(table: string): ReadonlyMap<string, ColumnValue> {
  defaults ??= new Map(REPLICATED_TABLES.map((t) => {
    const cols = sqliteConfig(t as Parameters<typeof sqliteConfig>[0]).columns;
    const found = cols.filter((c) => c.default !== undefined && !is(c.default, SQL));
    return [getTableName(t), new Map(found.map((c) => [c.name, c.mapToDriverValue(c.default) as ColumnValue]))];
  }));
  return defaults.get(table) ?? new Map();
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

const shapes = new Map<string, Shape>();

function shapeOf(table: string): Shape | undefined {
  let shape = shapes.get(table);
  if (shape || !HUB_TABLES.has(table)) return shape;
  const pk = primaryKeyOf(table);
  const dflt = columnDefaultsOf(table);
  const columns = columnsOf(table).map((c) => ({ ...c, default: dflt.get(c.name) ?? null }));
  const list = columns.map((c) => q(c.name)).join(', ');
  const set = columns.filter((c) => c.name !== pk).map((c) => `${q(c.name)} = excluded.${q(c.name)}`).join(', ');
  const upsert = `INSERT INTO ${q(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${q(table)}, $1::jsonb)
    ON CONFLICT (${q(pk)}) DO ${set ? `UPDATE SET ${set}` : 'NOTHING'}`;
  shapes.set(table, (shape = { pk, columns, upsert }));
  return shape;
}

const INTEGER_TEXT = /^-?\d{1,15}$/;
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A merged value as the typed column holds it; null when that type cannot hold it. */
export function typedValue(type: PgType, value: ColumnValue): ColumnValue {
  if (value === null) return null;
  switch (type) {
    case 'text':
      return typeof value === 'string' ? value : String(value);
    case 'bigint':
      if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
      return INTEGER_TEXT.test(value) ? Number(value) : null;
    case 'double precision':
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      return NUMBER_TEXT.test(value) && Number.isFinite(Number(value)) ? Number(value) : null;
  }
}

/** The typed row of a merged state (only the columns it has), or undefined while its insert has not arrived. */
export function typedRow(table: string, rowId: string, state: RowState): Record<string, ColumnValue> | undefined {
  const shape = shapeOf(table);
  if (!shape) return undefined;
  if (state.inserted === null && shape.pk === 'id') return undefined;
  const out: Record<string, ColumnValue> = {};
  const values = rowValues(table, state);
  for (const c of shape.columns) {
    const v = Object.hasOwn(values, c.name) ? (values[c.name] ?? null) : c.default;
    if (v === null) continue;
    const typed = typedValue(c.type, v);
    if (typed !== null) out[c.name] = typed;
  }
  out[shape.pk] = rowId;
  return out;
}

/**
 * Upserts the current values of touched rows into their typed tables: one statement per table.
 * Every column is set (a column the state lacks gets its default, or NULL). Rows of tables the
 * hub does not type (not replicated) and rows still waiting for their insert are skipped.
 */
export async function upsertTypedRows(tx: TypedSql, rows: Iterable<TypedRowInput>): Promise<void> {
  const byTable = new Map<string, Record<string, ColumnValue>[]>();
  for (const r of rows) {
    const row = typedRow(r.table, r.rowId, r.state);
    if (!row) continue;
    let list = byTable.get(r.table);
    if (!list) byTable.set(r.table, (list = []));
    list.push(row);
  }
  for (const [table, list] of byTable) await tx.query(shapeOf(table)!.upsert, [JSON.stringify(list)]);
}

/** Rows of hub_rows read per round while rebuilding. */
const PAGE = 2000;

/** Fills every typed table from `hub_rows`, a page at a time (upserts: running it twice gives the same tables). Answers the hub_rows read. */
export async function rebuildTypedRows(tx: TypedSql): Promise<number> {
  let read = 0;
  for (const table of HUB_TABLES.keys()) {
    let after = '';
    for (;;) {
      const page = await tx.query<{ row_id: string; state: RowState }>(
        'SELECT row_id, state FROM hub_rows WHERE table_name = $1 AND row_id > $2 ORDER BY row_id LIMIT $3', [table, after, PAGE]);
      if (page.rows.length === 0) break;
      await upsertTypedRows(tx, page.rows.map((r) => ({ table, rowId: r.row_id, state: r.state })));
      read += page.rows.length;
      after = page.rows[page.rows.length - 1]!.row_id;
      if (page.rows.length < PAGE) break;
    }
  }
  return read;
}

/** The hub_meta key recording which shape of typed tables was last filled from hub_rows. */
export const TYPED_TABLES_META = 'typed_tables';

/** Raise when the projection itself (typedRow) changes what it writes: every hub then fills its typed tables again. */
const PROJECTION = 1;

/** A fingerprint of the typed tables (DDL, column defaults, projection): when it changes, the tables are filled again from hub_rows. */
export function typedTablesVersion(): string {
  const dflts = [...HUB_TABLES.keys()].map((t) => [t, [...columnDefaultsOf(t)]]);
  return createHash('sha256').update(JSON.stringify([PROJECTION, hubTablesDdl(), dflts])).digest('hex').slice(0, 16);
}
