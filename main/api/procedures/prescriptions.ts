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
 * - Safety stops (main/station/services/rx-safety.ts): an allergy (coded, by ingredient or
 *   class; or the free-text history naming the drug, an ingredient or a class), the same drug
 *   or class twice in the visit's live prescriptions, a dose above the drug's maximum. They show
 *   in `warnings` while writing (a line is never refused for them), and issuing a prescription
 *   with any needs `override.reason`: without it SAFETY_OVERRIDE_REQUIRED with the stops in
 *   details, nothing written. The reason and the stops overridden are stored, audited (action
 *   'override'), printed and shown to the pharmacist.
 * - Voiding (cancel) needs a reason; the voided prescription stays listed with it (audited, 'void').
 */
import { z } from 'zod';
import { DRUG_FREQUENCIES, DRUG_ROUTES, INSURANCE_CLASSES, PRESCRIPTION_STATUSES } from '../../domain/enums';
import { MAX_DAYS } from '../../domain/prescribing';
import { procedure } from '../define';
import { Fen, Id, Instant, RequiredText, Text } from '../schemas';
import { CodedAllergyView } from './allergies';
import { PatientBrief } from './consultation';

export const RX_STOP_KINDS = ['allergy', 'duplicate_drug', 'duplicate_class', 'over_max_dose'] as const;


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

/** A safety stop of a line (see the header); the same shape stored with an override. */
export const RxWarning = z.object({
  kind: z.enum(RX_STOP_KINDS),
  drugId: Id,
  itemId: Id.nullable(),
  drugName: z.string(),
  /** allergy: the allergen matched (ingredient, class code or words of the history); duplicate_class: the class. */
  allergen: z.string().nullable(),
  reaction: z.string().nullable(),
  otherItemId: Id.nullable(),
  otherDrugName: z.string().nullable(),
  dose: z.number().nullable(),
  maxDose: z.number().nullable(),
  message: z.string(),
});

export const RxOverride = z.object({
  reason: z.string(),
  stops: z.array(RxWarning),
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
  /** The patient's coded allergies (the free text is patient.allergies). */
  allergyList: z.array(CodedAllergyView),
  /** The stored list could not all be read: the prescriber checks the history by hand. */
  allergyListUnreadable: z.boolean(),
  /** Issued over its stops: why, and which. */
  override: RxOverride.nullable(),
  cancelReason: z.string().nullable(),
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
  /** What a new line starts with (null: the prescriber's choice). */
  defaultDose: z.number().nullable(),
  defaultFrequency: z.enum(DRUG_FREQUENCIES).nullable(),
  defaultRoute: z.enum(DRUG_ROUTES).nullable(),
  defaultDays: z.number().int().nullable(),
  maxDose: z.number().nullable(),
  /** With a visitId: the patient's allergens this drug matches (a stop if prescribed). */
  allergens: z.array(z.string()),
  /** The drug's records (issue 16), shown to the prescriber: '' when the catalog has none. */
  manufacturer: z.string(),
  approvalNumber: z.string(),
  contraindications: z.string(),
  cautions: z.string(),
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
    summary: 'Issue a draft (the prescribing doctor): stock is checked again; safety stops need override.reason; it goes to billing.',
    input: RxRef.extend({ override: z.object({ reason: RequiredText(300) }).optional() }),
    output: PrescriptionView,
  }),
  'prescriptions.cancel': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Void a draft or issued prescription (the prescribing doctor), with the reason; it stays listed (audited).',
    input: RxRef.extend({ reason: RequiredText(300) }),
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
    summary: 'Active drugs by name, pinyin initials, code or English name, with the stock available; with visitId, the patient\'s allergens each matches.',
    input: z.object({ q: Text(50).default(''), limit: z.number().int().min(1).max(50).default(20), visitId: Id.optional() }),
    output: z.object({ items: z.array(FormularyDrug) }),
  }),
} as const;
