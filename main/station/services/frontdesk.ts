/**
 * The front desk: check-in, walk-in, cancel (退号), today's visits. See
 * main/api/procedures/frontdesk.ts for the rules as the desk sees them.
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/open';
import { perConnection } from '../../../db/statement-cache';
import { bills, refunds, rosterSessions, staff, visits } from '../../../db/schema';
import type { frontdeskProcedures } from '../../api/procedures/frontdesk';
import { localDateTime } from '../../domain/dates';
import { PRIORITY_REASONS, type PaymentMethod, type VisitType } from '../../domain/enums';
import { DomainError, ensure } from '../../domain/errors';
import { assertTransition, billLifecycle, visitLifecycle } from '../../domain/lifecycle';
import { nextQueueNo } from '../../domain/queue-numbers';
import type { RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { completeAppointment, loadAppointment } from './appointments';
import { balanceOf, billView, loadBill, openBill, refundView, registrationCharge } from './billing-bills';
import { takePayment } from './billing-payments';
import { refundBill } from './billing-refunds';
import { dictionaryChoice } from './dictionary';
import { countVisits, loadVisit, todayOf, visitView, visitViews } from './frontdesk-visits';
import { loadActivePatient } from './patients';
import { assertBookable, seatsLeft, type SessionRow } from './seats';

interface VisitOptions {
  visitType: VisitType;
  followUpOf?: string | undefined;
  priority: boolean;
  /** A priority_reason code of the data dictionary (main/station/services/dictionary.ts dictionaryChoice). */
  priorityReason?: string | undefined;
  payment?: {
    method: PaymentMethod; amountFen?: number | undefined; tenderedFen?: number | undefined;
    reference?: string | undefined; idempotencyKey: string;
  } | undefined;
}

/** The reads of every check-in and walk-in, compiled once per connection. */
const q = perConnection((db: Db) => ({
  session: db.select().from(rosterSessions).where(eq(rosterSessions.id, sql.placeholder('id'))).prepare(),
  inQueue: db.select({ id: visits.id }).from(visits).where(and(
    eq(visits.patientId, sql.placeholder('patientId')), eq(visits.doctorId, sql.placeholder('doctorId')),
    eq(visits.visitDate, sql.placeholder('date')), inArray(visits.status, ['waiting', 'in_consultation']),
  )).prepare(),
  fee: db.select({ fee: staff.registrationFeeFen }).from(staff).where(eq(staff.id, sql.placeholder('id'))).prepare(),
  queueNos: db.select({ no: visits.queueNo }).from(visits)
    .where(and(eq(visits.doctorId, sql.placeholder('doctorId')), eq(visits.visitDate, sql.placeholder('date')))).prepare(),
}));

function loadSession(ctx: RequestContext, sessionId: string, field: string): SessionRow {
  const s = q(ctx.db).session.get({ id: sessionId });
  if (!s) throw new DomainError('NOT_FOUND', 'no such roster session', { field, value: sessionId });
  return s;
}

function assertToday(ctx: RequestContext, session: SessionRow, field: string): void {
  const today = todayOf(ctx);
  ensure(session.date === today, 'INVALID_DATE', 'only sessions of today can be checked in', { field, reason: 'not_today', date: session.date, today });
}

/** The earlier visit a follow-up links to: the one given (same patient), else the patient's latest. */
function resolveFollowUp(ctx: RequestContext, patientId: string, o: VisitOptions): string | null {
  if (o.visitType === 'first') {
    ensure(o.followUpOf === undefined, 'VALIDATION', 'a first visit follows up nothing', { field: 'followUpOf', reason: 'first_visit' });
    return null;
  }
  if (o.followUpOf !== undefined) {
    const earlier = loadVisit(ctx, o.followUpOf, 'followUpOf');
    ensure(earlier.patientId === patientId, 'VALIDATION', 'a follow-up links to a visit of the same patient', { field: 'followUpOf', reason: 'other_patient' });
    ensure(earlier.status !== 'cancelled', 'VALIDATION', 'a follow-up cannot link to a cancelled visit', { field: 'followUpOf', reason: 'cancelled' });
    return earlier.id;
  }
  const latest = ctx.db.select({ id: visits.id }).from(visits)
    .where(and(eq(visits.patientId, patientId), ne(visits.status, 'cancelled')))
    .orderBy(desc(visits.checkedInAt), desc(visits.id)).limit(1).get();
  ensure(latest !== undefined, 'VALIDATION', 'this patient has no earlier visit to follow up', { field: 'followUpOf', reason: 'no_earlier_visit' });
  return latest.id;
}

