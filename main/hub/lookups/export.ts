/**
 * A whole filtered lookup list as a CSV (UTF-8 with BOM) or XLSX file: read page by page through
 * the same keyset queries the screens use (never one query for everything), at most
 * MAX_EXPORT_ROWS rows (a longer list is refused: narrow the filter). Money goes out in yuan
 * (`…Yuan` columns), times as clinic-local 'YYYY-MM-DD HH:mm'.
 */
import type { z } from 'zod';
import type { LookupExport } from '../../api/procedures/lookups';
import { localDateTime } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import type { Cell } from '../../tabular/cells';
import { toCsv } from '../../tabular/csv';
import { toXlsx } from '../../tabular/xlsx';
import { clinicTimeZone } from '../stats/range';
import type { SortKey } from './cursor';
import { decodeCursor } from './cursor';
import { pageAudit } from './lists-audit';
import { pageAppointments, pagePatients, pageVisits } from './lists-clinic';
import { pageMoney } from './lists-money';
import type { LookupDb, Page } from './page';

export const MAX_EXPORT_ROWS = 100_000;
/** Rows read per page while exporting. */
export const EXPORT_PAGE = 1000;

type Req = z.output<typeof LookupExport>;
type Row = Record<string, unknown>;

/** Each list's columns for export, in order; times are columns ending in `At`. */
export const EXPORT_COLUMNS = {
  patients: ['recordNo', 'name', 'sex', 'birthDate', 'phone', 'idNumber', 'visits', 'lastVisitDate'],
  appointments: ['date', 'period', 'recordNo', 'patientName', 'departmentName', 'doctorName', 'status', 'source', 'createdAt'],
  visits: ['date', 'queueNo', 'recordNo', 'patientName', 'departmentName', 'doctorName', 'visitType', 'status', 'feeFen', 'checkedInAt'],
  money: ['kind', 'at', 'no', 'patientName', 'method', 'amountFen', 'cashierName', 'device', 'status', 'billKind'],
  audit: ['at', 'personName', 'username', 'device', 'action', 'entity', 'entityId', 'patientName', 'procedure', 'detail'],
} as const satisfies Record<Req['list'], readonly string[]>;

type Pager = (after: SortKey | null) => Promise<Page<object>>;

function pagerOf(db: LookupDb, req: Req): Pager {
  switch (req.list) {
    case 'patients': return (after) => pagePatients(db, req.filter, after, EXPORT_PAGE);
    case 'appointments': return (after) => pageAppointments(db, req.filter, after, EXPORT_PAGE);
    case 'visits': return (after) => pageVisits(db, req.filter, after, EXPORT_PAGE);
    case 'money': return (after) => pageMoney(db, req.filter, after, EXPORT_PAGE);
    case 'audit': return (after) => pageAudit(db, req.filter, after, EXPORT_PAGE);
  }
}

const SHAPES: Record<Req['list'], readonly ('s' | 'n')[]> = {
  patients: ['s', 's'], appointments: ['s', 's', 's'], visits: ['s', 's'], money: ['n', 's'], audit: ['n', 's'],
};

export interface LookupFile {
  fileName: string;
  mimeType: string;
  base64: string;
  rows: number;
}

/** Reads every page of the list and writes the file. */
export async function exportLookup(db: LookupDb, req: Req, stamp: string): Promise<LookupFile> {
  const timeZone = await clinicTimeZone(db);
  const columns: readonly string[] = EXPORT_COLUMNS[req.list];
  const header: Cell[] = columns.map((k) => (k.endsWith('Fen') ? `${k.slice(0, -3)}Yuan` : k));
  const table: Cell[][] = [header];
  const next = pagerOf(db, req);
  let after: SortKey | null = null;
  for (;;) {
    const page = await next(after);
    if (table.length - 1 + page.rows.length > MAX_EXPORT_ROWS) {
      throw new DomainError('VALIDATION', `an export holds at most ${MAX_EXPORT_ROWS} rows: narrow the filter`, {
        field: 'filter', reason: 'too_many_rows', max: MAX_EXPORT_ROWS,
      });
    }
    for (const r of page.rows as Row[]) {
      table.push(columns.map((k): Cell => {
        const v = r[k];
        if (v === null || v === undefined) return null;
        if (typeof v === 'number' && k.endsWith('Fen')) return v / 100;
        if (typeof v === 'number' && (k.endsWith('At') || k === 'at')) return localDateTime(Number(v), timeZone);
        return typeof v === 'number' ? v : String(v);
      }));
    }
    if (!page.nextCursor) break;
    after = decodeCursor(req.list, page.nextCursor, SHAPES[req.list]);
  }
  const base = `lookup-${req.list}-${stamp}`;
  const rows = table.length - 1;
  if (req.format === 'csv') {
    return { fileName: `${base}.csv`, mimeType: 'text/csv; charset=utf-8', base64: Buffer.from(toCsv(table), 'utf8').toString('base64'), rows };
  }
  return {
    fileName: `${base}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: (await toXlsx(req.list, table)).toString('base64'), rows,
  };
}
