/** The consult room's data: records, diagnoses, prescriptions, exams, beds. */
import { sqliteTable, text, integer, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  ADMISSION_STATUSES, DRUG_FREQUENCIES, DRUG_ROUTES, EXAM_CATEGORIES, EXAM_ORDER_STATUSES, PRESCRIPTION_STATUSES,
  RECORD_STATUSES,
} from '../../main/domain/enums';
import { fen, flag, id, instant, ref, stamps } from './columns';
import { departments, staff } from './organisation';
import { patients, visits } from './patients';
import { drugs } from './pharmacy';

export const medicalRecords = sqliteTable('medical_records', {
  id: id(),
  visitId: ref('visit_id').notNull().references(() => visits.id),
  patientId: ref('patient_id').notNull().references(() => patients.id),
  doctorId: ref('doctor_id').notNull().references(() => staff.id),
  complaint: text('complaint').notNull().default(''),
  presentIllness: text('present_illness').notNull().default(''),
  pastHistory: text('past_history').notNull().default(''),
  findings: text('findings').notNull().default(''),
  plan: text('plan').notNull().default(''),
  status: text('status', { enum: RECORD_STATUSES }).notNull(),
  signedAt: instant('signed_at'),
  signedBy: ref('signed_by'),
  ...stamps(),
}, (t) => [uniqueIndex('medical_records_visit').on(t.visitId), index('medical_records_patient').on(t.patientId)]);

/** After signing, a record changes only by amendments: insert-only rows. */
export const recordAmendments = sqliteTable('record_amendments', {
  id: id(),
  recordId: ref('record_id').notNull().references(() => medicalRecords.id),
  field: text('field').notNull(),
  previousText: text('previous_text').notNull(),
  newText: text('new_text').notNull(),
  reason: text('reason').notNull(),
  authorId: ref('author_id').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('record_amendments_record').on(t.recordId)]);

export const diagnoses = sqliteTable('diagnoses', {
  id: id(),
  recordId: ref('record_id').notNull().references(() => medicalRecords.id),
  visitId: ref('visit_id').notNull().references(() => visits.id),
  icd10: text('icd10').notNull(),
  text: text('text').notNull(),
  isPrimary: flag('is_primary').notNull().default(false),
  seq: integer('seq').notNull(),
  /** Removed from a draft record (rows are never deleted, so removal replicates). */
  removed: flag('removed').notNull().default(false),
  ...stamps(),
}, (t) => [index('diagnoses_record').on(t.recordId), index('diagnoses_icd10').on(t.icd10)]);

export const prescriptions = sqliteTable('prescriptions', {
  id: id(),
  rxNo: text('rx_no').notNull(),
  visitId: ref('visit_id').notNull().references(() => visits.id),
  patientId: ref('patient_id').notNull().references(() => patients.id),
  doctorId: ref('doctor_id').notNull().references(() => staff.id),
  status: text('status', { enum: PRESCRIPTION_STATUSES }).notNull(),
  note: text('note'),
  issuedAt: instant('issued_at'),
  reviewedBy: ref('reviewed_by'),
  dispensedAt: instant('dispensed_at'),
  dispensedBy: ref('dispensed_by'),
  cancelledAt: instant('cancelled_at'),
  /** Why the prescriber voided it (null on prescriptions voided before reasons were asked). */
  cancelReason: text('cancel_reason'),
  /** Why it was issued despite its safety stops (allergy, duplicate, dose above maximum); null: none. */
  overrideReason: text('override_reason'),
  /** The stops overridden, as JSON (RxStop[] of main/domain/rx-safety.ts), for the pharmacist and the print. */
  overrideStops: text('override_stops'),
  ...stamps(),
}, (t) => [
  uniqueIndex('prescriptions_rx_no').on(t.rxNo),
  index('prescriptions_visit').on(t.visitId),
  index('prescriptions_status').on(t.status, t.issuedAt),
]);

