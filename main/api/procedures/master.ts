/**
 * Hub administration of the clinic's catalogs (`master.*`): drugs and their prices, exam items,
 * wards and beds, and import/export of the drug catalog and the staff list as CSV or XLSX.
 * Admins only; runs at the hub (its admin station); the rows replicate read-only to every desk.
 *
 * A price change is a plain update: bill lines keep their own `unit_price_fen`, exam orders and
 * prescription items their own price, so bills already made never change.
 *
 * Import: `{format, base64, dryRun}`. Every row is checked; if ANY row is bad nothing is written
 * and the answer is IMPORT_INVALID with `details.rows` = every problem `{row, field, code,
 * message}` (row numbers as in the file, header = 1). Drugs match by code: a known code updates
 * that drug (only the fields that differ), a new code creates one; drugs missing from the file
 * are left alone. Staff match by the exported 编号/id column: a known id updates that person, an
 * empty id creates one (a new row with the same name and department as someone who has not left
 * is refused as a duplicate). `dryRun` checks everything and reports the counts, writing nothing.
 */
import { z } from 'zod';
import { DRUG_CLASSES } from '../../domain/allergies';
import { DRUG_FREQUENCIES, DRUG_ROUTES, EXAM_CATEGORIES, INSURANCE_CLASSES } from '../../domain/enums';
import { MAX_DAYS } from '../../domain/prescribing';
import { procedure } from '../define';
import { Fen, Id, Instant, RequiredText, Text } from '../schemas';

const ADMIN = ['admin'] as const;

/** Largest file an import takes (bytes, after base64 decoding), and most data rows. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

/** Dispensing units a drug may be sold in. */
export const DRUG_UNITS = ['盒', '瓶', '支', '袋', '板', '包', '贴', '管', '罐', '片', '粒', '丸', '个', '套', '剂', '条', '听'] as const;

export const DrugCode = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/, 'letters and digits, at most 20 (e.g. XY0001)');

const drugFields = {
  code: DrugCode,
  name: RequiredText(100),
  nameEn: Text(100),
  spec: RequiredText(100),
  form: RequiredText(30),
  unit: z.enum(DRUG_UNITS),
  doseUnit: RequiredText(10),
  dosesPerUnit: z.number().int().min(1).max(100_000),
  priceFen: Fen,
  insuranceClass: z.enum(INSURANCE_CLASSES),
  lowStockThreshold: z.number().int().min(0).max(1_000_000),
  /** Safe prescribing (issue 14): active ingredients (generic names) and classes, checked against allergies and for duplicates. */
  ingredients: z.array(RequiredText(40).refine((s) => !s.includes('|'), 'no | in a name')).max(10),
  drugClasses: z.array(z.enum(DRUG_CLASSES)).max(10),
  /** Largest single dose in doseUnit; null: none. */
  maxDose: z.number().positive().max(100_000).nullable(),
  /** What a new line of the drug starts with (null: the general default). */
  defaultDose: z.number().positive().max(100_000).nullable(),
  defaultFrequency: z.enum(DRUG_FREQUENCIES).nullable(),
  defaultRoute: z.enum(DRUG_ROUTES).nullable(),
  defaultDays: z.number().int().min(1).max(MAX_DAYS).nullable(),
  /** Drug records (issue 16): 生产厂家, 批准文号 (its shape checked: INVALID_APPROVAL_NUMBER), 禁忌, 注意事项. */
  manufacturer: Text(100),
  approvalNumber: Text(60),
  contraindications: Text(1000),
  cautions: Text(1000),
};

export const DrugCreateInput = z.object({
  ...drugFields,
  nameEn: drugFields.nameEn.default(''),
  lowStockThreshold: drugFields.lowStockThreshold.default(10),
  ingredients: drugFields.ingredients.default([]),
  drugClasses: drugFields.drugClasses.default([]),
  maxDose: drugFields.maxDose.default(null),
  defaultDose: drugFields.defaultDose.default(null),
  defaultFrequency: drugFields.defaultFrequency.default(null),
  defaultRoute: drugFields.defaultRoute.default(null),
  defaultDays: drugFields.defaultDays.default(null),
  manufacturer: drugFields.manufacturer.default(''),
  approvalNumber: drugFields.approvalNumber.default(''),
  contraindications: drugFields.contraindications.default(''),
  cautions: drugFields.cautions.default(''),
});
export const DrugPatch = z.object(Object.fromEntries(Object.entries(drugFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof drugFields]: z.ZodOptional<(typeof drugFields)[K]>
});

export const DrugAdminView = z.object({
  id: Id, code: z.string(), name: z.string(), nameEn: z.string(), spec: z.string(), form: z.string(), unit: z.string(),
  doseUnit: z.string(), dosesPerUnit: z.number().int(), priceFen: Fen, insuranceClass: z.enum(INSURANCE_CLASSES),
  lowStockThreshold: z.number().int(), active: z.boolean(), updatedAt: Instant,
  ingredients: z.array(z.string()), drugClasses: z.array(z.string()), maxDose: z.number().nullable(), defaultDose: z.number().nullable(),
  defaultFrequency: z.enum(DRUG_FREQUENCIES).nullable(), defaultRoute: z.enum(DRUG_ROUTES).nullable(), defaultDays: z.number().int().nullable(),
  manufacturer: z.string(), approvalNumber: z.string(), contraindications: z.string(), cautions: z.string(),
});

