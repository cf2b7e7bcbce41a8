/**
 * One roster session at a time: the admin calendar, changing a coming session's capacity or
 * room, stopping it with a reason (a notice for every desk). Its call list is read at the desk
 * (main/station/services/call-list.ts).
 *
 * Cutting the capacity below the seats held (seats.ts: appointments and walk-ins) needs a
 * decision: 'keep' leaves the session overbooked; 'cancel_latest' cancels the most recently
 * made live bookings through the appointment lifecycle (reason `capacity_reduced`), and those
 * patients stay on the call list to be phoned.
 */
import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { rostersProcedures } from '../../api/procedures/rosters';
import { DomainError } from '../../domain/errors';
import { appointmentLifecycle, assertTransition } from '../../domain/lifecycle';
import { checkDateRange, findConflicts, MAX_CALENDAR_DAYS, sessionStoppedNotice } from '../../domain/roster';
import { appointments, rosterSessions } from '../../../db/schema';
import type { RequestContext } from '../../station/context';
import type { HandlersFor } from '../../station/handler';
import { callList, CAPACITY_REDUCED_REASON, checkActiveRoom, rosterSlots, sessionView } from '../../station/services/rosters-common';
import { sessionViews } from '../../station/services/session-views';
import { isPastSession, sessionSeats, type SessionRow } from '../../station/services/seats';

function loadSession(ctx: Pick<RequestContext, 'db'>, sessionId: string): SessionRow {
  const row = ctx.db.select().from(rosterSessions).where(eq(rosterSessions.id, sessionId)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such roster session', { field: 'sessionId', id: sessionId });
  return row;
}

/** SESSION_STOPPED or SESSION_PAST {field: 'sessionId'}: such a session no longer changes. */
function assertChangeable(ctx: RequestContext, s: SessionRow): void {
  if (s.stopped) {
    throw new DomainError('SESSION_STOPPED', 'this session has been stopped', { field: 'sessionId', sessionId: s.id, stopReason: s.stopReason });
  }
  if (isPastSession(ctx, s.date)) {
    throw new DomainError('SESSION_PAST', 'this session is in the past', { field: 'sessionId', sessionId: s.id, date: s.date });
  }
}

/** ROSTER_CONFLICT {field: 'roomId', conflicts} when another doctor uses the room at an overlapping period. */
function refuseRoomClash(ctx: RequestContext, s: SessionRow, roomId: string | null): void {
  const conflicts = findConflicts([{ id: s.id, date: s.date, period: s.period, doctorId: s.doctorId, roomId }], rosterSlots(ctx, s.date, s.date))
    .filter((c) => c.kind === 'room');
  if (conflicts.length > 0) throw new DomainError('ROSTER_CONFLICT', 'this room is taken at that time', { field: 'roomId', conflicts });
}

/**
 * Cuts `excess` seats by cancelling the live bookings made last; CAPACITY_BELOW_BOOKINGS when
 * not enough of the seats held are bookings that can still be cancelled (check-ins, walk-ins).
 */
function cancelLatest(ctx: RequestContext, s: SessionRow, excess: number, details: Record<string, unknown>): string[] {
  const live = ctx.db.select().from(appointments)
    .where(and(eq(appointments.sessionId, s.id), inArray(appointments.status, ['pending', 'confirmed'])))
    .orderBy(desc(appointments.createdAt), desc(appointments.id)).all();
  if (live.length < excess) {
    throw new DomainError('CAPACITY_BELOW_BOOKINGS', 'not enough bookings can be cancelled to reach this capacity', {
      ...details, reason: 'not_enough_cancellable', cancellable: live.length,
    });
  }
  const cancelled = live.slice(0, excess);
  for (const a of cancelled) {
    assertTransition(appointmentLifecycle, a.status, 'cancelled');
    ctx.write.update(appointments, a.id, { status: 'cancelled', cancelledAt: ctx.now(), cancelReason: CAPACITY_REDUCED_REASON });
    ctx.audit('update', 'appointment', a.id, a.patientId);
  }
  return cancelled.map((a) => a.id);
}

export const rosterSessionHandlers = {
  'rosters.sessions': (ctx, { from, to, doctorId, departmentId }) => {
    checkDateRange(from, to, MAX_CALENDAR_DAYS);
    const where: SQL[] = [gte(rosterSessions.date, from), lte(rosterSessions.date, to)];
    if (doctorId) where.push(eq(rosterSessions.doctorId, doctorId));
    if (departmentId) where.push(eq(rosterSessions.departmentId, departmentId));
    return { items: sessionViews(ctx, where) };
  },

  'rosters.updateSession': (ctx, { sessionId, capacity, roomId, overflow }) => {
    const s = loadSession(ctx, sessionId);
    if (capacity === undefined && roomId === undefined) {
      throw new DomainError('VALIDATION', 'nothing to change', { field: 'capacity', reason: 'nothing_to_change' });
    }
    assertChangeable(ctx, s);
    if (roomId !== undefined) {
      checkActiveRoom(ctx, roomId);
      refuseRoomClash(ctx, s, roomId);
    }
    let cancelledIds: string[] = [];
    if (capacity !== undefined) {
      const { booked } = sessionSeats(ctx, sessionId);
      if (capacity < booked) {
        const details = { field: 'capacity', booked, capacity };
        if (overflow === undefined) {
          throw new DomainError('CAPACITY_BELOW_BOOKINGS', 'more seats are booked than this capacity: keep them or cancel the latest', {
            ...details, bookings: callList(ctx, { id: s.id, stopped: false }),
          });
        }
        if (overflow === 'cancel_latest') cancelledIds = cancelLatest(ctx, s, booked - capacity, details);
      }
    }
    ctx.write.update(rosterSessions, sessionId, { capacity, roomId });
    ctx.audit('update', 'roster_session', sessionId, null);
    return {
      session: sessionView(ctx, sessionId),
      cancelled: cancelledIds.length > 0 ? callList(ctx, { id: s.id, stopped: false }, cancelledIds) : [],
    };
  },

  'rosters.stop': (ctx, { sessionId, reason }) => {
    const s = loadSession(ctx, sessionId);
    assertChangeable(ctx, s);
    ctx.write.update(rosterSessions, sessionId, { stopped: true, stopReason: reason });
    ctx.audit('update', 'roster_session', sessionId, null);
    const session = sessionView(ctx, sessionId);
    ctx.notify(sessionStoppedNotice({
      sessionId, date: s.date, period: s.period, doctorName: session.doctorName, departmentName: session.departmentName, reason, at: ctx.now(),
    }));
    return { session, callList: callList(ctx, { id: sessionId, stopped: true }) };
  },

} satisfies HandlersFor<Pick<typeof rostersProcedures, 'rosters.sessions' | 'rosters.updateSession' | 'rosters.stop'>>;
