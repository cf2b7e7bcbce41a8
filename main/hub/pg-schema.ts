/**
 * The hub's typed tables, in drizzle's pg dialect, made from the station's SQLite schema (one
 * source: db/schema). The hub keeps every replicated table twice: `hub_rows` holds each row's
 * merge state (per-column HLCs, main/sync/merge.ts), and a typed table of the same name and
 * columns holds its current values, for statistics and administration to query with SQL and
 * indexes.
 *
 * Type mapping: SQLite integer (also flags, stored 0/1, and UTC milliseconds) → bigint;
 * real → double precision; text (also JSON text) → text. The typed tables have no NOT NULL,
 * foreign keys or unique constraints: they hold what the merge produced, and refusing a merged
 * row would lose it. Every SQLite index is kept, as a plain index.
 */
import { getTableName, type Table } from 'drizzle-orm';
import { getTableConfig as sqliteConfig, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bigint, doublePrecision, getTableConfig as pgConfig, index, pgTable, text, type PgTable } from 'drizzle-orm/pg-core';
import { REPLICATED_TABLES } from '../station/tables';

export type PgType = 'bigint' | 'double precision' | 'text';

/** The pg type a SQLite column becomes on the hub. */
export function pgTypeOf(col: SQLiteColumn): PgType {
  switch (col.getSQLType()) {
    case 'integer': return 'bigint';
    case 'real': return 'double precision';
    case 'text': return 'text';
    default: throw new Error(`no hub type for SQLite column ${col.name} (${col.getSQLType()})`);
  }
}

function pgColumn(col: SQLiteColumn) {
  const type = pgTypeOf(col);
  const c = type === 'bigint' ? bigint(col.name, { mode: 'number' }) : type === 'double precision' ? doublePrecision(col.name) : text(col.name);
  return col.primary ? c.primaryKey() : c;
}

function hubTableFrom(table: Table): PgTable {
  const cfg = sqliteConfig(table as Parameters<typeof sqliteConfig>[0]);
  const columns = Object.fromEntries(cfg.columns.map((c) => [c.name, pgColumn(c)]));
  return pgTable(cfg.name, columns, (t) =>
    cfg.indexes.map((ix) => {
      const cols = ix.config.columns.map((c) => t[(c as SQLiteColumn).name]!);
      return index(ix.config.name).on(cols[0]!, ...cols.slice(1));
    }),
  );
}

/** Every replicated table as a pg table of the hub, keyed by table name. */
export const HUB_TABLES: ReadonlyMap<string, PgTable> = new Map(REPLICATED_TABLES.map((t) => [getTableName(t), hubTableFrom(t)]));

/** The primary key column of a hub table ('id', or 'key' for settings). */
export function primaryKeyOf(table: string): string {
  const t = HUB_TABLES.get(table);
  if (!t) throw new Error(`not a replicated table: ${table}`);
  const pk = pgConfig(t).columns.find((c) => c.primary);
  if (!pk) throw new Error(`table ${table} has no primary key`);
  return pk.name;
}

/** Column names and pg types of a hub table, in schema order. */
export function columnsOf(table: string): { name: string; type: PgType }[] {
  const t = HUB_TABLES.get(table);
  if (!t) throw new Error(`not a replicated table: ${table}`);
  return pgConfig(t).columns.map((c) => ({ name: c.name, type: c.getSQLType() as PgType }));
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** CREATE TABLE / CREATE INDEX statements (idempotent) for every hub table. */
export function hubTablesDdl(): string {
  const out: string[] = [];
  for (const [name, t] of HUB_TABLES) {
    const cfg = pgConfig(t);
    const cols = cfg.columns.map((c) => `  ${q(c.name)} ${c.getSQLType()}${c.primary ? ' PRIMARY KEY' : ''}`);
    out.push(`CREATE TABLE IF NOT EXISTS ${q(name)} (\n${cols.join(',\n')}\n);`);
    for (const ix of cfg.indexes) {
      const on = ix.config.columns.map((c) => q((c as { name: string }).name)).join(', ');
      out.push(`CREATE INDEX IF NOT EXISTS ${q(ix.config.name!)} ON ${q(name)} (${on});`);
    }
  }
  return out.join('\n');
}
