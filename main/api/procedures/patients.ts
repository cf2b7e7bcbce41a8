/**
 * Patients: register, edit, find, open the card.
 *
 * Duplicates: the same resident ID number is a strong duplicate — `patients.register` (and an
 * edit that sets the ID number) refuses it with DUPLICATE_PATIENT {field: 'idNumber',
 * duplicates} unless the input says `confirmDuplicate: true` AND lists every one of those
 * existing patients' ids in `acknowledgedDuplicateIds` (so a stale confirmation from another
 * form can never wave through a patient the receptionist has not seen). Same name + birth date,
 * or same name + phone, is a likely duplicate: saved, and returned as a warning.
 *
 * Search results carry masked phone and ID numbers and are not audited; opening the card
 * (`patients.get`) shows everything and writes a 'read' audit entry.
 */
import { AllergyListInput, CodedAllergyView } from './allergies';
import { z } from 'zod';
import { ID_DOC_TYPES, INSURANCE_TYPES } from '../../domain/enums';
import { procedure } from '../define';
import { Id, Instant, IsoDate, RequiredText, Sex, Text } from '../schemas';
import { PrintedAnswer } from './call-list';
import { hubPdfToPrint } from './documents';
import { PatientRowCounts } from './reviews';

/** An 80 mm activation slip is some 20 KB; anything much larger is not one. */
export const PORTAL_SLIP_MAX_BASE64 = 400_000;

export const InsuranceType = z.enum(INSURANCE_TYPES);

/** An optional text field: blank means "none" (stored as null). */
const OptText = (max: number) => Text(max).nullish();

const IdentityFields = {
  /** Omitted: taken from the ID number, else 'U' (not stated). */
  sex: Sex.optional(),
  birthDate: IsoDate.nullish(),
  /** Resident ID number (18 characters; a lower-case x is fine). */
  idNumber: OptText(32),
  phone: OptText(40),
  /** Another identity document for someone without a resident ID (issue 16): its type and number, checked by the type's rule. */
  idDocType: z.enum(ID_DOC_TYPES).nullish(),
  idDocNumber: OptText(40),
};

const OtherFields = {
  address: OptText(200),
  insuranceType: InsuranceType.optional(),
  insuranceNo: OptText(40),
  allergies: OptText(500),
  /** Coded allergies (ingredient or drug class, with the reaction): replaces the stored list. */
  allergyList: AllergyListInput.optional(),
  emergencyName: OptText(50),
  emergencyPhone: OptText(40),
  /** Codes of the data dictionary (kinds marital_status, ethnicity, occupation); blank is none, an unknown code is refused. */
  maritalStatus: OptText(40),
  ethnicity: OptText(40),
  occupation: OptText(40),
};

const DuplicateConfirmation = {
  /** Save although a patient with the same ID number exists (see the module comment). */
  confirmDuplicate: z.boolean().default(false),
  acknowledgedDuplicateIds: z.array(Id).max(20).default([]),
};

export const DUPLICATE_REASONS = ['id_number', 'name_birth_date', 'name_phone'] as const;
export const DuplicateWarning = z.object({
  patientId: Id,
  recordNo: z.string(),
  name: z.string(),
  /** 'strong': same ID number; 'likely': same name and birth date or phone. */
  strength: z.enum(['strong', 'likely']),
  reasons: z.array(z.enum(DUPLICATE_REASONS)).min(1),
});
export type DuplicateWarningT = z.infer<typeof DuplicateWarning>;

