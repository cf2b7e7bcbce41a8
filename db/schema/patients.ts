/** Patients, appointments and visits: the front desk's data. */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  APPOINTMENT_SOURCES, APPOINTMENT_STATUSES, FEE_STATUSES, ID_DOC_TYPES, INSURANCE_TYPES, SEXES, VISIT_STATUSES, VISIT_TYPES,
} from '../../main/domain/enums';
import { fen, flag, id, instant, isoDate, ref, stamps } from './columns';
import { departments, rosterSessions, staff } from './organisation';

export const patients = sqliteTable('patients', {
  id: id(),
  recordNo: text('record_no').notNull(),
  name: text('name').notNull(),
  sex: text('sex', { enum: SEXES }).notNull(),
  birthDate: isoDate('birth_date'),
  idNumber: text('id_number'),
  /** Another identity document for someone without a resident ID: its type and number (main/domain/idDocuments.ts). */
  idDocType: text('id_doc_type', { enum: ID_DOC_TYPES }),
  idDocNumber: text('id_doc_number'),
  /** Codes of the data dictionary (dictionary_entries of kind marital_status, ethnicity, occupation); null: not told. */
  maritalStatus: text('marital_status'),
  ethnicity: text('ethnicity'),
  occupation: text('occupation'),
  phone: text('phone'),
  /** The phone number reversed, so "last four digits" is an indexed prefix search. */
  phoneRev: text('phone_rev'),
  address: text('address'),
  insuranceType: text('insurance_type', { enum: INSURANCE_TYPES }).notNull().default('self_pay'),
  insuranceNo: text('insurance_no'),
  /** The allergy history as told, free text (kept as written). */
  allergies: text('allergies'),
  /** Coded allergies, JSON (CodedAllergy[] of main/domain/allergies.ts): what prescribing is checked against. */
  allergyList: text('allergy_list'),
  emergencyName: text('emergency_name'),
  emergencyPhone: text('emergency_phone'),
  pinyinFull: text('pinyin_full').notNull(),
  pinyinInitials: text('pinyin_initials').notNull(),
  /** Set when this patient was merged into another (a duplicate); searches skip it. */
  mergedInto: ref('merged_into'),
  ...stamps(),
}, (t) => [
  uniqueIndex('patients_record_no').on(t.recordNo),
  index('patients_name').on(t.name),
  index('patients_pinyin_initials').on(t.pinyinInitials),
  index('patients_pinyin_full').on(t.pinyinFull),
  index('patients_phone').on(t.phone),
  index('patients_phone_rev').on(t.phoneRev),
  index('patients_id_number').on(t.idNumber),
  index('patients_id_doc_number').on(t.idDocNumber),
]);

export const appointments = sqliteTable('appointments', {
  id: id(),
  patientId: ref('patient_id').notNull().references(() => patients.id),
  sessionId: ref('session_id').notNull().references(() => rosterSessions.id),
  status: text('status', { enum: APPOINTMENT_STATUSES }).notNull(),
  source: text('source', { enum: APPOINTMENT_SOURCES }).notNull(),
  note: text('note'),
  bookedBy: ref('booked_by'),
  confirmedAt: instant('confirmed_at'),
  cancelledAt: instant('cancelled_at'),
  cancelReason: text('cancel_reason'),
  /** The appointment this one was moved from, when rescheduled. */
  rescheduledFrom: ref('rescheduled_from'),
  ...stamps(),
}, (t) => [
  index('appointments_session').on(t.sessionId, t.status),
  index('appointments_patient').on(t.patientId),
]);

export const visits = sqliteTable('visits', {
  id: id(),
  patientId: ref('patient_id').notNull().references(() => patients.id),
  /** Local clinic date of the visit, 'YYYY-MM-DD'. */
  visitDate: isoDate('visit_date').notNull(),
  sessionId: ref('session_id').references(() => rosterSessions.id),
  appointmentId: ref('appointment_id').references(() => appointments.id),
  doctorId: ref('doctor_id').notNull().references(() => staff.id),
  departmentId: ref('department_id').notNull().references(() => departments.id),
  queueNo: text('queue_no').notNull(),
  /** Order within the doctor's queue of the day (check-in time, ms). Skipping moves it back. */
  queueOrder: integer('queue_order').notNull(),
  visitType: text('visit_type', { enum: VISIT_TYPES }).notNull(),
  followUpOf: ref('follow_up_of'),
  priority: flag('priority').notNull().default(false),
  priorityReason: text('priority_reason'),
  status: text('status', { enum: VISIT_STATUSES }).notNull(),
  feeFen: fen('fee_fen').notNull(),
  feeStatus: text('fee_status', { enum: FEE_STATUSES }).notNull(),
  checkedInAt: instant('checked_in_at').notNull(),
  calledAt: instant('called_at'),
  callCount: integer('call_count').notNull().default(0),
  consultStartedAt: instant('consult_started_at'),
  consultEndedAt: instant('consult_ended_at'),
  dischargedAt: instant('discharged_at'),
  cancelledAt: instant('cancelled_at'),
  cancelReason: text('cancel_reason'),
  ...stamps(),
}, (t) => [
  index('visits_queue').on(t.doctorId, t.visitDate, t.status),
  index('visits_patient').on(t.patientId, t.checkedInAt),
  index('visits_date').on(t.visitDate, t.departmentId),
]);
