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
 * `desc`), as a row comparison. The list bounds the leading column itself, folded with the
 * cursor's value (`fromKey`): PostgreSQL starts an index scan at the tightest plain bound of that
 * column but not at a row comparison, and a page deep in a list would otherwise walk the index
 * from the list's start (measured: 5 ms against 360 ms on 1.2 M audit rows).
 */
export function afterKey(p: Params, columns: readonly string[], after: SortKey | null, desc = false): string {
  if (!after) return 'TRUE';
  const placeholders = after.map((v) => p.add(v));
  return `(${columns.join(', ')}) ${desc ? '<' : '>'} (${placeholders.join(', ')})`;
}

/** The list's lower bound of its leading column raised to the cursor's value (ascending lists). */
export function fromKey<T extends string | number>(bound: T, after: SortKey | null): T {
  if (!after) return bound;
  const k = after[0] as T;
  return k > bound ? k : bound;
}

/** The list's upper bound (inclusive) of its leading column lowered to the cursor's value (descending lists). */
export function untilKey<T extends string | number>(bound: T, after: SortKey | null): T {
  if (!after) return bound;
  const k = after[0] as T;
  return k < bound ? k : bound;
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
