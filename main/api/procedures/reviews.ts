/**
 * Review tasks: what offline work could not prevent, found by the hub (main/hub/detect.ts) and
 * shown to a person with both sides visible, never silently dropped.
 *
 * - duplicate_patient: the same resident ID number on two (or more) live patient records,
 *   registered at different desks. Each record's main fields, where it was registered and how
 *   much hangs on it; a person merges them (`patients.merge`).
 * - session_overbooked: a roster session holding more seats than its capacity (two desks booked
 *   the last seat). The session and every booking holding a seat, with sessions that still have
 *   room for moving one; a person cancels or moves a booking (`appointments.cancel`,
 *   `appointments.reschedule`, `frontdesk.cancelVisit`).
 * - merged_patient_rows: rows written offline for a patient record after another desk had merged
 *   it away (the desk had not heard of the merge yet). A person moves them onto the record it was
 *   merged into (`patients.mergeLeftovers`).
 * - record_two_desks: one visit's medical record written at two desks while apart. The record is
 *   one row (keyed by its visit) with both desks' edits merged per field; each desk's own version
 *   is shown so the doctor can check the merged text, then marks it checked (`reviews.resolve`).
 * - stock_below_zero: offline desks dispensed more of a batch than it held (each took the last
 *   box). The batch's movements with desk and person; a pharmacist counts the shelf and records an
 *   adjustment with a reason (`pharmacy.adjust`), which brings it back to zero and resolves it.
 * - refused_change: a change a desk pushed that the hub's checks refused (main/hub/push-policy.ts):
 *   the device, table, row and why. Never appended; the desk keeps it set aside. A person looks
 *   at the desk (a wrong clock, a tampered PC) and marks the task handled with a note.
 *
 * A task resolves itself when the hub sees the problem gone. Runs at the hub (its typed tables);
 * for administrators and for reception, who meet duplicates and full sessions at the desk.
 */
import { z } from 'zod';
import {
  APPOINTMENT_SOURCES, APPOINTMENT_STATUSES, BILL_KINDS, BILL_STATUSES, PRESCRIPTION_STATUSES, SESSION_PERIODS, VISIT_STATUSES,
} from '../../domain/enums';
import { procedure } from '../define';
import { Id, Instant, IsoDate, RequiredText, Sex, PaymentMethod } from '../schemas';

export const REVIEW_KINDS = [
  'duplicate_patient', 'session_overbooked', 'merged_patient_rows', 'bill_overpaid', 'prescription_dispensed_twice', 'record_two_desks', 'stock_below_zero',
  'refused_change',
] as const;
export const ReviewKind = z.enum(REVIEW_KINDS);
/**
 * Kinds a person may mark handled (`reviews.resolve`). The others resolve themselves when the hub
 * sees the problem gone (a merge, a cancellation, a refund: money can always be given back).
 */
export const HANDLEABLE_KINDS = ['prescription_dispensed_twice', 'record_two_desks', 'refused_change'] as const;

/** Tables whose rows belong to one patient (a `patient_id` column) and move with a merge. */
export const PATIENT_ROW_TABLES = ['appointments', 'visits', 'bills', 'medical_records', 'prescriptions', 'exam_orders', 'admissions'] as const;
export type PatientRowTable = (typeof PATIENT_ROW_TABLES)[number];

const Count = z.number().int().nonnegative();
export const PatientRowCounts = z.object(Object.fromEntries(PATIENT_ROW_TABLES.map((t) => [t, Count])) as Record<PatientRowTable, typeof Count>);
export type PatientRowCountsT = z.infer<typeof PatientRowCounts>;

/** One side of a duplicate: the record as the hub holds it. */
export const ReviewPatient = z.object({
  id: Id,
  recordNo: z.string(),
  name: z.string(),
  sex: Sex,
  birthDate: IsoDate.nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  allergies: z.string().nullable(),
  registeredAt: Instant,
  /** The desk whose change inserted the record; null if the hub no longer knows. */
  registeredOn: z.string().nullable(),
  mergedInto: Id.nullable(),
  /** Rows hanging on this record. */
  rows: PatientRowCounts,
});
export type ReviewPatientT = z.infer<typeof ReviewPatient>;

