/**
 * What becomes of an appointment nobody settled once its session is over (pure): a confirmed
 * booking whose patient never came is a no-show (爽约), or, when the clinic's setting says
 * 'expired', simply expires (cancelled, reason 'expired'); a booking never confirmed always
 * expires (the appointment lifecycle has no pending → no_show), and so does every booking of a
 * session the clinic stopped (the patient was told not to come).
 */
import { startOfLocalDay } from '../../domain/dates';
import type { AppointmentStatus, LapseRule, SessionPeriod } from '../../domain/enums';

/** The cancel reason an expired booking carries. */
export const EXPIRED_REASON = 'expired';

/** When each session period ends, minutes after local midnight. */
export const PERIOD_ENDS_MIN: Readonly<Record<SessionPeriod, number>> = { morning: 12 * 60, afternoon: 17 * 60 + 30, full_day: 17 * 60 + 30 };

/** A session's end as UTC ms, in the clinic's time zone. */
export function sessionEndsAt(date: string, period: SessionPeriod, timeZone: string): number {
  return startOfLocalDay(date, timeZone) + PERIOD_ENDS_MIN[period] * 60_000;
}

export interface OpenBooking {
  id: string;
  status: AppointmentStatus;
  date: string;
  period: SessionPeriod;
  stopped: boolean;
  /** The patient was checked in for it (a visit names it). */
  visited: boolean;
}

export type Lapse = { id: string; to: 'no_show' } | { id: string; to: 'cancelled'; reason: typeof EXPIRED_REASON };

/** The bookings to settle now, and how. Untouched: settled ones, sessions not over, bookings a visit took up. */
export function lapsedBookings(bookings: readonly OpenBooking[], now: number, timeZone: string, rule: LapseRule): Lapse[] {
  const out: Lapse[] = [];
  for (const b of bookings) {
    if (b.status !== 'pending' && b.status !== 'confirmed') continue;
    if (b.visited || now < sessionEndsAt(b.date, b.period, timeZone)) continue;
    if (b.status === 'confirmed' && !b.stopped && rule === 'no_show') out.push({ id: b.id, to: 'no_show' });
    else out.push({ id: b.id, to: 'cancelled', reason: EXPIRED_REASON });
  }
  return out;
}
