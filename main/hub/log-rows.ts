/**
 * The hub's change log and meta as SQL reads them, shared by the store (main/hub/sql-store.ts)
 * and its projection (main/hub/projection.ts).
 */
import type { SequencedChangeT } from '../sync/protocol';

/** What both engines offer: a parameterised query answering rows. */
export interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** A bigint column as the engines answer it. */
export type Big = number | bigint | string;

export const LOG_SQL = {
  lastSeq: 'SELECT max(seq) AS m FROM hub_changes',
  after: 'SELECT seq, id, hlc, device, table_name, row_id, op, columns FROM hub_changes WHERE seq > $1 ORDER BY seq LIMIT $2',
  getMeta: 'SELECT value FROM hub_meta WHERE key = $1',
  setMeta: 'INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
} as const;

/** A row of hub_changes. */
export interface ChangeRow {
  seq: Big;
  id: string;
  hlc: string;
  device: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update';
  columns: Record<string, string | number | null>;
}

export function fromRow(r: ChangeRow): SequencedChangeT {
  return { seq: Number(r.seq), id: r.id, hlc: r.hlc, device: r.device, table: r.table_name, rowId: r.row_id, op: r.op, columns: r.columns };
}

/** The log's last seq, 0 when it is empty. */
export async function lastSeqIn(q: Sql): Promise<number> {
  const r = (await q.query<{ m: Big | null }>(LOG_SQL.lastSeq)).rows[0];
  return r?.m === null || r?.m === undefined ? 0 : Number(r.m);
}
