/**
 * Booking from the patient's phone: the catalog (departments, doctors with title and fee, the
 * clinic's booking notice), a doctor's sessions of the next 14 days with seats left, and book /
 * cancel / reschedule / my bookings. Every write runs in one admin-station transaction (the seat
 * check and the insert together: online bookings never overbook), with source 'online'; member
 * and appointment ids are checked against the account before anything is read or written.
 */
import { appointments } from '../../../db/schema';
import type { z } from 'zod';
import type { BookingView } from '../../api/patient-contract';
import type { SessionPeriod } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { appointmentLifecycle, assertTransition } from '../../domain/lifecycle';
import { clinicToday } from '../../station/services/patients-fields';
import { assertBookable, countSeats, SEAT_HOLDING_STATUSES } from '../../station/services/seats';
import type { PortalContext, PortalHandlers } from './context';
import { writeAtHub, type HubWrite } from './hub-writes';
import { memberIds } from './members';
import { assertBeforeCutoff, assertInWindow, assertMember, assertUnderDailyLimit, bookingWindow, notYours, sessionStartsAt } from './policy';

type BookingHandlers = Pick<PortalHandlers, 'portal.catalog' | 'portal.sessions' | 'portal.book' | 'portal.cancel' | 'portal.reschedule' | 'portal.bookings'>;
type Booking = z.input<typeof BookingView>;
type Reader = Pick<HubWrite, 'raw' | 'now' | 'settings'>;

const HOLDING = SEAT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', ');

const BOOKING_SQL = `SELECT a.id, a.patient_id AS memberId, p.name AS memberName, a.status, a.session_id AS sessionId, s.date, s.period,
    st.name AS doctorName, d.name AS departmentName, d.name_en AS departmentNameEn, st.registration_fee_fen AS feeFen,
    s.stopped, s.stop_reason AS stopReason, a.created_at AS createdAt
  FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN roster_sessions s ON s.id = a.session_id
  JOIN staff st ON st.id = s.doctor_id JOIN departments d ON d.id = s.department_id`;

interface BookingRow extends Omit<Booking, 'stopped' | 'changeableUntil'> { stopped: number }

function toBooking(r: Reader, row: BookingRow): Booking {
  const startsAt = sessionStartsAt(row.date, row.period as SessionPeriod, r.settings.timeZone);
  return { ...row, stopped: row.stopped === 1, changeableUntil: Math.max(0, startsAt - r.settings.portalCancelCutoffMinutes * 60_000) };
}

function loadBooking(r: Reader, id: string): Booking {
  return toBooking(r, r.raw.prepare(`${BOOKING_SQL} WHERE a.id = ?`).get(id) as BookingRow);
}

/** The account's appointment (NOT_FOUND {field} for any other, existing or not). */
function ownAppointment(r: Reader, members: ReadonlySet<string>, id: string, field = 'appointmentId') {
  const row = r.raw.prepare('SELECT id, patient_id AS patientId, session_id AS sessionId, status FROM appointments WHERE id = ?').get(id) as
    { id: string; patientId: string; sessionId: string; status: Booking['status'] } | undefined;
  if (!row || !members.has(row.patientId)) throw notYours(field, 'booking');
  return row;
}

function sessionOf(r: Reader, id: string): { date: string; period: SessionPeriod } {
  const s = r.raw.prepare('SELECT date, period FROM roster_sessions WHERE id = ?').get(id) as { date: string; period: SessionPeriod } | undefined;
  if (!s) throw new DomainError('NOT_FOUND', 'no such session', { field: 'sessionId' });
  return s;
}

/** Books `patientId` into `sessionId` (checks in this order: window, bookable, daily limit). */
function bookIn(w: HubWrite, patientId: string, sessionId: string, rescheduledFrom: string | null): string {
  const today = clinicToday(w);
  const { date } = sessionOf(w, sessionId);
  assertInWindow(date, today);
  assertBookable(w, sessionId, patientId);
  const held = (w.raw.prepare(`SELECT count(*) AS n FROM appointments a JOIN roster_sessions s ON s.id = a.session_id
    WHERE a.patient_id = ? AND s.date = ? AND a.status IN (${HOLDING})`).get(patientId, date) as { n: number }).n;
  assertUnderDailyLimit(held, w.settings.portalBookingsPerDay);
  const id = w.write.insert(appointments, { patientId, sessionId, status: 'pending', source: 'online', note: null, bookedBy: null, rescheduledFrom });
  w.audit('create', 'appointment', id, patientId);
  return id;
}

