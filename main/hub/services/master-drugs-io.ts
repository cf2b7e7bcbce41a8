/**
 * The drug catalog as a file. Import matches by code: a known code updates that drug (only the
 * fields that differ; status 停用/stopped stops it, 在用/active restarts it), a new code creates
 * one, and drugs not in the file are left as they are. Two rows with the same code are both
 * refused (DUPLICATE_IN_FILE). Export writes every drug, stopped ones too, in the same columns.
 * The safety columns (ingredients, classes, maximum and default dose, frequency, route, days)
 * are optional: a blank cell leaves what the drug has (a file from before them changes nothing),
 * and so are the record columns (manufacturer, approval number, contraindications, cautions).
 */
import { DRUG_UNITS, DrugCode } from '../../api/procedures/master';
import { isDrugClass, splitList, type DrugClass } from '../../domain/allergies';
import { DRUG_FREQUENCIES, DRUG_ROUTES, INSURANCE_CLASSES, type DrugFrequency } from '../../domain/enums';
import { MAX_DAYS } from '../../domain/prescribing';
import { checkApprovalNumber } from '../../domain/drugRecords';
import { parseYuan } from '../../domain/money';
import type { Cell } from '../../tabular/cells';
import type { RequestContext } from '../../station/context';
import { drugs } from '../../../db/schema';
import { createDrug, listDrugs, updateDrug, type DrugFields } from './master-catalog';
import {
  DRUG_COLUMNS, DRUG_STATUS_LABELS, INSURANCE_LABELS, headerRow, labelOf, listLabels, valueOf, type DrugColumnKey, type Lang, type RowIssue,
} from './master-columns';
import { cellChecks, runImport, type ImportCounts, type PlannedRow } from './master-import';

/** Yuan text → fen; pushes NEGATIVE or INVALID_MONEY. */
export function moneyCell(check: ReturnType<typeof cellChecks>, field: string, value: string, fallback?: number): number | undefined {
  if (value === '' && fallback !== undefined) return fallback;
  if (value === '') return check.issue(field, 'REQUIRED', 'required');
  if (/^\s*[-−]/.test(value.normalize('NFKC'))) return check.issue(field, 'NEGATIVE', 'an amount cannot be negative');
  try {
    return parseYuan(value);
  } catch {
    return check.issue(field, 'INVALID_MONEY', `"${value}" is not an amount in yuan (at most 2 decimals, e.g. 12.50)`);
  }
}

type Checks = ReturnType<typeof cellChecks>;
type Route = (typeof DRUG_ROUTES)[number];

/** A list cell ("阿莫西林|克拉维酸", also 、 , ; as separators); undefined when blank. */
function listCell(value: string): string[] | undefined {
  return value === '' ? undefined : splitList(value.replace(/[、,，;；]/g, '|'));
}

/** A positive number (a dose) or undefined when blank. */
function doseCell(check: Checks, field: string, value: string): number | undefined {
  if (value === '') return undefined;
  const n = Number(value.normalize('NFKC'));
  if (!Number.isFinite(n) || n <= 0 || n > 100_000) return check.issue(field, 'OUT_OF_RANGE', `"${value}" is not a dose (a number above 0)`);
  return n;
}

function codeCell<T extends string>(check: Checks, field: string, value: string, codes: readonly T[]): T | undefined {
  if (value === '') return undefined;
  const v = value.toLowerCase();
  if ((codes as readonly string[]).includes(v)) return v as T;
  return check.issue(field, 'UNKNOWN_VALUE', `unknown value "${value}" (one of ${codes.join(' ')})`);
}

