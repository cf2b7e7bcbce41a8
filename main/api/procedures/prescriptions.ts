/**
 * Prescriptions: draft → issued → (paid by billing) → dispensed; draft|issued → cancelled.
 *
 * - The visit's doctor writes a draft during the consultation; its number is
 *   `prescriptionNo(device, today, nextSeq('rx'))`. Only the prescribing doctor edits (draft
 *   only: PRESCRIPTION_NOT_DRAFT), issues or cancels it.
 * - Lines come from the formulary: inactive drugs are refused (DRUG_INACTIVE); a drug with no
 *   available stock (movements summed over unexpired batches ≤ 0) cannot be prescribed
 *   (OUT_OF_STOCK), nor more than is available counting the other lines of the same drug on
 *   this prescription (INSUFFICIENT_STOCK). Both are checked again when issuing.
 * - Quantity (whole dispensing units) is computed from dose × frequency × days when not given
 *   (`computeQuantity`); a dose in another unit than the drug's needs the quantity given.
 *   The price is the drug's price when the line was written.
 * - The patient's allergy text is matched against the drug's names (and drug classes, e.g. a
 *   penicillin allergy and amoxicillin): a warning in `warnings`, never a refusal; the doctor
 *   acknowledges by going on.
 */
import { z } from 'zod';
import { DRUG_FREQUENCIES, DRUG_ROUTES, INSURANCE_CLASSES, PRESCRIPTION_STATUSES } from '../../domain/enums';
import { MAX_DAYS } from '../../domain/prescribing';
import { procedure } from '../define';
import { Fen, Id, Instant, RequiredText, Text } from '../schemas';
import { PatientBrief } from './consultation';

export const RxItemView = z.object({
  id: Id,
  drugId: Id,
  drugCode: z.string(),
  drugName: z.string(),
  spec: z.string(),
  unit: z.string(),
  seq: z.number().int(),
  dose: z.number(),
  doseUnit: z.string(),
  frequency: z.enum(DRUG_FREQUENCIES),
  route: z.enum(DRUG_ROUTES),
  days: z.number().int(),
  quantity: z.number().int(),
  unitPriceFen: Fen,
  amountFen: Fen,
  note: z.string().nullable(),
});

export const RxWarning = z.object({
  kind: z.literal('allergy'),
  drugId: Id,
  itemId: Id.nullable(),
  /** The part of the patient's allergy text that matched. */
  allergen: z.string(),
  message: z.string(),
});

export const PrescriptionView = z.object({
  id: Id,
  rxNo: z.string(),
  visitId: Id,
  patient: PatientBrief,
  doctorId: Id,
  doctorName: z.string(),
  status: z.enum(PRESCRIPTION_STATUSES),
  note: z.string().nullable(),
  issuedAt: Instant.nullable(),
  dispensedAt: Instant.nullable(),
  dispensedBy: Id.nullable(),
  cancelledAt: Instant.nullable(),
  createdAt: Instant,
  items: z.array(RxItemView),
  totalFen: Fen,
  warnings: z.array(RxWarning),
});

export const FormularyDrug = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  spec: z.string(),
  form: z.string(),
  unit: z.string(),
  doseUnit: z.string(),
  dosesPerUnit: z.number().int(),
  priceFen: Fen,
  insuranceClass: z.enum(INSURANCE_CLASSES),
  /** Units on hand in unexpired batches. */
  available: z.number().int(),
  prescribable: z.boolean(),
});

const Dose = z.number().positive().max(100_000);
const Days = z.number().int().min(1).max(MAX_DAYS);
const Quantity = z.number().int().min(1).max(100_000);
const RxRef = z.object({ prescriptionId: Id });

export const prescriptionsProcedures = {
  'prescriptions.create': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Start a draft prescription for the visit in consultation (the visit\'s doctor).',
    input: z.object({ visitId: Id, note: Text(200).optional() }),
    output: PrescriptionView,
  }),
  'prescriptions.addItem': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Add a formulary drug to a draft: dose, unit, frequency, route, days; quantity computed when left out.',
    input: RxRef.extend({
      drugId: Id,
      dose: Dose,
      doseUnit: RequiredText(16).optional(),
      frequency: z.enum(DRUG_FREQUENCIES),
      route: z.enum(DRUG_ROUTES),
      days: Days.optional(),
      quantity: Quantity.optional(),
      note: Text(200).optional(),
    }),
    output: PrescriptionView,
  }),
  'prescriptions.updateItem': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Change a line of a draft; the quantity is computed again unless given.',
    input: z.object({
      itemId: Id,
      dose: Dose.optional(),
      doseUnit: RequiredText(16).optional(),
      frequency: z.enum(DRUG_FREQUENCIES).optional(),
      route: z.enum(DRUG_ROUTES).optional(),
      days: Days.optional(),
      quantity: Quantity.optional(),
      note: Text(200).optional(),
    }),
    output: PrescriptionView,
  }),
  'prescriptions.removeItem': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Remove a line from a draft.',
    input: z.object({ itemId: Id }),
    output: PrescriptionView,
  }),
  'prescriptions.issue': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Issue a draft (the prescribing doctor): stock is checked again; it goes to billing.',
    input: RxRef,
    output: PrescriptionView,
  }),
  'prescriptions.cancel': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Cancel a draft or issued prescription (the prescribing doctor).',
    input: RxRef,
    output: PrescriptionView,
  }),
  'prescriptions.get': procedure({
    kind: 'query',
    access: ['doctor', 'pharmacist'],
    summary: 'One prescription with its lines and allergy warnings (audited).',
    input: RxRef,
    output: PrescriptionView,
  }),
  'prescriptions.forVisit': procedure({
    kind: 'query',
    access: ['doctor'],
    summary: "A visit's prescriptions, oldest first (audited).",
    input: z.object({ visitId: Id }),
    output: z.object({ items: z.array(PrescriptionView) }),
  }),
  'prescriptions.searchFormulary': procedure({
    kind: 'query',
    access: ['doctor', 'pharmacist'],
    summary: 'Active drugs by name, pinyin initials, code or English name, with the stock available.',
    input: z.object({ q: Text(50).default(''), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(FormularyDrug) }),
  }),
} as const;
