/** The formulary and its stock. Stock on hand is never stored: it is the sum of movements. */
import { sqliteTable, text, integer, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DRUG_FREQUENCIES, DRUG_ROUTES, INSURANCE_CLASSES, STOCK_MOVEMENT_KINDS } from '../../main/domain/enums';
import { fen, flag, id, instant, isoDate, ref, stamps } from './columns';

export const drugs = sqliteTable('drugs', {
  id: id(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  /** Specification as printed, e.g. "0.25g×24粒". */
  spec: text('spec').notNull(),
  form: text('form').notNull(),
  /** Dispensing unit: 盒 box, 瓶 bottle, 支 ampoule. */
  unit: text('unit').notNull(),
  /** Unit of one dose: mg, g, ml, 粒, 片. */
  doseUnit: text('dose_unit').notNull(),
  /** How many dose units one dispensing unit holds (24 tablets a box). */
  dosesPerUnit: integer('doses_per_unit').notNull(),
  priceFen: fen('price_fen').notNull(),
  insuranceClass: text('insurance_class', { enum: INSURANCE_CLASSES }).notNull(),
  lowStockThreshold: integer('low_stock_threshold').notNull().default(10),
  pinyinInitials: text('pinyin_initials').notNull(),
  active: flag('active').notNull().default(true),
  /** Active ingredients, '|'-separated generic names ("阿莫西林|克拉维酸"): what an allergy to an ingredient is checked against. */
  ingredients: text('ingredients').notNull().default(''),
  /** Drug classes, '|'-separated codes of DRUG_CLASSES ("penicillin"): allergies by class and duplicate classes. */
  drugClasses: text('drug_classes').notNull().default(''),
  /** Largest single dose, in doseUnit; null: no maximum. A line above it needs an override to issue. */
  maxDose: real('max_dose'),
  /** What a new line of this drug starts with; null: the prescriber chooses. */
  defaultDose: real('default_dose'),
  defaultFrequency: text('default_frequency', { enum: DRUG_FREQUENCIES }),
  defaultRoute: text('default_route', { enum: DRUG_ROUTES }),
  defaultDays: integer('default_days'),
  /** 生产厂家, as on the box. */
  manufacturer: text('manufacturer').notNull().default(''),
  /** 批准文号, e.g. 国药准字H20003263 (main/domain/drugRecords.ts checks its shape). */
  approvalNumber: text('approval_number').notNull().default(''),
  /** 禁忌: who must not take it, as the package insert says. */
  contraindications: text('contraindications').notNull().default(''),
  /** 注意事项: cautions for the doctor, the pharmacist and the patient. */
  cautions: text('cautions').notNull().default(''),
  ...stamps(),
}, (t) => [uniqueIndex('drugs_code').on(t.code), index('drugs_pinyin').on(t.pinyinInitials), index('drugs_name').on(t.name)]);

export const stockBatches = sqliteTable('stock_batches', {
  id: id(),
  drugId: ref('drug_id').notNull().references(() => drugs.id),
  batchNo: text('batch_no').notNull(),
  expiryDate: isoDate('expiry_date').notNull(),
  costFen: fen('cost_fen').notNull().default(0),
  ...stamps(),
}, (t) => [index('stock_batches_drug').on(t.drugId, t.expiryDate)]);

/** Insert-only ledger: every change of stock is a signed quantity on a batch. */
export const stockMovements = sqliteTable('stock_movements', {
  id: id(),
  drugId: ref('drug_id').notNull().references(() => drugs.id),
  batchId: ref('batch_id').notNull().references(() => stockBatches.id),
  kind: text('kind', { enum: STOCK_MOVEMENT_KINDS }).notNull(),
  quantity: integer('quantity').notNull(),
  reason: text('reason'),
  /** The prescription item dispensed or returned, when there is one. */
  refId: ref('ref_id'),
  byAccount: ref('by_account').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [
  index('stock_movements_batch').on(t.batchId),
  index('stock_movements_drug').on(t.drugId, t.createdAt),
  index('stock_movements_ref').on(t.refId),
]);