export const ReviewSession = z.object({
  id: Id,
  date: IsoDate,
  period: z.enum(SESSION_PERIODS),
  doctorId: Id,
  doctorName: z.string(),
  departmentId: Id,
  departmentName: z.string(),
  departmentNameEn: z.string(),
  capacity: Count,
  /** Seats held now (appointments pending/confirmed/completed and walk-ins not cancelled). */
  held: Count,
  stopped: z.boolean(),
});

/** A booking holding a seat of the session: an appointment, or a walk-in visit. */
export const ReviewBooking = z.object({
  kind: z.enum(['appointment', 'walk_in']),
  /** The appointment's id, or the walk-in visit's. */
  id: Id,
  patientId: Id,
  patientName: z.string(),
  recordNo: z.string(),
  status: z.enum([...APPOINTMENT_STATUSES, ...VISIT_STATUSES]),
  source: z.enum(APPOINTMENT_SOURCES).nullable(),
  bookedAt: Instant,
  /** The desk that booked it. */
  bookedOn: z.string().nullable(),
});

/** A session of the same department, from the session's day on, that still has room. */
export const ReviewAlternative = z.object({
  id: Id, date: IsoDate, period: z.enum(SESSION_PERIODS), doctorName: z.string(), seatsLeft: Count,
});

/** An overpaid bill as the hub holds it now; `paidFen` is payments less refunds. */
export const ReviewBill = z.object({
  id: Id, visitId: Id, patientId: Id, patientName: z.string(), recordNo: z.string(),
  kind: z.enum(BILL_KINDS), status: z.enum(BILL_STATUSES),
  totalFen: Count, paidFen: z.number().int(), refundedFen: Count,
  /** What was taken beyond the total, 0 once refunded. */
  overFen: Count,
});

/** One payment of an overpaid bill: the desk and the cashier that took it. */
export const ReviewPayment = z.object({
  id: Id, receiptNo: z.string(), method: PaymentMethod, amountFen: Count, refundedFen: Count,
  cashierName: z.string(), device: z.string(), createdAt: Instant,
});

export const ReviewRefund = z.object({
  id: Id, refundNo: z.string(), paymentId: Id, method: PaymentMethod, amountFen: Count, reason: z.string(),
  cashierName: z.string(), device: z.string(), createdAt: Instant,
});

export const ReviewPrescription = z.object({
  id: Id, rxNo: z.string(), visitId: Id, patientId: Id, patientName: z.string(), recordNo: z.string(),
  status: z.enum(PRESCRIPTION_STATUSES), dispensedAt: Instant.nullable(),
});

/** A line of the prescription: how much was prescribed, how much is handed over now (dispensed less returned). */
export const ReviewRxLine = z.object({
  itemId: Id, drugId: Id, drugName: z.string(), spec: z.string(), unit: z.string(), prescribed: Count, dispensed: z.number().int(),
});

/** A dispense (negative quantity) or return (positive) of one of its lines: the desk and the person. */
export const ReviewStockMove = z.object({
  id: Id, itemId: Id, kind: z.enum(['dispense', 'return']), batchNo: z.string(), quantity: z.number().int(),
  byName: z.string(), device: z.string().nullable(), createdAt: Instant,
});

/** Who marked a task handled, when, and why (the audit row names the desk). */
export const ReviewHandled = z.object({ note: z.string(), byName: z.string(), at: Instant });

const TaskCommon = { key: z.string(), createdAt: Instant, updatedAt: Instant, resolvedAt: Instant.nullable() };

/** One desk's own version of a record written at two desks: that desk's changes alone, merged. */
export const ReviewRecordSide = z.object({
  device: z.string(), lastAt: Instant, complaint: z.string(), presentIllness: z.string(), pastHistory: z.string(), findings: z.string(), plan: z.string(),
});

