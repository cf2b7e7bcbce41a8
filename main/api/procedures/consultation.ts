/**
 * The consult room: the patient's chart (history), the medical record of a visit with its
 * ICD-10 coded diagnoses, signing and amendments, exam orders and admissions to a bed.
 *
 * - Only the visit's doctor writes its record, and only while it is a draft; signing locks it
 *   (RECORD_SIGNED on later edits). After signing, changes are amendments: insert-only rows
 *   (field, previous text, new text, reason, author). The record shows the amended text and
 *   lists the amendments; the signed original stays in the record row.
 * - A record is written once the consultation has started (not for a waiting or cancelled
 *   visit); it may still be completed and signed after the patient has left the room.
 *   Exams and admissions are ordered during the consultation (VISIT_NOT_IN_CONSULTATION).
 * - Diagnoses use a code of the clinic's ICD-10 table (VALIDATION {field:'icd10'} otherwise);
 *   the wording is the doctor's (the table's name when left out). One diagnosis is primary:
 *   the first one, or the one marked; removing the primary makes the next one primary.
 * - Reading a chart or a record is audited; so is every change.
 */
import { CodedAllergyView } from './allergies';
import { z } from 'zod';
import {
  ADMISSION_STATUSES, DRUG_FREQUENCIES, DRUG_ROUTES, EXAM_CATEGORIES, EXAM_ORDER_STATUSES, PRESCRIPTION_STATUSES,
  RECORD_STATUSES, RECORD_TEXT_FIELDS, VISIT_STATUSES, VISIT_TYPES,
} from '../../domain/enums';
import { procedure } from '../define';
import { Fen, Id, Instant, IsoDate, Page, RequiredText, Sex, Text } from '../schemas';

export const PatientBrief = z.object({
  id: Id,
  recordNo: z.string(),
  name: z.string(),
  sex: Sex,
  birthDate: IsoDate.nullable(),
  allergies: z.string().nullable(),
});

export const VisitBrief = z.object({
  id: Id,
  visitDate: IsoDate,
  checkedInAt: Instant,
  status: z.enum(VISIT_STATUSES),
  visitType: z.enum(VISIT_TYPES),
  doctorId: Id,
  doctorName: z.string(),
  departmentId: Id,
  departmentName: z.string(),
  /** The earlier visit this follow-up continues (made by the front desk). */
  followUpOf: z.object({ visitId: Id, visitDate: IsoDate }).nullable(),
});

export const DiagnosisView = z.object({
  id: Id,
  icd10: z.string(),
  text: z.string(),
  isPrimary: z.boolean(),
  seq: z.number().int(),
});

export const AmendmentView = z.object({
  id: Id,
  field: z.enum(RECORD_TEXT_FIELDS),
  previousText: z.string(),
  newText: z.string(),
  reason: z.string(),
  authorId: Id,
  authorName: z.string(),
  createdAt: Instant,
});

export const RecordView = z.object({
  id: Id,
  visitId: Id,
  patientId: Id,
  doctorId: Id,
  status: z.enum(RECORD_STATUSES),
  /** Current text: the signed text with the amendments applied. */
  complaint: z.string(),
  presentIllness: z.string(),
  pastHistory: z.string(),
  findings: z.string(),
  plan: z.string(),
  signedAt: Instant.nullable(),
  signedBy: Id.nullable(),
  updatedAt: Instant,
  diagnoses: z.array(DiagnosisView),
  amendments: z.array(AmendmentView),
});

export const ExamOrderView = z.object({
  id: Id,
  visitId: Id,
  patientId: Id,
  examItemId: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  category: z.enum(EXAM_CATEGORIES),
  status: z.enum(EXAM_ORDER_STATUSES),
  priceFen: Fen,
  note: z.string().nullable(),
  result: z.string().nullable(),
  orderedBy: Id,
  createdAt: Instant,
  updatedAt: Instant,
});

export const AdmissionView = z.object({
  id: Id,
  patientId: Id,
  visitId: Id,
  bedId: Id,
  bedLabel: z.string(),
  wardId: Id,
  wardName: z.string(),
  status: z.enum(ADMISSION_STATUSES),
  admittedBy: Id,
  admittedAt: Instant,
  dischargedAt: Instant.nullable(),
  dischargeNote: z.string().nullable(),
});

/** A prescription as the chart shows it. */
export const ChartPrescription = z.object({
  id: Id,
  rxNo: z.string(),
  status: z.enum(PRESCRIPTION_STATUSES),
  doctorId: Id,
  issuedAt: Instant.nullable(),
  items: z.array(z.object({
    id: Id,
    drugId: Id,
    drugName: z.string(),
    spec: z.string(),
    unit: z.string(),
    dose: z.number(),
    doseUnit: z.string(),
    frequency: z.enum(DRUG_FREQUENCIES),
    route: z.enum(DRUG_ROUTES),
    days: z.number().int(),
    quantity: z.number().int(),
    amountFen: Fen,
  })),
});

