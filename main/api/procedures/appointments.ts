/**
 * Appointments: the front desk books a roster session that has seats left, confirms, cancels,
 * reschedules, marks no-shows. Check-in (→ completed) belongs to the front-desk procedures.
 *
 * Booking is refused for a stopped session (SESSION_STOPPED), a session whose date is before the
 * clinic's today (SESSION_PAST), a patient who already holds a seat in it (DUPLICATE_BOOKING) and
 * a full one (SESSION_FULL). A no-show can be recorded only once the session's day is over
 * (SESSION_NOT_OVER before). New appointments start 'pending'; a rescheduled one keeps the status
 * of the one it replaces.
 */
import { z } from 'zod';
import { APPOINTMENT_SOURCES, APPOINTMENT_STATUSES, SESSION_PERIODS } from '../../domain/enums';
import { procedure } from '../define';
import { Id, Instant, IsoDate, Page, RequiredText, Text } from '../schemas';

export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export const AppointmentSource = z.enum(APPOINTMENT_SOURCES);
export const SessionPeriod = z.enum(SESSION_PERIODS);

export const AppointmentView = z.object({
  id: Id,
  status: AppointmentStatus,
  source: AppointmentSource,
  note: z.string().nullable(),
  patientId: Id,
  patientName: z.string(),
  recordNo: z.string(),
  /** '138****5678', for calling the patient back. */
  phoneMasked: z.string().nullable(),
  sessionId: Id,
  date: IsoDate,
  period: SessionPeriod,
  doctorId: Id,
  doctorName: z.string(),
  departmentId: Id,
  departmentName: z.string(),
  roomName: z.string().nullable(),
  bookedBy: Id.nullable(),
  confirmedAt: Instant.nullable(),
  cancelledAt: Instant.nullable(),
  cancelReason: z.string().nullable(),
  rescheduledFrom: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type AppointmentViewT = z.infer<typeof AppointmentView>;

const Paged = z.object({ items: z.array(AppointmentView), hasMore: z.boolean() });
const ById = z.object({ id: Id });

export const appointmentsProcedures = {
  'appointments.book': procedure({
    kind: 'command',
    access: ['receptionist'],
    summary: 'Book a patient into a roster session that has seats left (pending until confirmed).',
    input: z.object({
      patientId: Id,
      sessionId: Id,
      source: AppointmentSource.default('phone'),
      note: Text(200).optional(),
    }),
    output: AppointmentView,
  }),
  'appointments.confirm': procedure({
    kind: 'command',
    access: ['receptionist'],
    summary: 'Confirm a pending appointment (the patient confirmed by phone or at the counter).',
    input: ById,
    output: AppointmentView,
  }),
  'appointments.cancel': procedure({
    kind: 'command',
    access: ['receptionist'],
    summary: 'Cancel a pending or confirmed appointment, with the reason; its seat is freed.',
    input: z.object({ id: Id, reason: RequiredText(200) }),
    output: AppointmentView,
  }),
  'appointments.noShow': procedure({
    kind: 'command',
    access: ['receptionist'],
    summary: "Record that the patient of a confirmed appointment did not come; only after the session's day.",
    input: ById,
    output: AppointmentView,
  }),
  'appointments.reschedule': procedure({
    kind: 'command',
    access: ['receptionist'],
    summary:
      'Move an appointment to another session: the old one is cancelled and a new one booked (linked by rescheduledFrom), both or neither.',
    input: z.object({ id: Id, sessionId: Id, reason: Text(200).optional() }),
    output: z.object({ cancelled: AppointmentView, booked: AppointmentView }),
  }),
  'appointments.day': procedure({
    kind: 'query',
    access: ['receptionist', 'doctor'],
    summary: "A day's appointments for the desk, by session (morning first), optionally one doctor, department or status.",
    input: z.object({
      date: IsoDate,
      doctorId: Id.optional(),
      departmentId: Id.optional(),
      status: AppointmentStatus.optional(),
      ...Page.shape,
    }),
    output: Paged,
  }),
  'appointments.forPatient': procedure({
    kind: 'query',
    access: ['receptionist', 'doctor'],
    summary: "A patient's appointments, latest session first. The read is audited.",
    input: z.object({ patientId: Id, ...Page.shape }),
    output: Paged,
  }),
} as const;