/** The record as merged now. */
export const ReviewRecord = ReviewRecordSide.omit({ device: true, lastAt: true }).extend({
  id: Id, visitId: Id, patientId: Id, patientName: z.string(), recordNo: z.string(), doctorName: z.string(), status: z.string(),
});

/** A batch that stock movements took below zero, and the movements that took it there. */
export const ReviewBatch = z.object({
  id: Id, drugId: Id, drugName: z.string(), spec: z.string(), unit: z.string(), batchNo: z.string(), expiryDate: IsoDate, onHand: z.number().int(),
});
export const ReviewBatchMove = z.object({
  id: Id, kind: z.string(), quantity: z.number().int(), reason: z.string().nullable(), rxNo: z.string().nullable(), patientName: z.string().nullable(),
  byName: z.string(), device: z.string().nullable(), createdAt: Instant,
});

export const ReviewTaskView = z.discriminatedUnion('kind', [
  z.object({ ...TaskCommon, kind: z.literal('duplicate_patient'), idNumber: z.string(), patients: z.array(ReviewPatient) }),
  z.object({
    ...TaskCommon, kind: z.literal('session_overbooked'),
    session: ReviewSession.nullable(), bookings: z.array(ReviewBooking), alternatives: z.array(ReviewAlternative),
  }),
  z.object({ ...TaskCommon, kind: z.literal('merged_patient_rows'), patient: ReviewPatient.nullable(), into: ReviewPatient.nullable() }),
  z.object({
    ...TaskCommon, kind: z.literal('bill_overpaid'),
    bill: ReviewBill.nullable(), payments: z.array(ReviewPayment), refunds: z.array(ReviewRefund),
  }),
  z.object({
    ...TaskCommon, kind: z.literal('prescription_dispensed_twice'),
    prescription: ReviewPrescription.nullable(), lines: z.array(ReviewRxLine), movements: z.array(ReviewStockMove),
    handled: ReviewHandled.nullable(),
  }),
  z.object({
    ...TaskCommon, kind: z.literal('record_two_desks'),
    record: ReviewRecord.nullable(), sides: z.array(ReviewRecordSide), handled: ReviewHandled.nullable(),
  }),
  z.object({ ...TaskCommon, kind: z.literal('stock_below_zero'), batch: ReviewBatch.nullable(), movements: z.array(ReviewBatchMove) }),
  z.object({
    ...TaskCommon, kind: z.literal('refused_change'),
    device: z.string(), table: z.string(), rowId: z.string(), changeId: z.string(), op: z.string(),
    /** A sync refusal code (main/sync/protocol.ts SYNC_ERROR_CODES), and the hub's sentence. */
    code: z.string(), reason: z.string(), handled: ReviewHandled.nullable(),
  }),
]);
export type ReviewTaskViewT = z.infer<typeof ReviewTaskView>;

const ACCESS = ['admin', 'receptionist'] as const;

export const reviewsProcedures = {
  'reviews.list': procedure({
    kind: 'query',
    access: ACCESS,
    at: 'hub',
    summary: 'Review tasks found by the hub (duplicates, overbooked sessions, rows left on a merged record, bills paid twice, prescriptions dispensed twice, changes the hub refused), open ones first, each with both sides to decide on.',
    input: z.object({ includeResolved: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ items: z.array(ReviewTaskView), openCount: Count }),
  }),
  'reviews.get': procedure({
    kind: 'query',
    access: ACCESS,
    at: 'hub',
    summary: 'One review task by its key, with both sides as they are now.',
    input: z.object({ key: z.string().trim().min(1).max(200) }),
    output: ReviewTaskView,
  }),
  'reviews.resolve': procedure({
    kind: 'command',
    access: ['admin'],
    at: 'hub',
    summary: 'Mark a prescription dispensed twice (the extra cannot come back), a record written at two desks (the doctor has checked it) or a change the hub refused as handled, with a note; audited. Other kinds resolve themselves.',
    input: z.object({ key: z.string().trim().min(1).max(200), note: RequiredText(200) }),
    output: ReviewTaskView,
  }),
} as const;
