/**
 * The patient's own records on the patient port (part of main/api/patient-contract.ts): a family
 * member's visits; one visit with its signed record, issued prescriptions (how to take each drug;
 * voided ones marked), exam orders and results, bills with their payments and refunds; the same
 * PDF the desk prints, marked as the patient's copy; and rating the doctor once per finished visit.
 * Every id is checked against the account's members: another account's is answered NOT_FOUND like
 * an id that does not exist.
 */
import { z } from 'zod';
import {
  ADMISSION_STATUSES, BILL_KINDS, BILL_STATUSES, DRUG_FREQUENCIES, DRUG_ROUTES, EXAM_ORDER_STATUSES, PRESCRIPTION_STATUSES, VISIT_STATUSES,
} from '../domain/enums';
import { LANGS } from '../documents/labels';
import { Fen, Id, Instant, IsoDate, PaymentMethod } from './schemas';

/** A comment with a rating is short: a sentence or two. */
export const RATING_COMMENT_MAX = 200;

export const RatingView = z.object({
  stars: z.number().int().min(1).max(5),
  comment: z.string(),
  createdAt: Instant,
});

export const VisitSummaryView = z.object({
  id: Id,
  memberId: Id,
  date: IsoDate,
  status: z.enum(VISIT_STATUSES),
  departmentName: z.string(),
  departmentNameEn: z.string(),
  doctorName: z.string(),
  /** The doctor has finished the consultation (awaiting payment or discharged): the visit may be rated. */
  finished: z.boolean(),
  /** The medical record is signed (a draft is never shown). */
  recordSigned: z.boolean(),
  /** This visit's rating, once given. */
  rating: RatingView.nullable(),
});

export const RxItemView = z.object({
  drugName: z.string(),
  drugNameEn: z.string(),
  spec: z.string(),
  dose: z.number(),
  doseUnit: z.string(),
  frequency: z.enum(DRUG_FREQUENCIES),
  route: z.enum(DRUG_ROUTES),
  days: z.number().int(),
  quantity: z.number().int(),
  unit: z.string(),
  /** The prescriber's instructions for this line (饭后服用…). */
  instructions: z.string().nullable(),
  /** The catalog's caution for this drug: its largest single dose (in doseUnit), when it has one. */
  maxDose: z.number().nullable(),
  /** The drug's records from the catalog (issue 16): contraindications and cautions the patient should read, maker and approval number; '' when none. */
  contraindications: z.string(),
  cautions: z.string(),
  manufacturer: z.string(),
  approvalNumber: z.string(),
});

export const RxView = z.object({
  id: Id,
  rxNo: z.string(),
  status: z.enum(PRESCRIPTION_STATUSES),
  /** Voided by the prescriber after it was issued: shown, marked, not to be taken. */
  voided: z.boolean(),
  issuedAt: Instant,
  doctorName: z.string(),
  items: z.array(RxItemView),
});

export const RecordView = z.object({
  complaint: z.string(),
  presentIllness: z.string(),
  pastHistory: z.string(),
  findings: z.string(),
  plan: z.string(),
  diagnoses: z.array(z.object({ code: z.string(), text: z.string() })),
  doctorName: z.string(),
  signedAt: Instant.nullable(),
  /** Changes after the signature, in order. */
  amendments: z.array(z.object({ field: z.string(), newText: z.string(), reason: z.string(), at: Instant })),
});

export const ExamView = z.object({
  id: Id,
  name: z.string(),
  nameEn: z.string(),
  status: z.enum(EXAM_ORDER_STATUSES),
  result: z.string().nullable(),
  orderedAt: Instant,
});

