/** Exam orders and admissions to a bed, made from the consult room. */
import { and, asc, eq } from 'drizzle-orm';
import { DomainError } from '../../domain/errors';
import { assertTransition, examOrderLifecycle } from '../../domain/lifecycle';
import { admissions, beds, examItems, examOrders, patients, wards } from '../../../db/schema';
import type { RequestContext } from '../context';
import type { Handler } from '../handler';
import { loadVisit, notFound, requireInConsultation, requireVisitDoctor } from './consultation-common';
import { admissionViewById, examOrderView } from './consultation-views';

function loadExamOrder(ctx: RequestContext, examOrderId: string) {
  const o = ctx.db.select().from(examOrders).where(eq(examOrders.id, examOrderId)).get();
  if (!o) throw notFound('exam_order', 'examOrderId', examOrderId);
  return o;
}

function admittedOn(ctx: RequestContext, column: typeof admissions.bedId | typeof admissions.patientId, id: string) {
  return ctx.db.select().from(admissions).where(and(eq(column, id), eq(admissions.status, 'admitted'))).get();
}

export const orderExam: Handler<'consultation.orderExam'> = (ctx, { visitId, examItemId, note }) => {
  const visit = loadVisit(ctx, visitId);
  const me = requireVisitDoctor(ctx, visit);
  requireInConsultation(visit);
  const item = ctx.db.select().from(examItems).where(eq(examItems.id, examItemId)).get();
  if (!item) throw notFound('exam_item', 'examItemId', examItemId);
  if (!item.active) throw new DomainError('VALIDATION', 'this exam is no longer offered', { field: 'examItemId', reason: 'inactive' });
  const id = ctx.write.insert(examOrders, {
    visitId, patientId: visit.patientId, examItemId, orderedBy: me, status: 'ordered', priceFen: item.priceFen,
    note: note && note !== '' ? note : null, result: null,
  });
  ctx.audit('create', 'exam_order', id, visit.patientId);
  return examOrderView(ctx, id)!;
};

export const cancelExam: Handler<'consultation.cancelExam'> = (ctx, { examOrderId }) => {
  const order = loadExamOrder(ctx, examOrderId);
  requireVisitDoctor(ctx, loadVisit(ctx, order.visitId));
  assertTransition(examOrderLifecycle, order.status, 'cancelled');
  ctx.write.update(examOrders, order.id, { status: 'cancelled' });
  ctx.audit('update', 'exam_order', order.id, order.patientId);
  return examOrderView(ctx, order.id)!;
};

export const recordExamResult: Handler<'consultation.recordExamResult'> = (ctx, { examOrderId, result }) => {
  const order = loadExamOrder(ctx, examOrderId);
  if (order.status === 'ordered') {
    throw new DomainError('NOT_PAID', 'the exam is not paid yet', { examOrderId, status: order.status });
  }
  assertTransition(examOrderLifecycle, order.status, 'done');
  ctx.write.update(examOrders, order.id, { status: 'done', result });
  ctx.audit('update', 'exam_order', order.id, order.patientId);
  return examOrderView(ctx, order.id)!;
};

export const listBeds: Handler<'consultation.beds'> = (ctx) => {
  const rows = ctx.db.select({
    bedId: beds.id, label: beds.label, wardId: wards.id, wardName: wards.name,
    admissionId: admissions.id, patientId: admissions.patientId, patientName: patients.name, admittedAt: admissions.admittedAt,
  }).from(beds).innerJoin(wards, eq(wards.id, beds.wardId))
    .leftJoin(admissions, and(eq(admissions.bedId, beds.id), eq(admissions.status, 'admitted')))
    .leftJoin(patients, eq(patients.id, admissions.patientId))
    .where(and(eq(beds.active, true), eq(wards.active, true)))
    .orderBy(asc(wards.name), asc(beds.label), asc(beds.id)).all();
  return {
    beds: rows.map((r) => {
      const occupied = r.admissionId !== null && r.patientId !== null && r.admittedAt !== null;
      if (occupied) ctx.audit('read', 'admission', r.admissionId!, r.patientId);
      return {
        bedId: r.bedId, label: r.label, wardId: r.wardId, wardName: r.wardName,
        occupant: occupied
          ? { admissionId: r.admissionId!, patientId: r.patientId!, patientName: r.patientName ?? '', admittedAt: r.admittedAt! }
          : null,
      };
    }),
  };
};

export const admit: Handler<'consultation.admit'> = (ctx, { visitId, bedId }) => {
  const visit = loadVisit(ctx, visitId);
  const me = requireVisitDoctor(ctx, visit);
  requireInConsultation(visit);
  const bed = ctx.db.select({ id: beds.id, active: beds.active, wardActive: wards.active }).from(beds)
    .innerJoin(wards, eq(wards.id, beds.wardId)).where(eq(beds.id, bedId)).get();
  if (!bed) throw notFound('bed', 'bedId', bedId);
  if (!bed.active || !bed.wardActive) throw new DomainError('VALIDATION', 'this bed is not in use', { field: 'bedId', reason: 'inactive' });
  const already = admittedOn(ctx, admissions.patientId, visit.patientId);
  if (already) {
    throw new DomainError('ALREADY_ADMITTED', 'the patient is already admitted', { admissionId: already.id, bedId: already.bedId });
  }
  const occupant = admittedOn(ctx, admissions.bedId, bedId);
  if (occupant) throw new DomainError('BED_OCCUPIED', 'the bed is taken', { field: 'bedId', bedId, admissionId: occupant.id });
  const id = ctx.write.insert(admissions, {
    patientId: visit.patientId, visitId, bedId, status: 'admitted', admittedBy: me, admittedAt: ctx.now(),
    dischargedAt: null, dischargeNote: null,
  });
  ctx.audit('create', 'admission', id, visit.patientId);
  return admissionViewById(ctx, id)!;
};

export const discharge: Handler<'consultation.discharge'> = (ctx, { admissionId, note }) => {
  const a = ctx.db.select().from(admissions).where(eq(admissions.id, admissionId)).get();
  if (!a) throw notFound('admission', 'admissionId', admissionId);
  if (a.status !== 'admitted') {
    throw new DomainError('ILLEGAL_TRANSITION', `admission cannot go from ${a.status} to discharged`, {
      entity: 'admission', from: a.status, to: 'discharged',
    });
  }
  ctx.write.update(admissions, a.id, { status: 'discharged', dischargedAt: ctx.now(), dischargeNote: note && note !== '' ? note : null });
  ctx.audit('update', 'admission', a.id, a.patientId);
  return admissionViewById(ctx, a.id)!;
};
