/**
 * The shape of the hub's typed tables as the database has it, against the shape they must have:
 * used when a store opens (create the tables; a hub made by an older version gets the columns
 * and indexes it lacks and is filled again from hub_rows, once per shape) and by the drift test
 * that holds them to a real station's SQLite schema.
 *
 * A shape is, per table: its columns with their type family (integer, real, text — the
 * families SQLite's type affinity knows; the hub maps them to bigint, double precision, text),
 * its primary key, and its declared indexes with their columns.
 */
import type Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { HUB_TABLES, hubTablesDdl } from './pg-schema';
import { STATS_INDEXES_DDL } from './stats/indexes';
import { rebuildTypedRows, typedTablesVersion, TYPED_TABLES_META, type TypedSql } from './typed-rows';

export type Family = 'integer' | 'real' | 'text' | `other:${string}`;

export interface TableShape {
  columns: Map<string, Family>;
  primaryKey: string[];
  /** Index name → its columns, in order (the primary key's own index is not listed). */
  indexes: Map<string, string[]>;
}

export type Shapes = Map<string, TableShape>;

/** SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), for a declared type. */
export function sqliteFamily(declared: string): Family {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  return `other:${declared.toLowerCase()}`;
}

/** The family of a PostgreSQL type, as information_schema.columns.data_type names it. */
export function pgFamily(dataType: string): Family {
  switch (dataType) {
    case 'bigint': case 'integer': case 'smallint': return 'integer';
    case 'double precision': case 'real': return 'real';
    case 'text': case 'character varying': return 'text';
    default: return `other:${dataType}`;
  }
}

const PG_TYPE: Record<string, string> = { integer: 'bigint', real: 'double precision', text: 'text' };

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function emptyShape(): TableShape {
  return { columns: new Map(), primaryKey: [], indexes: new Map() };
}

/** The station's shape of `tables`, from a SQLite database opened with its migrations. */
export function stationShapes(raw: Database.Database, tables: readonly string[]): Shapes {
  const out: Shapes = new Map();
  for (const table of tables) {
    const cols = raw.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string; type: string; pk: number }[];
    if (cols.length === 0) continue;
    const shape = emptyShape();
    for (const c of cols) shape.columns.set(c.name, sqliteFamily(c.type));
    shape.primaryKey = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const list = raw.prepare(`PRAGMA index_list(${q(table)})`).all() as { name: string; origin: string }[];
    for (const ix of list.filter((i) => i.origin === 'c')) {
      const info = raw.prepare(`PRAGMA index_info(${q(ix.name)})`).all() as { seqno: number; name: string }[];
      shape.indexes.set(ix.name, info.sort((a, b) => a.seqno - b.seqno).map((i) => i.name));
    }
    out.set(table, shape);
  }
  return out;
}

/** Columns of a plain index definition as pg_indexes.indexdef spells it ("… USING btree (a, "b")"). */
export function indexDefColumns(indexdef: string): string[] {
  const m = /USING \w+ \((.*)\)\s*$/.exec(indexdef);
  if (!m) return [indexdef];
  return m[1]!.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
}

/** The hub's shape of `tables`, from information_schema and pg_indexes of the current schema. */
export async function hubShapes(db: TypedSql, tables: readonly string[]): Promise<Shapes> {
  const out: Shapes = new Map();
  const cols = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ANY($1::text[]) ORDER BY table_name, ordinal_position`, [tables]);
  for (const c of cols.rows) {
    let shape = out.get(c.table_name);
    if (!shape) out.set(c.table_name, (shape = emptyShape()));
    shape.columns.set(c.column_name, pgFamily(c.data_type));
  }
  const pks = await db.query<{ table_name: string; column_name: string; constraint_name: string }>(
    `SELECT k.table_name, k.column_name, k.constraint_name FROM information_schema.table_constraints c
     JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
     WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema() AND c.table_name = ANY($1::text[])
     ORDER BY k.table_name, k.ordinal_position`, [tables]);
  const pkIndexes = new Set<string>();
  for (const k of pks.rows) {
    out.get(k.table_name)?.primaryKey.push(k.column_name);
    pkIndexes.add(k.constraint_name);
  }
  const ixs = await db.query<{ tablename: string; indexname: string; indexdef: string }>(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1::text[])`, [tables]);
  for (const ix of ixs.rows) {
    // The statistics' own helper indexes (main/hub/stats/indexes.ts) are the hub's, not the schema's.
    if (pkIndexes.has(ix.indexname) || STATS_INDEX_NAMES.has(ix.indexname)) continue;
    out.get(ix.tablename)?.indexes.set(ix.indexname, indexDefColumns(ix.indexdef));
  }
  return out;
}

/** The names of the statistics' helper indexes on typed tables, which the schema does not declare. */
const STATS_INDEX_NAMES = new Set(STATS_INDEXES_DDL.map((ddl) => /INDEX IF NOT EXISTS (\w+)/.exec(ddl)?.[1]).filter((n): n is string => n !== undefined));

