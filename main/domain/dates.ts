/**
 * Calendar dates ('YYYY-MM-DD', proleptic Gregorian, years 0000–9999) and the clinic's time zone.
 * Date arithmetic is pure integer maths on day numbers; only the time-zone helpers use Intl.
 */
import { DomainError } from './errors';

export const DAY_MS = 86_400_000;

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function tryParse(s: unknown): CivilDate | null {
  if (typeof s !== 'string') return null;
  const m = ISO_DATE_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2023-02-29' is false). */
export function isIsoDate(s: unknown): s is string {
  return tryParse(s) !== null;
}

/** Parses or throws INVALID_DATE {field, value}. */
export function parseIsoDate(s: string, field = 'date'): CivilDate {
  const d = tryParse(s);
  if (!d) throw new DomainError('INVALID_DATE', `${field} is not a calendar date (YYYY-MM-DD)`, { field, value: s });
  return d;
}

export function formatIsoDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function civilToEpochDay({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function epochDayToCivil(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function toEpochDay(isoDate: string, field = 'date'): number {
  return civilToEpochDay(parseIsoDate(isoDate, field));
}

export function fromEpochDay(days: number): string {
  const d = epochDayToCivil(days);
  if (!Number.isSafeInteger(days) || d.year < 0 || d.year > 9999) {
    throw new DomainError('INVALID_DATE', 'date out of range', { field: 'date', value: days });
  }
  return formatIsoDate(d);
}

export function addDays(isoDate: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new DomainError('VALIDATION', 'days must be a whole number', { field: 'n', value: n });
  return fromEpochDay(toEpochDay(isoDate) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to, 'to') - toEpochDay(from, 'from');
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  return (((toEpochDay(isoDate) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

// ---- time zones (Intl) ----

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new DomainError('VALIDATION', 'unknown time zone', { field: 'timeZone', value: timeZone });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Wall extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

function wall(utcMs: number, timeZone: string): Wall {
  if (typeof utcMs !== 'number' || !Number.isFinite(utcMs) || Math.abs(utcMs) > 8.64e15) {
    throw new DomainError('INVALID_DATE', 'not a time', { field: 'utcMs', value: utcMs });
  }
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(utcMs)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** The wall-clock reading at `utcMs`, as if that reading were UTC (whole seconds). */
function wallAsUtc(utcMs: number, timeZone: string): number {
  const w = wall(utcMs, timeZone);
  return civilToEpochDay(w) * DAY_MS + w.hour * 3_600_000 + w.minute * 60_000 + w.second * 1000;
}

/** UTC offset in ms at an instant (positive east of Greenwich). */
function offsetAt(utcMs: number, timeZone: string): number {
  return wallAsUtc(utcMs, timeZone) - Math.floor(utcMs / 1000) * 1000;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' in `timeZone` at the instant `utcMs`. */
export function localDate(utcMs: number, timeZone: string): string {
  return formatIsoDate(wall(utcMs, timeZone));
}

/** 'YYYY-MM-DD HH:mm' (24-hour) in `timeZone`. */
export function localDateTime(utcMs: number, timeZone: string): string {
  const w = wall(utcMs, timeZone);
  return `${formatIsoDate(w)} ${pad2(w.hour)}:${pad2(w.minute)}`;
}

/**
 * UTC ms of the first instant of local day `isoDate` in `timeZone`: local midnight, or, where a
 * DST change skips midnight (e.g. America/Santiago), the moment the clocks jump; where midnight
 * happens twice, the earlier one.
 */
export function startOfLocalDay(isoDate: string, timeZone: string): number {
  const target = toEpochDay(isoDate, 'isoDate') * DAY_MS;
  formatter(timeZone); // refuse an unknown zone before anything else
  const before = target - offsetAt(target - DAY_MS, timeZone);
  const after = target - offsetAt(target + DAY_MS, timeZone);
  const exact = [before, after].filter((t) => wallAsUtc(t, timeZone) === target);
  if (exact.length > 0) return Math.min(...exact);
  // Midnight falls in a gap: find the first second whose wall clock is on or after it.
  let lo = Math.min(before, after) / 1000; // wall clock still before midnight
  let hi = Math.max(before, after) / 1000; // wall clock already past midnight
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAsUtc(mid * 1000, timeZone) >= target) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}
