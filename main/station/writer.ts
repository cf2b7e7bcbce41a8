/**
 * The only way a station changes replicated data. Each write puts the row and its change-log
 * entry (HLC, device, table, row id, changed columns) in the caller's transaction, so the two
 * can never disagree.
 */
import { eq, getTableColumns, getTableName, type Column, type InferInsertModel, type Table } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { DomainError } from '../domain/errors';
import { hlcTick, hlcToString, type Hlc } from '../domain/hlc';
import { uuidv7 } from '../domain/uuid';
import { changeLog, settings } from '../../db/schema';
import type { Db } from '../../db/open';
import { isMasterTable } from './tables';

export interface ClockState {
  hlc: Hlc;
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

export class Writer {
  /** Tables touched in this request: told to listeners after commit. */
  readonly touched = new Set<string>();
  constructor(private readonly o: WriterOptions) {}

  private guard(table: Table, selfService = false): string {
    const name = getTableName(table);
    if (!this.o.allowMasterData && !selfService && isMasterTable(table)) {
      throw new DomainError('READ_ONLY_MASTER_DATA', `${name} is master data; it is changed at the hub`, { table: name });
    }
    return name;
  }

  private log(table: Table, name: string, rowId: string, op: 'insert' | 'update', values: Record<string, unknown>): void {
    this.o.clock.hlc = hlcTick(this.o.clock.hlc, this.o.now());
    this.o.db.insert(changeLog).values({
      id: this.o.newId ? this.o.newId(this.o.now()) : uuidv7(),
      hlc: hlcToString(this.o.clock.hlc),
      device: this.o.device,
      tableName: name,
      rowId,
      op,
      columns: JSON.stringify(toDriverValues(table, values)),
    }).run();
    this.touched.add(name);
  }

  /** Insert a row. Fills `id`, `createdAt`, `updatedAt` when the table has them and they are missing. */
  insert<T extends TableWithId>(
    table: T, row: Omit<Row<T>, 'id' | 'createdAt' | 'updatedAt'> & { id?: string; createdAt?: number; updatedAt?: number },
  ): string {
    const name = this.guard(table);
    const cols = getTableColumns(table);
    const now = this.o.now();
    const full: Record<string, unknown> = { ...row };
    full['id'] ??= this.o.newId ? this.o.newId(now) : uuidv7(now);
    if ('createdAt' in cols) full['createdAt'] ??= now;
    if ('updatedAt' in cols) full['updatedAt'] ??= now;
    this.o.db.insert(table).values(full as never).run();
    this.log(table, name, full['id'] as string, 'insert', full);
    return full['id'] as string;
  }

  /** Set one clinic setting (master data, keyed by name). */
  setSetting(key: string, value: unknown): void {
    const name = this.guard(settings);
    const updatedAt = this.o.now();
    this.o.db.insert(settings).values({ key, value, updatedAt })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } }).run();
    this.log(settings, name, key, 'update', { key, value, updatedAt });
  }

  /**
   * Change some columns of one row; logs exactly those columns (and `updatedAt`).
   * `selfService`: a person's change to their own master-data row (their password).
   */
  update<T extends TableWithId>(
    table: T, id: string, patch: Partial<Omit<Row<T>, 'id' | 'createdAt'>>, opts: { selfService?: boolean } = {},
  ): void {
    const name = this.guard(table, opts.selfService);
    const cols = getTableColumns(table);
    const values: Record<string, unknown> = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if ('updatedAt' in cols) values['updatedAt'] ??= this.o.now();
    const res = this.o.db.update(table).set(values as never).where(eq(table.id, id)).run();
    if (res.changes !== 1) throw new DomainError('NOT_FOUND', `${name} ${id} not found`, { table: name, id });
    this.log(table, name, id, 'update', values);
  }
}

/** Property names → column names, values → what SQLite stores (booleans as 0/1, JSON as text). */
export function toDriverValues(table: Table, values: Record<string, unknown>): Record<string, unknown> {
  const cols = getTableColumns(table) as Record<string, Column>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const col = cols[key];
    if (!col) throw new Error(`${getTableName(table)} has no column ${key}`);
    out[col.name] = value === null || value === undefined ? null : col.mapToDriverValue(value);
  }
  return out;
}
