/**
 * The patient's side of the API: what a patient's phone may call on the hub's patient port
 * (main/hub/portal/server.ts). A contract apart from the staff one (main/api/contract.ts), in the
 * same shape (zod input and output per procedure); every name starts with `portal.` and nothing
 * else is reachable there. Access: 'public' (open or find an account, the clinic's booking
 * catalog) or 'patient' (a logged-in patient account; member and appointment ids are checked to
 * belong to it). The patient app imports this file (zod runs in the browser).
 */
import { z } from 'zod';
import { APPOINTMENT_STATUSES, BILL_KINDS, SESSION_PERIODS, SEXES } from '../domain/enums';
import type { ErrorBody } from '../domain/errors';
import { patientRecordProcedures } from './patient-records-contract';
import { Fen, Id, Instant, IsoDate, RequiredText } from './schemas';

/** 'kiosk': a self check-in kiosk the admin enrolled (its own HttpOnly cookie, from a kiosk token). */
export type PatientAccess = 'public' | 'patient' | 'kiosk';

export interface PatientProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: PatientAccess;
  readonly kind: 'query' | 'command';
  readonly summary: string;
}

function portalProcedure<I extends z.ZodType, O extends z.ZodType>(def: PatientProcedureDef<I, O>): PatientProcedureDef<I, O> {
  return def;
}

const Phone = z.string().trim().min(1).max(40);
/** The policy (main/domain/password.ts) is checked by the handler, so a weak one answers WEAK_PASSWORD. */
const Password = z.string().min(1).max(200);
const Name = RequiredText(50);
const IdNumber = z.string().trim().max(30);

export const MemberInput = z.strictObject({
  name: Name,
  /** A resident ID (checked as at the desk); without one, sex and birth date. */
  idNumber: IdNumber.optional(),
  sex: z.enum(SEXES).optional(),
  birthDate: IsoDate.optional(),
});

export const MemberView = z.object({
  id: Id,
  name: z.string(),
  /** The ID number with its middle masked, or null. */
  idNumberMasked: z.string().nullable(),
  self: z.boolean(),
  /** Created from the patient's own details: the desk checks the ID card at the first visit. */
  registeredByPatient: z.boolean(),
});

export const AccountView = z.object({
  phoneMasked: z.string(),
  members: z.array(MemberView),
});

export const BookingView = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  sessionId: Id,
  date: IsoDate,
  period: z.enum(SESSION_PERIODS),
  doctorName: z.string(),
  departmentName: z.string(),
  departmentNameEn: z.string(),
  feeFen: Fen,
  /** The session was stopped: its notice. */
  stopped: z.boolean(),
  stopReason: z.string().nullable(),
  /** Cancel and reschedule are open until then (the clinic's cut-off before the session starts). */
  changeableUntil: Instant,
  createdAt: Instant,
});

const SessionDay = z.object({
  sessionId: Id,
  date: IsoDate,
  period: z.enum(SESSION_PERIODS),
  seatsLeft: z.number().int().nonnegative(),
  stopped: z.boolean(),
  stopReason: z.string().nullable(),
});

/** A bill of a family member with money still to pay (its self-pay part). */
export const PortalBillView = z.object({
  billId: Id,
  memberId: Id,
  memberName: z.string(),
  kind: z.enum(BILL_KINDS),
  /** The visit's date (clinic-local). */
  visitDate: IsoDate,
  totalFen: Fen,
  /** What is left to pay online or at the counter. */
  dueFen: Fen,
  createdAt: Instant,
});

export const ONLINE_ORDER_STATES = ['created', 'paid', 'closed', 'refunded'] as const;

export const PayStatusView = z.object({
  outTradeNo: z.string(),
  billId: Id,
  amountFen: Fen,
  /** created: waiting for the payer; paid: the payment is written; closed: not paid in time (make a new one); refunded. */
  state: z.enum(ONLINE_ORDER_STATES),
});

/** Where a family member stands in today's queue (the hub's replica as the desks have synced it). */
export const QUEUE_STATES = ['unpaid', 'waiting', 'called', 'in_consultation', 'done', 'cancelled'] as const;
export const QueuePositionView = z.object({
  visitId: Id,
  memberId: Id,
  memberName: z.string(),
  date: IsoDate,
  queueNo: z.string(),
  doctorName: z.string(),
  departmentName: z.string(),
  roomName: z.string().nullable(),
  /** unpaid: the fee is still due before the doctor's queue shows the visit; called: called and not yet in. */
  state: z.enum(QUEUE_STATES),
  /** Patients in line before this one and not yet called (0 once called). */
  ahead: z.number().int().nonnegative(),
  calledAt: Instant.nullable(),
  callCount: z.number().int().nonnegative(),
});
export const QueueView = z.object({ date: IsoDate, items: z.array(QueuePositionView) });

