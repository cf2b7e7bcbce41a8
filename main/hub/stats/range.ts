/**
 * What every statistic shares: the store it reads (only `query` of the hub store), the date
 * range it covers (clinic-local dates, both ends included), the clinic's time zone, and how
 * numbers come back from the two engines (PGlite answers bigint as a number, node-postgres as a
 * string; the statistics cast in SQL and read every number through `num`).
 */
import { addDays, daysBetween, isValidTimeZone, parseIsoDate, startOfLocalDay } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import type { HubStore } from '../store';

/** What a statistic needs of the hub store. */
export type StatsDb = Pick<HubStore, 'query'>;

/** Longest range one statistic covers (a leap year). */
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Clinic-local dates 'YYYY-MM-DD', both included. */
export interface DateRange {
  from: string;
  to: string;
}

/** A checked range with its UTC bounds: [startMs, endMs) covers every local day of it. */
export interface Span extends DateRange {
  timeZone: string;
  startMs: number;
  endMs: number;
  days: number;
}

/** INVALID_DATE {field} for a date that is not a calendar date; VALIDATION {field: 'to'} for a reversed or too long range. */
export function checkRange({ from, to }: DateRange): number {
  parseIsoDate(from, 'from');
  parseIsoDate(to, 'to');
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new DomainError('VALIDATION', 'the range ends before it starts', { field: 'to', reason: 'before_from', from, to });
  if (days > MAX_RANGE_DAYS) {
    throw new DomainError('VALIDATION', `a statistic covers at most ${MAX_RANGE_DAYS} days`, {
      field: 'to', reason: 'range_too_long', maxDays: MAX_RANGE_DAYS, from, to,
    });
  }
  return days;
}

/** The clinic's time zone from the hub's `settings` table (value is JSON text), else Asia/Shanghai. */
export async function clinicTimeZone(db: StatsDb): Promise<string> {
  const row = (await db.query<{ value: string | null }>(`SELECT value FROM settings WHERE key = 'timeZone'`)).rows[0];
  if (!row?.value) return DEFAULT_TIME_ZONE;
  try {
    const tz: unknown = JSON.parse(row.value);
    return isValidTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** Checks the range, reads the time zone, and works out the UTC bounds of its local days. */
export async function spanOf(db: StatsDb, range: DateRange): Promise<Span> {
  const days = checkRange(range);
  const timeZone = await clinicTimeZone(db);
  return {
    from: range.from, to: range.to, timeZone, days,
    startMs: startOfLocalDay(range.from, timeZone),
    endMs: startOfLocalDay(addDays(range.to, 1), timeZone),
  };
}

/** A number column as either engine answers it (number, numeric string, bigint). */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' || typeof v === 'string') return Number(v);
  if (v === null || v === undefined) return 0;
  throw new Error(`not a number from the hub: ${String(v)}`);
}

/** Same, keeping null. */
export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

/**
 * UTC ms of the start of each local day of the span, in order: `width_bucket(t, $bounds)` then
 * numbers a time of the span by its local day (1 = `from`), correct across DST changes, and
 * without converting every row's time.
 */
export function dayStarts(span: Span): number[] {
  return Array.from({ length: span.days }, (_, i) => startOfLocalDay(addDays(span.from, i), span.timeZone));
}

/** SQL: every date of the range as `d` text ('YYYY-MM-DD'), from placeholders `from` and `to`. */
export const daysOf = (from: string, to: string) =>
  `SELECT to_char(g, 'YYYY-MM-DD') AS d FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS g`;

/** `limit` for the top-N statistics: a whole number 1…max, else VALIDATION {field: 'limit'}. */
export function checkLimit(limit: number, max: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) {
    throw new DomainError('VALIDATION', `limit must be a whole number from 1 to ${max}`, { field: 'limit', value: limit, max });
  }
  return limit;
}

/** Code-point order of two strings (the same on every engine and locale), for ties. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