/** The shape the hub's typed tables must have (main/hub/pg-schema.ts), in families. */
export function expectedHubShapes(): Shapes {
  const out: Shapes = new Map();
  for (const [name, t] of HUB_TABLES) {
    const cfg = getTableConfig(t);
    const shape = emptyShape();
    for (const c of cfg.columns) shape.columns.set(c.name, pgFamily(c.getSQLType()));
    shape.primaryKey = cfg.columns.filter((c) => c.primary).map((c) => c.name);
    for (const ix of cfg.indexes) shape.indexes.set(ix.config.name!, ix.config.columns.map((c) => (c as { name: string }).name));
    out.set(name, shape);
  }
  return out;
}

/**
 * Every difference between two shapes (`expected` is the reference, e.g. the station's SQLite),
 * as readable lines; empty when they agree on tables, columns and families, primary keys and
 * index names and columns.
 */
export function shapeDifferences(expected: Shapes, actual: Shapes, names: { expected: string; actual: string } = { expected: 'station', actual: 'hub' }): string[] {
  const out: string[] = [];
  for (const [table, e] of expected) {
    const a = actual.get(table);
    if (!a) {
      out.push(`${table}: table missing on the ${names.actual}`);
      continue;
    }
    for (const [col, fam] of e.columns) {
      const got = a.columns.get(col);
      if (got === undefined) out.push(`${table}.${col}: column missing on the ${names.actual}`);
      else if (got !== fam) out.push(`${table}.${col}: ${fam} on the ${names.expected}, ${got} on the ${names.actual}`);
    }
    for (const col of a.columns.keys()) if (!e.columns.has(col)) out.push(`${table}.${col}: column only on the ${names.actual}`);
    if (e.primaryKey.join(',') !== a.primaryKey.join(',')) {
      out.push(`${table}: primary key (${e.primaryKey.join(', ')}) on the ${names.expected}, (${a.primaryKey.join(', ')}) on the ${names.actual}`);
    }
    for (const [ix, cols] of e.indexes) {
      const got = a.indexes.get(ix);
      if (!got) out.push(`${table}: index ${ix} missing on the ${names.actual}`);
      else if (got.join(',') !== cols.join(',')) out.push(`${table}: index ${ix} on (${cols.join(', ')}) on the ${names.expected}, on (${got.join(', ')}) on the ${names.actual}`);
    }
    for (const ix of a.indexes.keys()) if (!e.indexes.has(ix)) out.push(`${table}: index ${ix} only on the ${names.actual}`);
  }
  for (const table of actual.keys()) if (!expected.has(table)) out.push(`${table}: table only on the ${names.actual}`);
  return out;
}

/**
 * Statements that bring existing typed tables to the expected shape: missing columns added,
 * columns of another family retyped (emptied: the rebuild fills them), columns the schema no
 * longer has dropped, indexes whose columns changed dropped (hubTablesDdl makes them again).
 */
export function reshapeStatements(expected: Shapes, actual: Shapes): string[] {
  const out: string[] = [];
  for (const [table, e] of expected) {
    const a = actual.get(table);
    if (!a) continue;
    for (const [col, fam] of e.columns) {
      const got = a.columns.get(col);
      if (got === undefined) out.push(`ALTER TABLE ${q(table)} ADD COLUMN ${q(col)} ${PG_TYPE[fam]}`);
      else if (got !== fam) out.push(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(col)} TYPE ${PG_TYPE[fam]} USING NULL`);
    }
    for (const col of a.columns.keys()) if (!e.columns.has(col)) out.push(`ALTER TABLE ${q(table)} DROP COLUMN ${q(col)}`);
    for (const [ix, cols] of e.indexes) {
      const got = a.indexes.get(ix);
      if (got && got.join(',') !== cols.join(',')) out.push(`DROP INDEX ${q(ix)}`);
    }
  }
  return out;
}

/** hubTablesDdl() as single statements (PGlite's query takes one at a time). */
function ddlStatements(): string[] {
  return hubTablesDdl().split(';\n').map((x) => x.trim().replace(/;$/, '')).filter(Boolean);
}

/**
 * Run when a store opens, in a transaction holding the append lock. When the typed tables were
 * last filled for another shape (or never: a hub made before they existed), or one of them is
 * missing: creates them (hubTablesDdl), first bringing existing ones to this shape (before the
 * indexes are made: an index may name a column an older table lacks), fills them from hub_rows
 * and records the shape in hub_meta. Answers the hub_rows read, or null when all was current.
 */
export async function prepareTypedTables(tx: TypedSql): Promise<number | null> {
  const version = typedTablesVersion();
  const done = (await tx.query<{ value: string }>('SELECT value FROM hub_meta WHERE key = $1', [TYPED_TABLES_META])).rows[0]?.value;
  const expected = expectedHubShapes();
  if (done === version) {
    const present = await tx.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY($1::text[])', [[...expected.keys()]]);
    // All there: nothing to do. A table gone (dropped by hand) is made again and filled below.
    if (Number(present.rows[0]?.n) === expected.size) return null;
  }
  const statements = ddlStatements();
  for (const s of statements.filter((x) => x.startsWith('CREATE TABLE'))) await tx.query(s);
  for (const s of reshapeStatements(expected, await hubShapes(tx, [...expected.keys()]))) await tx.query(s);
  for (const s of statements.filter((x) => !x.startsWith('CREATE TABLE'))) await tx.query(s);
  const read = await rebuildTypedRows(tx);
  await tx.query('INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [TYPED_TABLES_META, version]);
  return read;
}
