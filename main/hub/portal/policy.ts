/**
 * The patient portal's rules, as pure functions: which family members a patient may act for,
 * the booking window, when a session starts (for the cancel cut-off), the daily booking limit,
 * what links a family member to an existing record, and the shape of activation codes.
 * No I/O; the handlers (main/hub/portal/handlers-*.ts) call these with what they read.
 */
import { addDays, startOfLocalDay } from '../../domain/dates';
import type { SessionPeriod } from '../../domain/enums';
import { DomainError } from '../../domain/errors';

/** Sessions of today and the next 13 days are offered for booking. */
export const BOOKING_DAYS = 14;

/** When each session period starts, in minutes after local midnight (the cut-off counts back from it). */
export const PERIOD_STARTS_MIN: Readonly<Record<SessionPeriod, number>> = { morning: 8 * 60, afternoon: 13 * 60 + 30, full_day: 8 * 60 };

/** A session's start as UTC ms: its local date and period start in the clinic's time zone. */
export function sessionStartsAt(date: string, period: SessionPeriod, timeZone: string): number {
  return startOfLocalDay(date, timeZone) + PERIOD_STARTS_MIN[period] * 60_000;
}

/** The first and last day offered for booking, counted from the clinic's today. */
export function bookingWindow(today: string): { from: string; to: string } {
  return { from: today, to: addDays(today, BOOKING_DAYS - 1) };
}

/**
 * The same refusal whether the member does not exist or belongs to another account: a patient
 * learns nothing about other accounts' ids (the details name the field only).
 */
export function notYours(field: string, what = 'family member'): DomainError {
  return new DomainError('NOT_FOUND', `no such ${what} on this account`, { field });
}

/** Throws NOT_FOUND {field} unless `patientId` is one of the account's members. */
export function assertMember(members: ReadonlySet<string>, patientId: string, field = 'memberId'): void {
  if (!members.has(patientId)) throw notYours(field);
}

/** A booking may be cancelled or moved until `cutoffMinutes` before its session starts: BOOKING_CUTOFF {field, cutoffMinutes}. */
export function assertBeforeCutoff(startsAt: number, now: number, cutoffMinutes: number, field = 'appointmentId'): void {
  if (now > startsAt - cutoffMinutes * 60_000) {
    throw new DomainError('BOOKING_CUTOFF', `bookings can be changed until ${cutoffMinutes} minutes before the session`, { field, cutoffMinutes });
  }
}

/** A member may hold at most `limit` bookings on one day: BOOKING_LIMIT {field, limit}. */
export function assertUnderDailyLimit(heldThatDay: number, limit: number, field = 'sessionId'): void {
  if (heldThatDay >= limit) {
    throw new DomainError('BOOKING_LIMIT', `at most ${limit} bookings a day for one person`, { field, limit });
  }
}

/** A session outside today … today + 13 cannot be booked online: SESSION_PAST, or VALIDATION {reason: 'beyond_window'}. */
export function assertInWindow(date: string, today: string, field = 'sessionId'): void {
  const { to } = bookingWindow(today);
  if (date < today) throw new DomainError('SESSION_PAST', 'this session is in the past', { field });
  if (date > to) throw new DomainError('VALIDATION', `sessions can be booked up to ${BOOKING_DAYS} days ahead`, { field, reason: 'beyond_window' });
}

/** A member links to an existing record only when both the name and the ID number match it. */
export function matchesRecord(record: { name: string; idNumber: string | null; mergedInto: string | null }, wanted: { name: string; idNumber: string }): boolean {
  return record.mergedInto === null && record.idNumber !== null && record.idNumber.toUpperCase() === wanted.idNumber.toUpperCase() && record.name === wanted.name;
}

/** Activation codes: 10 characters without look-alikes (no 0/O, 1/I/L), shown as XXXXX-XXXXX; ~50 bits. */
export const ACTIVATION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ACTIVATION_LENGTH = 10;
/** A code is void 72 hours after it was issued, and after its one use. */
export const ACTIVATION_TTL_MS = 72 * 3_600_000;

/** A typed code in canonical form (capitals, no separators or spaces), or null when it cannot be one. */
export function normalizeActivationCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== ACTIVATION_LENGTH) return null;
  for (const ch of code) if (!ACTIVATION_ALPHABET.includes(ch)) return null;
  return code;
}

/** XXXXX-XXXXX, as printed at the desk. */
export function formatActivationCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A new code from `randomIndex(n)` (crypto.randomInt in the hub). */
export function makeActivationCode(randomIndex: (n: number) => number): string {
  let out = '';
  for (let i = 0; i < ACTIVATION_LENGTH; i += 1) out += ACTIVATION_ALPHABET[randomIndex(ACTIVATION_ALPHABET.length)]!;
  return out;
}

/** A patient's session lasts a week from its log-in (log-out everywhere ends every one at once). */
export const PORTAL_SESSION_MS = 7 * 24 * 3_600_000;
