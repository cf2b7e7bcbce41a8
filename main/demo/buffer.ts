/**
 * Rows of the simulated history, held in order until the patients they need are written: a
 * patient's registration time (and so its record number) is known only once the simulation
 * has seen their first visit, and every row must come after the rows it refers to.
 */
import type { Column, InferInsertModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Sink } from './context';

type TableWithId = SQLiteTable & { id: Column };
type Entry = { table: TableWithId; row: Record<string, unknown> };

export class Buffer implements Sink {
  private entries: Entry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** Keeps the row object itself, so a later fact (a close of day's id) can still be set on it. */
  push<T extends TableWithId>(table: T, row: InferInsertModel<T> & { id: string }): void {
    this.entries.push({ table, row: row as Record<string, unknown> });
  }

  insert: Sink['insert'] = (table, row) => {
    const id = (row as { id?: unknown }).id;
    if (typeof id !== 'string') throw new Error('history rows carry their ids');
    this.entries.push({ table, row: row as Record<string, unknown> });
    return id;
  };

  update(): void {
    throw new Error('history rows are written in their final state');
  }

  setSetting(): void {
    throw new Error('settings are not part of the history');
  }

  /** Writes every row in order through `sink`, then forgets them. */
  flush(sink: Sink): number {
    const n = this.entries.length;
    for (const e of this.entries) sink.insert(e.table, e.row as never);
    this.entries = [];
    return n;
  }
}
