/**
 * Medical equipment as a file (equipment.import / equipment.export), in the catalog's frame
 * (master-import.ts: decoding, header mapping, cell checks, every bad row reported). Import matches
 * by asset number: a known one updates that item with the columns the file has (a blank cell in
 * an optional column clears it; a blank status keeps the item's), a new one creates an item. Two
 * rows with the same asset number are both refused (DUPLICATE_IN_FILE). Export writes every item,
 * retired ones too, in the same columns, so an exported file imports back unchanged.
 */
import { isIsoDate } from '../../domain/dates';
import { checkEquipmentDates, checkStatusMove, tidyAssetNo, type EquipmentStatus } from '../../domain/equipment';
import { DomainError } from '../../domain/errors';
import type { Cell } from '../../tabular/cells';
import type { EquipmentFields, EquipmentRow } from '../equipment/store';
import { headerRow, labelOf, listLabels, valueOf, type ColumnDef, type Labels, type Lang, type RowIssue } from './master-columns';
import { cellChecks, checkFile } from './master-import';

const col = <K extends string>(key: K, zh: string, en: string, required: boolean): ColumnDef<K> => ({ key, zh, en, required });

export const EQUIPMENT_COLUMNS = [
  col('assetNo', '资产编号', 'Asset number', true),
  col('name', '名称', 'Name', true),
  col('model', '型号', 'Model', false),
  col('manufacturer', '生产厂家', 'Manufacturer', false),
  col('serialNo', '序列号', 'Serial number', false),
  col('departmentCode', '科室编码', 'Department code', false),
  col('status', '状态', 'Status', false),
  col('purchaseDate', '购置日期', 'Purchase date', false),
  col('lastMaintenanceDate', '上次维护日期', 'Last maintenance', false),
  col('nextMaintenanceDue', '下次维护日期', 'Next maintenance due', false),
  col('intervalMonths', '维护周期(月)', 'Maintenance interval (months)', false),
  col('notes', '备注', 'Notes', false),
] as const;
export type EquipmentColumnKey = (typeof EQUIPMENT_COLUMNS)[number]['key'];

export const EQUIPMENT_STATUS_LABELS: Labels<EquipmentStatus> = {
  in_use: { zh: '在用', en: 'in use' }, repair: { zh: '维修中', en: 'in repair' }, retired: { zh: '已报废', en: 'retired' },
};

/** 'YYYY-MM-DD', also typed 'YYYY/M/D' or 'YYYY.M.D'; '' stays ''; anything else is returned as given (and refused). */
export function dateCell(value: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value.normalize('NFKC'));
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : value;
}

export interface PlannedItem {
  row: number;
  kind: 'create' | 'update' | 'unchanged';
  /** The existing item's id for an update, a new id for a create. */
  id: string;
  fields: EquipmentFields;
}

export interface ImportContext {
  /** Every item the hub holds, by asset number. */
  known: ReadonlyMap<string, EquipmentRow>;
  /** The clinic's departments by code. */
  departments: ReadonlyMap<string, string>;
  today: string;
  newId: () => string;
}

const FIELDS: (keyof EquipmentFields)[] = [
  'assetNo', 'name', 'model', 'manufacturer', 'serialNo', 'departmentId', 'status', 'purchaseDate', 'lastMaintenanceDate', 'nextMaintenanceDue', 'intervalMonths', 'notes',
];

