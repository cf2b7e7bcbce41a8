/**
 * The staff list as a file. The schema has no staff code, so the exported 编号/ID column (the
 * person's id) is what an import matches by: a row with a known id updates that person (only
 * what differs; through org-staff's `updateStaff`, so leaving is still refused while they hold
 * an account or sessions), a row with an empty id creates a person (org-staff's `insertStaff`).
 * A new row with the same name and department as someone who has not left — in the file or in
 * the database — is refused as a duplicate: add a namesake by hand. Each row is checked with
 * org-staff's `validateStaff`, the same rules as the staff form.
 */
import { asc, eq } from 'drizzle-orm';
import type { StaffCreateRaw } from '../../api/procedures/org-schemas';
import { Id } from '../../api/schemas';
import { DomainError } from '../../domain/errors';
import { normalizePhone } from '../../domain/phone';
import type { Cell } from '../../tabular/cells';
import { departments, staff } from '../../../db/schema';
import type { RequestContext } from '../../station/context';
import {
  POSITION_LABELS, SEX_LABELS, STAFF_COLUMNS, STAFF_STATUS_LABELS, headerRow, labelOf, listLabels, valueOf, type Labels, type Lang, type RowIssue, type StaffColumnKey,
} from './master-columns';
import { moneyCell } from './master-drugs-io';
import { cellChecks, runImport, type ImportCounts, type PlannedRow } from './master-import';
import { departmentIdByCode, insertStaff, listStaff, updateStaff, validateStaff } from './org-staff';

const FIELD_TO_COLUMN: Record<string, StaffColumnKey> = { departmentId: 'departmentCode', registrationFeeFen: 'registrationFee' };

export function importStaff(ctx: RequestContext, input: { format: 'csv' | 'xlsx'; base64: string; dryRun: boolean }): ImportCounts {
  const firstRowOfId = new Map<string, number>();
  const firstRowOfNew = new Map<string, number>();
  const existingKeys = new Set(
    ctx.db.select({ name: staff.name, departmentId: staff.departmentId, status: staff.status }).from(staff).all()
      .filter((s) => s.status !== 'left').map((s) => `${s.name}\u0000${s.departmentId ?? ''}`),
  );
  const plan = (cell: (k: StaffColumnKey) => string, row: number, issues: RowIssue[]): PlannedRow | null => {
    const before = issues.length;
    const check = cellChecks(row, issues);
    const idText = cell('id');
    let existing: typeof staff.$inferSelect | undefined;
    if (idText !== '') {
      const first = firstRowOfId.get(idText);
      if (!Id.safeParse(idText).success) check.issue('id', 'INVALID', 'not an id from an export (leave it empty for a new person)');
      else if (first !== undefined) check.issue('id', 'DUPLICATE_IN_FILE', `the same person is also on row ${first}`);
      else {
        firstRowOfId.set(idText, row);
        existing = ctx.db.select().from(staff).where(eq(staff.id, idText)).get();
        if (!existing) check.issue('id', 'NOT_FOUND', 'no person has this id (leave it empty for a new person)');
      }
    }
    const name = check.text('name', cell('name'), 50, true);
    const pick = <V extends string>(key: StaffColumnKey, labels: Labels<V>, fallback?: V): V | undefined => {
      const text = cell(key);
      if (text === '') return fallback ?? check.issue(key, 'REQUIRED', 'required');
      return valueOf(labels, text) ?? check.issue(key, 'UNKNOWN_VALUE', `unknown value "${text}" (${listLabels(labels)})`);
    };
    const sex = pick('sex', SEX_LABELS);
    const position = pick('position', POSITION_LABELS);
    const status = pick<keyof typeof STAFF_STATUS_LABELS>('status', STAFF_STATUS_LABELS, 'active');
    const title = check.text('title', cell('title'), 50, false);
    const specialty = check.text('specialty', cell('specialty'), 200, false);
    const registrationFeeFen = moneyCell(check, 'registrationFee', cell('registrationFee'), 0);
    const phoneText = cell('phone');
    let phone: string | undefined;
    if (phoneText !== '') {
      try {
        phone = normalizePhone(phoneText);
      } catch {
        check.issue('phone', 'INVALID_PHONE', `"${phoneText}" is not a phone number`);
      }
    }
    const deptCode = cell('departmentCode');
    const departmentId = deptCode === '' ? null : departmentIdByCode(ctx, deptCode);
    if (departmentId === null && deptCode !== '') check.issue('departmentCode', 'UNKNOWN_DEPARTMENT', `no department has code "${deptCode}"`);
    if (issues.length > before || name === undefined || sex === undefined || position === undefined || status === undefined
      || title === undefined || specialty === undefined || registrationFeeFen === undefined) return null;

    // A blank phone cell leaves the person's phone as it is (a file from before the column changes nothing).
    const raw: StaffCreateRaw = { name, sex, position, title, departmentId, specialty, registrationFeeFen, status, ...(phone === undefined ? {} : { phone }) };
    try {
      // A person who stays on (or leaves) a department that is now inactive keeps it; only new or moved rows need it active.
      if (!existing || existing.departmentId !== departmentId) validateStaff(ctx, raw);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const field = typeof e.details?.['field'] === 'string' ? e.details['field'] : '';
      return check.issue(FIELD_TO_COLUMN[field] ?? field, e.code, e.message) ?? null;
    }
    if (existing) {
      const person = existing;
      const differs = (Object.keys(raw) as (keyof typeof raw)[]).some((k) => person[k] !== raw[k]);
      return { row, kind: differs ? 'update' : 'unchanged', apply: () => updateStaff(ctx, person.id, raw) };
    }
    const key = `${name}\u0000${departmentId ?? ''}`;
    const first = firstRowOfNew.get(key);
    if (first !== undefined) return check.issue('name', 'DUPLICATE_IN_FILE', `${name} of the same department is also on row ${first}`) ?? null;
    firstRowOfNew.set(key, row);
    if (existingKeys.has(key) && status !== 'left') {
      return check.issue('name', 'DUPLICATE', `${name} of this department is already on the staff list (export it to get the id)`) ?? null;
    }
    return { row, kind: 'create', apply: () => void insertStaff(ctx, raw) };
  };
  return runImport(ctx, input, STAFF_COLUMNS, plan);
}

export function staffRows(ctx: RequestContext, lang: Lang): Cell[][] {
  const codes = new Map(ctx.db.select({ id: departments.id, code: departments.code }).from(departments).orderBy(asc(departments.code)).all()
    .map((d) => [d.id, d.code]));
  const rows: Cell[][] = [headerRow(STAFF_COLUMNS, lang)];
  for (const s of listStaff(ctx, {})) {
    const byKey: Record<StaffColumnKey, Cell> = {
      id: s.id, name: s.name, sex: labelOf(SEX_LABELS, s.sex, lang), position: labelOf(POSITION_LABELS, s.position, lang), title: s.title,
      departmentCode: s.departmentId ? (codes.get(s.departmentId) ?? '') : '', specialty: s.specialty,
      registrationFee: s.registrationFeeFen / 100, status: labelOf(STAFF_STATUS_LABELS, s.status, lang), phone: s.phone ?? '',
    };
    rows.push(STAFF_COLUMNS.map((c) => byKey[c.key]));
  }
  return rows;
}
