/**
 * The doctor's queue (call, recall, skip, start, finish) and the waiting-room board. The model is
 * described in main/api/procedures/queue.ts: calling never changes the status, starting moves
 * waiting → in_consultation, skipping moves the visit to the end of the queue.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, max, type SQL } from 'drizzle-orm';
import { departments, rooms, rosterSessions, staff, visits } from '../../../db/schema';
import type { queueProcedures } from '../../api/procedures/queue';
import type { VisitViewT } from '../../api/procedures/frontdesk';
import type { VisitType } from '../../domain/enums';
import { DomainError, ensure } from '../../domain/errors';
import { assertTransition, visitLifecycle } from '../../domain/lifecycle';
import { accountOf, type RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { dischargeIfSettled } from './billing-bills';
import { countVisits, loadVisit, todayOf, visitView, visitViews, type VisitRow } from './frontdesk-visits';

/** Fee settled: the only visits a doctor's queue shows. */
const SETTLED = ['paid', 'not_required'] as const;
const QUEUE_LIMIT = 200;
const BOARD_NEXT = 10;

/** Priority first, then queue order (check-in time, or later when skipped). */
const IN_LINE: SQL[] = [desc(visits.priority), asc(visits.queueOrder), asc(visits.queueNo)];

function myStaffId(ctx: RequestContext): string {
  const staffId = accountOf(ctx).staffId;
  if (!staffId) throw new DomainError('FORBIDDEN', 'this account is not linked to a doctor', { reason: 'no_staff' });
  return staffId;
}

function waitingLine(ctx: RequestContext, doctorId: string, type?: VisitType): SQL {
  return and(
    eq(visits.doctorId, doctorId), eq(visits.visitDate, todayOf(ctx)), eq(visits.status, 'waiting'),
    inArray(visits.feeStatus, SETTLED), type === undefined ? undefined : eq(visits.visitType, type),
  )!;
}

/** One of my visits: FORBIDDEN when it is another doctor's. */
function myVisit(ctx: RequestContext, visitId: string): VisitRow {
  const visit = loadVisit(ctx, visitId);
  if (visit.doctorId !== myStaffId(ctx)) {
    throw new DomainError('FORBIDDEN', "this visit is in another doctor's queue", { field: 'visitId', reason: 'not_your_patient' });
  }
  return visit;
}

/** A visit of today's queue, still waiting and with its fee settled. */
function assertInLine(ctx: RequestContext, visit: VisitRow): void {
  ensure(visit.status === 'waiting', 'CONFLICT', 'this visit is not waiting', { field: 'visitId', reason: 'not_waiting', status: visit.status });
  const today = todayOf(ctx);
  ensure(visit.visitDate === today, 'INVALID_DATE', 'this visit is not of today', { field: 'visitId', reason: 'not_today', date: visit.visitDate, today });
  ensure((SETTLED as readonly string[]).includes(visit.feeStatus), 'FEE_UNPAID', 'the registration fee is not paid', {
    field: 'visitId', feeStatus: visit.feeStatus,
  });
}

function assertCalled(visit: VisitRow): void {
  ensure(visit.callCount > 0 && visit.calledAt !== null, 'CONFLICT', 'this patient has not been called', { field: 'visitId', reason: 'not_called' });
}

function announce(ctx: RequestContext, visit: VisitRow): VisitViewT {
  ctx.write.update(visits, visit.id, { calledAt: ctx.now(), callCount: visit.callCount + 1 });
  ctx.audit('update', 'visit', visit.id, visit.patientId);
  return visitView(ctx, visit.id);
}

