/**
 * zod schemas of every document's input, exported so the station can validate before it asks
 * for a print. Inputs are plain data (no DB access here); optional fields accept null as well
 * as undefined, because rows read from SQLite carry null. Money is integer fen, times are UTC
 * milliseconds printed in `timeZone`.
 */
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import {
  BILL_ITEM_KINDS, DICTIONARY_CODE, DRUG_FREQUENCIES, DRUG_ROUTES, INSURANCE_TYPES, SEXES, VISIT_TYPES,
} from '../domain/enums';
import { isTimeZone } from './format';
import { RX_CATEGORIES } from './labels';

const text = z.string().trim().min(1, 'required');
const optText = z.string().nullish();
const fen = z.int('money must be integer fen').nonnegative('money must not be negative');
const count = z.int().nonnegative();
const utcMs = z.int().nonnegative();
const timeZone = z.string().refine(isTimeZone, 'unknown time zone');
const printableAscii = /^[\x20-\x7e]+$/;

export const clinicSchema = z.object({ name: text, address: optText, phone: optText });
export const diagnosisSchema = z.object({ code: optText, text });
export const patientSchema = z.object({
  name: text,
  sex: z.enum(SEXES),
  ageLabel: optText,
  recordNo: text,
  allergies: optText,
});

export const prescriptionItemSchema = z.object({
  name: text,
  spec: optText,
  dose: z.number().positive(),
  doseUnit: text,
  frequency: z.enum(DRUG_FREQUENCIES),
  route: z.enum(DRUG_ROUTES),
  days: z.int().positive(),
  quantity: z.number().positive(),
  unit: text,
  amountFen: fen,
  note: optText,
});

export const prescriptionDocSchema = z.object({
  clinic: clinicSchema,
  rxNo: text,
  department: text,
  issuedAt: utcMs,
  timeZone,
  category: z.enum(RX_CATEGORIES).nullish(),
  feeType: z.enum(INSURANCE_TYPES).nullish(),
  patient: patientSchema,
  diagnoses: z.array(diagnosisSchema).default([]),
  items: z.array(prescriptionItemSchema).min(1, 'a prescription needs at least one item'),
  doctor: text,
  reviewer: optText,
  dispenser: optText,
  note: optText,
  /** Issued over safety stops: the prescriber's reason and what was overridden (one short line each). */
  override: z.object({ reason: text, stops: z.array(text).default([]) }).nullish(),
});

export const receiptItemSchema = z.object({
  name: text,
  spec: optText,
  quantity: z.number().positive(),
  unit: optText,
  unitPriceFen: fen.nullish(),
  amountFen: fen,
  kind: z.enum(BILL_ITEM_KINDS).nullish(),
});

/** A payment method's code (a built-in one or the clinic's own: main/domain/enums.ts PAYMENT_METHODS). */
const PaymentMethodCode = z.string().regex(DICTIONARY_CODE, 'a payment method code');

export const paymentSchema = z.object({ method: PaymentMethodCode, amountFen: fen });

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export const receiptDocSchema = z
  .object({
    clinic: clinicSchema,
    kind: z.enum(['payment', 'refund']).default('payment'),
    receiptNo: text,
    issuedAt: utcMs,
    timeZone,
    patient: z
      .object({ name: text, recordNo: optText, sex: z.enum(SEXES).nullish(), ageLabel: optText })
      .nullish(),
    department: optText,
    doctor: optText,
    feeType: z.enum(INSURANCE_TYPES).nullish(),
    items: z.array(receiptItemSchema).min(1, 'a receipt needs at least one item'),
    totalFen: fen,
    insuranceFen: fen,
    selfPayFen: fen,
    payments: z.array(paymentSchema).min(1, 'a receipt needs a payment method'),
    cashTenderedFen: fen.nullish(),
    cashier: text,
    originalReceiptNo: optText,
    refundReason: optText,
    note: optText,
    /** What the QR code carries; the receipt number when absent. */
    qrPayload: optText,
    /** The data dictionary's names of payment methods by code (the clinic's own, renamed built-ins). */
    methodNames: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (sum(r.items.map((i) => i.amountFen)) !== r.totalFen) issue(['totalFen'], 'total must equal the sum of the items');
    if (r.insuranceFen > r.totalFen) issue(['insuranceFen'], 'insurance must not exceed the total');
    else if (r.insuranceFen + r.selfPayFen !== r.totalFen) issue(['selfPayFen'], 'total must equal insurance + self-pay');
    const insurancePaid = sum(r.payments.filter((p) => p.method === 'insurance').map((p) => p.amountFen));
    const selfPaid = sum(r.payments.filter((p) => p.method !== 'insurance').map((p) => p.amountFen));
    if (selfPaid !== r.selfPayFen) issue(['payments'], 'payments other than insurance must equal the self-pay part');
    if (insurancePaid !== 0 && insurancePaid !== r.insuranceFen) issue(['payments'], 'insurance payment must equal the insurance part');
    if (r.cashTenderedFen != null) {
      const cash = sum(r.payments.filter((p) => p.method === 'cash').map((p) => p.amountFen));
      if (cash === 0) issue(['cashTenderedFen'], 'cash tendered without a cash payment');
      else if (r.cashTenderedFen < cash) issue(['cashTenderedFen'], 'cash tendered is less than the cash payment');
    }
    if (r.kind === 'refund' && !r.originalReceiptNo?.trim()) issue(['originalReceiptNo'], 'a refund slip names the original receipt');
  });

