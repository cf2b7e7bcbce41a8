/**
 * Reading the clinical parts of a set of visits in a few set-wise queries (one per table, not
 * one per visit), so a chart page of 200 visits costs the same handful of statements as one
 * visit. Used by the chart (history) and by the record of one visit.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { RecordTextField } from '../../domain/enums';
import { RECORD_TEXT_FIELDS } from '../../domain/enums';
import type {
  AdmissionView, AmendmentView, ChartPrescription, DiagnosisView, ExamOrderView, RecordView, VisitBrief,
} from '../../api/procedures/consultation';
import {
  admissions, beds, diagnoses, drugs, examItems, examOrders, medicalRecords, prescriptionItems, prescriptions, recordAmendments,
  visits, wards,
} from '../../../db/schema';
import type { RequestContext } from '../context';
import { departmentNames, staffNames, type VisitRow } from './consultation-common';

export type RecordRow = typeof medicalRecords.$inferSelect;
type RecordV = z.input<typeof RecordView>;
type DiagnosisV = z.input<typeof DiagnosisView>;
type AmendmentV = z.input<typeof AmendmentView>;
type ExamV = z.input<typeof ExamOrderView>;
type AdmissionV = z.input<typeof AdmissionView>;
type RxV = z.input<typeof ChartPrescription>;
type VisitV = z.input<typeof VisitBrief>;

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
}

export function visitBriefs(ctx: RequestContext, rows: readonly VisitRow[]): Map<string, VisitV> {
  const followIds = [...new Set(rows.map((v) => v.followUpOf).filter((x): x is string => x !== null))];
  const earlier = followIds.length === 0 ? new Map<string, string>() : new Map(
    ctx.db.select({ id: visits.id, visitDate: visits.visitDate }).from(visits).where(inArray(visits.id, followIds)).all()
      .map((v) => [v.id, v.visitDate]),
  );
  const doctors = staffNames(ctx, rows.map((v) => v.doctorId));
  const depts = departmentNames(ctx);
  return new Map(rows.map((v) => {
    const followDate = v.followUpOf ? earlier.get(v.followUpOf) : undefined;
    return [v.id, {
      id: v.id, visitDate: v.visitDate, checkedInAt: v.checkedInAt, status: v.status, visitType: v.visitType,
      doctorId: v.doctorId, doctorName: doctors.get(v.doctorId) ?? '', departmentId: v.departmentId,
      departmentName: depts.get(v.departmentId) ?? '',
      followUpOf: v.followUpOf && followDate ? { visitId: v.followUpOf, visitDate: followDate } : null,
    }];
  }));
}

/** Active diagnoses of records, in order. */
export function diagnosesOf(ctx: RequestContext, recordIds: readonly string[]): Map<string, DiagnosisV[]> {
  if (recordIds.length === 0) return new Map();
  const rows = ctx.db.select().from(diagnoses)
    .where(and(inArray(diagnoses.recordId, [...recordIds]), eq(diagnoses.removed, false)))
    .orderBy(asc(diagnoses.seq), asc(diagnoses.id)).all();
  const grouped = groupBy(rows, (d) => d.recordId);
  return new Map([...grouped].map(([k, list]) => [k, list.map((d) => ({
    id: d.id, icd10: d.icd10, text: d.text, isPrimary: d.isPrimary, seq: d.seq,
  }))]));
}

/** Records as shown: signed text with amendments applied (in the order they were made). */
export function recordViews(ctx: RequestContext, records: readonly RecordRow[]): Map<string, RecordV> {
  if (records.length === 0) return new Map();
  const ids = records.map((r) => r.id);
  const dx = diagnosesOf(ctx, ids);
  const amendRows = ctx.db.select().from(recordAmendments).where(inArray(recordAmendments.recordId, ids))
    .orderBy(asc(recordAmendments.createdAt), asc(recordAmendments.id)).all();
  const authors = staffNames(ctx, amendRows.map((a) => a.authorId));
  const amendByRecord = groupBy(amendRows, (a) => a.recordId);
  const out = new Map<string, RecordV>();
  for (const r of records) {
    const text: Record<RecordTextField, string> = {
      complaint: r.complaint, presentIllness: r.presentIllness, pastHistory: r.pastHistory, findings: r.findings, plan: r.plan,
    };
    const amendments: AmendmentV[] = [];
    for (const a of amendByRecord.get(r.id) ?? []) {
      const field = a.field as RecordTextField;
      if (!RECORD_TEXT_FIELDS.includes(field)) continue; // a field this version does not know
      text[field] = a.newText;
      amendments.push({
        id: a.id, field, previousText: a.previousText, newText: a.newText, reason: a.reason, authorId: a.authorId,
        authorName: authors.get(a.authorId) ?? '', createdAt: a.createdAt,
      });
    }
    out.set(r.visitId, {
      id: r.id, visitId: r.visitId, patientId: r.patientId, doctorId: r.doctorId, status: r.status, ...text,
      signedAt: r.signedAt, signedBy: r.signedBy, updatedAt: r.updatedAt, diagnoses: dx.get(r.id) ?? [], amendments,
    });
  }
  return out;
}