/** '王小明' → '王*明', '李明' → '李*': enough for a patient to know their turn on a public screen. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

function boardEntry(v: VisitViewT) {
  return {
    queueNo: v.queueNo, maskedName: maskName(v.patientName), roomName: v.roomName, priority: v.priority,
    priorityReason: v.priorityReason, calledAt: v.calledAt, callCount: v.callCount,
  };
}

export const queueHandlers = {
  'queue.mine': (ctx) => {
    const me = myStaffId(ctx);
    const date = todayOf(ctx);
    return {
      date,
      inConsultation: visitViews(ctx, and(eq(visits.doctorId, me), eq(visits.visitDate, date), eq(visits.status, 'in_consultation')),
        [asc(visits.consultStartedAt)], QUEUE_LIMIT),
      firstVisits: visitViews(ctx, waitingLine(ctx, me, 'first'), IN_LINE, QUEUE_LIMIT),
      followUps: visitViews(ctx, waitingLine(ctx, me, 'follow_up'), IN_LINE, QUEUE_LIMIT),
    };
  },

  'queue.call': (ctx, { visitId, visitType }) => {
    if (visitId !== undefined) {
      const visit = myVisit(ctx, visitId);
      assertInLine(ctx, visit);
      return announce(ctx, visit);
    }
    const next = visitViews(ctx, and(waitingLine(ctx, myStaffId(ctx), visitType), isNull(visits.calledAt)), IN_LINE, 1)[0];
    if (!next) throw new DomainError('QUEUE_EMPTY', 'no patient is waiting to be called', visitType === undefined ? undefined : { visitType });
    return announce(ctx, loadVisit(ctx, next.id));
  },

  'queue.recall': (ctx, { visitId }) => {
    const visit = myVisit(ctx, visitId);
    assertInLine(ctx, visit);
    assertCalled(visit);
    return announce(ctx, visit);
  },

  'queue.skip': (ctx, { visitId }) => {
    const visit = myVisit(ctx, visitId);
    assertInLine(ctx, visit);
    assertCalled(visit);
    const last = ctx.db.select({ order: max(visits.queueOrder) }).from(visits)
      .where(and(eq(visits.doctorId, visit.doctorId), eq(visits.visitDate, visit.visitDate))).get()?.order ?? visit.queueOrder;
    ctx.write.update(visits, visit.id, { queueOrder: last + 1, calledAt: null });
    ctx.audit('update', 'visit', visit.id, visit.patientId);
    return visitView(ctx, visit.id);
  },

  'queue.start': (ctx, { visitId }) => {
    const visit = myVisit(ctx, visitId);
    assertTransition(visitLifecycle, visit.status, 'in_consultation');
    assertInLine(ctx, visit);
    ctx.write.update(visits, visit.id, { status: 'in_consultation', consultStartedAt: ctx.now() });
    ctx.audit('update', 'visit', visit.id, visit.patientId);
    return visitView(ctx, visit.id);
  },

  'queue.finish': (ctx, { visitId }) => {
    const visit = myVisit(ctx, visitId);
    assertTransition(visitLifecycle, visit.status, 'awaiting_payment');
    ctx.write.update(visits, visit.id, { status: 'awaiting_payment', consultEndedAt: ctx.now() });
    ctx.audit('update', 'visit', visit.id, visit.patientId);
    dischargeIfSettled(ctx, visit.id);
    return visitView(ctx, visit.id);
  },

  'queue.board': (ctx, { doctorId }) => {
    const date = todayOf(ctx);
    const sessionRows = ctx.db.select({ doctorId: rosterSessions.doctorId, doctorName: staff.name, departmentName: departments.name, roomName: rooms.name, period: rosterSessions.period })
      .from(rosterSessions)
      .innerJoin(staff, eq(staff.id, rosterSessions.doctorId))
      .innerJoin(departments, eq(departments.id, rosterSessions.departmentId))
      .leftJoin(rooms, eq(rooms.id, rosterSessions.roomId))
      .where(and(eq(rosterSessions.date, date), eq(rosterSessions.stopped, false), doctorId === undefined ? undefined : eq(rosterSessions.doctorId, doctorId)))
      .orderBy(asc(departments.code), asc(staff.name)).all();
    const doctors = new Map<string, { doctorName: string; departmentName: string; rooms: string[] }>();
    for (const s of sessionRows) {
      const d = doctors.get(s.doctorId) ?? { doctorName: s.doctorName, departmentName: s.departmentName, rooms: [] };
      if (s.roomName && !d.rooms.includes(s.roomName)) d.rooms.push(s.roomName);
      doctors.set(s.doctorId, d);
    }
    return {
      date,
      doctors: [...doctors].map(([id, d]) => {
        const line = waitingLine(ctx, id);
        return {
          doctorId: id,
          ...d,
          calling: visitViews(ctx, and(line, isNotNull(visits.calledAt)), [desc(visits.calledAt)], BOARD_NEXT).map(boardEntry),
          inConsultation: visitViews(ctx, and(eq(visits.doctorId, id), eq(visits.visitDate, date), eq(visits.status, 'in_consultation')),
            [asc(visits.consultStartedAt)], BOARD_NEXT).map(boardEntry),
          next: visitViews(ctx, and(line, isNull(visits.calledAt)), IN_LINE, BOARD_NEXT).map(boardEntry),
          waitingCount: countVisits(ctx, line),
        };
      }),
    };
  },
} satisfies HandlersFor<typeof queueProcedures>;
