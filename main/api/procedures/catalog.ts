/**
 * Read-only master data for the screens: departments, doctors, roster sessions with their seats,
 * the clinic's public settings. Master data is written at the hub; there is nothing to change here.
 */
import { z } from 'zod';
import { EXAM_CATEGORIES, SESSION_PERIODS, STAFF_STATUSES } from '../../domain/enums';
import { procedure } from '../define';
import { Fen, Id, IsoDate, PaymentMethodBuiltIn } from '../schemas';

/** Longest date range one `catalog.sessions` call covers. */
export const MAX_SESSION_RANGE_DAYS = 31;

export const DepartmentView = z.object({ id: Id, code: z.string(), name: z.string(), nameEn: z.string() });

export const DoctorView = z.object({
  id: Id,
  name: z.string(),
  title: z.string(),
  specialty: z.string(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  registrationFeeFen: Fen,
  status: z.enum(STAFF_STATUSES),
});

export const SessionView = z.object({
  id: Id,
  date: IsoDate,
  period: z.enum(SESSION_PERIODS),
  doctorId: Id,
  doctorName: z.string(),
  doctorTitle: z.string(),
  /** The doctor's phone from the staff record (issue 16); null: none given. */
  doctorPhone: z.string().nullable(),
  registrationFeeFen: Fen,
  departmentId: Id,
  departmentName: z.string(),
  roomId: Id.nullable(),
  roomName: z.string().nullable(),
  capacity: z.number().int().nonnegative(),
  /** Seat-holding appointments plus walk-ins: "booked/capacity", e.g. 12/30. */
  booked: z.number().int().nonnegative(),
  seatsLeft: z.number().int().nonnegative(),
  stopped: z.boolean(),
  stopReason: z.string().nullable(),
  /** Before the clinic's today: not bookable. */
  past: z.boolean(),
});
export type SessionViewT = z.infer<typeof SessionView>;

export const ExamItemView = z.object({
  id: Id, code: z.string(), name: z.string(), nameEn: z.string(), category: z.enum(EXAM_CATEGORIES), priceFen: Fen,
});

export const catalogProcedures = {
  'catalog.examItems': procedure({
    kind: 'query',
    access: 'any',
    summary: 'Active exam items with their prices, for the order dialog; optionally one category.',
    input: z.object({ category: z.enum(EXAM_CATEGORIES).optional() }),
    output: z.object({ items: z.array(ExamItemView) }),
  }),
  'catalog.departments': procedure({
    kind: 'query',
    access: 'any',
    summary: 'Active departments.',
    input: z.object({}),
    output: z.object({ items: z.array(DepartmentView) }),
  }),
  'catalog.doctors': procedure({
    kind: 'query',
    access: 'any',
    summary: 'Doctors who have not left (on leave included, marked), with department, title and registration fee.',
    input: z.object({ departmentId: Id.optional() }),
    output: z.object({ items: z.array(DoctorView) }),
  }),
  'catalog.sessions': procedure({
    kind: 'query',
    access: 'any',
    summary: `Roster sessions from one date to another (at most ${MAX_SESSION_RANGE_DAYS} days), with booked count, seats left and stop notices.`,
    input: z.object({
      from: IsoDate,
      to: IsoDate,
      departmentId: Id.optional(),
      doctorId: Id.optional(),
      /** Only sessions that can be booked now: not stopped, not past, seats left (the booking picker). */
      bookableOnly: z.boolean().default(false),
    }),
    output: z.object({ items: z.array(SessionView) }),
  }),
  'catalog.settings': procedure({
    kind: 'query',
    access: 'any',
    summary: "The clinic's public settings: name, address, time zone, fee policy, payment methods taken, and today's date there.",
    input: z.object({}),
    output: z.object({
      clinicName: z.string(),
      clinicNameEn: z.string(),
      address: z.string(),
      phone: z.string(),
      timeZone: z.string(),
      /** The registration fee is collected at check-in. */
      feeAtCheckIn: z.boolean(),
      /** Payment methods the clinic takes (the payment form offers only these). */
      paymentMethods: z.array(PaymentMethodBuiltIn),
      today: IsoDate,
    }),
  }),
} as const;
