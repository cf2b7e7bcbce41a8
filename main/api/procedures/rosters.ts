/**
 * Rosters (hub administration): doctors' weekly templates, holidays, generating roster sessions
 * for a range of dates, editing one session's capacity or room, stopping a session with a
 * reason, and the list of booked patients the desk must phone. Everything but the call list runs
 * at the hub, for admins only; the call list runs on any station's replica.
 *
 * Refusals: ROSTER_CONFLICT {conflicts} when a session would put a doctor in two overlapping
 * periods of a day or two doctors in one room; CAPACITY_BELOW_BOOKINGS {booked, capacity,
 * bookings} when a capacity below the seats held is asked without an `overflow` decision;
 * SESSION_PAST, SESSION_STOPPED for sessions that can no longer change.
 */
import { z } from 'zod';
import { MAX_CALENDAR_DAYS, MAX_CAPACITY, MAX_GENERATE_DAYS, MIN_CAPACITY } from '../../domain/roster';
import { procedure } from '../define';
import { Id, Instant, IsoDate, RequiredText } from '../schemas';
import { AppointmentSource, AppointmentStatus, SessionPeriod } from './appointments';
import { SessionView } from './catalog';

export { MAX_CALENDAR_DAYS, MAX_GENERATE_DAYS } from '../../domain/roster';
/** Longest range of one holidays list. */
export const MAX_HOLIDAY_RANGE_DAYS = 400;

const Weekday = z.number().int().min(1).max(7);
const Capacity = z.number().int().min(MIN_CAPACITY).max(MAX_CAPACITY);

export const TemplateView = z.object({
  id: Id,
  doctorId: Id,
  doctorName: z.string(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: Weekday,
  period: SessionPeriod,
  roomId: Id.nullable(),
  roomName: z.string().nullable(),
  capacity: z.number().int().nonnegative(),
  active: z.boolean(),
  updatedAt: Instant,
});
export type TemplateViewT = z.infer<typeof TemplateView>;

export const HolidayView = z.object({ id: Id, date: IsoDate, name: z.string() });

/** One booked patient of a session, for the desk to phone. */
export const CallListEntry = z.object({
  appointmentId: Id,
  patientId: Id,
  patientName: z.string(),
  recordNo: z.string(),
  /** The full number: the desk dials it. */
  phone: z.string().nullable(),
  status: AppointmentStatus,
  source: AppointmentSource,
  /** Order of booking within the session (1 = booked first). */
  bookingNo: z.number().int().positive(),
  bookedAt: Instant,
  /** 'stopped': the session was stopped; 'capacity_reduced': cancelled when its capacity was cut; 'booked': still booked. */
  reason: z.enum(['booked', 'stopped', 'capacity_reduced']),
});
export type CallListEntryT = z.infer<typeof CallListEntry>;

const ById = z.object({ id: Id });

export const rostersProcedures = {
  'rosters.templates': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: "Weekly roster templates, one doctor's or all, by doctor, weekday and period; inactive ones on request.",
    input: z.object({ doctorId: Id.optional(), includeInactive: z.boolean().default(false) }),
    output: z.object({ items: z.array(TemplateView) }),
  }),
  'rosters.createTemplate': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: 'Add a weekly template: an active doctor on an ISO weekday (1 = Monday) and period, in an active room, with a capacity.',
    input: z.object({ doctorId: Id, weekday: Weekday, period: SessionPeriod, roomId: Id.nullable().default(null), capacity: Capacity }),
    output: TemplateView,
  }),
  'rosters.updateTemplate': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: "Change a template's weekday, period, room or capacity; sessions already generated keep theirs.",
    input: z.object({ id: Id, weekday: Weekday.optional(), period: SessionPeriod.optional(), roomId: Id.nullable().optional(), capacity: Capacity.optional() }),
    output: TemplateView,
  }),
  'rosters.deactivateTemplate': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: 'Stop using a template for new generations (sessions already generated stay).',
    input: ById,
    output: TemplateView,
  }),
  'rosters.holidays': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: `Holidays from one date to another (at most ${MAX_HOLIDAY_RANGE_DAYS} days), by date.`,
    input: z.object({ from: IsoDate, to: IsoDate }),
    output: z.object({ items: z.array(HolidayView) }),
  }),
  'rosters.addHoliday': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: 'Mark a date as a holiday: generation skips it (sessions already on it are not touched).',
    input: z.object({ date: IsoDate, name: RequiredText(50) }),
    output: HolidayView,
  }),
  'rosters.removeHoliday': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: 'The clinic opens on this date after all: generation no longer skips it (adding it again restores it).',
    input: ById,
    output: z.object({ id: Id, date: IsoDate }),
  }),
  'rosters.generate': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary:
      `Create roster sessions from the active templates for each date of a range (at most ${MAX_GENERATE_DAYS} days, from today on), ` +
      'skipping holidays and sessions that already exist; refused as a whole when any new session would clash.',
    input: z.object({ from: IsoDate, to: IsoDate, doctorIds: z.array(Id).min(1).max(200).optional() }),
    output: z.object({
      created: z.number().int().nonnegative(),
      skippedHolidays: z.array(IsoDate),
      skippedExisting: z.number().int().nonnegative(),
      /** Templates not used: their doctor is not active staff with a department, or their room is inactive. */
      skippedTemplates: z.array(z.object({ templateId: Id, reason: z.enum(['doctor_inactive', 'no_department', 'room_inactive']) })),
    }),
  }),
  'rosters.sessions': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: `The admin calendar: roster sessions from one date to another (at most ${MAX_CALENDAR_DAYS} days) with booked/capacity and stops.`,
    input: z.object({ from: IsoDate, to: IsoDate, doctorId: Id.optional(), departmentId: Id.optional() }),
    output: z.object({ items: z.array(SessionView) }),
  }),
  'rosters.updateSession': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary:
      "Change a coming session's capacity or room. Below the seats held, say what happens: 'keep' (stay overbooked) " +
      "or 'cancel_latest' (the latest bookings are cancelled and go on the call list).",
    input: z.object({
      sessionId: Id,
      capacity: Capacity.optional(),
      roomId: Id.nullable().optional(),
      overflow: z.enum(['keep', 'cancel_latest']).optional(),
    }),
    output: z.object({ session: SessionView, cancelled: z.array(CallListEntry) }),
  }),
  'rosters.stop': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: 'Stop a coming session with a reason: every desk gets the notice; answers the booked patients to phone.',
    input: z.object({ sessionId: Id, reason: RequiredText(200) }),
    output: z.object({ session: SessionView, callList: z.array(CallListEntry) }),
  }),
  'rosters.callList': procedure({
    kind: 'query', access: ['receptionist', 'admin'],
    summary: "The patients to phone about a session: its live bookings, and those cancelled when its capacity was cut. The read is audited.",
    input: z.object({ sessionId: Id }),
    output: z.object({ session: SessionView, items: z.array(CallListEntry) }),
  }),
} as const;
