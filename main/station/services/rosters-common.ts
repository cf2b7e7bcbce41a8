/**
 * What the roster services share: checking a doctor and a room, the sessions of some dates as
 * roster slots, the admin's session view with its seats (from seats.ts), and the call list.
 */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { SessionViewT } from '../../api/procedures/catalog';
import type { CallListEntryT } from '../../api/procedures/rosters';
import { DomainError } from '../../domain/errors';
import type { RosterSlot } from '../../domain/roster';
import { appointments, patients, rooms, rosterSessions, staff } from '../../../db/schema';
import type { RequestContext } from '../context';
import { sessionViews } from './session-views';

/** `cancel_reason` of an appointment cancelled because its session's capacity was cut. */
export const CAPACITY_REDUCED_REASON = 'capacity_reduced';

type Ctx = Pick<RequestContext, 'db' | 'raw' | 'now' | 'settings'>;
export type StaffRow = typeof staff.$inferSelect;

/**
 * The doctor of a template: NOT_FOUND {field}, or VALIDATION {field, reason: 'not_a_doctor' |
 * 'not_active' | 'no_department'}.
 */
export function activeDoctor(ctx: Pick<RequestContext, 'db'>, doctorId: string, field = 'doctorId'): StaffRow & { departmentId: string } {
  const row = ctx.db.select().from(staff).where(eq(staff.id, doctorId)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such staff member', { field, id: doctorId });
  if (row.position !== 'doctor') throw new DomainError('VALIDATION', 'this staff member is not a doctor', { field, reason: 'not_a_doctor', id: doctorId });
  if (row.status !== 'active') {
    throw new DomainError('VALIDATION', 'this doctor is not active', { field, reason: 'not_active', id: doctorId, status: row.status });
  }
  const { departmentId } = row;
  if (departmentId === null) throw new DomainError('VALIDATION', 'this doctor has no department', { field, reason: 'no_department', id: doctorId });
  return { ...row, departmentId };
}

/** NOT_FOUND {field} or VALIDATION {field, reason: 'room_inactive'}; null passes (no room). */
export function checkActiveRoom(ctx: Pick<RequestContext, 'db'>, roomId: string | null, field = 'roomId'): void {
  if (roomId === null) return;
  const row = ctx.db.select({ active: rooms.active }).from(rooms).where(eq(rooms.id, roomId)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such room', { field, id: roomId });
  if (!row.active) throw new DomainError('VALIDATION', 'this room is not in use', { field, reason: 'room_inactive', id: roomId });
}

/** The sessions on the roster from one date to another, as slots for the clash rules. */
export function rosterSlots(ctx: Pick<RequestContext, 'db'>, from: string, to: string): RosterSlot[] {
  return ctx.db.select({
    id: rosterSessions.id, date: rosterSessions.date, period: rosterSessions.period, doctorId: rosterSessions.doctorId,
    roomId: rosterSessions.roomId, stopped: rosterSessions.stopped,
  }).from(rosterSessions).where(and(gte(rosterSessions.date, from), lte(rosterSessions.date, to))).all();
}

export function sessionView(ctx: Ctx, sessionId: string): SessionViewT {
  const v = sessionViews(ctx, [eq(rosterSessions.id, sessionId)])[0];
  if (!v) throw new DomainError('NOT_FOUND', 'no such roster session', { field: 'sessionId', id: sessionId });
  return v;
}

/**
 * The patients to phone about a session, in booking order: live bookings (pending, confirmed)
 * and bookings cancelled when the capacity was cut. `only` narrows to some appointments.
 * Each patient listed is a read of patient data: audited.
 */
export function callList(ctx: RequestContext, session: { id: string; stopped: boolean }, only?: readonly string[]): CallListEntryT[] {
  const all = ctx.db.select({
    appointmentId: appointments.id, patientId: appointments.patientId, patientName: patients.name, recordNo: patients.recordNo,
    phone: patients.phone, status: appointments.status, source: appointments.source, cancelReason: appointments.cancelReason,
    bookedAt: appointments.createdAt,
  }).from(appointments).innerJoin(patients, eq(patients.id, appointments.patientId))
    .where(and(eq(appointments.sessionId, session.id), only ? inArray(appointments.id, [...only]) : undefined))
    .orderBy(asc(appointments.createdAt), asc(appointments.id)).all();
  const numbered = ctx.db.select({ id: appointments.id }).from(appointments).where(eq(appointments.sessionId, session.id))
    .orderBy(asc(appointments.createdAt), asc(appointments.id)).all();
  const bookingNo = new Map(numbered.map((a, i) => [a.id, i + 1]));
  const out: CallListEntryT[] = [];
  for (const { cancelReason, ...a } of all) {
    const capacityCut = a.status === 'cancelled' && cancelReason === CAPACITY_REDUCED_REASON;
    if (!capacityCut && a.status !== 'pending' && a.status !== 'confirmed') continue;
    ctx.audit('read', 'patient', a.patientId, a.patientId);
    out.push({ ...a, bookingNo: bookingNo.get(a.appointmentId)!, reason: capacityCut ? 'capacity_reduced' : session.stopped ? 'stopped' : 'booked' });
  }
  return out;
}
