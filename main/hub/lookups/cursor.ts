/**
 * Keyset paging for the lookups: a page ends with the sort key of its last row, and the next page
 * starts strictly after it (never OFFSET, so page 10,000 costs what page 1 does). The cursor
 * handed to the client is that key as base64url JSON, tagged with its list so a cursor of one list
 * cannot be replayed on another. Whatever comes back is checked: a bad cursor is VALIDATION
 * {field: 'cursor'}.
 */
import { DomainError } from '../../domain/errors';

/** The values of a row's sort key, in ORDER BY order. */
export type SortKey = (string | number)[];

export function encodeCursor(list: string, key: SortKey): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/** The sort key of `cursor`, checked against the list and the key's shape ('s' text, 'n' a safe integer); null for no cursor. */
export function decodeCursor(list: string, cursor: string | null | undefined, shape: readonly ('s' | 'n')[]): SortKey | null {
  if (cursor === null || cursor === undefined) return null;
  const bad = (reason: string): never => {
    throw new DomainError('VALIDATION', 'the page cursor is not one this list gave', { field: 'cursor', reason });
  };
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return bad('not_base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return bad('not_json');
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1) return bad('shape');
  const [tag, ...key] = parsed as unknown[];
  if (tag !== list) return bad('other_list');
  return key.map((v, i) => {
    if (shape[i] === 'n') return typeof v === 'number' && Number.isSafeInteger(v) ? v : bad('shape');
    return typeof v === 'string' && v.length <= 200 ? v : bad('shape');
  });
}