/** The safety columns of a row: only those given (blank leaves the drug's own). */
function safetyCells(check: Checks, cell: (k: DrugColumnKey) => string) {
  const out: Partial<Pick<DrugFields, 'ingredients' | 'drugClasses' | 'maxDose' | 'defaultDose' | 'defaultFrequency' | 'defaultRoute' | 'defaultDays'>> = {};
  const ingredients = listCell(cell('ingredients'));
  if (ingredients?.some((i) => [...i].length > 40) || (ingredients?.length ?? 0) > 10) check.issue('ingredients', 'TOO_LONG', 'at most 10 ingredients of 40 characters');
  else if (ingredients) out.ingredients = ingredients;
  const classes = listCell(cell('drugClasses'))?.map((c) => c.toLowerCase());
  const unknown = classes?.filter((c) => !isDrugClass(c)) ?? [];
  if (unknown.length > 0) check.issue('drugClasses', 'UNKNOWN_VALUE', `unknown drug class ${unknown.map((c) => `"${c}"`).join(', ')}`);
  else if (classes) out.drugClasses = classes as DrugClass[];
  const maxDose = doseCell(check, 'maxDose', cell('maxDose'));
  if (maxDose !== undefined) out.maxDose = maxDose;
  const defaultDose = doseCell(check, 'defaultDose', cell('defaultDose'));
  if (defaultDose !== undefined) out.defaultDose = defaultDose;
  const frequency = codeCell<DrugFrequency>(check, 'defaultFrequency', cell('defaultFrequency'), DRUG_FREQUENCIES);
  if (frequency !== undefined) out.defaultFrequency = frequency;
  const route = codeCell<Route>(check, 'defaultRoute', cell('defaultRoute'), DRUG_ROUTES);
  if (route !== undefined) out.defaultRoute = route;
  if (cell('defaultDays') !== '') {
    const days = check.int('defaultDays', cell('defaultDays'), 1, MAX_DAYS);
    if (days !== undefined) out.defaultDays = days;
  }
  return out;
}

/** The record columns of a row (manufacturer, approval number, contraindications, cautions): only those given. */
function recordCells(check: Checks, cell: (k: DrugColumnKey) => string) {
  const out: Partial<Pick<DrugFields, 'manufacturer' | 'approvalNumber' | 'contraindications' | 'cautions'>> = {};
  const manufacturer = check.text('manufacturer', cell('manufacturer'), 100, false);
  if (manufacturer) out.manufacturer = manufacturer;
  const approval = cell('approvalNumber');
  if (approval !== '') {
    try {
      out.approvalNumber = checkApprovalNumber(approval);
    } catch {
      check.issue('approvalNumber', 'INVALID_APPROVAL_NUMBER', `"${approval}" is not an approval number (e.g. 国药准字H20003263)`);
    }
  }
  const contraindications = check.text('contraindications', cell('contraindications'), 1000, false);
  if (contraindications) out.contraindications = contraindications;
  const cautions = check.text('cautions', cell('cautions'), 1000, false);
  if (cautions) out.cautions = cautions;
  return out;
}