/**
 * Makes the visit of a check-in or walk-in in `session` for today: queue number and order,
 * fee by the clinic policy, the registration bill, and the payment if one is given.
 */
function createVisit(ctx: RequestContext, patientId: string, session: SessionRow, appointmentId: string | null, o: VisitOptions) {
  const patient = loadActivePatient(ctx, patientId, 'patientId');
  ensure(!o.priority || o.priorityReason !== undefined, 'VALIDATION', 'a priority visit needs its reason', { field: 'priorityReason' });
  ensure(o.priority || o.priorityReason === undefined, 'VALIDATION', 'a reason is given for priority visits only', { field: 'priorityReason', reason: 'not_priority' });
  if (o.priorityReason !== undefined) dictionaryChoice(ctx, 'priority_reason', o.priorityReason, 'priorityReason', PRIORITY_REASONS);
  const followUpOf = resolveFollowUp(ctx, patientId, o);
  const today = todayOf(ctx);
  const active = q(ctx.db).inQueue.get({ patientId, doctorId: session.doctorId, date: today });
  if (active) {
    throw new DomainError('DUPLICATE_BOOKING', 'this patient is already in this doctor’s queue today', { field: 'patientId', visitId: active.id });
  }
  const doctor = q(ctx.db).fee.get({ id: session.doctorId });
  if (!doctor) throw new DomainError('NOT_FOUND', 'no such doctor', { field: 'doctorId', value: session.doctorId });
  const now = ctx.now();
  const feeStatus = ctx.settings.feeAtCheckIn && doctor.fee > 0 ? 'unpaid' : 'not_required';
  if (o.payment && feeStatus !== 'unpaid') {
    throw new DomainError('VALIDATION', 'there is no registration fee to pay at check-in', { field: 'payment', reason: 'nothing_to_pay' });
  }
  const visitId = ctx.write.insert(visits, {
    patientId, visitDate: today, sessionId: session.id, appointmentId, doctorId: session.doctorId, departmentId: session.departmentId,
    // The doctor's next number of the day at this replica (main/domain/queue-numbers.ts: a clash
    // with another desk's while apart is settled at the hub).
    queueNo: nextQueueNo(q(ctx.db).queueNos.all({ doctorId: session.doctorId, date: today }).map((r) => r.no)),
    queueOrder: now, visitType: o.visitType, followUpOf, priority: o.priority, priorityReason: o.priorityReason ?? null,
    status: 'waiting', feeFen: doctor.fee, feeStatus, checkedInAt: now, callCount: 0,
  });
  ctx.audit('create', 'visit', visitId, patientId);
  let billId: string | null = null;
  let paymentId: string | null = null;
  if (feeStatus === 'unpaid') {
    const visit = loadVisit(ctx, visitId);
    // The visit is new: its registration fee is all it owes (no prescription, exam or bill names it yet).
    const charge = registrationCharge(visit);
    billId = openBill(ctx, visit, 'registration', charge ? [charge] : [], patient);
    if (o.payment) {
      const p = o.payment;
      paymentId = takePayment(ctx, {
        billId, method: p.method, amountFen: p.amountFen ?? balanceOf(ctx, loadBill(ctx, billId)).dueFen,
        tenderedFen: p.tenderedFen, reference: p.reference, idempotencyKey: p.idempotencyKey,
      }).paymentId;
    }
  }
  const bill = billId === null ? null : billView(ctx, billId);
  return { visit: visitView(ctx, visitId), bill, payment: bill?.payments.find((x) => x.id === paymentId) ?? null };
}

/** Which half of the day it is at the clinic, for choosing a doctor's session. */
function periodPreference(ctx: RequestContext): SessionRow['period'][] {
  const hour = Number(localDateTime(ctx.now(), ctx.settings.timeZone).slice(11, 13));
  return hour < 12 ? ['morning', 'full_day', 'afternoon'] : ['afternoon', 'full_day', 'morning'];
}

