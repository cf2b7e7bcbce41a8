/**
 * Seats of a roster session. Seats are never stored: they are derived from the rows that hold
 * one, so bookings made offline at two desks add up instead of overwriting a counter.
 *
 *   held      = appointments in a seat-holding status (pending, confirmed, completed)
 *             + walk-in visits of that session (no appointment) that are not cancelled
 *   seatsLeft = max(0, capacity − held)
 *
 * A walk-in counts only when its visit row carries the session's id (`visits.session_id`).
 * A session is in the past when its date is before the clinic's today (time zone from the
 * settings); today's sessions stay bookable all day, as sessions have no end time.
 */
import type Database from 'better-sqlite3';
import { perConnection } from '../../../db/statement-cache';
import type { AppointmentStatus } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import type { rosterSessions } from '../../../db/schema';
import type { RequestContext } from '../context';
import { loadActivePatient } from './patients';
import { clinicToday } from './patients-fields';

/** Appointment statuses that hold a seat; cancelled and no-show free it. */
export const SEAT_HOLDING_STATUSES = ['pending', 'confirmed', 'completed'] as const satisfies readonly AppointmentStatus[];
const HOLDING_SQL = SEAT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', ');

export type SeatsContext = Pick<RequestContext, 'raw' | 'db' | 'now' | 'settings'>;
export type SessionRow = typeof rosterSessions.$inferSelect;

interface RawSession {
  id: string;
  date: string;
  period: SessionRow['period'];
  doctor_id: string;
  department_id: string;
  capacity: number;
  stopped: number;
  stop_reason: string | null;
}

export const SEAT_SQL = {
  session: 'SELECT id, date, period, doctor_id, department_id, capacity, stopped, stop_reason FROM roster_sessions WHERE id = ?',
  appointments: `SELECT count(*) AS n FROM appointments WHERE session_id = ? AND status IN (${HOLDING_SQL})`,
  // Through the doctor's queue index (doctor, date): visits have no index of their own on session_id.
  walkIns: "SELECT count(*) AS n FROM visits WHERE doctor_id = ? AND visit_date = ? AND session_id = ? AND appointment_id IS NULL AND status != 'cancelled'",
  patientAppointment: `SELECT id FROM appointments WHERE patient_id = ? AND session_id = ? AND status IN (${HOLDING_SQL}) LIMIT 1`,
  patientVisit: "SELECT id FROM visits WHERE patient_id = ? AND session_id = ? AND status != 'cancelled' LIMIT 1",
} as const;

export interface SessionSeats {
  sessionId: string;
  date: string;
  doctorId: string;
  capacity: number;
  stopped: boolean;
  stopReason: string | null;
  /** Seat-holding appointments. */
  appointments: number;
  /** Walk-in visits without an appointment. */
  walkIns: number;
  /** appointments + walkIns (may exceed capacity after offline bookings meet at the hub). */
  booked: number;
  seatsLeft: number;
}

/** SEAT_SQL compiled once per connection: every booking and walk-in runs these. */
const compiled = perConnection((raw: Database.Database) => {
  const out = {} as Record<keyof typeof SEAT_SQL, Database.Statement>;
  for (const key of Object.keys(SEAT_SQL) as (keyof typeof SEAT_SQL)[]) out[key] = raw.prepare(SEAT_SQL[key]);
  return out;
});

function one(raw: Database.Database, key: 'appointments' | 'walkIns', ...params: unknown[]): number {
  return (compiled(raw)[key].get(...params) as { n: number }).n;
}

function rawSession(ctx: SeatsContext, sessionId: string): RawSession {
  const s = compiled(ctx.raw).session.get(sessionId) as RawSession | undefined;
  if (!s) throw new DomainError('NOT_FOUND', 'no such roster session', { field: 'sessionId', id: sessionId });
  return s;
}

/** Seat counts of a session row already at hand (the catalog lists many). */
export function countSeats(
  ctx: Pick<SeatsContext, 'raw'>, s: { id: string; doctorId: string; date: string; capacity: number },
): Pick<SessionSeats, 'appointments' | 'walkIns' | 'booked' | 'seatsLeft'> {
  const appointments = one(ctx.raw, 'appointments', s.id);
  const walkIns = one(ctx.raw, 'walkIns', s.doctorId, s.date, s.id);
  const booked = appointments + walkIns;
  return { appointments, walkIns, booked, seatsLeft: Math.max(0, s.capacity - booked) };
}

function seatsOf(ctx: SeatsContext, s: RawSession): SessionSeats {
  return {
    sessionId: s.id, date: s.date, doctorId: s.doctor_id, capacity: s.capacity, stopped: s.stopped === 1, stopReason: s.stop_reason,
    ...countSeats(ctx, { id: s.id, doctorId: s.doctor_id, date: s.date, capacity: s.capacity }),
  };
}

/** Counts for one session; NOT_FOUND {field: 'sessionId'} if there is none. */
export function sessionSeats(ctx: SeatsContext, sessionId: string): SessionSeats {
  return seatsOf(ctx, rawSession(ctx, sessionId));
}

/** Seats left in a session (never negative); NOT_FOUND {field: 'sessionId'}. */
export function seatsLeft(ctx: SeatsContext, sessionId: string): number {
  return sessionSeats(ctx, sessionId).seatsLeft;
}

/** True when the session's date is before the clinic's today. */
export function isPastSession(ctx: Pick<RequestContext, 'now' | 'settings'>, date: string): boolean {
  return date < clinicToday(ctx);
}

/**
 * Refuses a new booking or walk-in of `patientId` in `sessionId`, in this order:
 * NOT_FOUND {field: 'sessionId' | 'patientId'}, CONFLICT {field: 'patientId', reason: 'merged'},
 * SESSION_STOPPED {stopReason}, SESSION_PAST {date, today}, DUPLICATE_BOOKING {appointmentId | visitId}
 * (already holding a seat in it), SESSION_FULL {capacity, booked}. Returns the seat counts.
 */
export function assertBookable(ctx: SeatsContext, sessionId: string, patientId: string): SessionSeats {
  const s = rawSession(ctx, sessionId);
  loadActivePatient(ctx, patientId, 'patientId');
  if (s.stopped === 1) {
    throw new DomainError('SESSION_STOPPED', 'this session has been stopped', { field: 'sessionId', sessionId, stopReason: s.stop_reason });
  }
  const today = clinicToday(ctx);
  if (s.date < today) {
    throw new DomainError('SESSION_PAST', 'this session is in the past', { field: 'sessionId', sessionId, date: s.date, today });
  }
  const appt = compiled(ctx.raw).patientAppointment.get(patientId, sessionId) as { id: string } | undefined;
  const visit = appt ? undefined : (compiled(ctx.raw).patientVisit.get(patientId, sessionId) as { id: string } | undefined);
  if (appt || visit) {
    throw new DomainError('DUPLICATE_BOOKING', 'this patient already has a place in this session', {
      field: 'sessionId', sessionId, patientId, ...(appt ? { appointmentId: appt.id } : { visitId: visit!.id }),
    });
  }
  const seats = seatsOf(ctx, s);
  if (seats.seatsLeft === 0) {
    throw new DomainError('SESSION_FULL', 'no seats left in this session', {
      field: 'sessionId', sessionId, capacity: s.capacity, booked: seats.booked,
    });
  }
  return seats;
}