/** How a patient identifies at the kiosk: the patient card's barcode (the record number), or phone + the ID number's last 4. */
export const KioskIdentity = z.union([
  z.strictObject({ barcode: z.string().trim().min(1).max(40) }),
  z.strictObject({ phone: Phone, idLast4: z.string().trim().regex(/^[0-9]{3}[0-9Xx]$/) }),
]);

export const KioskAppointmentView = z.object({
  appointmentId: Id,
  period: z.enum(SESSION_PERIODS),
  doctorName: z.string(),
  departmentName: z.string(),
  roomName: z.string().nullable(),
  feeFen: Fen,
  /** Already checked in (the desk or this kiosk). */
  checkedIn: z.boolean(),
});

export const KioskCheckInView = z.object({
  position: QueuePositionView,
  /** The registration fee still due (pay by QR here or at the counter), or null when nothing is due. */
  bill: z.object({ billId: Id, dueFen: Fen }).nullable(),
});

const Empty = z.strictObject({});
const Done = z.object({ ok: z.literal(true) });

export const patientProcedures = {
  'portal.register': portalProcedure({
    kind: 'command', access: 'public',
    summary: 'Open an account (mobile phone + password) for oneself: linked to the existing record when name and ID number match one, else a new record marked registered by the patient. Logs in.',
    input: z.strictObject({ phone: Phone, password: Password, name: Name, idNumber: RequiredText(30) }),
    output: AccountView,
  }),
  'portal.activate': portalProcedure({
    kind: 'command', access: 'public',
    summary: "Open an account for an existing record with the one-time code the front desk issued (single use, expires, throttled). Logs in.",
    input: z.strictObject({ code: z.string().trim().min(1).max(20), phone: Phone, password: Password }),
    output: AccountView,
  }),
  'portal.login': portalProcedure({
    kind: 'command', access: 'public',
    summary: 'Log in with phone and password (throttled, refusals audited); the session is an HttpOnly cookie.',
    input: z.strictObject({ phone: Phone, password: Password }),
    output: AccountView,
  }),
  'portal.logout': portalProcedure({ kind: 'command', access: 'patient', summary: 'End this session.', input: Empty, output: Done }),
  'portal.logoutEverywhere': portalProcedure({
    kind: 'command', access: 'patient', summary: "End every session of this account, on every phone.", input: Empty,
    output: z.object({ ended: z.number().int().nonnegative() }),
  }),
  'portal.me': portalProcedure({ kind: 'query', access: 'patient', summary: 'The account and its family members.', input: Empty, output: AccountView }),
  'portal.addMember': portalProcedure({
    kind: 'command', access: 'patient',
    summary: 'Add a family member: linked to the existing record when name and ID number match, else a new record marked registered by the patient.',
    input: MemberInput,
    output: AccountView,
  }),
  'portal.catalog': portalProcedure({
    kind: 'query', access: 'public',
    summary: "Active departments with their doctors (title, fee, patients' rating), and the clinic's booking notice and rules.",
    input: Empty,
    output: z.object({
      notice: z.string(),
      cancelCutoffMinutes: z.number().int(),
      bookingsPerDay: z.number().int(),
      today: IsoDate,
      departments: z.array(z.object({
        id: Id, name: z.string(), nameEn: z.string(),
        doctors: z.array(z.object({
          id: Id, name: z.string(), title: z.string(), specialty: z.string(), feeFen: Fen,
          /** Patients' ratings of finished visits (1–5): average and count; null before the first. */
          rating: z.object({ average: z.number().min(1).max(5), count: z.number().int().positive() }).nullable(),
        })),
      })),
    }),
  }),
  'portal.sessions': portalProcedure({
    kind: 'query', access: 'public',
    summary: "A doctor's sessions of today and the next 13 days, with seats left; stopped ones with their notice.",
    input: z.strictObject({ doctorId: Id }),
    output: z.object({ sessions: z.array(SessionDay) }),
  }),
  'portal.book': portalProcedure({
    kind: 'command', access: 'patient',
    summary: 'Book a seat for a family member (source online), at the hub: never past the last seat, within the daily limit.',
    input: z.strictObject({ memberId: Id, sessionId: Id }),
    output: BookingView,
  }),
  'portal.cancel': portalProcedure({
    kind: 'command', access: 'patient', summary: 'Cancel a booking, up to the cut-off before its session.',
    input: z.strictObject({ appointmentId: Id }),
    output: BookingView,
  }),
  'portal.reschedule': portalProcedure({
    kind: 'command', access: 'patient', summary: 'Move a booking to another session, up to the cut-off before the old one.',
    input: z.strictObject({ appointmentId: Id, sessionId: Id }),
    output: z.object({ cancelled: BookingView, booked: BookingView }),
  }),
  'portal.bookings': portalProcedure({
    kind: 'query', access: 'patient', summary: "The account's bookings (all members, or one), newest session first, with status.",
    input: z.strictObject({ memberId: Id.optional() }),
    output: z.object({ items: z.array(BookingView) }),
  }),
  'portal.bills': portalProcedure({
    kind: 'query', access: 'patient',
    summary: "The account's unpaid bills (registration fees and clinical bills of all members, or one) with what is due.",
    input: z.strictObject({ memberId: Id.optional() }),
    output: z.object({ items: z.array(PortalBillView) }),
  }),
  'portal.payOnline': portalProcedure({
    kind: 'command', access: 'patient',
    summary: "A QR code to pay what is due on one of the account's bills with Alipay; PAYMENT_GATEWAY_UNREACHABLE when the clinic cannot take online payment now (pay at the counter).",
    input: z.strictObject({ billId: Id }),
    output: z.object({ outTradeNo: z.string(), qrCode: z.string(), amountFen: Fen }),
  }),
  'portal.payStatus': portalProcedure({
    kind: 'query', access: 'patient',
    summary: "Whether an online payment of the account's went through (asks the gateway while it is open).",
    input: z.strictObject({ outTradeNo: z.string().trim().min(1).max(64) }),
    output: PayStatusView,
  }),
  ...patientRecordProcedures,
  'portal.queue': portalProcedure({
    kind: 'query', access: 'patient',
    summary: "Today's queue positions of the account's members (number, doctor, room, state, how many ahead); live on the patient port's socket.",
    input: Empty,
    output: QueueView,
  }),
  'portal.kioskEnroll': portalProcedure({
    kind: 'command', access: 'public',
    summary: "Makes this browser a self check-in kiosk with the token the admin issued (kept as an HttpOnly cookie; a wrong token is throttled and audited).",
    input: z.strictObject({ token: z.string().trim().min(20).max(100) }),
    output: z.object({ name: z.string() }),
  }),
  'portal.kioskFind': portalProcedure({
    kind: 'query', access: 'kiosk',
    summary: "Today's appointments of the patient identified by card barcode or phone + ID last 4 (throttled and audited per kiosk and address).",
    input: z.strictObject({ identity: KioskIdentity }),
    output: z.object({ maskedName: z.string(), appointments: z.array(KioskAppointmentView) }),
  }),
  'portal.kioskCheckIn': portalProcedure({
    kind: 'command', access: 'kiosk',
    summary: "Checks the identified patient in to one of today's appointments at the hub, as the desk would: a queue number and the fee to pay (QR or counter).",
    input: z.strictObject({ identity: KioskIdentity, appointmentId: Id }),
    output: KioskCheckInView,
  }),
  'portal.kioskPayOnline': portalProcedure({
    kind: 'command', access: 'kiosk',
    summary: "A QR code for the registration fee of a visit checked in today; PAYMENT_GATEWAY_UNREACHABLE: pay at the counter.",
    input: z.strictObject({ visitId: Id }),
    output: z.object({ outTradeNo: z.string(), qrCode: z.string(), amountFen: Fen }),
  }),
  'portal.kioskPayStatus': portalProcedure({
    kind: 'query', access: 'kiosk',
    summary: "Whether the kiosk's QR payment of a visit's registration fee went through.",
    input: z.strictObject({ visitId: Id, outTradeNo: z.string().trim().min(1).max(64) }),
    output: PayStatusView,
  }),
  'portal.kioskSlip': portalProcedure({
    kind: 'query', access: 'kiosk',
    summary: "The 80 mm queue slip of a visit checked in today (number, doctor, room, how many ahead), as a PDF in base64.",
    input: z.strictObject({ visitId: Id, lang: z.enum(['zh-CN', 'en']) }),
    output: z.object({ pdfBase64: z.string() }),
  }),
} as const;

export type PatientProcedures = typeof patientProcedures;
export type PatientProcedureName = keyof PatientProcedures;
export type PatientInput<N extends PatientProcedureName> = z.input<PatientProcedures[N]['input']>;
export type PatientParsedInput<N extends PatientProcedureName> = z.output<PatientProcedures[N]['input']>;
export type PatientOutput<N extends PatientProcedureName> = z.output<PatientProcedures[N]['output']>;
export type PatientResult<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export function isPatientProcedure(name: string): name is PatientProcedureName {
  return Object.hasOwn(patientProcedures, name);
}
