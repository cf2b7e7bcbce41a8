/**
 * The only way a station changes replicated data. Each write puts the row and its change-log
 * entry (HLC, device, table, row id, changed columns) in the caller's transaction, so the two
 * can never disagree.
 *
 * Rows are written with compiled statements kept per connection (one INSERT per table, one
 * UPDATE per table and set of columns), not through drizzle's query builder: every command
 * writes several rows, and building each query anew was a large part of a command's time. The
 * values are converted to what SQLite stores once, for the row and its change-log entry alike,
 * exactly as drizzle would (column defaults for missing values, booleans as 0/1, JSON as text).
 */
import { eq, getTableColumns, getTableName, SQL, type Column, type InferInsertModel, type Table } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { DomainError } from '../domain/errors';
import { hlcTick, hlcToString, type Hlc } from '../domain/hlc';
import { uuidv7 } from '../domain/uuid';
import { settings } from '../../db/schema';
import type { Db } from '../../db/open';
import { isMasterTable } from './tables';

export interface ClockState {
  hlc: Hlc;
  /**
   * Added to the local clock for the HLC: the hub's time minus ours while this PC's clock is off
   * beyond the bound, else 0 (main/sync/clock.ts; kept in station_meta 'clock_offset').
   */
  offsetMs?: number;
}

type Row<T extends Table> = InferInsertModel<T>;
type TableWithId = SQLiteTable & { id: Column };

export interface WriterOptions {
  db: Db;
  device: string;
  clock: ClockState;
  now: () => number;
  /** Master data may be written only by the hub, an in-process hub or the demo seeder. */
  allowMasterData: boolean;
  /** Makes row and change-log ids (default: uuidv7). The demo seeder passes a seeded one, for reproducible files. */
  newId?: (nowMs: number) => string;
}

/** What the writer needs to know of a table, worked out once per table. */
interface TableInfo {
  name: string;
  master: boolean;
  /** Property name → column. */
  cols: Record<string, Column>;
  /** The columns an INSERT fills, in table order (drizzle's order). */
  insertKeys: string[];
  insertSql: string;
  hasCreatedAt: boolean;
  hasUpdatedAt: boolean;
  /** Some column computes its value on update (drizzle adds it to every SET): updates go through drizzle. */
  onUpdate: boolean;
}

const infos = new WeakMap<Table, TableInfo>();

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function infoOf(table: Table): TableInfo {
  let info = infos.get(table);
  if (info) return info;
  const name = getTableName(table);
  const cols = getTableColumns(table) as Record<string, Column>;
  // As drizzle: a generated column (other than a default identity) takes no value.
  const insertKeys = Object.keys(cols).filter((k) => cols[k]!.generated === undefined || cols[k]!.generated.type === 'byDefault');
  info = {
    name,
    master: isMasterTable(table),
    cols,
    insertKeys,
    insertSql: `INSERT INTO ${quote(name)} (${insertKeys.map((k) => quote(cols[k]!.name)).join(', ')}) VALUES (${insertKeys.map(() => '?').join(', ')})`,
    hasCreatedAt: 'createdAt' in cols,
    hasUpdatedAt: 'updatedAt' in cols,
    onUpdate: Object.values(cols).some((c) => c.onUpdateFn !== undefined),
  };
  infos.set(table, info);
  return info;
}

const CHANGE_LOG_SQL = 'INSERT INTO change_log (id, hlc, device, table_name, row_id, op, columns, seq) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)';

/** Compiled statements of one connection, by SQL text. */
const statements = new WeakMap<Db, Map<string, Database.Statement>>();

function statementOf(db: Db, source: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let stmt = byText.get(source);
  if (!stmt) {
    const client = (db as Db & { $client?: Database.Database }).$client;
    if (!client) throw new Error('this drizzle database has no better-sqlite3 client');
    stmt = client.prepare(source);
    byText.set(source, stmt);
  }
  return stmt;
}

/** What SQLite stores for a value of this column (drizzle's mapping: null stays null). */
function driverValue(col: Column, value: unknown): unknown {
  return value === null || value === undefined ? null : col.mapToDriverValue(value);
}

/** The value drizzle writes for a column the row leaves out; `undefined` when only SQL can say (then drizzle writes the row). */
function defaultValue(col: Column): unknown {
  const made: unknown = col.default !== null && col.default !== undefined ? col.default
    : col.defaultFn !== undefined ? col.defaultFn()
      : col.onUpdateFn !== undefined ? col.onUpdateFn()
        : null;
  return made instanceof SQL ? undefined : driverValue(col, made);
}