export const BillDetailView = z.object({
  id: Id,
  kind: z.enum(BILL_KINDS),
  status: z.enum(BILL_STATUSES),
  totalFen: Fen,
  insuranceFen: Fen,
  selfPayFen: Fen,
  createdAt: Instant,
  /** `methodName`/`methodNameEn`: the data dictionary's name of the method, null when it has no entry. */
  payments: z.array(z.object({
    id: Id, receiptNo: z.string(), method: PaymentMethod, methodName: z.string().nullable(), methodNameEn: z.string().nullable(), amountFen: Fen, createdAt: Instant,
  })),
  refunds: z.array(z.object({ id: Id, refundNo: z.string(), method: PaymentMethod, amountFen: Fen, reason: z.string(), createdAt: Instant })),
});

export const VisitDetailView = z.object({
  visit: VisitSummaryView,
  record: RecordView.nullable(),
  prescriptions: z.array(RxView),
  exams: z.array(ExamView),
  bills: z.array(BillDetailView),
});

/**
 * A stay in a bed: the ward and bed, when admitted and discharged, its state, the ward's daily
 * rate, and the bills of the visit it was admitted from (with payments and refunds).
 */
export const AdmissionView = z.object({
  id: Id,
  memberId: Id,
  visitId: Id,
  wardName: z.string(),
  bedLabel: z.string(),
  status: z.enum(ADMISSION_STATUSES),
  admittedAt: Instant,
  dischargedAt: Instant.nullable(),
  dailyRateFen: Fen,
  departmentName: z.string(),
  departmentNameEn: z.string(),
  doctorName: z.string(),
  bills: z.array(BillDetailView),
});

/** The documents a patient may download: the id is the visit's (record), the prescription's, the payment's (receipt), the refund's (slip). */
export const PATIENT_DOCUMENTS = ['medicalRecord', 'prescription', 'receipt', 'refundSlip'] as const;
export type PatientDocument = (typeof PATIENT_DOCUMENTS)[number];

export const DocumentRequest = z.strictObject({
  document: z.enum(PATIENT_DOCUMENTS),
  id: Id,
  lang: z.enum(LANGS).default('zh-CN'),
});

interface Def { input: z.ZodType; output: z.ZodType; access: 'patient'; kind: 'query' | 'command'; summary: string }

function def<I extends z.ZodType, O extends z.ZodType>(d: Def & { input: I; output: O }): Def & { input: I; output: O } {
  return d;
}

export const patientRecordProcedures = {
  'portal.visits': def({
    kind: 'query', access: 'patient',
    summary: "A family member's visits, newest first, each saying whether its record is signed and whether it was rated (read audited).",
    input: z.strictObject({ memberId: Id }),
    output: z.object({ items: z.array(VisitSummaryView) }),
  }),
  'portal.visit': def({
    kind: 'query', access: 'patient',
    summary: 'One visit of a family member: its signed record, issued prescriptions (voided ones marked), exams and results, bills with payments and refunds (read audited).',
    input: z.strictObject({ visitId: Id }),
    output: VisitDetailView,
  }),
  'portal.admissions': def({
    kind: 'query', access: 'patient',
    summary: "A family member's admissions to a bed, newest first: ward, bed, admitted and discharged, status, and the bills of the visit (read audited).",
    input: z.strictObject({ memberId: Id }),
    output: z.object({ items: z.array(AdmissionView) }),
  }),
  'portal.document': def({
    kind: 'query', access: 'patient',
    summary: "The PDF the desk prints of one of the account's documents, marked 患者留存 / Patient copy (also served as GET /files/portal.document?document=…&id=…&lang=…).",
    input: DocumentRequest,
    output: z.object({ filename: z.string(), mimeType: z.literal('application/pdf'), pdfBase64: z.string() }),
  }),
  'portal.rate': def({
    kind: 'command', access: 'patient',
    summary: 'Rate the doctor of a finished visit once: 1–5 stars and a short comment.',
    input: z.strictObject({ visitId: Id, stars: z.number().int().min(1).max(5), comment: z.string().trim().max(RATING_COMMENT_MAX).default('') }),
    output: RatingView.extend({ visitId: Id }),
  }),
} as const;