export const medicalRecordDocSchema = z
  .object({
    clinic: clinicSchema,
    visitNo: optText,
    department: text,
    visitAt: utcMs,
    timeZone,
    visitType: z.enum(VISIT_TYPES).nullish(),
    patient: patientSchema.extend({ phone: optText }),
    chiefComplaint: optText,
    presentIllness: optText,
    pastHistory: optText,
    allergyHistory: optText,
    /** Vital-sign readings of the visit, one line each (main/documents/vitals-line.ts). */
    vitalSigns: z.array(text).default([]),
    physicalExam: optText,
    auxiliaryExam: optText,
    diagnoses: z.array(diagnosisSchema).default([]),
    plan: optText,
    orders: z.array(text).default([]),
    doctor: text,
    signedAt: utcMs.nullish(),
    amendments: z.array(z.object({ at: utcMs, by: text, reason: optText, text })).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.amendments.length > 0 && r.signedAt == null) {
      ctx.addIssue({ code: 'custom', path: ['amendments'], message: 'only a signed record has amendments' });
    }
  });

export const dayReportDocSchema = z
  .object({
    clinic: clinicSchema,
    businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    timeZone,
    generatedAt: utcMs,
    periodFrom: utcMs.nullish(),
    periodTo: utcMs.nullish(),
    /** Whose day this is; absent = every cashier of the clinic. */
    cashier: optText,
    closedBy: optText,
    rows: z.array(
      z.object({
        cashier: text,
        method: PaymentMethodCode,
        paymentCount: count,
        paidFen: fen,
        refundCount: count,
        refundedFen: fen,
      }),
    ),
    refunds: z
      .array(
        z.object({
          refundNo: text,
          originalReceiptNo: optText,
          cashier: text,
          method: PaymentMethodCode,
          amountFen: fen,
          at: utcMs,
          reason: optText,
        }),
      )
      .default([]),
    counts: z.object({
      receipts: count,
      refunds: count,
      visits: count.nullish(),
      registrations: count.nullish(),
      prescriptions: count.nullish(),
    }),
    /** The data dictionary's names of payment methods by code (the clinic's own, renamed built-ins). */
    methodNames: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((r, ctx) => {
    const listed = sum(r.refunds.map((x) => x.amountFen));
    if (r.refunds.length > 0 && listed !== sum(r.rows.map((x) => x.refundedFen))) {
      ctx.addIssue({ code: 'custom', path: ['refunds'], message: 'listed refunds must add up to the refunded totals' });
    }
  });

export const patientLabelDocSchema = z.object({
  clinic: clinicSchema.nullish(),
  timeZone,
  patient: patientSchema.omit({ allergies: true }).extend({
    recordNo: text.regex(printableAscii, 'the barcode takes ASCII letters, digits and marks only'),
    birthDate: optText,
  }),
  department: optText,
  visitAt: utcMs.nullish(),
  /** For a specimen tube: what it holds and when it was taken. */
  specimen: optText,
  collectedAt: utcMs.nullish(),
  /** How many identical labels (one per page). */
  count: z.int().min(1).max(50).default(1),
});

export const drugLabelDocSchema = z.object({
  clinic: clinicSchema,
  rxNo: optText,
  dispensedAt: utcMs,
  timeZone,
  patient: z.object({ name: text, recordNo: optText, sex: z.enum(SEXES).nullish(), ageLabel: optText }),
  pharmacist: optText,
  items: z
    .array(
      prescriptionItemSchema
        .omit({ amountFen: true, note: true, days: true })
        .extend({
          days: z.int().positive().nullish(), instructions: optText,
          /** The drug's records from the catalog (issue 16): what the patient must know, and who made it under which approval. */
          contraindications: optText, cautions: optText, manufacturer: optText, approvalNumber: optText,
        }),
    )
    .min(1, 'nothing to label'),
});

export const documentSchemas = {
  prescription: prescriptionDocSchema,
  receipt: receiptDocSchema,
  medicalRecord: medicalRecordDocSchema,
  dayReport: dayReportDocSchema,
  patientLabel: patientLabelDocSchema,
  drugLabel: drugLabelDocSchema,
} as const;
export type DocumentKind = keyof typeof documentSchemas;
export const DOCUMENT_KINDS = Object.keys(documentSchemas) as DocumentKind[];

/** What a caller passes (optional fields may be left out or null). */
export type PrescriptionDoc = z.input<typeof prescriptionDocSchema>;
export type ReceiptDoc = z.input<typeof receiptDocSchema>;
export type MedicalRecordDoc = z.input<typeof medicalRecordDocSchema>;
export type DayReportDoc = z.input<typeof dayReportDocSchema>;
export type PatientLabelDoc = z.input<typeof patientLabelDocSchema>;
export type DrugLabelDoc = z.input<typeof drugLabelDocSchema>;
export interface DocumentInputs {
  prescription: PrescriptionDoc;
  receipt: ReceiptDoc;
  medicalRecord: MedicalRecordDoc;
  dayReport: DayReportDoc;
  patientLabel: PatientLabelDoc;
  drugLabel: DrugLabelDoc;
}
/** The same after validation (defaults filled in). */
export type DocumentData<K extends DocumentKind> = z.output<(typeof documentSchemas)[K]>;

/**
 * Validate a document's input; a DomainError('VALIDATION') naming the first bad field
 * (`details.field`, dotted path such as "items.0.amountFen") and listing every issue.
 */
export function parseDocument<K extends DocumentKind>(kind: K, data: unknown): DocumentData<K> {
  const result = documentSchemas[kind].safeParse(data);
  if (result.success) return result.data as DocumentData<K>;
  const issues = result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0] ?? { field: '', message: 'invalid' };
  throw new DomainError('VALIDATION', `${kind}: ${first.field || 'input'}: ${first.message}`, {
    document: kind,
    field: first.field,
    issues,
  });
}