/** Checks every row of the file; the plans, or IMPORT_INVALID with every bad row. Writes nothing. */
export function planEquipmentImport(input: { format: 'csv' | 'xlsx'; base64: string }, c: ImportContext): { rows: number; planned: PlannedItem[] } {
  const firstRowOf = new Map<string, number>();
  const reportedDup = new Set<number>();
  const plan = (cell: (k: EquipmentColumnKey) => string, row: number, issues: RowIssue[], has: (k: EquipmentColumnKey) => boolean): PlannedItem | null => {
    const before = issues.length;
    const check = cellChecks(row, issues);
    let assetNo: string | undefined;
    if (cell('assetNo') === '') check.issue('assetNo', 'REQUIRED', 'required');
    else {
      try {
        assetNo = tidyAssetNo(cell('assetNo'));
      } catch {
        check.issue('assetNo', 'INVALID', 'letters, digits and - _ . /, at most 30 (e.g. EQ-0001)');
      }
    }
    if (assetNo !== undefined) {
      const first = firstRowOf.get(assetNo);
      if (first !== undefined) {
        check.issue('assetNo', 'DUPLICATE_IN_FILE', `asset number ${assetNo} is also on row ${first}`);
        if (!reportedDup.has(first)) {
          reportedDup.add(first);
          issues.push({ row: first, field: 'assetNo', code: 'DUPLICATE_IN_FILE', message: `asset number ${assetNo} is also on row ${row}` });
        }
      } else firstRowOf.set(assetNo, row);
    }
    const existing = assetNo === undefined ? undefined : c.known.get(assetNo);
    const name = check.text('name', cell('name'), 100, true);
    const model = check.text('model', cell('model'), 100, false);
    const manufacturer = check.text('manufacturer', cell('manufacturer'), 100, false);
    const serialNo = check.text('serialNo', cell('serialNo'), 60, false);
    const notes = check.text('notes', cell('notes'), 1000, false);
    const deptCode = cell('departmentCode');
    const departmentId = deptCode === '' ? null : (c.departments.get(deptCode) ?? c.departments.get(deptCode.toUpperCase()));
    if (departmentId === undefined) check.issue('departmentCode', 'UNKNOWN_DEPARTMENT', `no department has code "${deptCode}"`);
    const statusText = cell('status');
    const status = statusText === '' ? (existing?.status ?? 'in_use') : valueOf(EQUIPMENT_STATUS_LABELS, statusText);
    if (!status) check.issue('status', 'UNKNOWN_VALUE', `unknown status "${statusText}" (${listLabels(EQUIPMENT_STATUS_LABELS)})`);
    const dates: Partial<Record<'purchaseDate' | 'lastMaintenanceDate' | 'nextMaintenanceDue', string | null>> = {};
    for (const k of ['purchaseDate', 'lastMaintenanceDate', 'nextMaintenanceDue'] as const) {
      const v = dateCell(cell(k));
      if (v !== '' && !isIsoDate(v)) check.issue(k, 'INVALID_DATE', `"${cell(k)}" is not a date (YYYY-MM-DD)`);
      else dates[k] = v === '' ? null : v;
    }
    const intervalText = cell('intervalMonths');
    const intervalMonths = intervalText === '' ? null : check.int('intervalMonths', intervalText, 1, 120);
    if (issues.length > before || assetNo === undefined || name === undefined || model === undefined || manufacturer === undefined
      || serialNo === undefined || notes === undefined || departmentId === undefined || !status || intervalMonths === undefined) return null;

    const given: EquipmentFields = {
      assetNo, name, model, manufacturer, serialNo, departmentId, status, notes, intervalMonths,
      purchaseDate: dates.purchaseDate ?? null, lastMaintenanceDate: dates.lastMaintenanceDate ?? null, nextMaintenanceDue: dates.nextMaintenanceDue ?? null,
    };
    // A column the file does not have leaves what the item has.
    const keyOfField = (f: keyof EquipmentFields): EquipmentColumnKey => (f === 'departmentId' ? 'departmentCode' : f);
    const fields: EquipmentFields = existing
      ? Object.fromEntries(FIELDS.map((f) => [f, has(keyOfField(f)) ? given[f] : existing[f]])) as unknown as EquipmentFields
      : given;
    try {
      checkEquipmentDates(fields, c.today);
      if (existing) checkStatusMove(existing.status, fields.status);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const field = typeof e.details?.['field'] === 'string' ? e.details['field'] : '';
      check.issue(field, e.code === 'VALIDATION' ? String(e.details?.['reason'] ?? 'INVALID').toUpperCase() : e.code, e.message);
      return null;
    }
    if (!existing) return { row, kind: 'create', id: c.newId(), fields };
    const differs = FIELDS.some((f) => fields[f] !== existing[f]);
    return { row, kind: differs ? 'update' : 'unchanged', id: existing.id, fields };
  };
  return checkFile(input, EQUIPMENT_COLUMNS, plan);
}

export function equipmentRows(items: EquipmentRow[], departmentCodes: ReadonlyMap<string, string>, lang: Lang): Cell[][] {
  const rows: Cell[][] = [headerRow(EQUIPMENT_COLUMNS, lang)];
  for (const e of items) {
    const byKey: Record<EquipmentColumnKey, Cell> = {
      assetNo: e.assetNo, name: e.name, model: e.model, manufacturer: e.manufacturer, serialNo: e.serialNo,
      departmentCode: e.departmentId ? (departmentCodes.get(e.departmentId) ?? '') : '', status: labelOf(EQUIPMENT_STATUS_LABELS, e.status, lang),
      purchaseDate: e.purchaseDate ?? '', lastMaintenanceDate: e.lastMaintenanceDate ?? '', nextMaintenanceDue: e.nextMaintenanceDue ?? '',
      intervalMonths: e.intervalMonths ?? '', notes: e.notes,
    };
    rows.push(EQUIPMENT_COLUMNS.map((x) => byKey[x.key]));
  }
  return rows;
}
