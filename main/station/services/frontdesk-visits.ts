/** Reading visits as the desk, the queue and the cashier see them (patient, doctor, department, room). */
import { count, eq, sql, type SQL } from 'drizzle-orm';
import { departments, patients, prescriptions, rooms, rosterSessions, staff, visits } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { perConnection, selective } from '../../../db/statement-cache';
import type { VisitViewT } from '../../api/procedures/frontdesk';
import { localDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../context';

export type VisitRow = typeof visits.$inferSelect;

/** The clinic's local date now. */
export function todayOf(ctx: RequestContext): string {
  return localDate(ctx.now(), ctx.settings.timeZone);
}

/** The visit row, or NOT_FOUND {field}. */
export function loadVisit(ctx: Pick<RequestContext, 'db'>, visitId: string, field = 'visitId'): VisitRow {
  const row = byId(ctx.db).visit.get({ id: visitId });
  if (!row) throw new DomainError('NOT_FOUND', 'no such visit', { field, value: visitId });
  return row;
}

const selection = {
  v: visits,
  patientName: patients.name,
  patientSex: patients.sex,
  recordNo: patients.recordNo,
  birthDate: patients.birthDate,
  doctorName: staff.name,
  departmentName: departments.name,
  roomName: rooms.name,
  drugsPending: sql<number>`exists (select 1 from ${prescriptions} where ${prescriptions.visitId} = ${visits.id} and ${prescriptions.status} in ('issued', 'paid'))`,
};

function base(db: Db) {
  return db.select(selection).from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .innerJoin(staff, eq(staff.id, visits.doctorId))
    .innerJoin(departments, eq(departments.id, visits.departmentId))
    .leftJoin(rosterSessions, eq(rosterSessions.id, visits.sessionId))
    .leftJoin(rooms, eq(rooms.id, rosterSessions.roomId));
}

/** The lookups by id of every visit command, compiled once per connection. */
const byId = perConnection((db: Db) => ({
  visit: db.select().from(visits).where(eq(visits.id, sql.placeholder('id'))).prepare(),
  view: base(db).where(selective(eq(visits.id, sql.placeholder('id')))).prepare(),
}));

type Joined = { v: VisitRow; patientName: string; patientSex: VisitViewT['patientSex']; recordNo: string; birthDate: string | null; doctorName: string; departmentName: string; roomName: string | null; drugsPending: number };

function toView(r: Joined): VisitViewT {
  const v = r.v;
  return {
    id: v.id,
    patientId: v.patientId,
    patientName: r.patientName,
    patientSex: r.patientSex,
    recordNo: r.recordNo,
    birthDate: r.birthDate,
    visitDate: v.visitDate,
    sessionId: v.sessionId,
    appointmentId: v.appointmentId,
    doctorId: v.doctorId,
    doctorName: r.doctorName,
    departmentId: v.departmentId,
    departmentName: r.departmentName,
    roomName: r.roomName,
    queueNo: v.queueNo,
    queueOrder: v.queueOrder,
    visitType: v.visitType,
    followUpOf: v.followUpOf,
    priority: v.priority,
    priorityReason: v.priorityReason,
    status: v.status,
    feeFen: v.feeFen,
    feeStatus: v.feeStatus,
    checkedInAt: v.checkedInAt,
    calledAt: v.calledAt,
    callCount: v.callCount,
    consultStartedAt: v.consultStartedAt,
    consultEndedAt: v.consultEndedAt,
    dischargedAt: v.dischargedAt,
    cancelledAt: v.cancelledAt,
    cancelReason: v.cancelReason,
    drugsPending: r.drugsPending === 1,
  };
}

export function visitView(ctx: RequestContext, visitId: string): VisitViewT {
  const row = byId(ctx.db).view.get({ id: visitId });
  if (!row) throw new DomainError('NOT_FOUND', 'no such visit', { field: 'visitId', value: visitId });
  return toView(row);
}

/** Visits matching `where`, in the given order, at most `limit`. */
export function visitViews(ctx: RequestContext, where: SQL | undefined, orderBy: SQL[], limit: number, offset = 0): VisitViewT[] {
  return base(ctx.db).where(where).orderBy(...orderBy).limit(limit).offset(offset).all().map(toView);
}

export function countVisits(ctx: RequestContext, where: SQL | undefined): number {
  return ctx.db.select({ n: count() }).from(visits).where(where).get()?.n ?? 0;
}
