/**
 * Every ranged statistic by name, as a table for export (CSV or XLSX): a header row of field
 * names, then one row per figure. Money goes out in yuan (columns `…Yuan`, two decimals) so a
 * spreadsheet shows what the clinic reads; the API itself answers fen.
 */
import type { StatisticName } from '../../api/procedures/stats';
import { DomainError } from '../../domain/errors';
import { toCsv } from '../../tabular/csv';
import { toXlsx } from '../../tabular/xlsx';
import type { Cell } from '../../tabular/cells';
import {
  averageWait, drugUsage, MAX_TOP, noShowRate, topDiagnoses, type DiagnosisRow, type DrugUsageRow, type NoShowRow, type WaitRow,
} from './clinical';
import {
  incomeByDay, incomeByDepartment, incomeByDoctor, incomeByMethod,
  type IncomeDayRow, type IncomeDepartmentRow, type IncomeDoctorRow, type IncomeMethodRow,
} from './money';
import type { DateRange, StatsDb } from './range';
import {
  patientsByAgeBand, patientsBySex, registrationsPerDay, visitsByDepartment, visitsByDoctor,
  type AgeBandRow, type DepartmentVisitsRow, type DoctorVisitsRow, type RegistrationsRow, type SexRow,
} from './visits';

type Row = Record<string, string | number | null>;

interface Statistic {
  /** Export columns, in order (also the header when there is no row). */
  columns: readonly string[];
  run: (db: StatsDb, range: DateRange) => Promise<readonly object[]>;
}
const stat = <R extends object>(columns: readonly (keyof R & string)[], run: (db: StatsDb, range: DateRange) => Promise<readonly R[]>): Statistic => ({ columns, run });

/** The totals of a per-day statistic as one more row, its date 'total'. */
const withTotal = <R extends { date: string }, T extends object>(out: { rows: R[]; total: T }): (R | (T & { date: string }))[] => [...out.rows, { date: 'total', ...out.total }];

const MONEY = ['paidFen', 'refundedFen', 'netFen', 'payments', 'refunds'] as const;
const WAITS = ['consultations', 'averageWaitMs', 'longestWaitMs'] as const;
const NO_SHOWS = ['appointments', 'completed', 'noShows', 'noShowRate'] as const;

export const STATISTICS: Record<StatisticName, Statistic> = {
  registrations: stat<RegistrationsRow>(['date', 'registrations', 'firstVisits', 'followUps', 'cancelled'], registrationsPerDay),
  visitsByDepartment: stat<DepartmentVisitsRow>(['departmentName', 'departmentNameEn', 'visits', 'firstVisits', 'followUps'], visitsByDepartment),
  visitsByDoctor: stat<DoctorVisitsRow>(['doctorName', 'departmentName', 'visits', 'firstVisits', 'followUps'], visitsByDoctor),
  incomeByDay: stat<IncomeDayRow>(['date', ...MONEY], incomeByDay),
  incomeByDepartment: stat<IncomeDepartmentRow>(['departmentName', ...MONEY], incomeByDepartment),
  incomeByDoctor: stat<IncomeDoctorRow>(['doctorName', ...MONEY], incomeByDoctor),
  incomeByMethod: stat<IncomeMethodRow>(['method', ...MONEY], incomeByMethod),
  patientsBySex: stat<SexRow>(['sex', 'patients'], patientsBySex),
  patientsByAgeBand: stat<AgeBandRow>(['band', 'patients'], patientsByAgeBand),
  noShows: stat<NoShowRow>(['date', ...NO_SHOWS], async (db, r) => withTotal(await noShowRate(db, r))),
  waits: stat<WaitRow>(['date', ...WAITS], async (db, r) => withTotal(await averageWait(db, r))),
  topDiagnoses: stat<DiagnosisRow>(['icd10', 'text', 'visits', 'primaryVisits'], (db, r) => topDiagnoses(db, r, MAX_TOP)),
  drugUsage: stat<DrugUsageRow>(
    ['code', 'name', 'unit', 'prescribedItems', 'prescribedQuantity', 'prescribedAmountFen', 'dispensedQuantity'],
    (db, r) => drugUsage(db, r, MAX_TOP)),
};


export type ExportFormat = 'csv' | 'xlsx';

/** Header + cells of the given columns; `…Fen` columns become `…Yuan`, in yuan. */
export function toTable(columns: readonly string[], rows: readonly object[]): Cell[][] {
  const header = columns.map((k) => (k.endsWith('Fen') ? `${k.slice(0, -3)}Yuan` : k));
  const body = rows.map((r) => columns.map((k): Cell => {
    const v = (r as Row)[k] ?? null;
    return typeof v === 'number' && k.endsWith('Fen') ? v / 100 : v;
  }));
  return [header, ...body];
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** One statistic over a range, as a CSV (UTF-8 with BOM) or XLSX file. */
export async function exportStatistic(
  db: StatsDb, req: DateRange & { statistic: StatisticName; format: ExportFormat },
): Promise<ExportFile> {
  const stat: Statistic | undefined = Object.hasOwn(STATISTICS, req.statistic) ? STATISTICS[req.statistic] : undefined;
  if (!stat) throw new DomainError('VALIDATION', 'unknown statistic', { field: 'statistic', value: req.statistic });
  const table = toTable(stat.columns, await stat.run(db, req));
  const base = `stats-${req.statistic}-${req.from}-${req.to}`;
  if (req.format === 'csv') {
    return { fileName: `${base}.csv`, mimeType: 'text/csv; charset=utf-8', base64: Buffer.from(toCsv(table), 'utf8').toString('base64') };
  }
  if (req.format === 'xlsx') {
    return {
      fileName: `${base}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: (await toXlsx(req.statistic, table)).toString('base64'),
    };
  }
  throw new DomainError('VALIDATION', 'format is csv or xlsx', { field: 'format', value: req.format });
}
