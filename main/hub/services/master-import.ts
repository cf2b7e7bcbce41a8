/**
 * The frame every import shares: decode the file (size and row limits), map the header, let the
 * domain check each row and plan it (create / update / unchanged), then — only if no row has a
 * problem — apply the plan. The plan is applied inside a savepoint so that problems only the
 * database finds (a person who cannot leave yet) are reported per row too; a dry run, or any
 * problem, rolls the savepoint back, and a problem then throws IMPORT_INVALID so the whole
 * command rolls back: nothing is ever half-imported.
 */
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../api/procedures/master';
import { DomainError } from '../../domain/errors';
import { decodeCsv, parseCsv, unguardFormula } from '../../tabular/csv';
import { readXlsxSync } from '../../tabular/xlsx-read';
import type { RequestContext } from '../../station/context';
import { mapHeader, type ColumnDef, type RowIssue } from './master-columns';

export type { RowIssue } from './master-columns';

export const MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The file's rows as text; FILE_MALFORMED / IMPORT_TOO_LARGE / VALIDATION for what cannot be read. */
export function readTable(format: 'csv' | 'xlsx', base64: string): string[][] {
  const clean = base64.replace(/\s+/g, '');
  if (!BASE64.test(clean) || clean.length % 4 === 1) {
    throw new DomainError('VALIDATION', 'the file is not valid base64', { field: 'base64', reason: 'not_base64' });
  }
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new DomainError('IMPORT_TOO_LARGE', `the file is ${bytes.length} bytes; at most ${IMPORT_MAX_BYTES}`, {
      field: 'base64', reason: 'file_too_large', limit: IMPORT_MAX_BYTES, actual: bytes.length,
    });
  }
  return format === 'csv' ? parseCsv(decodeCsv(bytes)) : readXlsxSync(bytes);
}

export interface PlannedRow {
  row: number;
  kind: 'create' | 'update' | 'unchanged';
  /** Writes the row (not called for 'unchanged'). */
  apply: () => void;
}

export interface ImportCounts {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Checks one data row: returns its plan, or pushes its problems to `issues` and returns null. */
export type RowPlanner<K extends string> = (cells: (key: K) => string, row: number, issues: RowIssue[]) => PlannedRow | null;

/** IMPORT_INVALID with every problem, by row. */
export function importInvalid(issues: RowIssue[]): DomainError {
  const rows = [...issues].sort((a, b) => a.row - b.row);
  const badRows = new Set(rows.map((r) => r.row)).size;
  return new DomainError('IMPORT_INVALID', `${badRows} row(s) of the file have problems; nothing was imported`, {
    field: 'base64', rows, badRows,
  });
}

const ROLLBACK = Symbol('rollback');

/**
 * Reads the file and lets `plan` check each data row (blank rows skipped): the plans of every
 * row, or IMPORT_INVALID with every problem of the header and the rows (`has` says whether the
 * file has a column). Writes nothing; imports
 * whose writes are not the station's SQLite (the hub's own tables) apply the plans themselves.
 */
export function checkFile<K extends string, P>(
  input: { format: 'csv' | 'xlsx'; base64: string },
  columns: readonly ColumnDef<K>[],
  plan: (cells: (key: K) => string, row: number, issues: RowIssue[], has: (key: K) => boolean) => P | null,
): { rows: number; planned: P[] } {
  const table = readTable(input.format, input.base64);
  const header = (table[0] ?? []).map((c) => unguardFormula(c));
  const { index, issues } = mapHeader(columns, header);
  if (table.length === 0) issues.unshift({ row: 1, field: '', code: 'MISSING_HEADER', message: 'the file is empty: the first row must name the columns' });
  if (issues.length > 0) throw importInvalid(issues);

  const data: { row: number; cells: string[] }[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = (table[i] ?? []).map((c) => unguardFormula(c).trim());
    if (cells.every((c) => c === '')) continue;
    data.push({ row: i + 1, cells });
  }
  if (data.length > IMPORT_MAX_ROWS) {
    throw new DomainError('IMPORT_TOO_LARGE', `the file has ${data.length} rows; at most ${IMPORT_MAX_ROWS}`, {
      field: 'base64', reason: 'too_many_rows', limit: IMPORT_MAX_ROWS, actual: data.length,
    });
  }

  const planned: P[] = [];
  const has = (key: K) => index.has(key);
  for (const { row, cells } of data) {
    const get = (key: K): string => {
      const at = index.get(key);
      return at === undefined ? '' : (cells[at] ?? '');
    };
    const p = plan(get, row, issues, has);
    if (p) planned.push(p);
  }
  if (issues.length > 0) throw importInvalid(issues);
  return { rows: data.length, planned };
}

export function runImport<K extends string>(
  ctx: RequestContext,
  input: { format: 'csv' | 'xlsx'; base64: string; dryRun: boolean },
  columns: readonly ColumnDef<K>[],
  plan: RowPlanner<K>,
): ImportCounts {
  const { rows, planned } = checkFile(input, columns, plan);
  const issues: RowIssue[] = [];
  const touchedBefore = new Set(ctx.write.touched);
  try {
    ctx.raw.transaction(() => {
      for (const p of planned) {
        if (p.kind === 'unchanged') continue;
        try {
          p.apply();
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          const field = typeof e.details?.['field'] === 'string' ? e.details['field'] : '';
          issues.push({ row: p.row, field, code: e.code, message: e.message });
        }
      }
      if (issues.length > 0 || input.dryRun) throw ROLLBACK;
    })();
  } catch (e) {
    if (e !== ROLLBACK) throw e;
    // Rolled back: the tables were not changed after all (no change event, no clock to save).
    for (const t of [...ctx.write.touched]) if (!touchedBefore.has(t)) ctx.write.touched.delete(t);
  }
  if (issues.length > 0) throw importInvalid(issues);
  const count = (kind: PlannedRow['kind']) => planned.filter((p) => p.kind === kind).length;
  return { dryRun: input.dryRun, rows, created: count('create'), updated: count('update'), unchanged: count('unchanged') };
}

/** Shared cell checks: each returns the value, or pushes an issue and returns undefined. */
export function cellChecks(row: number, issues: RowIssue[]) {
  const issue = (field: string, code: string, message: string): undefined => {
    issues.push({ row, field, code, message });
    return undefined;
  };
  return {
    issue,
    text(field: string, value: string, max: number, required: boolean): string | undefined {
      if (required && value === '') return issue(field, 'REQUIRED', 'required');
      if ([...value].length > max) return issue(field, 'TOO_LONG', `at most ${max} characters`);
      return value;
    },
    int(field: string, value: string, min: number, max: number, fallback?: number): number | undefined {
      if (value === '' && fallback !== undefined) return fallback;
      if (value === '') return issue(field, 'REQUIRED', 'required');
      const s = value.normalize('NFKC');
      if (!/^-?\d+$/.test(s)) return issue(field, 'NOT_A_WHOLE_NUMBER', `"${value}" is not a whole number`);
      const n = Number(s);
      if (n < min || n > max) return issue(field, 'OUT_OF_RANGE', `must be from ${min} to ${max}`);
      return n;
    },
  };
}