export const prescriptionItems = sqliteTable('prescription_items', {
  id: id(),
  prescriptionId: ref('prescription_id').notNull().references(() => prescriptions.id),
  drugId: ref('drug_id').notNull().references(() => drugs.id),
  seq: integer('seq').notNull(),
  dose: real('dose').notNull(),
  doseUnit: text('dose_unit').notNull(),
  frequency: text('frequency', { enum: DRUG_FREQUENCIES }).notNull(),
  route: text('route', { enum: DRUG_ROUTES }).notNull(),
  days: integer('days').notNull(),
  /** In the drug's dispensing unit (box, bottle). */
  quantity: integer('quantity').notNull(),
  unitPriceFen: fen('unit_price_fen').notNull(),
  amountFen: fen('amount_fen').notNull(),
  note: text('note'),
  removed: flag('removed').notNull().default(false),
  ...stamps(),
}, (t) => [index('prescription_items_prescription').on(t.prescriptionId), index('prescription_items_drug').on(t.drugId)]);

export const examItems = sqliteTable('exam_items', {
  id: id(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  category: text('category', { enum: EXAM_CATEGORIES }).notNull(),
  priceFen: fen('price_fen').notNull(),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [uniqueIndex('exam_items_code').on(t.code)]);

export const examOrders = sqliteTable('exam_orders', {
  id: id(),
  visitId: ref('visit_id').notNull().references(() => visits.id),
  patientId: ref('patient_id').notNull().references(() => patients.id),
  examItemId: ref('exam_item_id').notNull().references(() => examItems.id),
  orderedBy: ref('ordered_by').notNull(),
  status: text('status', { enum: EXAM_ORDER_STATUSES }).notNull(),
  priceFen: fen('price_fen').notNull(),
  note: text('note'),
  result: text('result'),
  ...stamps(),
}, (t) => [index('exam_orders_visit').on(t.visitId), index('exam_orders_status').on(t.status)]);

export const wards = sqliteTable('wards', {
  id: id(),
  name: text('name').notNull(),
  departmentId: ref('department_id').references(() => departments.id),
  dailyRateFen: fen('daily_rate_fen').notNull().default(0),
  active: flag('active').notNull().default(true),
  ...stamps(),
});

export const beds = sqliteTable('beds', {
  id: id(),
  wardId: ref('ward_id').notNull().references(() => wards.id),
  label: text('label').notNull(),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [index('beds_ward').on(t.wardId)]);

export const admissions = sqliteTable('admissions', {
  id: id(),
  patientId: ref('patient_id').notNull().references(() => patients.id),
  visitId: ref('visit_id').notNull().references(() => visits.id),
  bedId: ref('bed_id').notNull().references(() => beds.id),
  status: text('status', { enum: ADMISSION_STATUSES }).notNull(),
  admittedBy: ref('admitted_by').notNull(),
  admittedAt: instant('admitted_at').notNull(),
  dischargedAt: instant('discharged_at'),
  dischargeNote: text('discharge_note'),
  ...stamps(),
}, (t) => [index('admissions_bed').on(t.bedId, t.status), index('admissions_patient').on(t.patientId)]);

/**
 * Vital signs taken at a visit: several readings per visit, each with its time and who took it
 * (a receptionist or the doctor). Insert-only: a wrong reading is followed by a new one, never
 * rewritten. No patient_id: the visit names the patient, so merging patients moves nothing here. Each value is optional (null: not measured). Checked by main/domain/vitals.ts.
 */
export const vitalSigns = sqliteTable('vital_signs', {
  id: id(),
  visitId: ref('visit_id').notNull().references(() => visits.id),
  /** °C, one decimal. */
  temperatureC: real('temperature_c'),
  systolic: integer('systolic'),
  diastolic: integer('diastolic'),
  /** Beats a minute. */
  pulse: integer('pulse'),
  /** Breaths a minute. */
  respiration: integer('respiration'),
  /** Percent. */
  spo2: integer('spo2'),
  weightKg: real('weight_kg'),
  heightCm: real('height_cm'),
  takenAt: instant('taken_at').notNull(),
  takenBy: ref('taken_by').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('vital_signs_visit').on(t.visitId)]);

/**
 * Record templates per department (master data, written at the hub): the text a doctor starts a
 * record from. Picking one fills the record's empty fields only.
 */
export const recordTemplates = sqliteTable('record_templates', {
  id: id(),
  departmentId: ref('department_id').notNull().references(() => departments.id),
  name: text('name').notNull(),
  complaint: text('complaint').notNull().default(''),
  presentIllness: text('present_illness').notNull().default(''),
  pastHistory: text('past_history').notNull().default(''),
  findings: text('findings').notNull().default(''),
  plan: text('plan').notNull().default(''),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [index('record_templates_department').on(t.departmentId)]);
