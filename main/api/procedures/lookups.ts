/**
 * Lookups at the hub (administration): read-only lists over the hub's typed copies of the
 * replicated tables — patients, appointments, visits, money and the audit trail — each paged by
 * a keyset cursor in a stable order, each call audited as a read. Dates are clinic-local days
 * ('YYYY-MM-DD', both ends included, at most 366 days); times UTC ms; money integer fen.
 */
import { z } from 'zod';
import {
  APPOINTMENT_SOURCES, APPOINTMENT_STATUSES, AUDIT_ACTIONS, BILL_KINDS, BILL_STATUSES, SEXES, VISIT_STATUSES, VISIT_TYPES,
} from '../../domain/enums';
import { procedure } from '../define';
import { Fen, Id, Instant, IsoDate, PaymentMethod } from '../schemas';

/** The lists `lookup.export` can write. */
export const LOOKUP_LISTS = ['patients', 'appointments', 'visits', 'money', 'audit'] as const;
export type LookupList = (typeof LOOKUP_LISTS)[number];
/** What `lookup.money` lists. */
export const MONEY_KINDS = ['payments', 'refunds', 'bills'] as const;
/** A payment's or refund's state: `open` until its cashier's day close takes it in. */
export const LEDGER_STATES = ['open', 'closed'] as const;

/** The page: a cursor from the previous page's `nextCursor` (none for the first), and its size. */
const Paging = {
  cursor: z.string().max(400).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
};
const DateRange = { from: IsoDate, to: IsoDate };
const page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), nextCursor: z.string().nullable() });
const Name = z.string();

export const PatientsLookup = z.object({ query: z.string().trim().min(1).max(60), ...Paging });
export const AppointmentsLookup = z.object({
  ...DateRange, departmentId: Id.nullish(), doctorId: Id.nullish(),
  status: z.enum(APPOINTMENT_STATUSES).nullish(), source: z.enum(APPOINTMENT_SOURCES).nullish(), ...Paging,
});
/** By date range, or (with `patientId` and no dates) every visit of one patient. */
export const VisitsLookup = z.object({
  from: IsoDate.nullish(), to: IsoDate.nullish(), patientId: Id.nullish(), departmentId: Id.nullish(), doctorId: Id.nullish(),
  status: z.enum(VISIT_STATUSES).nullish(), ...Paging,
});
/** `status`: a bill's status for bills; `open`/`closed` (in a day close or not) for payments and refunds. */
export const MoneyLookup = z.object({
  kind: z.enum(MONEY_KINDS), ...DateRange, method: PaymentMethod.nullish(), cashierId: Id.nullish(),
  status: z.enum([...BILL_STATUSES, ...LEDGER_STATES]).nullish(), ...Paging,
});
/** `accountId`: the person who read or changed; `patientId`: whose data. Newest first. */
export const AuditLookup = z.object({
  ...DateRange, accountId: Id.nullish(), patientId: Id.nullish(), device: z.string().trim().min(1).max(40).nullish(),
  action: z.enum(AUDIT_ACTIONS).nullish(), ...Paging,
});

