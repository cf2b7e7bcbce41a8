/**
 * What the lookup lists share: placeholders for a query built from the filters given, the
 * keyset condition after a cursor, and cutting one page (one row more is read to know whether
 * another page follows).
 */
import type { StatsDb } from '../stats/range';
import { encodeCursor, type SortKey } from './cursor';

/** The hub store as the lookups read it (queries only). */
export type LookupDb = StatsDb;

/** Numbered placeholders ($1, $2 …) for the values a query is built with. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * SQL: rows strictly after `after` in the order of `columns` (ascending, or descending when
 * `desc`), as a row comparison, with the leading column bounded alone as well so its index
 * is used.
 */
export function afterKey(p: Params, columns: readonly string[], after: SortKey | null, desc = false): string {
  if (!after) return 'TRUE';
  const placeholders = after.map((v) => p.add(v));
  const op = desc ? '<' : '>';
  return `${columns[0]} ${desc ? '<=' : '>='} ${placeholders[0]} AND (${columns.join(', ')}) ${op} (${placeholders.join(', ')})`;
}

export interface Page<R> {
  rows: R[];
  nextCursor: string | null;
}

/** Runs a page query that read up to `limit + 1` rows, maps them, and gives the cursor of the last row kept when more follow. */
export async function runPage<Raw, R>(
  db: LookupDb, list: string, sql: string, p: Params, limit: number, map: (raw: Raw) => R, keyOf: (raw: Raw) => SortKey,
): Promise<Page<R>> {
  const res = await db.query<Raw>(`${sql} LIMIT ${p.add(limit + 1)}`, p.values);
  const more = res.rows.length > limit;
  const kept = more ? res.rows.slice(0, limit) : res.rows;
  const last = kept.at(-1);
  return { rows: kept.map(map), nextCursor: more && last !== undefined ? encodeCursor(list, keyOf(last)) : null };
}

/** A text column as either engine answers it. */
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
