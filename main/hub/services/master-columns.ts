/**
 * The columns of the drug-catalog and staff-list files, defined ONCE: export writes these headers
 * (Chinese or English) and import recognises either (spaces and case ignored), so an exported
 * file always imports back. Closed lists (sex, position, status, insurance class) are written as
 * their Chinese or English label and read from either label or the stored code.
 */
import { INSURANCE_CLASSES, SEXES, STAFF_POSITIONS, STAFF_STATUSES } from '../../domain/enums';

export type Lang = 'zh' | 'en';

export interface ColumnDef<K extends string = string> {
  key: K;
  zh: string;
  en: string;
  required: boolean;
}

const col = <K extends string>(key: K, zh: string, en: string, required: boolean): ColumnDef<K> => ({ key, zh, en, required });

export const DRUG_COLUMNS = [
  col('code', '编码', 'Code', true),
  col('name', '名称', 'Name', true),
  col('nameEn', '英文名', 'English name', false),
  col('spec', '规格', 'Spec', true),
  col('form', '剂型', 'Form', true),
  col('unit', '单位', 'Unit', true),
  col('doseUnit', '剂量单位', 'Dose unit', true),
  col('dosesPerUnit', '每单位剂量数', 'Doses per unit', true),
  col('price', '单价(元)', 'Price (yuan)', true),
  col('insuranceClass', '医保类别', 'Insurance class', true),
  col('lowStockThreshold', '库存预警', 'Low stock threshold', false),
  col('status', '状态', 'Status', false),
  // Safe prescribing: lists '|'-separated; classes, frequencies and routes as their codes (penicillin, tid, po).
  col('ingredients', '成分', 'Ingredients', false),
  col('drugClasses', '药物类别', 'Drug classes', false),
  col('maxDose', '最大单次剂量', 'Max single dose', false),
  col('defaultDose', '默认单次剂量', 'Default dose', false),
  col('defaultFrequency', '默认频次', 'Default frequency', false),
  col('defaultRoute', '默认用法', 'Default route', false),
  col('defaultDays', '默认天数', 'Default days', false),
  // Drug records (issue 16): a blank cell leaves what the drug has.
  col('manufacturer', '生产厂家', 'Manufacturer', false),
  col('approvalNumber', '批准文号', 'Approval number', false),
  col('contraindications', '禁忌', 'Contraindications', false),
  col('cautions', '注意事项', 'Cautions', false),
] as const;
export type DrugColumnKey = (typeof DRUG_COLUMNS)[number]['key'];

export const STAFF_COLUMNS = [
  col('id', '编号', 'ID', false),
  col('name', '姓名', 'Name', true),
  col('sex', '性别', 'Sex', true),
  col('position', '岗位', 'Position', true),
  col('title', '职称', 'Title', false),
  col('departmentCode', '科室编码', 'Department code', false),
  col('specialty', '专长', 'Specialty', false),
  col('registrationFee', '挂号费(元)', 'Registration fee (yuan)', false),
  col('status', '状态', 'Status', false),
  col('phone', '电话', 'Phone', false),
] as const;
export type StaffColumnKey = (typeof STAFF_COLUMNS)[number]['key'];

export type Labels<V extends string> = Record<V, { zh: string; en: string }>;

export const INSURANCE_LABELS: Labels<(typeof INSURANCE_CLASSES)[number]> = {
  A: { zh: '甲类', en: 'A' }, B: { zh: '乙类', en: 'B' }, none: { zh: '自费', en: 'none' },
};
export const DRUG_STATUS_LABELS: Labels<'active' | 'stopped'> = {
  active: { zh: '在用', en: 'active' }, stopped: { zh: '停用', en: 'stopped' },
};
export const SEX_LABELS: Labels<(typeof SEXES)[number]> = {
  M: { zh: '男', en: 'M' }, F: { zh: '女', en: 'F' }, U: { zh: '未知', en: 'U' },
};
export const POSITION_LABELS: Labels<(typeof STAFF_POSITIONS)[number]> = {
  doctor: { zh: '医生', en: 'doctor' }, nurse: { zh: '护士', en: 'nurse' }, receptionist: { zh: '挂号员', en: 'receptionist' },
  cashier: { zh: '收费员', en: 'cashier' }, pharmacist: { zh: '药剂师', en: 'pharmacist' }, admin: { zh: '管理员', en: 'admin' },
  technician: { zh: '技师', en: 'technician' },
};
export const STAFF_STATUS_LABELS: Labels<(typeof STAFF_STATUSES)[number]> = {
  active: { zh: '在职', en: 'active' }, on_leave: { zh: '休假', en: 'on_leave' }, left: { zh: '离职', en: 'left' },
};

export function labelOf<V extends string>(labels: Labels<V>, value: V, lang: Lang): string {
  return labels[value][lang];
}

function norm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The code a cell names: its Chinese label, English label or the code itself; undefined if none. */
export function valueOf<V extends string>(labels: Labels<V>, text: string): V | undefined {
  const t = norm(text);
  for (const [value, l] of Object.entries(labels) as [V, { zh: string; en: string }][]) {
    if (t === norm(value) || t === norm(l.zh) || t === norm(l.en)) return value;
  }
  return undefined;
}

export function listLabels<V extends string>(labels: Labels<V>): string {
  return (Object.values(labels) as { zh: string; en: string }[]).map((l) => `${l.zh}/${l.en}`).join(', ');
}

export function headerRow(cols: readonly ColumnDef[], lang: Lang): string[] {
  return cols.map((c) => c[lang]);
}

/** One problem of an import, as the admin sees it: file row (header = 1), column key, code, text. */
export interface RowIssue {
  row: number;
  field: string;
  code: string;
  message: string;
}

/**
 * Which file column holds each known column. Problems (unknown, repeated or missing required
 * columns) are issues on row 1.
 */
export function mapHeader<K extends string>(cols: readonly ColumnDef<K>[], header: readonly string[]): { index: Map<K, number>; issues: RowIssue[] } {
  const index = new Map<K, number>();
  const issues: RowIssue[] = [];
  header.forEach((cell, i) => {
    const t = norm(cell);
    if (t === '') return;
    const c = cols.find((d) => norm(d.zh) === t || norm(d.en) === t || norm(d.key) === t);
    if (!c) {
      issues.push({ row: 1, field: cell, code: 'UNKNOWN_COLUMN', message: `unknown column "${cell}"` });
    } else if (index.has(c.key)) {
      issues.push({ row: 1, field: c.key, code: 'DUPLICATE_COLUMN', message: `column "${cell}" appears twice` });
    } else {
      index.set(c.key, i);
    }
  });
  for (const c of cols) {
    if (c.required && !index.has(c.key)) {
      issues.push({ row: 1, field: c.key, code: 'MISSING_COLUMN', message: `required column "${c.zh}" / "${c.en}" is missing` });
    }
  }
  return { index, issues };
}
