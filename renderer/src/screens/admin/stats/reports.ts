/**
 * The statistics screen's reports: for each statistic of the hub, its columns, how each cell
 * reads, and the chart drawn over it. Labels are message keys under admin.stats.col.
 */
import type { StatisticName } from './names';

export type Cell = 'text' | 'count' | 'money' | 'percent' | 'minutes' | 'sex' | 'band' | 'method';
export interface Column { key: string; label: ColumnLabel; cell: Cell }
export type ColumnLabel =
  | 'date' | 'registrations' | 'firstVisits' | 'followUps' | 'cancelled' | 'department' | 'doctor' | 'visits' | 'paid' | 'refunded' | 'net'
  | 'payments' | 'method' | 'sex' | 'band' | 'patients' | 'appointments' | 'completed' | 'noShows' | 'noShowRate' | 'consultations'
  | 'averageWait' | 'longestWait' | 'icd10' | 'diagnosis' | 'primaryVisits' | 'code' | 'drug' | 'unit' | 'prescribedItems'
  | 'prescribedQuantity' | 'prescribedAmount' | 'dispensedQuantity';

export interface Chart { kind: 'bar' | 'line' | 'donut'; x: string; series: { key: string; label: ColumnLabel; color: string }[]; money?: boolean; horizontal?: boolean }
export interface Report { columns: Column[]; chart: Chart | null }

const c = (key: string, label: ColumnLabel, cell: Cell = 'count'): Column => ({ key, label, cell });
const money = [c('paidFen', 'paid', 'money'), c('refundedFen', 'refunded', 'money'), c('netFen', 'net', 'money'), c('payments', 'payments')];
const visitCounts = [c('visits', 'visits'), c('firstVisits', 'firstVisits'), c('followUps', 'followUps')];
const netSeries = [{ key: 'netFen', label: 'net' as const, color: 'teal.6' }];

export const REPORTS: Record<StatisticName, Report> = {
  registrations: {
    columns: [c('date', 'date', 'text'), c('registrations', 'registrations'), c('firstVisits', 'firstVisits'), c('followUps', 'followUps'), c('cancelled', 'cancelled')],
    chart: { kind: 'line', x: 'date', series: [{ key: 'registrations', label: 'registrations', color: 'gray.7' }, { key: 'firstVisits', label: 'firstVisits', color: 'teal.6' }, { key: 'followUps', label: 'followUps', color: 'blue.5' }] },
  },
  visitsByDepartment: {
    columns: [c('departmentName', 'department', 'text'), ...visitCounts],
    chart: { kind: 'bar', x: 'departmentName', series: [{ key: 'visits', label: 'visits', color: 'teal.6' }] },
  },
  visitsByDoctor: {
    columns: [c('doctorName', 'doctor', 'text'), c('departmentName', 'department', 'text'), ...visitCounts],
    chart: { kind: 'bar', x: 'doctorName', series: [{ key: 'visits', label: 'visits', color: 'teal.6' }] },
  },
  incomeByDay: { columns: [c('date', 'date', 'text'), ...money], chart: { kind: 'line', x: 'date', series: netSeries, money: true } },
  incomeByDepartment: { columns: [c('departmentName', 'department', 'text'), ...money], chart: { kind: 'bar', x: 'departmentName', series: netSeries, money: true } },
  incomeByDoctor: { columns: [c('doctorName', 'doctor', 'text'), ...money], chart: { kind: 'bar', x: 'doctorName', series: netSeries, money: true } },
  incomeByMethod: { columns: [c('method', 'method', 'method'), ...money], chart: { kind: 'donut', x: 'method', series: netSeries, money: true } },
  patientsBySex: { columns: [c('sex', 'sex', 'sex'), c('patients', 'patients')], chart: { kind: 'donut', x: 'sex', series: [{ key: 'patients', label: 'patients', color: 'teal.6' }] } },
  patientsByAgeBand: { columns: [c('band', 'band', 'band'), c('patients', 'patients')], chart: { kind: 'donut', x: 'band', series: [{ key: 'patients', label: 'patients', color: 'teal.6' }] } },
  noShows: {
    columns: [c('date', 'date', 'text'), c('appointments', 'appointments'), c('completed', 'completed'), c('noShows', 'noShows'), c('noShowRate', 'noShowRate', 'percent')],
    chart: { kind: 'bar', x: 'date', series: [{ key: 'completed', label: 'completed', color: 'teal.6' }, { key: 'noShows', label: 'noShows', color: 'red.5' }] },
  },
  waits: {
    columns: [c('date', 'date', 'text'), c('consultations', 'consultations'), c('averageWaitMs', 'averageWait', 'minutes'), c('longestWaitMs', 'longestWait', 'minutes')],
    chart: { kind: 'line', x: 'date', series: [{ key: 'averageWaitMin', label: 'averageWait', color: 'orange.6' }] },
  },
  topDiagnoses: {
    columns: [c('icd10', 'icd10', 'text'), c('text', 'diagnosis', 'text'), c('visits', 'visits'), c('primaryVisits', 'primaryVisits')],
    chart: { kind: 'bar', x: 'icd10', series: [{ key: 'visits', label: 'visits', color: 'teal.6' }] },
  },
  drugUsage: {
    columns: [c('code', 'code', 'text'), c('name', 'drug', 'text'), c('unit', 'unit', 'text'), c('prescribedItems', 'prescribedItems'),
      c('prescribedQuantity', 'prescribedQuantity'), c('prescribedAmountFen', 'prescribedAmount', 'money'), c('dispensedQuantity', 'dispensedQuantity')],
    chart: null,
  },
};