export function recordsOfVisits(ctx: RequestContext, visitIds: readonly string[]): Map<string, RecordV> {
  if (visitIds.length === 0) return new Map();
  return recordViews(ctx, ctx.db.select().from(medicalRecords).where(inArray(medicalRecords.visitId, [...visitIds])).all());
}

const examColumns = {
  o: examOrders, code: examItems.code, name: examItems.name, nameEn: examItems.nameEn, category: examItems.category,
};

function examView(r: { o: typeof examOrders.$inferSelect; code: string; name: string; nameEn: string; category: ExamV['category'] }): ExamV {
  const { o } = r;
  return {
    id: o.id, visitId: o.visitId, patientId: o.patientId, examItemId: o.examItemId, code: r.code, name: r.name, nameEn: r.nameEn,
    category: r.category, status: o.status, priceFen: o.priceFen, note: o.note, result: o.result, orderedBy: o.orderedBy,
    createdAt: o.createdAt, updatedAt: o.updatedAt,
  };
}

export function examOrderView(ctx: RequestContext, examOrderId: string): ExamV | undefined {
  const r = ctx.db.select(examColumns).from(examOrders).innerJoin(examItems, eq(examItems.id, examOrders.examItemId))
    .where(eq(examOrders.id, examOrderId)).get();
  return r ? examView(r) : undefined;
}

export function examsOfVisits(ctx: RequestContext, visitIds: readonly string[]): Map<string, ExamV[]> {
  if (visitIds.length === 0) return new Map();
  const rows = ctx.db.select(examColumns).from(examOrders).innerJoin(examItems, eq(examItems.id, examOrders.examItemId))
    .where(inArray(examOrders.visitId, [...visitIds])).orderBy(asc(examOrders.createdAt), asc(examOrders.id)).all();
  return new Map([...groupBy(rows, (r) => r.o.visitId)].map(([k, list]) => [k, list.map(examView)]));
}

const admissionColumns = { a: admissions, bedLabel: beds.label, wardId: wards.id, wardName: wards.name };

function admissionView(r: { a: typeof admissions.$inferSelect; bedLabel: string; wardId: string; wardName: string }): AdmissionV {
  const { a } = r;
  return {
    id: a.id, patientId: a.patientId, visitId: a.visitId, bedId: a.bedId, bedLabel: r.bedLabel, wardId: r.wardId, wardName: r.wardName,
    status: a.status, admittedBy: a.admittedBy, admittedAt: a.admittedAt, dischargedAt: a.dischargedAt, dischargeNote: a.dischargeNote,
  };
}

export function admissionViewById(ctx: RequestContext, admissionId: string): AdmissionV | undefined {
  const r = ctx.db.select(admissionColumns).from(admissions).innerJoin(beds, eq(beds.id, admissions.bedId))
    .innerJoin(wards, eq(wards.id, beds.wardId)).where(eq(admissions.id, admissionId)).get();
  return r ? admissionView(r) : undefined;
}

export function admissionsOfVisits(ctx: RequestContext, visitIds: readonly string[]): Map<string, AdmissionV[]> {
  if (visitIds.length === 0) return new Map();
  const rows = ctx.db.select(admissionColumns).from(admissions).innerJoin(beds, eq(beds.id, admissions.bedId))
    .innerJoin(wards, eq(wards.id, beds.wardId)).where(inArray(admissions.visitId, [...visitIds]))
    .orderBy(asc(admissions.admittedAt), asc(admissions.id)).all();
  return new Map([...groupBy(rows, (r) => r.a.visitId)].map(([k, list]) => [k, list.map(admissionView)]));
}

export function prescriptionsOfVisits(ctx: RequestContext, visitIds: readonly string[]): Map<string, RxV[]> {
  if (visitIds.length === 0) return new Map();
  const rxRows = ctx.db.select().from(prescriptions).where(inArray(prescriptions.visitId, [...visitIds]))
    .orderBy(asc(prescriptions.createdAt), asc(prescriptions.id)).all();
  if (rxRows.length === 0) return new Map();
  const itemRows = ctx.db.select({ i: prescriptionItems, drugName: drugs.name, spec: drugs.spec, unit: drugs.unit })
    .from(prescriptionItems).innerJoin(drugs, eq(drugs.id, prescriptionItems.drugId))
    .where(and(inArray(prescriptionItems.prescriptionId, rxRows.map((r) => r.id)), eq(prescriptionItems.removed, false)))
    .orderBy(asc(prescriptionItems.seq), asc(prescriptionItems.id)).all();
  const items = groupBy(itemRows, (r) => r.i.prescriptionId);
  const views = rxRows.map((rx): RxV & { visitId: string } => ({
    visitId: rx.visitId, id: rx.id, rxNo: rx.rxNo, status: rx.status, doctorId: rx.doctorId, issuedAt: rx.issuedAt,
    items: (items.get(rx.id) ?? []).map(({ i, drugName, spec, unit }) => ({
      id: i.id, drugId: i.drugId, drugName, spec, unit, dose: i.dose, doseUnit: i.doseUnit, frequency: i.frequency, route: i.route,
      days: i.days, quantity: i.quantity, amountFen: i.amountFen,
    })),
  }));
  return new Map([...groupBy(views, (v) => v.visitId)].map(([k, list]) => [k, list.map(({ visitId: _v, ...rx }) => rx)]));
}
