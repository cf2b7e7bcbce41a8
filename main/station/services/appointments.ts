/**
 * Appointments: book, confirm, cancel, no-show, reschedule; the desk's day list and a patient's
 * appointments. Every status change goes through `appointmentLifecycle` and is audited.
 * `completeAppointment` is for check-in (front desk).
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { appointmentsProcedures, AppointmentViewT } from '../../api/procedures/appointments';
import { SESSION_PERIODS, type AppointmentStatus } from '../../domain/enums';
import { DomainError, ensure } from '../../domain/errors';
import { appointmentLifecycle, assertTransition } from '../../domain/lifecycle';
import { appointments, departments, patients, rooms, rosterSessions, staff } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { perConnection } from '../../../db/statement-cache';
import { accountOf, type RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { loadPatient } from './patients';
import { blankToNull, clinicToday, maskPhone } from './patients-fields';
import { assertBookable } from './seats';

export type AppointmentRow = typeof appointments.$inferSelect;

const viewColumns = {
  id: appointments.id,
  status: appointments.status,
  source: appointments.source,
  note: appointments.note,
  patientId: patients.id,
  patientName: patients.name,
  recordNo: patients.recordNo,
  phone: patients.phone,
  sessionId: rosterSessions.id,
  date: rosterSessions.date,
  period: rosterSessions.period,
  doctorId: staff.id,
  doctorName: staff.name,
  departmentId: departments.id,
  departmentName: departments.name,
  roomName: rooms.name,
  bookedBy: appointments.bookedBy,
  confirmedAt: appointments.confirmedAt,
  cancelledAt: appointments.cancelledAt,
  cancelReason: appointments.cancelReason,
  rescheduledFrom: appointments.rescheduledFrom,
  createdAt: appointments.createdAt,
  updatedAt: appointments.updatedAt,
};

function viewQuery(ctx: Pick<RequestContext, 'db'>) {
  return ctx.db.select(viewColumns).from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(rosterSessions, eq(rosterSessions.id, appointments.sessionId))
    .innerJoin(staff, eq(staff.id, rosterSessions.doctorId))
    .innerJoin(departments, eq(departments.id, rosterSessions.departmentId))
    .leftJoin(rooms, eq(rooms.id, rosterSessions.roomId));
}

function toView({ phone, ...v }: { phone: string | null } & Omit<AppointmentViewT, 'phoneMasked'>): AppointmentViewT {
  return { ...v, phoneMasked: maskPhone(phone) };
}

function loadView(ctx: Pick<RequestContext, 'db'>, id: string): AppointmentViewT {
  const v = viewQuery(ctx).where(eq(appointments.id, id)).get();
  if (!v) throw new DomainError('NOT_FOUND', 'no such appointment', { field: 'id', id });
  return toView(v);
}

/** The appointment row, or NOT_FOUND {field}. */
/** Compiled once per connection: check-in loads its appointment several times. */
const appointmentById = perConnection((db: Db) => db.select().from(appointments).where(eq(appointments.id, sql.placeholder('id'))).prepare());

export function loadAppointment(ctx: Pick<RequestContext, 'db'>, id: string, field = 'id'): AppointmentRow {
  const row = appointmentById(ctx.db).get({ id });
  if (!row) throw new DomainError('NOT_FOUND', 'no such appointment', { field, id });
  return row;
}

function change(ctx: RequestContext, row: AppointmentRow, to: AppointmentStatus, patch: Partial<AppointmentRow> = {}): void {
  assertTransition(appointmentLifecycle, row.status, to);
  ctx.write.update(appointments, row.id, { ...patch, status: to });
  ctx.audit('update', 'appointment', row.id, row.patientId);
}

function cancel(ctx: RequestContext, row: AppointmentRow, reason: string): void {
  change(ctx, row, 'cancelled', { cancelledAt: ctx.now(), cancelReason: reason });
}

/**
 * Marks an appointment completed when its patient checks in (front desk, same transaction as
 * the visit). A pending appointment is confirmed on the way (pending → confirmed → completed).
 * Throws NOT_FOUND {field: 'appointmentId'} or ILLEGAL_TRANSITION {from, to}. Does not look at
 * the session's date: the caller decides which days may be checked in.
 */
