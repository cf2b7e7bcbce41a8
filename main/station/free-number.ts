/**
 * A number people read, from this device's own sequence, that the replica does not hold yet. A
 * desk re-paired under its old device code starts a new replica whose local sequences start at 1
 * again, while the rows it numbered before come back from the hub: its next record number would
 * be one it already handed out (the unique index refuses the command, or a queue shows the same
 * number twice). So each number drawn is looked up first (one indexed lookup) and skipped while
 * taken; the sequence moves past them once, after which the look-up finds nothing.
 */
import type Database from 'better-sqlite3';

export interface NumberColumn {
  table: 'patients' | 'payments' | 'refunds' | 'prescriptions' | 'day_closes' | 'visits';
  column: 'record_no' | 'receipt_no' | 'refund_no' | 'rx_no' | 'close_no' | 'queue_no';
  /** Where the number must be unique when not in the whole table (queue numbers: one doctor's day). */
  scope?: { where: string; params: readonly (string | number)[] };
}

export function freeNumber(raw: Database.Database, nextSeq: (name: string) => number, seqName: string, format: (n: number) => string, where: NumberColumn): string {
  const stmt = raw.prepare(`SELECT 1 FROM "${where.table}" WHERE "${where.column}" = ?${where.scope ? ` AND ${where.scope.where}` : ''} LIMIT 1`);
  for (;;) {
    const value = format(nextSeq(seqName));
    if (stmt.get(value, ...(where.scope?.params ?? [])) === undefined) return value;
  }
}