export class Writer {
  /** Tables touched in this request: told to listeners after commit. */
  readonly touched = new Set<string>();
  constructor(private readonly o: WriterOptions) {}

  private guard(table: Table): TableInfo {
    const info = infoOf(table);
    if (!this.o.allowMasterData && info.master) {
      throw new DomainError('READ_ONLY_MASTER_DATA', `${info.name} is master data; it is changed at the hub`, { table: info.name });
    }
    return info;
  }

  /** The change-log entry of a write; `columns` is already in database values. */
  private log(name: string, rowId: string, op: 'insert' | 'update', columns: Record<string, unknown>): void {
    this.o.clock.hlc = hlcTick(this.o.clock.hlc, this.o.now() + (this.o.clock.offsetMs ?? 0));
    statementOf(this.o.db, CHANGE_LOG_SQL).run(
      this.o.newId ? this.o.newId(this.o.now()) : uuidv7(), hlcToString(this.o.clock.hlc), this.o.device, name, rowId, op, JSON.stringify(columns),
    );
    this.touched.add(name);
  }

  /** Insert a row. Fills `id`, `createdAt`, `updatedAt` when the table has them and they are missing. */
  insert<T extends TableWithId>(
    table: T, row: Omit<Row<T>, 'id' | 'createdAt' | 'updatedAt'> & { id?: string; createdAt?: number; updatedAt?: number },
  ): string {
    const info = this.guard(table);
    const now = this.o.now();
    const full: Record<string, unknown> = { ...row };
    full['id'] ??= this.o.newId ? this.o.newId(now) : uuidv7(now);
    if (info.hasCreatedAt) full['createdAt'] ??= now;
    if (info.hasUpdatedAt) full['updatedAt'] ??= now;
    const logged = toDriverValues(table, full);
    const params: unknown[] = [];
    let viaDrizzle = false;
    for (const key of info.insertKeys) {
      const value = full[key];
      if (value instanceof SQL) viaDrizzle = true;
      const col = info.cols[key]!;
      const stored = value === undefined ? defaultValue(col) : logged[col.name];
      if (stored === undefined) viaDrizzle = true;
      params.push(stored);
    }
    if (viaDrizzle) this.o.db.insert(table).values(full as never).run();
    else statementOf(this.o.db, info.insertSql).run(params);
    this.log(info.name, full['id'] as string, 'insert', logged);
    return full['id'] as string;
  }

  /** Set one clinic setting (master data, keyed by name). */
  setSetting(key: string, value: unknown): void {
    const info = this.guard(settings);
    const updatedAt = this.o.now();
    this.o.db.insert(settings).values({ key, value, updatedAt })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } }).run();
    this.log(info.name, key, 'update', toDriverValues(settings, { key, value, updatedAt }));
  }

  /** Change some columns of one row; logs exactly those columns (and `updatedAt`). */
  update<T extends TableWithId>(table: T, id: string, patch: Partial<Omit<Row<T>, 'id' | 'createdAt'>>): void {
    const info = this.guard(table);
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) values[key] = value;
    if (info.hasUpdatedAt) values['updatedAt'] ??= this.o.now();
    const logged = toDriverValues(table, values);
    const keys = Object.keys(values);
    let changes: number;
    if (info.onUpdate || keys.length === 0 || keys.some((k) => values[k] instanceof SQL)) {
      changes = this.o.db.update(table).set(values as never).where(eq(table.id, id)).run().changes;
    } else {
      const names = keys.map((k) => info.cols[k]!.name);
      const source = `UPDATE ${quote(info.name)} SET ${names.map((n) => `${quote(n)} = ?`).join(', ')} WHERE ${quote(table.id.name)} = ?`;
      changes = statementOf(this.o.db, source).run([...names.map((n) => logged[n]), id]).changes;
    }
    if (changes !== 1) throw new DomainError('NOT_FOUND', `${info.name} ${id} not found`, { table: info.name, id });
    this.log(info.name, id, 'update', logged);
  }
}

/** Property names → column names, values → what SQLite stores (booleans as 0/1, JSON as text). */
export function toDriverValues(table: Table, values: Record<string, unknown>): Record<string, unknown> {
  const cols = infoOf(table).cols;
  const out: Record<string, unknown> = {};
  for (const key in values) {
    if (!Object.hasOwn(values, key)) continue;
    const col = cols[key];
    if (!col) throw new Error(`${getTableName(table)} has no column ${key}`);
    out[col.name] = driverValue(col, values[key]);
  }
  return out;
}
