/**
 * A fast sink for the demo's many rows: one cached prepared statement per table and column
 * set, instead of building and preparing a query per row. With `log` on it writes each row's
 * change-log entry exactly as the station's Writer does (same HLC clock, same `columns` JSON
 * from the Writer's own `toDriverValues`), in the same transaction; with `log` off it writes a
 * snapshot. Master data still goes through the Writer itself (index.ts); the Writer, which
 * builds each query with drizzle, took ~240 µs a row here — 70 s of CPU for the history.
 */
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { hlcTick, hlcToString } from '../domain/hlc';
import { toDriverValues, type ClockState } from '../station/writer';
import { settings } from '../../db/schema';
import type { Sink } from './context';

export interface FastSinkOptions {
  /** Write a change-log entry per row (normal demo) or not (large demo: a snapshot). */
  log: boolean;
  device: string;
  clock: ClockState;
  now: () => number;
  newId: (ms: number) => string;
}

export class FastSink implements Sink {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly logStatement: Database.Statement;
  rows = 0;

  constructor(private readonly raw: Database.Database, private readonly o: FastSinkOptions) {
    this.logStatement = raw.prepare(
      'INSERT INTO change_log (id, hlc, device, table_name, row_id, op, columns, seq) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
    );
  }

  insert: Sink['insert'] = (table, row) => {
    const name = getTableName(table);
    const cols = getTableColumns(table);
    const now = this.o.now();
    const full: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (v !== undefined) full[k] = v;
    full['id'] ??= this.o.newId(now);
    if ('createdAt' in cols) full['createdAt'] ??= now;
    if ('updatedAt' in cols) full['updatedAt'] ??= now;
    const values = toDriverValues(table, full);
    const names = Object.keys(values);
    const key = `${name}(${names.join(',')})`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      stmt = this.raw.prepare(`INSERT INTO "${name}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      this.statements.set(key, stmt);
    }
    stmt.run(...Object.values(values));
    const id = full['id'] as string;
    if (this.o.log) {
      this.o.clock.hlc = hlcTick(this.o.clock.hlc, this.o.now());
      this.logStatement.run(this.o.newId(this.o.now()), hlcToString(this.o.clock.hlc), this.o.device, name, id, 'insert', JSON.stringify(values));
    }
    this.rows++;
    return id;
  };

  update(): void {
    throw new Error('the demo writes rows in their final state');
  }

  setSetting(key: string, value: unknown): void {
    const updatedAt = this.o.now();
    const values = toDriverValues(settings, { key, value, updatedAt });
    this.raw.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(values['key'], values['value'], values['updated_at']);
    if (this.o.log) {
      this.o.clock.hlc = hlcTick(this.o.clock.hlc, this.o.now());
      this.logStatement.run(this.o.newId(this.o.now()), hlcToString(this.o.clock.hlc), this.o.device, 'settings', key, 'update', JSON.stringify(values));
    }
  }
}
