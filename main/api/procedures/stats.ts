/**
 * Statistics of the hub (administration): SQL over the hub's typed copies of every station table,
 * on PGlite or PostgreSQL. Ranges are clinic-local dates, both ends included, at most 366 days;
 * money in integer fen. Every procedure runs at the hub and is for administrators only.
 */
import { z } from 'zod';
import { AGE_BANDS } from '../../domain/age';
import { SEXES, VISIT_STATUSES } from '../../domain/enums';
import { procedure, type ProcedureDef } from '../define';
import { Fen, IsoDate, PaymentMethod } from '../schemas';

/** What `stats.export` can write: every ranged statistic (main/hub/stats/export.ts runs them). */
export const STATISTIC_NAMES = [
  'registrations', 'visitsByDepartment', 'visitsByDoctor', 'incomeByDay', 'incomeByDepartment', 'incomeByDoctor', 'incomeByMethod',
  'patientsBySex', 'patientsByAgeBand', 'noShows', 'waits', 'topDiagnoses', 'drugUsage',
] as const;
export type StatisticName = (typeof STATISTIC_NAMES)[number];

const Count = z.number().int().nonnegative();
/** Net money can be negative (a day of refunds only). */
const SignedFen = z.number().int();
const Ms = z.number().int().nonnegative();
const Range = z.object({ from: IsoDate, to: IsoDate });
const rows = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row) });

const Money = { paidFen: Fen, refundedFen: Fen, netFen: SignedFen, payments: Count, refunds: Count };
const VisitCounts = { visits: Count, firstVisits: Count, followUps: Count };
const NoShowFigures = z.object({ appointments: Count, completed: Count, noShows: Count, noShowRate: z.number().min(0).max(1).nullable() });
const WaitFigures = z.object({ consultations: Count, averageWaitMs: Ms.nullable(), longestWaitMs: Ms.nullable() });
export const IncomeMethodView = z.object({ method: PaymentMethod, ...Money });

export const DashboardView = WaitFigures.extend({
  date: IsoDate,
  registrations: Count,
  visitsByStatus: z.array(z.object({ status: z.enum(VISIT_STATUSES), visits: Count })),
  waitingNow: Count,
  income: z.array(IncomeMethodView),
  incomeNetFen: SignedFen,
  appointments: Count,
  noShows: Count,
});

const ranged = <O extends z.ZodType>(summary: string, output: O): ProcedureDef<typeof Range, O> & { readonly at: 'hub' } =>
  procedure({ kind: 'query', access: ['admin'], at: 'hub', summary, input: Range, output });

export const statsProcedures = {
  'stats.registrations': ranged('Registrations (visits not cancelled) per local day, first visits, follow-ups and cancellations; every day listed.',
    rows(z.object({ date: IsoDate, registrations: Count, firstVisits: Count, followUps: Count, cancelled: Count }))),
  'stats.visitsByDepartment': ranged('Visits (not cancelled) per department, most first.',
    rows(z.object({ departmentId: z.string(), departmentName: z.string(), departmentNameEn: z.string(), ...VisitCounts }))),
  'stats.visitsByDoctor': ranged('Visits (not cancelled) per doctor, most first.',
    rows(z.object({ doctorId: z.string(), doctorName: z.string(), departmentName: z.string(), ...VisitCounts }))),
  'stats.incomeByDay': ranged('Payments less refunds per local day (fen); every day listed.', rows(z.object({ date: IsoDate, ...Money }))),
  'stats.incomeByDepartment': ranged('Payments less refunds per department of the bill\'s visit (fen).',
    rows(z.object({ departmentId: z.string(), departmentName: z.string(), ...Money }))),
  'stats.incomeByDoctor': ranged('Payments less refunds per doctor of the bill\'s visit (fen).',
    rows(z.object({ doctorId: z.string(), doctorName: z.string(), ...Money }))),
  'stats.incomeByMethod': ranged('Payments less refunds per payment method (fen); every method listed.', rows(IncomeMethodView)),
  'stats.patientsBySex': ranged('Patients seen in the range (each once) by sex.', rows(z.object({ sex: z.enum(SEXES), patients: Count }))),
  'stats.patientsByAgeBand': ranged('Patients seen in the range (each once) by age band on their first visit of it; unknown without a birth date.',
    rows(z.object({ band: z.enum([...AGE_BANDS, 'unknown']), patients: Count }))),
  'stats.noShows': ranged('Appointments per session day: came, no-show, and the no-show rate among those whose outcome is known; with the total.',
    rows(NoShowFigures.extend({ date: IsoDate })).extend({ total: NoShowFigures })),
  'stats.waits': ranged('Average and longest wait from check-in to the start of the consultation per visit day; with the total.',
    rows(WaitFigures.extend({ date: IsoDate })).extend({ total: WaitFigures })),
  'stats.topDiagnoses': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: 'The most frequent diagnoses (by ICD-10 code) of the range\'s visits.',
    input: Range.extend({ limit: z.number().int().min(1).max(500).default(20) }),
    output: rows(z.object({ icd10: z.string(), text: z.string(), visits: Count, primaryVisits: Count })),
  }),
  'stats.drugUsage': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: 'Drugs prescribed for the range\'s visits (items, quantity, amount) and stock dispensed less returned in the range.',
    input: Range.extend({ limit: z.number().int().min(1).max(500).default(50) }),
    output: rows(z.object({
      drugId: z.string(), code: z.string(), name: z.string(), unit: z.string(),
      prescribedItems: Count, prescribedQuantity: z.number().int(), prescribedAmountFen: SignedFen, dispensedQuantity: z.number().int(),
    })),
  }),
  'stats.dashboard': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: 'Today\'s figures (or another day\'s): registrations, visits by status, waiting now, average wait, income by method, no-shows.',
    input: z.object({ date: IsoDate.optional() }),
    output: DashboardView,
  }),
  'stats.export': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: 'One statistic over a range as a CSV (UTF-8 with BOM) or XLSX file, base64; money in yuan.',
    input: Range.extend({ statistic: z.enum(STATISTIC_NAMES), format: z.enum(['csv', 'xlsx']) }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  }),
};
