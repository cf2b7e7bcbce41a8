/**
 * Medical equipment (issue 16), the rules with no I/O: asset numbers, statuses, maintenance kinds,
 * and the dates of an item, which are clinic-calendar dates ('YYYY-MM-DD').
 *
 * - An asset number is the code an admin types: letters, digits and - _ . /, at most 30, stored
 *   tidied (NFKC, no spaces, upper case), so 'eq-001' and 'EQ-001' are the same item.
 * - Status: in_use ⇄ repair; either → retired, which is final (ILLEGAL_TRANSITION after it).
 * - Dates: purchase not after today; last maintenance neither before purchase nor after today;
 *   next maintenance due not before purchase nor before the last maintenance. A refusal is
 *   VALIDATION {field, reason}.
 * - Recording maintenance moves the last-maintenance date forward (never back: a late entry of an
 *   older service keeps the newer date), and sets the next due date when one is given, or from the
 *   item's interval in months when it has one.
 */
import { DomainError } from './errors';
import { daysInMonth, isIsoDate, parseIsoDate, formatIsoDate, daysBetween } from './dates';

export const EQUIPMENT_STATUSES = ['in_use', 'repair', 'retired'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];
export const MAINTENANCE_KINDS = ['routine', 'repair', 'calibration', 'inspection'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

export const ASSET_NO_RE = /^[A-Z0-9][A-Z0-9_./-]{0,29}$/;

/** The stored form of an asset number, or VALIDATION {field, reason: 'bad_asset_no'}. */
export function tidyAssetNo(raw: string, field = 'assetNo'): string {
  const s = raw.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (!ASSET_NO_RE.test(s)) throw new DomainError('VALIDATION', 'an asset number is letters, digits and - _ . /, at most 30', { field, reason: 'bad_asset_no', value: raw });
  return s;
}

/** Whether an item may go from one status to another (the same status is no change, and allowed). */
export function canMoveTo(from: EquipmentStatus, to: EquipmentStatus): boolean {
  return from === to || from !== 'retired';
}

export function checkStatusMove(from: EquipmentStatus, to: EquipmentStatus): void {
  if (!canMoveTo(from, to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `a retired item stays retired (asked: ${to})`, { field: 'status', from, to, reason: 'retired' });
  }
}

export interface EquipmentDates {
  purchaseDate: string | null;
  lastMaintenanceDate: string | null;
  nextMaintenanceDue: string | null;
}

const bad = (field: string, reason: string, message: string) => new DomainError('VALIDATION', message, { field, reason });

/** Checks an item's dates against each other and today; throws VALIDATION {field, reason} at the first problem. */
export function checkEquipmentDates(d: EquipmentDates, today: string): void {
  for (const field of ['purchaseDate', 'lastMaintenanceDate', 'nextMaintenanceDue'] as const) {
    const v = d[field];
    if (v !== null && !isIsoDate(v)) throw bad(field, 'not_a_date', `${field} is not a calendar date (YYYY-MM-DD)`);
  }
  const { purchaseDate: p, lastMaintenanceDate: last, nextMaintenanceDue: next } = d;
  if (p !== null && p > today) throw bad('purchaseDate', 'in_future', 'the purchase date is after today');
  if (last !== null && last > today) throw bad('lastMaintenanceDate', 'in_future', 'the last maintenance is after today');
  if (last !== null && p !== null && last < p) throw bad('lastMaintenanceDate', 'before_purchase', 'the last maintenance is before the purchase');
  if (next !== null && p !== null && next < p) throw bad('nextMaintenanceDue', 'before_purchase', 'the next maintenance is due before the purchase');
  if (next !== null && last !== null && next < last) throw bad('nextMaintenanceDue', 'before_last', 'the next maintenance is due before the last one');
}

/** The date `months` calendar months after `date`, the day clamped to the month's end (01-31 + 1 → 02-28). */
export function addMonths(date: string, months: number): string {
  const d = parseIsoDate(date);
  const total = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return formatIsoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** What recording a maintenance on `date` does to the item's dates; the date itself is checked (VALIDATION {field: 'date'}). */
export function afterMaintenance(
  item: EquipmentDates & { intervalMonths: number | null },
  entry: { date: string; nextDue: string | null },
  today: string,
): { lastMaintenanceDate: string; nextMaintenanceDue: string | null } {
  if (!isIsoDate(entry.date)) throw bad('date', 'not_a_date', 'the date is not a calendar date (YYYY-MM-DD)');
  if (entry.date > today) throw bad('date', 'in_future', 'maintenance cannot be recorded ahead of the day');
  if (item.purchaseDate !== null && entry.date < item.purchaseDate) throw bad('date', 'before_purchase', 'the maintenance is before the purchase');
  const last = item.lastMaintenanceDate !== null && item.lastMaintenanceDate > entry.date ? item.lastMaintenanceDate : entry.date;
  let next = item.nextMaintenanceDue;
  if (entry.nextDue !== null) next = entry.nextDue;
  else if (item.intervalMonths !== null && last === entry.date) next = addMonths(entry.date, item.intervalMonths);
  if (next !== null && !isIsoDate(next)) throw bad('nextDue', 'not_a_date', 'the next due date is not a calendar date (YYYY-MM-DD)');
  if (entry.nextDue !== null && next !== null && next < last) throw bad('nextDue', 'before_last', 'the next maintenance is due before the last one');
  return { lastMaintenanceDate: last, nextMaintenanceDue: next };
}

/** Days until the next maintenance (negative: overdue), or null when none is due or the item is retired. */
export function dueInDays(status: EquipmentStatus, nextDue: string | null, today: string): number | null {
  if (status === 'retired' || nextDue === null) return null;
  return daysBetween(today, nextDue);
}
