/** The patient's chart and the record of one visit: reads, each audited. */
import { count, desc, eq } from 'drizzle-orm';
import { visits } from '../../../db/schema';
import type { Handler } from '../handler';
import { accountOf } from '../context';
import { codedAllergies, consultationStarted, loadVisit, patientBrief } from './consultation-common';
import { admissionsOfVisits, examsOfVisits, prescriptionsOfVisits, recordsOfVisits, visitBriefs } from './consultation-views';

export const history: Handler<'consultation.history'> = (ctx, { patientId, limit, offset }) => {
  const patient = patientBrief(ctx, patientId);
  const total = ctx.db.select({ n: count() }).from(visits).where(eq(visits.patientId, patientId)).get()?.n ?? 0;
  const rows = ctx.db.select().from(visits).where(eq(visits.patientId, patientId))
    .orderBy(desc(visits.checkedInAt), desc(visits.id)).limit(limit).offset(offset).all();
  const ids = rows.map((v) => v.id);
  const briefs = visitBriefs(ctx, rows);
  const records = recordsOfVisits(ctx, ids);
  const rx = prescriptionsOfVisits(ctx, ids);
  const exams = examsOfVisits(ctx, ids);
  const adm = admissionsOfVisits(ctx, ids);
  ctx.audit('read', 'patient_chart', patientId, patientId);
  return {
    patient,
    total,
    visits: rows.map((v) => ({
      ...briefs.get(v.id)!,
      record: records.get(v.id) ?? null,
      prescriptions: rx.get(v.id) ?? [],
      examOrders: exams.get(v.id) ?? [],
      admissions: adm.get(v.id) ?? [],
    })),
  };
};

export const getRecord: Handler<'consultation.getRecord'> = (ctx, { visitId }) => {
  const visit = loadVisit(ctx, visitId);
  const record = recordsOfVisits(ctx, [visitId]).get(visitId) ?? null;
  ctx.audit('read', record ? 'medical_record' : 'visit', record ? record.id : visitId, visit.patientId);
  return {
    visit: visitBriefs(ctx, [visit]).get(visitId)!,
    patient: patientBrief(ctx, visit.patientId),
    ...codedAllergies(ctx, visit.patientId),
    record,
    examOrders: examsOfVisits(ctx, [visitId]).get(visitId) ?? [],
    admissions: admissionsOfVisits(ctx, [visitId]).get(visitId) ?? [],
    editable: consultationStarted(visit) && accountOf(ctx).staffId === visit.doctorId && (record === null || record.status === 'draft'),
  };
};