/** A doctor's session of today for a walk-in: the current half-day's first, with seats left. */
function pickSession(ctx: RequestContext, doctorId: string): SessionRow {
  const doctor = ctx.db.select({ id: staff.id }).from(staff).where(and(eq(staff.id, doctorId), eq(staff.position, 'doctor'))).get();
  if (!doctor) throw new DomainError('NOT_FOUND', 'no such doctor', { field: 'doctorId', value: doctorId });
  const sessions = ctx.db.select().from(rosterSessions)
    .where(and(eq(rosterSessions.doctorId, doctorId), eq(rosterSessions.date, todayOf(ctx)))).all();
  if (sessions.length === 0) {
    throw new DomainError('NOT_FOUND', 'this doctor has no session today', { field: 'doctorId', reason: 'no_session_today' });
  }
  const open = sessions.filter((s) => !s.stopped);
  if (open.length === 0) {
    throw new DomainError('SESSION_STOPPED', "this doctor's sessions today are stopped", { field: 'doctorId', stopReason: sessions[0]!.stopReason });
  }
  const order = periodPreference(ctx);
  open.sort((a, b) => order.indexOf(a.period) - order.indexOf(b.period));
  const free = open.find((s) => seatsLeft(ctx, s.id) > 0);
  if (!free) throw new DomainError('SESSION_FULL', "no seats left in this doctor's sessions today", { field: 'doctorId' });
  return free;
}

export const frontdeskHandlers = {
  'frontdesk.checkIn': (ctx, { appointmentId, ...o }) => {
    const appointment = loadAppointment(ctx, appointmentId, 'appointmentId');
    const session = loadSession(ctx, appointment.sessionId, 'appointmentId');
    assertToday(ctx, session, 'appointmentId');
    if (session.stopped) {
      throw new DomainError('SESSION_STOPPED', 'this session has been stopped', { field: 'appointmentId', stopReason: session.stopReason });
    }
    completeAppointment(ctx, appointmentId);
    return createVisit(ctx, appointment.patientId, session, appointmentId, o);
  },

  'frontdesk.walkIn': (ctx, { patientId, sessionId, doctorId, ...o }) => {
    const session = sessionId !== undefined ? loadSession(ctx, sessionId, 'sessionId') : pickSession(ctx, doctorId!);
    if (sessionId !== undefined) assertToday(ctx, session, 'sessionId');
    assertBookable(ctx, session.id, patientId);
    return createVisit(ctx, patientId, session, null, o);
  },

  'frontdesk.cancelVisit': (ctx, { visitId, reason }) => {
    const visit = loadVisit(ctx, visitId);
    assertTransition(visitLifecycle, visit.status, 'cancelled');
    const refundIds: string[] = [];
    const registrationBills = ctx.db.select().from(bills)
      .where(and(eq(bills.visitId, visit.id), eq(bills.kind, 'registration'), inArray(bills.status, ['open', 'paid']))).all();
    for (const bill of registrationBills) {
      const paid = balanceOf(ctx, bill).paidFen;
      if (paid > 0) {
        refundIds.push(...refundBill(ctx, { billId: bill.id, amountFen: paid, reason, idempotencyKey: `cancel:${bill.id}` }, { viaCancel: true }).refundIds);
      }
      if (loadBill(ctx, bill.id).status === 'open') {
        assertTransition(billLifecycle, 'open', 'void');
        ctx.write.update(bills, bill.id, { status: 'void' });
      }
    }
    const feeStatus = visit.feeStatus === 'paid' ? 'refunded' : visit.feeStatus === 'unpaid' ? 'not_required' : visit.feeStatus;
    ctx.write.update(visits, visit.id, { status: 'cancelled', cancelledAt: ctx.now(), cancelReason: reason, feeStatus });
    ctx.audit('update', 'visit', visit.id, visit.patientId);
    const rows = refundIds.length === 0 ? [] : ctx.db.select().from(refunds).where(inArray(refunds.id, refundIds)).all();
    return { visit: visitView(ctx, visit.id), refunds: rows.map(refundView) };
  },

  'frontdesk.today': (ctx, { doctorId, status, feeStatus, page }) => {
    const date = todayOf(ctx);
    const conditions: SQL[] = [eq(visits.visitDate, date)];
    if (doctorId !== undefined) conditions.push(eq(visits.doctorId, doctorId));
    if (status !== undefined) conditions.push(eq(visits.status, status));
    if (feeStatus !== undefined) conditions.push(eq(visits.feeStatus, feeStatus));
    const where = and(...conditions);
    return {
      date,
      items: visitViews(ctx, where, [asc(visits.doctorId), desc(visits.priority), asc(visits.queueOrder), asc(visits.queueNo)], page.limit, page.offset),
      total: countVisits(ctx, where),
    };
  },

  'frontdesk.visit': (ctx, { visitId }) => {
    const view = visitView(ctx, visitId);
    ctx.audit('read', 'visit', visitId, view.patientId);
    return view;
  },
} satisfies HandlersFor<typeof frontdeskProcedures>;
