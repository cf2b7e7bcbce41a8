/** The consult room's and the pharmacy's documents: prescription, medical record, patient and drug labels. */
import type { z } from 'zod';
import type { RxWarning } from '../../api/procedures/prescriptions';
import { CLASS_WORDS, isDrugClass, parseAllergyList, type AllergyReaction } from '../../domain/allergies';
import { storedStops } from './pharmacy-rx';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import {
  diagnoses, drugs, examItems, examOrders, medicalRecords, prescriptionItems, prescriptions, recordAmendments, visits,
} from '../../../db/schema';
import { ageOn } from '../../domain/age';
import { localDate } from '../../domain/dates';
import type { RecordTextField } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { labelsFor, type Lang, type Words } from '../../documents/labels';
import { parseDocument } from '../../documents/schemas';
import { vitalsLine } from '../../documents/vitals-line';
import { visitVitals } from './vitals';
import type { RequestContext } from '../context';
import { isRefundedCharge } from './billing-bills';
import {
  ageAt, clinicOf, departmentName, loadPatient, notFound, staffName, type Gathered, type PatientRow,
} from './documents-common';

/** Children under 14 get the paediatric prescription (儿科处方). */
const PAEDIATRIC_BELOW_YEARS = 14;

const REACTION_WORDS: Record<AllergyReaction, [string, string]> = {
  rash: ['皮疹', 'rash'], urticaria: ['荨麻疹', 'urticaria'], angioedema: ['血管性水肿', 'angioedema'], anaphylaxis: ['过敏性休克', 'anaphylaxis'],
  bronchospasm: ['支气管痉挛', 'bronchospasm'], gi: ['胃肠道反应', 'GI upset'], other: ['其他', 'other'], unknown: ['', ''],
};

/** The allergies as printed: the coded ones ("青霉素（皮疹）"), then the history as told. */
export function allergiesLine(p: { allergies: string | null; allergyList: string | null }, lang: Lang): string | null {
  const zh = lang === 'zh-CN';
  const coded = parseAllergyList(p.allergyList).items.map((a) => {
    const name = a.kind === 'class' && isDrugClass(a.allergen) ? (zh ? CLASS_WORDS[a.allergen][0]! : a.allergen.replace(/_/g, ' ')) : a.allergen;
    const reaction = REACTION_WORDS[a.reaction][zh ? 0 : 1];
    return reaction === '' ? name : zh ? `${name}（${reaction}）` : `${name} (${reaction})`;
  });
  const all = [...coded, ...(p.allergies && p.allergies.trim() !== '' ? [p.allergies.trim()] : [])];
  return all.length === 0 ? p.allergies : all.join(zh ? '；' : '; ');
}

/** One overridden stop as printed: "过敏：阿莫西林胶囊（青霉素）", "Dose above maximum: … 3 > 2". */
export function stopLine(st: z.infer<typeof RxWarning>, lang: Lang): string {
  const zh = lang === 'zh-CN';
  const cls = (c: string | null) => (c !== null && isDrugClass(c) ? (zh ? CLASS_WORDS[c][0]! : c.replace(/_/g, ' ')) : c ?? '');
  const paren = (x: string) => (zh ? `（${x}）` : ` (${x})`);
  switch (st.kind) {
    case 'allergy': return `${zh ? '过敏：' : 'Allergy: '}${st.drugName}${paren(cls(st.allergen))}`;
    case 'duplicate_drug': return `${zh ? '重复用药：' : 'Duplicate drug: '}${st.drugName}`;
    case 'duplicate_class': return `${zh ? '同类药重复：' : 'Same class: '}${st.drugName} / ${st.otherDrugName ?? ''}${paren(cls(st.allergen))}`;
    case 'over_max_dose': return `${zh ? '超过最大单次剂量：' : 'Dose above maximum: '}${st.drugName} ${st.dose ?? ''} > ${st.maxDose ?? ''}`;
  }
}