export const PatientLookupRow = z.object({
  id: Id, recordNo: z.string(), name: Name, sex: z.enum(SEXES), birthDate: IsoDate.nullable(), phone: z.string().nullable(),
  idNumber: z.string().nullable(), visits: z.number().int().nonnegative(), lastVisitDate: IsoDate.nullable(),
});
export const AppointmentLookupRow = z.object({
  id: Id, date: IsoDate, period: z.string(), patientId: Id, patientName: Name, recordNo: z.string(),
  departmentId: Id, departmentName: Name, departmentNameEn: Name, doctorId: Id, doctorName: Name,
  status: z.enum(APPOINTMENT_STATUSES), source: z.enum(APPOINTMENT_SOURCES), createdAt: Instant,
});
export const VisitLookupRow = z.object({
  id: Id, date: IsoDate, queueNo: z.string(), patientId: Id, patientName: Name, recordNo: z.string(),
  departmentId: Id, departmentName: Name, departmentNameEn: Name, doctorId: Id, doctorName: Name,
  visitType: z.enum(VISIT_TYPES), status: z.enum(VISIT_STATUSES), feeFen: Fen, checkedInAt: Instant,
});
/** One payment, refund or bill; `no` is the receipt, refund or (for a bill) the visit's queue number. */
export const MoneyLookupRow = z.object({
  id: Id, kind: z.enum(MONEY_KINDS), at: Instant, no: z.string(), billId: Id, patientId: Id, patientName: Name,
  method: PaymentMethod.nullable(), amountFen: Fen, cashierId: z.string().nullable(), cashierName: Name, device: z.string().nullable(),
  status: z.enum([...BILL_STATUSES, ...LEDGER_STATES]), billKind: z.enum(BILL_KINDS),
});
export const DayCloseLookupRow = z.object({
  id: Id, closeNo: z.string(), cashierId: Id, cashierName: Name, device: z.string(), fromAt: Instant, toAt: Instant, closedAt: Instant,
  paymentCount: z.number().int().nonnegative(), refundCount: z.number().int().nonnegative(),
  paidFen: Fen, refundedFen: Fen, netFen: z.number().int(),
});
export const AuditLookupRow = z.object({
  id: Id, at: Instant, accountId: z.string(), personName: Name, username: z.string(), device: z.string(),
  action: z.enum(AUDIT_ACTIONS), entity: z.string(), entityId: z.string(), patientId: z.string().nullable(), patientName: Name,
  procedure: z.string(), detail: z.string().nullable(),
});

const Format = { format: z.enum(['csv', 'xlsx']) };
/** Which list, its filters (as the list takes them, without paging) and the file format. */
export const LookupExport = z.discriminatedUnion('list', [
  z.object({ list: z.literal('patients'), filter: PatientsLookup.omit({ cursor: true, limit: true }), ...Format }),
  z.object({ list: z.literal('appointments'), filter: AppointmentsLookup.omit({ cursor: true, limit: true }), ...Format }),
  z.object({ list: z.literal('visits'), filter: VisitsLookup.omit({ cursor: true, limit: true }), ...Format }),
  z.object({ list: z.literal('money'), filter: MoneyLookup.omit({ cursor: true, limit: true }), ...Format }),
  z.object({ list: z.literal('audit'), filter: AuditLookup.omit({ cursor: true, limit: true }), ...Format }),
]);

const lookup = <I extends z.ZodType, O extends z.ZodType>(summary: string, input: I, output: O) =>
  procedure({ kind: 'query', access: ['admin'], at: 'hub', summary, input, output });

export const lookupProcedures = {
  'lookup.patients': lookup('Patients by name, pinyin, phone (or its last digits), ID number, ID document number or record number; merged duplicates left out.',
    PatientsLookup, page(PatientLookupRow)),
  'lookup.appointments': lookup('Appointments of the sessions of a date range, by department, doctor, status and source.',
    AppointmentsLookup, page(AppointmentLookupRow)),
  'lookup.visits': lookup('Visits of a date range by department, doctor and status, or every visit of one patient.',
    VisitsLookup, page(VisitLookupRow)),
  'lookup.money': lookup('Payments, refunds or bills of a date range by method, cashier and status.', MoneyLookup, page(MoneyLookupRow)),
  'lookup.dayCloses': lookup('Every person\'s day close made on a clinic-local date, with its totals.',
    z.object({ date: IsoDate }), z.object({ rows: z.array(DayCloseLookupRow) })),
  'lookup.audit': lookup('Who read or changed which patient\'s data, from which desk, when: newest first.', AuditLookup, page(AuditLookupRow)),
  'lookup.export': lookup('A whole filtered list as a CSV (UTF-8 with BOM) or XLSX file, base64; read page by page, money in yuan.',
    LookupExport, z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number().int().nonnegative() })),
} as const;
