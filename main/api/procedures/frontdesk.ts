/**
 * The front desk: check in an appointment or register a walk-in (a visit with a queue number),
 * cancel a waiting visit, and the day's visits.
 *
 * - Check-in: the appointment (of today's session) → completed, and a visit is made for its
 *   patient, doctor and session. Walk-in: a session of today with seats left (`sessionId`), or a
 *   doctor of today (`doctorId`: the doctor's session of the current half-day with seats left,
 *   else any of their sessions of today with seats left).
 * - Queue number: the doctor's next of the day ('001', '002' …, main/domain/queue-numbers.ts),
 *   whichever desk checks in; two desks apart that give one number have it settled at the hub
 *   (the later arrival renumbered, every desk told). Queue order = check-in time.
 * - First visit or follow-up: a follow-up links `followUpOf` to an earlier visit of the same
 *   patient (given, or the patient's latest earlier visit when left out).
 * - Priority (elderly, disabled, emergency …) needs its reason.
 * - Fee: the doctor's registration fee. With the clinic policy `feeAtCheckIn` (default on) the
 *   visit's fee is 'unpaid' and a registration bill is opened; the check-in may carry a payment
 *   that settles it at once. With the policy off, or a fee of 0, the fee is 'not_required' here
 *   and a non-zero fee is billed with the clinical bill. Doctors' queues show only visits whose fee
 *   is settled ('paid' or 'not_required').
 * - Cancel (退号): waiting → cancelled; a paid registration fee is refunded to the way it was paid
 *   (refund rows with the reason), an unpaid registration bill is voided.
 * Lists show names and record numbers without an audit entry (as patient search does); opening
 * one visit (`frontdesk.visit`) is audited.
 */
import { z } from 'zod';
import { FEE_STATUSES, VISIT_STATUSES, VISIT_TYPES } from '../../domain/enums';
import { procedure } from '../define';
import { DictionaryCode } from './dictionary';
import { Fen, Id, Instant, IsoDate, Page, RequiredText, Sex } from '../schemas';
import { BillView, PaymentView, RefundView } from './billing-schemas';
import { IdempotencyKey, PaymentRequest } from './billing-schemas';

export const VisitView = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  patientSex: Sex,
  recordNo: z.string(),
  birthDate: IsoDate.nullable(),
  visitDate: IsoDate,
  sessionId: Id.nullable(),
  appointmentId: Id.nullable(),
  doctorId: Id,
  doctorName: z.string(),
  departmentId: Id,
  departmentName: z.string(),
  roomName: z.string().nullable(),
  queueNo: z.string(),
  queueOrder: z.number().int(),
  visitType: z.enum(VISIT_TYPES),
  followUpOf: Id.nullable(),
  priority: z.boolean(),
  /** A priority_reason code of the data dictionary (a built-in one, or the clinic's). */
  priorityReason: z.string().nullable(),
  status: z.enum(VISIT_STATUSES),
  feeFen: Fen,
  feeStatus: z.enum(FEE_STATUSES),
  checkedInAt: Instant,
  calledAt: Instant.nullable(),
  callCount: z.number().int().nonnegative(),
  consultStartedAt: Instant.nullable(),
  consultEndedAt: Instant.nullable(),
  dischargedAt: Instant.nullable(),
  cancelledAt: Instant.nullable(),
  cancelReason: z.string().nullable(),
  /** A prescription of this visit is issued or paid and not yet dispensed (the patient still waits for her drugs). */
  drugsPending: z.boolean(),
});
export type VisitViewT = z.input<typeof VisitView>;

/** A payment taken with the check-in; amount left out = the whole registration fee. */
const CheckInPayment = PaymentRequest.extend({ amountFen: PaymentRequest.shape.amountFen.optional(), idempotencyKey: IdempotencyKey });

const VisitOptions = {
  visitType: z.enum(VISIT_TYPES).default('first'),
  /** Follow-up only: the earlier visit; left out = the patient's latest earlier visit. */
  followUpOf: Id.optional(),
  priority: z.boolean().default(false),
  /** An active priority_reason code of the data dictionary (a built-in one while the clinic has none): else VALIDATION {reason: 'unknown_code' | 'inactive'}. */
  priorityReason: DictionaryCode.optional(),
  payment: CheckInPayment.optional(),
};

const Registered = z.object({ visit: VisitView, bill: BillView.nullable(), payment: PaymentView.nullable() });

export const frontdeskProcedures = {
  'frontdesk.checkIn': procedure({
    kind: 'command',
    durable: 'withPayment',
    access: ['receptionist'],
    summary: "Check in today's appointment: appointment → completed, a visit with a queue number, the registration fee billed (and paid if a payment is given).",
    input: z.object({ appointmentId: Id, ...VisitOptions }),
    output: Registered,
  }),
  'frontdesk.walkIn': procedure({
    kind: 'command',
    durable: 'withPayment',
    access: ['receptionist'],
    summary: "Register a walk-in for a session of today with seats left, or a doctor of today: a visit with a queue number and its fee.",
    input: z
      .object({ patientId: Id, sessionId: Id.optional(), doctorId: Id.optional(), ...VisitOptions })
      .refine((v) => (v.sessionId === undefined) !== (v.doctorId === undefined), {
        message: 'give a session or a doctor, not both',
        path: ['sessionId'],
      }),
    output: Registered,
  }),
  'frontdesk.cancelVisit': procedure({
    kind: 'command',
    durable: true,
    access: ['receptionist'],
    summary: 'Cancel a waiting visit (退号): a paid registration fee is refunded the way it was paid, an unpaid one voided.',
    input: z.object({ visitId: Id, reason: RequiredText(200) }),
    output: z.object({ visit: VisitView, refunds: z.array(RefundView) }),
  }),
  'frontdesk.today': procedure({
    kind: 'query',
    access: ['receptionist', 'cashier'],
    summary: "Today's visits at the desk, in queue order per doctor; filter by doctor, status or unpaid fee.",
    input: z.object({
      doctorId: Id.optional(),
      status: z.enum(VISIT_STATUSES).optional(),
      feeStatus: z.enum(FEE_STATUSES).optional(),
      page: Page.default({ limit: 50, offset: 0 }),
    }),
    output: z.object({ date: IsoDate, items: z.array(VisitView), total: z.number().int().nonnegative() }),
  }),
  'frontdesk.visit': procedure({
    kind: 'query',
    access: ['receptionist', 'cashier', 'doctor'],
    summary: 'One visit (audited).',
    input: z.object({ visitId: Id }),
    output: VisitView,
  }),
} as const;
