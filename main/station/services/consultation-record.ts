/** The medical record of a visit: text, ICD-10 diagnoses, signing, amendments. */
import { and, eq, max } from 'drizzle-orm';
import { DomainError } from '../../domain/errors';
import { RECORD_TEXT_FIELDS, type RecordTextField } from '../../domain/enums';
import { diagnoses, medicalRecords, recordAmendments } from '../../../db/schema';
import { keyedId } from '../keyed-id';
import type { RequestContext } from '../context';
import type { Handler } from '../handler';
import { icd10ByCode } from '../icd10';
import { loadVisit, notFound, requireStarted, requireVisitDoctor, type VisitRow } from './consultation-common';
import { diagnosesOf, recordViews, type RecordRow } from './consultation-views';

function recordOf(ctx: RequestContext, visitId: string): RecordRow | undefined {
  return ctx.db.select().from(medicalRecords).where(eq(medicalRecords.visitId, visitId)).get();
}

function requireDraft(record: RecordRow): void {
  if (record.status !== 'draft') {
    throw new DomainError('RECORD_SIGNED', 'the record is signed; change it by an amendment', {
      recordId: record.id, signedAt: record.signedAt,
    });
  }
}

/** The visit's draft record, made on first write. Checks the writer and the visit's state. */
function draftFor(ctx: RequestContext, visitId: string): { visit: VisitRow; record: RecordRow } {
  const visit = loadVisit(ctx, visitId);
  requireVisitDoctor(ctx, visit);
  requireStarted(visit);
  let record = recordOf(ctx, visitId);
  if (!record) {
    // One record per visit: keyed by the visit, so two desks writing it while apart make one row.
    const id = ctx.write.insert(medicalRecords, {
      id: keyedId('medical_records', visitId), visitId, patientId: visit.patientId, doctorId: visit.doctorId, status: 'draft',
      complaint: '', presentIllness: '', pastHistory: '', findings: '', plan: '',
    });
    ctx.audit('create', 'medical_record', id, visit.patientId);
    record = ctx.db.select().from(medicalRecords).where(eq(medicalRecords.id, id)).get()!;
  }
  requireDraft(record);
  return { visit, record };
}

function viewOf(ctx: RequestContext, recordId: string) {
  const row = ctx.db.select().from(medicalRecords).where(eq(medicalRecords.id, recordId)).get()!;
  return recordViews(ctx, [row]).get(row.visitId)!;
}

/** A diagnosis still on its record, with the record and visit, checked for editing. */
function editableDiagnosis(ctx: RequestContext, diagnosisId: string) {
  const d = ctx.db.select().from(diagnoses).where(eq(diagnoses.id, diagnosisId)).get();
  if (!d || d.removed) throw notFound('diagnosis', 'diagnosisId', diagnosisId);
  const record = ctx.db.select().from(medicalRecords).where(eq(medicalRecords.id, d.recordId)).get()!;
  const visit = loadVisit(ctx, record.visitId);
  requireVisitDoctor(ctx, visit);
  requireDraft(record);
  return { d, record, visit };
}

function activeDiagnoses(ctx: RequestContext, recordId: string) {
  return ctx.db.select().from(diagnoses).where(and(eq(diagnoses.recordId, recordId), eq(diagnoses.removed, false)))
    .orderBy(diagnoses.seq).all();
}

function diagnosisList(ctx: RequestContext, recordId: string) {
  return { diagnoses: diagnosesOf(ctx, [recordId]).get(recordId) ?? [] };
}

export const saveRecord: Handler<'consultation.saveRecord'> = (ctx, input) => {
  const { visit, record } = draftFor(ctx, input.visitId);
  const patch: Partial<Record<RecordTextField, string>> = {};
  for (const f of RECORD_TEXT_FIELDS) {
    const value = input[f];
    if (value !== undefined && value !== record[f]) patch[f] = value;
  }
  if (Object.keys(patch).length > 0) {
    ctx.write.update(medicalRecords, record.id, patch);
    ctx.audit('update', 'medical_record', record.id, visit.patientId);
  }
  return viewOf(ctx, record.id);
};