/** Cancels the account's booking if the cut-off allows (BOOKING_CUTOFF) and its status does (ILLEGAL_TRANSITION). */
function cancelOwn(w: HubWrite, members: ReadonlySet<string>, appointmentId: string, reason: string) {
  const row = ownAppointment(w, members, appointmentId);
  const s = sessionOf(w, row.sessionId);
  assertBeforeCutoff(sessionStartsAt(s.date, s.period, w.settings.timeZone), w.now(), w.settings.portalCancelCutoffMinutes);
  assertTransition(appointmentLifecycle, row.status, 'cancelled');
  w.write.update(appointments, row.id, { status: 'cancelled', cancelledAt: w.now(), cancelReason: reason });
  w.audit('update', 'appointment', row.id, row.patientId);
  return row;
}

function reader(ctx: PortalContext): Reader {
  const st = ctx.admin.station;
  return { raw: st.raw, now: ctx.now, settings: st.settings };
}

export const bookingHandlers: BookingHandlers = {
  'portal.catalog': async (ctx) => {
    const r = reader(ctx);
    const deps = r.raw.prepare('SELECT id, name, name_en AS nameEn FROM departments WHERE active = 1 ORDER BY code').all() as { id: string; name: string; nameEn: string }[];
    const doctors = r.raw.prepare(`SELECT id, name, title, specialty, registration_fee_fen AS feeFen FROM staff
      WHERE department_id = ? AND position = 'doctor' AND status = 'active' ORDER BY name`);
    const ratings = await ctx.portal.doctorRatings();
    return {
      notice: r.settings.portalBookingNotice, cancelCutoffMinutes: r.settings.portalCancelCutoffMinutes, bookingsPerDay: r.settings.portalBookingsPerDay,
      today: clinicToday(r),
      departments: deps.map((d) => ({
        ...d,
        doctors: (doctors.all(d.id) as { id: string; name: string; title: string; specialty: string; feeFen: number }[])
          .map((doc) => ({ ...doc, rating: ratings.get(doc.id) ?? null })),
      })),
    };
  },

  'portal.sessions': async (ctx, { doctorId }) => {
    const r = reader(ctx);
    const { from, to } = bookingWindow(clinicToday(r));
    const rows = r.raw.prepare(`SELECT id, date, period, capacity, stopped, stop_reason AS stopReason FROM roster_sessions
      WHERE doctor_id = ? AND date >= ? AND date <= ? ORDER BY date, CASE period WHEN 'morning' THEN 0 WHEN 'full_day' THEN 1 ELSE 2 END`)
      .all(doctorId, from, to) as { id: string; date: string; period: SessionPeriod; capacity: number; stopped: number; stopReason: string | null }[];
    return {
      sessions: rows.map((s) => ({
        sessionId: s.id, date: s.date, period: s.period, stopped: s.stopped === 1, stopReason: s.stopReason,
        seatsLeft: s.stopped === 1 ? 0 : countSeats(r, { id: s.id, doctorId, date: s.date, capacity: s.capacity }).seatsLeft,
      })),
    };
  },

  'portal.book': async (ctx, { memberId, sessionId }) => {
    assertMember(await memberIds(ctx, ctx.accountId!), memberId);
    return writeAtHub(ctx.admin, ctx.accountId, ctx.procedure, (w) => loadBooking(w, bookIn(w, memberId, sessionId, null)));
  },

  'portal.cancel': async (ctx, { appointmentId }) => {
    const members = await memberIds(ctx, ctx.accountId!);
    return writeAtHub(ctx.admin, ctx.accountId, ctx.procedure, (w) => {
      cancelOwn(w, members, appointmentId, 'cancelled by the patient');
      return loadBooking(w, appointmentId);
    });
  },

  'portal.reschedule': async (ctx, { appointmentId, sessionId }) => {
    const members = await memberIds(ctx, ctx.accountId!);
    return writeAtHub(ctx.admin, ctx.accountId, ctx.procedure, (w) => {
      const old = cancelOwn(w, members, appointmentId, 'rescheduled by the patient');
      if (old.sessionId === sessionId) throw new DomainError('VALIDATION', 'the booking is already in this session', { field: 'sessionId', reason: 'same_session' });
      const id = bookIn(w, old.patientId, sessionId, old.id);
      return { cancelled: loadBooking(w, appointmentId), booked: loadBooking(w, id) };
    });
  },

  'portal.bookings': async (ctx, { memberId }) => {
    const members = await memberIds(ctx, ctx.accountId!);
    if (memberId !== undefined) assertMember(members, memberId);
    const ids = memberId !== undefined ? [memberId] : [...members];
    if (ids.length === 0) return { items: [] };
    const r = reader(ctx);
    const rows = r.raw.prepare(`${BOOKING_SQL} WHERE a.patient_id IN (${ids.map(() => '?').join(', ')})
      ORDER BY s.date DESC, a.created_at DESC, a.id LIMIT 100`).all(...ids) as BookingRow[];
    return { items: rows.map((row) => toBooking(r, row)) };
  },
};