export const ChartVisit = VisitBrief.extend({
  record: RecordView.nullable(),
  prescriptions: z.array(ChartPrescription),
  examOrders: z.array(ExamOrderView),
  admissions: z.array(AdmissionView),
});

export const Icd10Entry = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), chapter: z.string() });

const RecordTextInput = Text(4000);
const VisitRef = z.object({ visitId: Id });
const DiagnosisList = z.object({ diagnoses: z.array(DiagnosisView) });

export const consultationProcedures = {
  'consultation.history': procedure({
    kind: 'query',
    access: ['doctor'],
    summary: "The patient's chart: visits newest first with record, diagnoses, prescriptions, exams and admissions (audited).",
    input: z.object({ patientId: Id }).extend(Page.shape),
    output: z.object({ patient: PatientBrief, total: z.number().int().nonnegative(), visits: z.array(ChartVisit) }),
  }),
  'consultation.getRecord': procedure({
    kind: 'query',
    access: ['doctor'],
    summary: "One visit's record with diagnoses, amendments, exam orders and admissions (audited). record is null until written.",
    input: VisitRef,
    output: z.object({
      visit: VisitBrief,
      patient: PatientBrief,
      /** The patient's coded allergies (what the allergy editor shows and changes through patients.update). */
      allergyList: z.array(CodedAllergyView),
      allergyListUnreadable: z.boolean(),
      record: RecordView.nullable(),
      examOrders: z.array(ExamOrderView),
      admissions: z.array(AdmissionView),
      /** True when the caller may edit the record now (the visit's doctor, draft, consultation started). */
      editable: z.boolean(),
    }),
  }),
  'consultation.saveRecord': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: "Write the record's text (fields left out stay as they are); the visit's doctor, draft only.",
    input: VisitRef.extend({
      complaint: RecordTextInput.optional(),
      presentIllness: RecordTextInput.optional(),
      pastHistory: RecordTextInput.optional(),
      findings: RecordTextInput.optional(),
      plan: RecordTextInput.optional(),
    }),
    output: RecordView,
  }),
  'consultation.addDiagnosis': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Add an ICD-10 coded diagnosis to the draft record (the first is primary).',
    input: VisitRef.extend({ icd10: RequiredText(10), text: Text(200).optional(), isPrimary: z.boolean().optional() }),
    output: DiagnosisList,
  }),
  'consultation.removeDiagnosis': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Remove a diagnosis from the draft record.',
    input: z.object({ diagnosisId: Id }),
    output: DiagnosisList,
  }),
  'consultation.setPrimaryDiagnosis': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Make a diagnosis of the draft record the primary one.',
    input: z.object({ diagnosisId: Id }),
    output: DiagnosisList,
  }),
  'consultation.sign': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Sign and lock the record (needs a complaint and a diagnosis); later changes are amendments.',
    input: VisitRef,
    output: RecordView,
  }),
  'consultation.amend': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: "Amend a field of a signed record, with a reason (the visit's doctor); the old text is kept.",
    input: VisitRef.extend({ field: z.enum(RECORD_TEXT_FIELDS), newText: RecordTextInput, reason: RequiredText(200) }),
    output: RecordView,
  }),
  'consultation.orderExam': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Order an exam from the exam items for the visit in consultation.',
    input: VisitRef.extend({ examItemId: Id, note: Text(200).optional() }),
    output: ExamOrderView,
  }),
  'consultation.cancelExam': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Cancel an exam order that is not paid yet.',
    input: z.object({ examOrderId: Id }),
    output: ExamOrderView,
  }),
  'consultation.recordExamResult': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Enter the result of a paid exam: paid → done.',
    input: z.object({ examOrderId: Id, result: RequiredText(4000) }),
    output: ExamOrderView,
  }),
  'consultation.beds': procedure({
    kind: 'query',
    access: ['doctor'],
    summary: 'Active beds by ward, free or with the admitted patient.',
    input: z.object({}),
    output: z.object({
      beds: z.array(z.object({
        bedId: Id,
        label: z.string(),
        wardId: Id,
        wardName: z.string(),
        occupant: z.object({ admissionId: Id, patientId: Id, patientName: z.string(), admittedAt: Instant }).nullable(),
      })),
    }),
  }),
  'consultation.admit': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Admit the patient of the visit in consultation to a free bed.',
    input: VisitRef.extend({ bedId: Id }),
    output: AdmissionView,
  }),
  'consultation.discharge': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Discharge an admitted patient, freeing the bed.',
    input: z.object({ admissionId: Id, note: Text(500).optional() }),
    output: AdmissionView,
  }),
  'consultation.searchIcd10': procedure({
    kind: 'query',
    access: 'any',
    summary: 'Search the ICD-10 table by code prefix, Chinese text, pinyin initials or English text.',
    input: z.object({ q: RequiredText(50), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(Icd10Entry) }),
  }),
} as const;