function loadRx(ctx: RequestContext, prescriptionId: string) {
  const rx = ctx.db.select().from(prescriptions).where(eq(prescriptions.id, prescriptionId)).get();
  if (!rx) throw notFound('prescription', 'prescriptionId', prescriptionId);
  return rx;
}

function loadVisitRow(ctx: RequestContext, visitId: string) {
  const v = ctx.db.select().from(visits).where(eq(visits.id, visitId)).get();
  if (!v) throw notFound('visit', 'visitId', visitId);
  return v;
}

function rxLines(ctx: RequestContext, prescriptionId: string, lang: Lang) {
  return ctx.db.select({
    i: prescriptionItems, name: drugs.name, nameEn: drugs.nameEn, spec: drugs.spec, unit: drugs.unit,
    manufacturer: drugs.manufacturer, approvalNumber: drugs.approvalNumber, contraindications: drugs.contraindications, cautions: drugs.cautions,
  })
    .from(prescriptionItems).innerJoin(drugs, eq(drugs.id, prescriptionItems.drugId))
    .where(and(eq(prescriptionItems.prescriptionId, prescriptionId), eq(prescriptionItems.removed, false)))
    .orderBy(asc(prescriptionItems.seq), asc(prescriptionItems.id)).all()
    .map((r) => ({ ...r, name: lang === 'en' && r.nameEn.trim() !== '' ? r.nameEn : r.name }));
}

function diagnosesOfVisit(ctx: RequestContext, visitId: string) {
  return ctx.db.select({ code: diagnoses.icd10, text: diagnoses.text }).from(diagnoses)
    .where(and(eq(diagnoses.visitId, visitId), eq(diagnoses.removed, false)))
    .orderBy(desc(diagnoses.isPrimary), asc(diagnoses.seq), asc(diagnoses.id)).all();
}

function isChild(ctx: RequestContext, p: PatientRow, at: number): boolean {
  if (!p.birthDate) return false;
  try {
    return ageOn(p.birthDate, localDate(at, ctx.settings.timeZone)).years < PAEDIATRIC_BELOW_YEARS;
  } catch {
    return false;
  }
}

/** An issued (or paid, dispensed) prescription; a draft or a cancelled one is not printed. */
export function gatherPrescription(ctx: RequestContext, prescriptionId: string, lang: Lang): Gathered<'prescription'> {
  const rx = loadRx(ctx, prescriptionId);
  if (rx.status === 'draft' || rx.status === 'cancelled') {
    throw new DomainError('CONFLICT', `a ${rx.status} prescription is not printed`, {
      field: 'prescriptionId', reason: 'not_issued', status: rx.status,
    });
  }
  const visit = loadVisitRow(ctx, rx.visitId);
  const patient = loadPatient(ctx, rx.patientId);
  const issuedAt = rx.issuedAt ?? rx.createdAt;
  const data = parseDocument('prescription', {
    clinic: clinicOf(ctx, lang),
    rxNo: rx.rxNo,
    department: departmentName(ctx, visit.departmentId, lang),
    issuedAt,
    timeZone: ctx.settings.timeZone,
    category: isChild(ctx, patient, issuedAt) ? 'pediatric' : 'general',
    feeType: patient.insuranceType,
    patient: {
      name: patient.name, sex: patient.sex, ageLabel: ageAt(ctx, patient.birthDate, issuedAt, lang), recordNo: patient.recordNo,
      allergies: allergiesLine(patient, lang),
    },
    diagnoses: diagnosesOfVisit(ctx, visit.id),
    items: rxLines(ctx, rx.id, lang).map(({ i, name, spec, unit }) => ({
      name, spec, dose: i.dose, doseUnit: i.doseUnit, frequency: i.frequency, route: i.route, days: i.days,
      quantity: i.quantity, unit, amountFen: i.amountFen, note: i.note,
    })),
    doctor: staffName(ctx, rx.doctorId) ?? '—',
    reviewer: staffName(ctx, rx.reviewedBy),
    dispenser: staffName(ctx, rx.dispensedBy),
    note: rx.note,
    override: rx.overrideReason === null ? null : { reason: rx.overrideReason, stops: storedStops(rx.overrideStops).map((st) => stopLine(st, lang)) },
  });
  return { kind: 'prescription', data, document: 'prescription', entityId: rx.id, patientId: rx.patientId, number: rx.rxNo };
}