export function importDrugs(ctx: RequestContext, input: { format: 'csv' | 'xlsx'; base64: string; dryRun: boolean }): ImportCounts {
  const firstRowOfCode = new Map<string, number>();
  const known = new Map(ctx.db.select().from(drugs).all().map((d) => [d.code, d]));
  const reportedDup = new Set<number>();
  const plan = (cell: (k: DrugColumnKey) => string, row: number, issues: RowIssue[]): PlannedRow | null => {
    const before = issues.length;
    const check = cellChecks(row, issues);
    const codeText = cell('code');
    let code: string | undefined;
    if (codeText === '') check.issue('code', 'REQUIRED', 'required');
    else if (!DrugCode.safeParse(codeText).success) check.issue('code', 'INVALID', 'letters and digits, at most 20 (e.g. XY0001)');
    else code = codeText;
    if (code !== undefined) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        check.issue('code', 'DUPLICATE_IN_FILE', `code ${code} is also on row ${first}`);
        if (!reportedDup.has(first)) {
          reportedDup.add(first);
          issues.push({ row: first, field: 'code', code: 'DUPLICATE_IN_FILE', message: `code ${code} is also on row ${row}` });
        }
      } else firstRowOfCode.set(code, row);
    }
    const name = check.text('name', cell('name'), 100, true);
    const nameEn = check.text('nameEn', cell('nameEn'), 100, false);
    const spec = check.text('spec', cell('spec'), 100, true);
    const form = check.text('form', cell('form'), 30, true);
    const unitText = cell('unit');
    const unit = (DRUG_UNITS as readonly string[]).includes(unitText) ? unitText as DrugFields['unit'] : undefined;
    if (unitText === '') check.issue('unit', 'REQUIRED', 'required');
    else if (!unit) check.issue('unit', 'UNKNOWN_UNIT', `unknown unit "${unitText}" (one of ${DRUG_UNITS.join(' ')})`);
    const doseUnit = check.text('doseUnit', cell('doseUnit'), 10, true);
    const dosesPerUnit = check.int('dosesPerUnit', cell('dosesPerUnit'), 1, 100_000);
    const priceFen = moneyCell(check, 'price', cell('price'));
    const clsText = cell('insuranceClass');
    const insuranceClass = valueOf(INSURANCE_LABELS, clsText);
    if (clsText === '') check.issue('insuranceClass', 'REQUIRED', 'required');
    else if (!insuranceClass || !(INSURANCE_CLASSES as readonly string[]).includes(insuranceClass)) {
      check.issue('insuranceClass', 'UNKNOWN_VALUE', `unknown insurance class "${clsText}" (${listLabels(INSURANCE_LABELS)})`);
    }
    const lowStockThreshold = check.int('lowStockThreshold', cell('lowStockThreshold'), 0, 1_000_000, 10);
    const safety = { ...safetyCells(check, cell), ...recordCells(check, cell) };
    const statusText = cell('status');
    const status = statusText === '' ? 'active' : valueOf(DRUG_STATUS_LABELS, statusText);
    if (!status) check.issue('status', 'UNKNOWN_VALUE', `unknown status "${statusText}" (${listLabels(DRUG_STATUS_LABELS)})`);
    if (issues.length > before || code === undefined || name === undefined || nameEn === undefined || spec === undefined
      || form === undefined || unit === undefined || doseUnit === undefined || dosesPerUnit === undefined || priceFen === undefined
      || insuranceClass === undefined || lowStockThreshold === undefined || status === undefined) return null;

    const basic = {
      code, name, nameEn, spec, form, unit, doseUnit, dosesPerUnit, priceFen, insuranceClass, lowStockThreshold, active: status === 'active',
    };
    const existing = known.get(code);
    if (!existing) {
      const fields: DrugFields & { active: boolean } = {
        ingredients: [], drugClasses: [], maxDose: null, defaultDose: null, defaultFrequency: null, defaultRoute: null, defaultDays: null,
        manufacturer: '', approvalNumber: '', contraindications: '', cautions: '', ...basic, ...safety,
      };
      return { row, kind: 'create', apply: () => void createDrug(ctx, fields) };
    }
    const stored = { ...existing, ingredients: splitList(existing.ingredients).join('|'), drugClasses: splitList(existing.drugClasses).join('|') };
    const given = { ...basic, ...safety, ingredients: safety.ingredients?.join('|'), drugClasses: safety.drugClasses?.join('|') };
    const differs = (Object.keys(given) as (keyof typeof given)[]).some((k) => given[k] !== undefined && stored[k] !== given[k]);
    return { row, kind: differs ? 'update' : 'unchanged', apply: () => void updateDrug(ctx, existing.id, { ...basic, ...safety }) };
  };
  return runImport(ctx, input, DRUG_COLUMNS, plan);
}

export function drugRows(ctx: RequestContext, lang: Lang): Cell[][] {
  const rows: Cell[][] = [headerRow(DRUG_COLUMNS, lang)];
  for (const d of listDrugs(ctx)) {
    const byKey: Record<DrugColumnKey, Cell> = {
      code: d.code, name: d.name, nameEn: d.nameEn, spec: d.spec, form: d.form, unit: d.unit, doseUnit: d.doseUnit,
      dosesPerUnit: d.dosesPerUnit, price: d.priceFen / 100, insuranceClass: labelOf(INSURANCE_LABELS, d.insuranceClass, lang),
      lowStockThreshold: d.lowStockThreshold, status: labelOf(DRUG_STATUS_LABELS, d.active ? 'active' : 'stopped', lang),
      ingredients: d.ingredients.join('|'), drugClasses: d.drugClasses.join('|'), maxDose: d.maxDose ?? '', defaultDose: d.defaultDose ?? '',
      defaultFrequency: d.defaultFrequency ?? '', defaultRoute: d.defaultRoute ?? '', defaultDays: d.defaultDays ?? '',
      manufacturer: d.manufacturer, approvalNumber: d.approvalNumber, contraindications: d.contraindications, cautions: d.cautions,
    };
    rows.push(DRUG_COLUMNS.map((c) => byKey[c.key]));
  }
  return rows;
}