export function completeAppointment(ctx: RequestContext, appointmentId: string): AppointmentRow {
  const row = loadAppointment(ctx, appointmentId, 'appointmentId');
  const patch: Partial<AppointmentRow> = {};
  if (row.status === 'pending') {
    assertTransition(appointmentLifecycle, 'pending', 'confirmed');
    patch.confirmedAt = ctx.now();
  }
  change(ctx, { ...row, status: row.status === 'pending' ? 'confirmed' : row.status }, 'completed', patch);
  return loadAppointment(ctx, appointmentId, 'appointmentId');
}

const PERIOD_ORDER = sql`CASE ${rosterSessions.period} ${sql.join(
  SESSION_PERIODS.map((p, i) => sql`WHEN ${p} THEN ${i}`), sql` `,
)} END`;

function page<T>(rows: T[], limit: number): { items: T[]; hasMore: boolean } {
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}

export const appointmentsHandlers = {
  'appointments.book': (ctx, { patientId, sessionId, source, note }) => {
    assertBookable(ctx, sessionId, patientId);
    const id = ctx.write.insert(appointments, {
      patientId, sessionId, status: 'pending', source, note: blankToNull(note), bookedBy: accountOf(ctx).id,
    });
    ctx.audit('create', 'appointment', id, patientId);
    return loadView(ctx, id);
  },

  'appointments.confirm': (ctx, { id }) => {
    change(ctx, loadAppointment(ctx, id), 'confirmed', { confirmedAt: ctx.now() });
    return loadView(ctx, id);
  },

  'appointments.cancel': (ctx, { id, reason }) => {
    cancel(ctx, loadAppointment(ctx, id), reason);
    return loadView(ctx, id);
  },

  'appointments.noShow': (ctx, { id }) => {
    const row = loadAppointment(ctx, id);
    assertTransition(appointmentLifecycle, row.status, 'no_show');
    const { date } = ctx.db.select({ date: rosterSessions.date }).from(rosterSessions).where(eq(rosterSessions.id, row.sessionId)).get()!;
    const today = clinicToday(ctx);
    if (date >= today) {
      throw new DomainError('SESSION_NOT_OVER', "a no-show can be recorded once the session's day is over", { field: 'id', date, today });
    }
    change(ctx, row, 'no_show');
    return loadView(ctx, id);
  },

  'appointments.reschedule': (ctx, { id, sessionId, reason }) => {
    const old = loadAppointment(ctx, id);
    ensure(sessionId !== old.sessionId, 'VALIDATION', 'the appointment is already in this session', {
      field: 'sessionId', reason: 'same_session',
    });
    cancel(ctx, old, blankToNull(reason) ?? 'rescheduled');
    assertBookable(ctx, sessionId, old.patientId);
    const newId = ctx.write.insert(appointments, {
      patientId: old.patientId,
      sessionId,
      status: old.status,
      source: old.source,
      note: old.note,
      bookedBy: accountOf(ctx).id,
      confirmedAt: old.status === 'confirmed' ? ctx.now() : null,
      rescheduledFrom: old.id,
    });
    ctx.audit('create', 'appointment', newId, old.patientId);
    return { cancelled: loadView(ctx, id), booked: loadView(ctx, newId) };
  },

  'appointments.day': (ctx, { date, doctorId, departmentId, status, limit, offset }) => {
    const where: SQL[] = [eq(rosterSessions.date, date)];
    if (doctorId) where.push(eq(rosterSessions.doctorId, doctorId));
    if (departmentId) where.push(eq(rosterSessions.departmentId, departmentId));
    if (status) where.push(eq(appointments.status, status));
    const rows = viewQuery(ctx).where(and(...where))
      .orderBy(PERIOD_ORDER, asc(staff.name), asc(rosterSessions.id), asc(appointments.createdAt), asc(appointments.id))
      .limit(limit + 1).offset(offset).all();
    return page(rows.map(toView), limit);
  },

  'appointments.forPatient': (ctx, { patientId, limit, offset }) => {
    loadPatient(ctx, patientId, 'patientId');
    ctx.audit('read', 'patient', patientId, patientId);
    const rows = viewQuery(ctx).where(eq(appointments.patientId, patientId))
      .orderBy(desc(rosterSessions.date), desc(PERIOD_ORDER), desc(appointments.createdAt), desc(appointments.id))
      .limit(limit + 1).offset(offset).all();
    return page(rows.map(toView), limit);
  },
} satisfies HandlersFor<typeof appointmentsProcedures>;