/** Drug labels of what the pharmacy hands over: a paid or dispensed prescription, refunded lines left out. */
export function gatherDrugLabels(ctx: RequestContext, prescriptionId: string, lang: Lang): Gathered<'drugLabel'> {
  const rx = loadRx(ctx, prescriptionId);
  if (rx.status === 'draft' || rx.status === 'issued') {
    throw new DomainError('NOT_PAID', 'the prescription is not paid yet', { field: 'prescriptionId', status: rx.status });
  }
  if (rx.status === 'cancelled') {
    throw new DomainError('CONFLICT', 'a cancelled prescription is not labelled', { field: 'prescriptionId', reason: 'not_issued', status: rx.status });
  }
  const lines = rxLines(ctx, rx.id, lang).filter(({ i }) => !isRefundedCharge(ctx, i.id));
  if (lines.length === 0) {
    throw new DomainError('NOT_PAID', 'the prescription was refunded; nothing to label', { field: 'prescriptionId', reason: 'refunded' });
  }
  const patient = loadPatient(ctx, rx.patientId);
  const at = rx.dispensedAt ?? ctx.now();
  const data = parseDocument('drugLabel', {
    clinic: clinicOf(ctx, lang),
    rxNo: rx.rxNo,
    dispensedAt: at,
    timeZone: ctx.settings.timeZone,
    patient: { name: patient.name, recordNo: patient.recordNo, sex: patient.sex, ageLabel: ageAt(ctx, patient.birthDate, at, lang) },
    pharmacist: staffName(ctx, rx.dispensedBy) ?? staffName(ctx, ctx.account?.staffId ?? null),
    items: lines.map(({ i, name, spec, unit, manufacturer, approvalNumber, contraindications, cautions }) => ({
      name, spec, dose: i.dose, doseUnit: i.doseUnit, frequency: i.frequency, route: i.route, days: i.days,
      quantity: i.quantity, unit, instructions: i.note, manufacturer, approvalNumber, contraindications, cautions,
    })),
  });
  return { kind: 'drugLabel', data, document: 'drugLabels', entityId: rx.id, patientId: rx.patientId, number: rx.rxNo };
}

const FIELD_WORD: Record<RecordTextField, keyof Words> = {
  complaint: 'chiefComplaint', presentIllness: 'presentIllness', pastHistory: 'pastHistory', findings: 'physicalExam', plan: 'plan',
};

/**
 * The signed record of a visit as signed, its amendments after the signature (what changed,
 * by whom, when, why), the visit's orders (prescriptions, exams) and exam results.
 */