export const ExamItemAdminView = z.object({
  id: Id, code: z.string(), name: z.string(), nameEn: z.string(), category: z.enum(EXAM_CATEGORIES), priceFen: Fen,
  active: z.boolean(), updatedAt: Instant,
});

export const BedAdminView = z.object({ id: Id, label: z.string(), active: z.boolean(), occupied: z.boolean() });
export const WardAdminView = z.object({
  id: Id, name: z.string(), departmentId: Id.nullable(), departmentName: z.string().nullable(), dailyRateFen: Fen,
  active: z.boolean(), beds: z.array(BedAdminView),
});

const TabularFormat = z.enum(['csv', 'xlsx']);
export const ImportInput = z.object({
  format: TabularFormat,
  /** The file, base64; size is checked after decoding (IMPORT_TOO_LARGE). */
  base64: z.string().max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4 * 2),
  dryRun: z.boolean().default(false),
});
export const ImportResult = z.object({
  dryRun: z.boolean(),
  /** Data rows read (blank rows skipped). */
  rows: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});
export const ExportInput = z.object({ format: TabularFormat, lang: z.enum(['zh', 'en']).default('zh') });
export const ExportFile = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

const ExamCode = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/, 'letters and digits, at most 20 (e.g. E001)');

export const masterProcedures = {
  'master.drugs': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every drug of the formulary, stopped ones too, by code.',
    input: z.object({}),
    output: z.object({ items: z.array(DrugAdminView) }),
  }),
  'master.createDrug': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Add a drug: unique code, name, spec, form, unit, dose unit and doses per unit, price (fen), insurance class.',
    input: DrugCreateInput,
    output: DrugAdminView,
  }),
  'master.updateDrug': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Change a drug's fields or price; bills already made keep their own prices.",
    input: DrugPatch.extend({ id: Id }),
    output: DrugAdminView,
  }),
  'master.setDrugActive': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Stop a drug (no longer prescribable) or restart it.',
    input: z.object({ id: Id, active: z.boolean() }),
    output: DrugAdminView,
  }),

  'master.examItems': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every exam item, inactive ones too, by code.',
    input: z.object({}),
    output: z.object({ items: z.array(ExamItemAdminView) }),
  }),
  'master.createExamItem': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Add an exam item: unique code, names, category, price (fen).',
    input: z.object({ code: ExamCode, name: RequiredText(100), nameEn: Text(100).default(''), category: z.enum(EXAM_CATEGORIES), priceFen: Fen }),
    output: ExamItemAdminView,
  }),
  'master.updateExamItem': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Change an exam item's names, category or price; orders already made keep their price.",
    input: z.object({
      id: Id, name: RequiredText(100).optional(), nameEn: Text(100).optional(), category: z.enum(EXAM_CATEGORIES).optional(), priceFen: Fen.optional(),
    }),
    output: ExamItemAdminView,
  }),
  'master.setExamItemActive': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Deactivate an exam item (no longer orderable) or reactivate it.',
    input: z.object({ id: Id, active: z.boolean() }),
    output: ExamItemAdminView,
  }),

  'master.wards': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every ward with its beds (inactive ones too) and whether each bed is occupied now.',
    input: z.object({}),
    output: z.object({ items: z.array(WardAdminView) }),
  }),
  'master.createWard': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Create a ward: a unique name, optionally a department, a daily bed rate (fen).',
    input: z.object({ name: RequiredText(50), departmentId: Id.nullable().default(null), dailyRateFen: Fen.default(0) }),
    output: WardAdminView,
  }),
  'master.addBeds': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Add beds to an active ward by label (labels unique within the ward).',
    input: z.object({ wardId: Id, labels: z.array(RequiredText(20)).min(1).max(200) }),
    output: WardAdminView,
  }),
  'master.setBedActive': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Deactivate a bed (refused while a patient is admitted to it) or reactivate it.',
    input: z.object({ id: Id, active: z.boolean() }),
    output: WardAdminView,
  }),

  'master.importDrugs': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: `Import the drug catalog from CSV or XLSX (at most ${IMPORT_MAX_ROWS} rows, 5 MB): by code, update or create; all rows or none.`,
    input: ImportInput,
    output: ImportResult,
  }),
  'master.importStaff': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: `Import the staff list from CSV or XLSX (at most ${IMPORT_MAX_ROWS} rows, 5 MB): by id, update or create; all rows or none.`,
    input: ImportInput,
    output: ImportResult,
  }),
  'master.exportDrugs': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'The drug catalog as a CSV or XLSX file (headers in Chinese or English), in the import format.',
    input: ExportInput,
    output: ExportFile,
  }),
  'master.exportStaff': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'The staff list as a CSV or XLSX file (headers in Chinese or English), in the import format.',
    input: ExportInput,
    output: ExportFile,
  }),
} as const;