export const PatientCard = z.object({
  id: Id,
  recordNo: z.string(),
  name: z.string(),
  sex: Sex,
  birthDate: IsoDate.nullable(),
  /** Completed years on the clinic's today; null without a birth date. */
  ageYears: z.number().int().nonnegative().nullable(),
  idNumber: z.string().nullable(),
  idDocType: z.enum(ID_DOC_TYPES).nullable(),
  idDocNumber: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  ethnicity: z.string().nullable(),
  occupation: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  insuranceType: InsuranceType,
  insuranceNo: z.string().nullable(),
  allergies: z.string().nullable(),
  allergyList: z.array(CodedAllergyView),
  emergencyName: z.string().nullable(),
  emergencyPhone: z.string().nullable(),
  /** Set when this record was merged into another one (open that one instead). */
  mergedInto: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type PatientCardT = z.infer<typeof PatientCard>;

export const SEARCH_KINDS = ['record_no', 'id_number', 'id_doc_number', 'phone', 'name', 'pinyin_initials', 'pinyin_full'] as const;
export const SearchKind = z.enum(SEARCH_KINDS);

export const PatientSummary = z.object({
  id: Id,
  recordNo: z.string(),
  name: z.string(),
  sex: Sex,
  birthDate: IsoDate.nullable(),
  ageYears: z.number().int().nonnegative().nullable(),
  /** '138****5678' (landlines: all but the last four digits hidden). */
  phoneMasked: z.string().nullable(),
  /** '110101********123X'. */
  idNumberMasked: z.string().nullable(),
  /** Which key found this patient. */
  matchedBy: SearchKind,
});
export type PatientSummaryT = z.infer<typeof PatientSummary>;

const Saved = z.object({ patient: PatientCard, warnings: z.array(DuplicateWarning) });

/** Rows moved by a merge, per table (see PATIENT_ROW_TABLES in ./reviews). */
export const MergeResult = z.object({ kept: PatientCard, merged: PatientCard, moved: PatientRowCounts });

export const patientsProcedures = {
  'patients.register': procedure({
    kind: 'command',
    access: ['receptionist'],
    summary:
      'Register a new patient. The ID number is checked (sex and birth date filled from it or checked against it), the phone normalised, a record number given. Returns likely-duplicate warnings; a duplicate ID number needs confirmDuplicate with the existing ids acknowledged.',
    input: z.object({ name: RequiredText(50), ...IdentityFields, ...OtherFields, ...DuplicateConfirmation }),
    output: Saved,
  }),
  'patients.update': procedure({
    kind: 'command',
    access: ['receptionist', 'doctor'],
    summary:
      'Edit a patient. Only the fields given change (null clears one). A new ID number fills sex and birth date unless they are given too, in which case they must agree.',
    input: z.object({
      id: Id,
      name: RequiredText(50).optional(),
      ...IdentityFields,
      ...OtherFields,
      ...DuplicateConfirmation,
    }),
    output: Saved,
  }),
  'patients.get': procedure({
    kind: 'query',
    access: ['receptionist', 'doctor', 'cashier'],
    summary: "A patient's card, in full. The read is audited.",
    input: z.object({ id: Id }),
    output: PatientCard,
  }),
  'patients.search': procedure({
    kind: 'query',
    access: ['receptionist', 'doctor', 'cashier', 'pharmacist'],
    summary:
      'Find patients by any part of the name, pinyin initials or full pinyin, phone (whole, its first 3+ or last 4+ digits), ID number (whole or 13+ leading digits), the number of another identity document (whole) or record number: the whole name first, then patients seen here most recently, then the rest. Merged records are left out.',
    input: z.object({
      q: z.string().trim().min(1).max(64),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    output: z.object({ items: z.array(PatientSummary), truncated: z.boolean() }),
  }),
  'patients.checkDuplicates': procedure({
    kind: 'query',
    access: ['receptionist'],
    summary:
      'While the registration form is being filled: patients who look like the same person (same ID number; same name and birth date; same name and phone). Unparseable fields are ignored.',
    input: z.object({
      name: Text(50).optional(),
      birthDate: IsoDate.nullish(),
      idNumber: OptText(32),
      phone: OptText(40),
      /** The patient being edited, left out of the answer. */
      excludeId: Id.optional(),
    }),
    output: z.object({ warnings: z.array(DuplicateWarning) }),
  }),
  'patients.merge': procedure({
    kind: 'command',
    access: ['admin', 'receptionist'],
    summary:
      'Merge a duplicate record into the one kept: every row of the merged patient (appointments, visits, bills, records, prescriptions, exams, admissions) moves to the kept one, the merged record points to it (merged_into), allergies are combined, and the merge is audited. Works offline and replicates.',
    input: z.object({ keepId: Id, mergeId: Id, reason: RequiredText(200) }),
    output: MergeResult,
  }),
  'patients.mergeLeftovers': procedure({
    kind: 'command',
    access: ['admin', 'receptionist'],
    summary:
      'Move rows still on a merged record (written offline at a desk that had not heard of the merge yet) to the record it was merged into. Moves what this desk holds; audited when anything moved.',
    input: z.object({ patientId: Id }),
    output: MergeResult,
  }),
  'patients.portalCode': procedure({
    kind: 'command',
    access: ['receptionist', 'admin'],
    at: 'hub',
    summary: "A one-time code (valid 72 hours, single use) with which the patient opens a patient-app account for this record; shown or printed at the desk, never stored in clear. Answers the patient app's address when the hub serves it, and the 80 mm slip to hand over (in `lang`): the only print of the code there can be. Audited.",
    input: z.object({ patientId: Id, lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
    output: z.object({
      code: z.string(),
      expiresAt: Instant,
      /** Where a phone on the clinic network opens the patient app; null when the hub serves none it can name. */
      patientAppUrl: z.string().nullable(),
      slip: z.object({ filename: z.string().min(1), mimeType: z.literal('application/pdf'), pdfBase64: z.string().min(1) }),
    }),
  }),
  'patients.printPortalCodeSlip': procedure({
    kind: 'command',
    access: ['receptionist', 'admin'],
    summary: "Send the activation slip patients.portalCode answered (a PDF made at the hub) to this station's printer. Checked to be a PDF of the slip's size; audited as a print of the patient's code slip. Printer trouble is an answer (printed: false with the reason), not an error.",
    input: z.object({
      patientId: Id,
      ...hubPdfToPrint(PORTAL_SLIP_MAX_BASE64),
    }),
    output: PrintedAnswer,
  }),
} as const;