export function gatherMedicalRecord(ctx: RequestContext, visitId: string, lang: Lang): Gathered<'medicalRecord'> {
  const visit = loadVisitRow(ctx, visitId);
  const record = ctx.db.select().from(medicalRecords).where(eq(medicalRecords.visitId, visitId)).get();
  if (!record || record.status !== 'signed') {
    throw new DomainError('RECORD_NOT_SIGNED', 'a record is printed once it is signed', { field: 'visitId', visitId, recordId: record?.id ?? null });
  }
  const patient = loadPatient(ctx, visit.patientId);
  const L = labelsFor(lang);
  const amendments = ctx.db.select().from(recordAmendments).where(eq(recordAmendments.recordId, record.id))
    .orderBy(asc(recordAmendments.createdAt), asc(recordAmendments.id)).all();
  const rxIds = ctx.db.select({ id: prescriptions.id }).from(prescriptions)
    .where(and(eq(prescriptions.visitId, visitId), ne(prescriptions.status, 'draft'), ne(prescriptions.status, 'cancelled')))
    .orderBy(asc(prescriptions.createdAt), asc(prescriptions.id)).all().map((r) => r.id);
  const drugOrders = rxIds.flatMap((id) => rxLines(ctx, id, lang)).map(({ i, name, spec, unit }) =>
    [name, spec, `${i.dose}${i.doseUnit}`, L.route(i.route), L.frequency(i.frequency), L.w.forDays(i.days), `×${i.quantity}${unit}`].join(' '));
  const exams = ctx.db.select({ name: examItems.name, nameEn: examItems.nameEn, result: examOrders.result }).from(examOrders)
    .innerJoin(examItems, eq(examItems.id, examOrders.examItemId))
    .where(and(eq(examOrders.visitId, visitId), ne(examOrders.status, 'cancelled')))
    .orderBy(asc(examOrders.createdAt), asc(examOrders.id)).all()
    .map((e) => ({ ...e, name: lang === 'en' && e.nameEn.trim() !== '' ? e.nameEn : e.name }));
  const results = exams.filter((e) => e.result && e.result.trim() !== '').map((e) => `${L.colon(e.name)}${e.result}`);
  const visitAt = visit.consultStartedAt ?? visit.checkedInAt;
  const data = parseDocument('medicalRecord', {
    clinic: clinicOf(ctx, lang),
    visitNo: visit.queueNo,
    department: departmentName(ctx, visit.departmentId, lang),
    visitAt,
    timeZone: ctx.settings.timeZone,
    visitType: visit.visitType,
    patient: {
      name: patient.name, sex: patient.sex, ageLabel: ageAt(ctx, patient.birthDate, visitAt, lang), recordNo: patient.recordNo,
      allergies: patient.allergies, phone: patient.phone,
    },
    chiefComplaint: record.complaint,
    presentIllness: record.presentIllness,
    pastHistory: record.pastHistory,
    allergyHistory: patient.allergies,
    vitalSigns: visitVitals(ctx, visit).readings.map((v) => vitalsLine(v, lang, ctx.settings.timeZone)),
    physicalExam: record.findings,
    auxiliaryExam: results.length > 0 ? results.join('\n') : null,
    diagnoses: diagnosesOfVisit(ctx, visitId),
    plan: record.plan,
    orders: [...drugOrders, ...exams.map((e) => e.name)],
    doctor: staffName(ctx, record.signedBy ?? record.doctorId) ?? '—',
    signedAt: record.signedAt,
    amendments: amendments.map((a) => {
      const word = FIELD_WORD[a.field as RecordTextField];
      const label = word ? L.w[word] : a.field;
      return { at: a.createdAt, by: staffName(ctx, a.authorId) ?? '—', reason: a.reason, text: `${L.colon(typeof label === 'string' ? label : a.field)}${a.newText}` };
    }),
  });
  return {
    kind: 'medicalRecord', data, document: 'medicalRecord', entityId: record.id, patientId: visit.patientId,
    number: `${patient.recordNo}-${visit.visitDate}`,
  };
}

/** A patient's label; with today's latest visit (department, time) when there is one. */
export function gatherPatientLabel(ctx: RequestContext, patientId: string, lang: Lang, count: number): Gathered<'patientLabel'> {
  const patient = loadPatient(ctx, patientId);
  const now = ctx.now();
  const latest = ctx.db.select().from(visits)
    .where(and(eq(visits.patientId, patientId), inArray(visits.status, ['waiting', 'in_consultation', 'awaiting_payment', 'discharged'])))
    .orderBy(desc(visits.checkedInAt)).limit(1).get();
  const visitToday = latest && latest.visitDate === localDate(now, ctx.settings.timeZone) ? latest : undefined;
  const data = parseDocument('patientLabel', {
    clinic: clinicOf(ctx, lang),
    timeZone: ctx.settings.timeZone,
    patient: {
      name: patient.name, sex: patient.sex, ageLabel: ageAt(ctx, patient.birthDate, now, lang), recordNo: patient.recordNo,
      birthDate: patient.birthDate,
    },
    department: visitToday ? departmentName(ctx, visitToday.departmentId, lang) : null,
    visitAt: visitToday?.checkedInAt ?? null,
    count,
  });
  return { kind: 'patientLabel', data, document: 'patientLabel', entityId: patient.id, patientId: patient.id, number: patient.recordNo };
}