export const addDiagnosis: Handler<'consultation.addDiagnosis'> = (ctx, input) => {
  const { visit, record } = draftFor(ctx, input.visitId);
  const code = icd10ByCode(input.icd10);
  if (!code) {
    throw new DomainError('VALIDATION', 'not a code of the ICD-10 table', { field: 'icd10', reason: 'unknown_code', value: input.icd10 });
  }
  const active = activeDiagnoses(ctx, record.id);
  if (active.some((d) => d.icd10 === code.code)) {
    throw new DomainError('CONFLICT', 'this diagnosis is already on the record', { field: 'icd10', reason: 'duplicate', value: code.code });
  }
  const primary = active.length === 0 || input.isPrimary === true;
  if (primary) for (const d of active) if (d.isPrimary) ctx.write.update(diagnoses, d.id, { isPrimary: false });
  const lastSeq = ctx.db.select({ n: max(diagnoses.seq) }).from(diagnoses).where(eq(diagnoses.recordId, record.id)).get()?.n ?? 0;
  const text = input.text && input.text !== '' ? input.text : code.name;
  const id = ctx.write.insert(diagnoses, {
    recordId: record.id, visitId: visit.id, icd10: code.code, text, isPrimary: primary, seq: lastSeq + 1, removed: false,
  });
  ctx.audit('create', 'diagnosis', id, visit.patientId);
  return diagnosisList(ctx, record.id);
};

export const removeDiagnosis: Handler<'consultation.removeDiagnosis'> = (ctx, { diagnosisId }) => {
  const { d, record, visit } = editableDiagnosis(ctx, diagnosisId);
  ctx.write.update(diagnoses, d.id, { removed: true, isPrimary: false });
  if (d.isPrimary) {
    const next = activeDiagnoses(ctx, record.id)[0];
    if (next) ctx.write.update(diagnoses, next.id, { isPrimary: true });
  }
  ctx.audit('update', 'diagnosis', d.id, visit.patientId);
  return diagnosisList(ctx, record.id);
};

export const setPrimaryDiagnosis: Handler<'consultation.setPrimaryDiagnosis'> = (ctx, { diagnosisId }) => {
  const { d, record, visit } = editableDiagnosis(ctx, diagnosisId);
  if (!d.isPrimary) {
    for (const other of activeDiagnoses(ctx, record.id)) if (other.isPrimary) ctx.write.update(diagnoses, other.id, { isPrimary: false });
    ctx.write.update(diagnoses, d.id, { isPrimary: true });
    ctx.audit('update', 'diagnosis', d.id, visit.patientId);
  }
  return diagnosisList(ctx, record.id);
};

export const sign: Handler<'consultation.sign'> = (ctx, { visitId }) => {
  const visit = loadVisit(ctx, visitId);
  const me = requireVisitDoctor(ctx, visit);
  requireStarted(visit);
  const record = recordOf(ctx, visitId);
  if (record) requireDraft(record);
  if (!record || record.complaint.trim() === '') {
    throw new DomainError('VALIDATION', 'write the chief complaint before signing', { field: 'complaint', reason: 'required_to_sign' });
  }
  if (activeDiagnoses(ctx, record.id).length === 0) {
    throw new DomainError('VALIDATION', 'add a diagnosis before signing', { field: 'diagnoses', reason: 'required_to_sign' });
  }
  ctx.write.update(medicalRecords, record.id, { status: 'signed', signedAt: ctx.now(), signedBy: me });
  ctx.audit('sign', 'medical_record', record.id, visit.patientId);
  return viewOf(ctx, record.id);
};

export const amend: Handler<'consultation.amend'> = (ctx, { visitId, field, newText, reason }) => {
  const visit = loadVisit(ctx, visitId);
  const me = requireVisitDoctor(ctx, visit);
  const record = recordOf(ctx, visitId);
  if (!record || record.status !== 'signed') {
    throw new DomainError('RECORD_NOT_SIGNED', 'a draft record is edited directly; amendments are for signed records', {
      visitId, recordId: record?.id ?? null,
    });
  }
  const current = recordViews(ctx, [record]).get(visitId)!;
  if (current[field] === newText) {
    throw new DomainError('VALIDATION', 'the new text is the same as the current text', { field: 'newText', reason: 'unchanged' });
  }
  ctx.write.insert(recordAmendments, {
    recordId: record.id, field, previousText: current[field], newText, reason, authorId: me, createdAt: ctx.now(),
  });
  ctx.audit('amend', 'medical_record', record.id, visit.patientId);
  return viewOf(ctx, record.id);
};
