/**
 * Drugs, exam items, wards and beds at the hub (see main/api/procedures/master.ts). Codes are
 * unique (CONFLICT, field 'code'); every change is audited; a price change is a plain update
 * (bill lines, exam orders and prescription items keep the price they were made with).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { DrugAdminView, DrugCreateInput, ExamItemAdminView, WardAdminView } from '../../api/procedures/master';
import { joinList, splitList } from '../../domain/allergies';
import { checkApprovalNumber } from '../../domain/drugRecords';
import { DomainError } from '../../domain/errors';
import { pinyinKeys } from '../../domain/pinyin';
import { admissions, beds, departments, drugs, examItems, wards } from '../../../db/schema';
import type { RequestContext } from '../../station/context';
import { requireActiveDepartment } from './org-structure';

type DrugRow = typeof drugs.$inferSelect;
export type DrugFields = z.output<typeof DrugCreateInput>;

const drugColumns = {
  id: drugs.id, code: drugs.code, name: drugs.name, nameEn: drugs.nameEn, spec: drugs.spec, form: drugs.form, unit: drugs.unit,
  doseUnit: drugs.doseUnit, dosesPerUnit: drugs.dosesPerUnit, priceFen: drugs.priceFen, insuranceClass: drugs.insuranceClass,
  lowStockThreshold: drugs.lowStockThreshold, active: drugs.active, updatedAt: drugs.updatedAt,
  ingredients: drugs.ingredients, drugClasses: drugs.drugClasses, maxDose: drugs.maxDose, defaultDose: drugs.defaultDose,
  defaultFrequency: drugs.defaultFrequency, defaultRoute: drugs.defaultRoute, defaultDays: drugs.defaultDays,
  manufacturer: drugs.manufacturer, approvalNumber: drugs.approvalNumber, contraindications: drugs.contraindications, cautions: drugs.cautions,
};

type DrugColumnsRow = { ingredients: string; drugClasses: string } & Omit<z.input<typeof DrugAdminView>, 'ingredients' | 'drugClasses'>;
const adminView = (r: DrugColumnsRow): z.input<typeof DrugAdminView> => ({ ...r, ingredients: splitList(r.ingredients), drugClasses: splitList(r.drugClasses) });

export function listDrugs(ctx: RequestContext): z.input<typeof DrugAdminView>[] {
  return ctx.db.select(drugColumns).from(drugs).orderBy(asc(drugs.code), asc(drugs.id)).all().map(adminView);
}

export function drugView(ctx: RequestContext, id: string): z.input<typeof DrugAdminView> {
  const row = ctx.db.select(drugColumns).from(drugs).where(eq(drugs.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such drug', { field: 'id', entity: 'drug', id });
  return adminView(row);
}

/** The lists as stored ('|'-joined); the other fields as they are. */
function drugRowFields<T extends { ingredients?: readonly string[] | undefined; drugClasses?: readonly string[] | undefined }>(f: T) {
  const { ingredients, drugClasses, ...rest } = f as T & { approvalNumber?: string | undefined };
  return {
    ...rest,
    ...(rest.approvalNumber === undefined ? {} : { approvalNumber: checkApprovalNumber(rest.approvalNumber) }),
    ...(ingredients === undefined ? {} : { ingredients: joinList(ingredients) }),
    ...(drugClasses === undefined ? {} : { drugClasses: joinList(drugClasses) }),
  };
}

export function drugByCode(ctx: RequestContext, code: string): DrugRow | undefined {
  return ctx.db.select().from(drugs).where(eq(drugs.code, code)).get();
}

function assertFreeCode(ctx: RequestContext, code: string, selfId: string | null): void {
  const other = drugByCode(ctx, code);
  if (other && other.id !== selfId) {
    throw new DomainError('CONFLICT', `drug code ${code} is taken by ${other.name}`, { field: 'code', reason: 'code_taken', code, id: other.id });
  }
}

export function createDrug(ctx: RequestContext, input: DrugFields & { active?: boolean }): string {
  assertFreeCode(ctx, input.code, null);
  const id = ctx.write.insert(drugs, { ...drugRowFields(input), ingredients: joinList(input.ingredients), drugClasses: joinList(input.drugClasses), pinyinInitials: pinyinKeys(input.name).initials });
  ctx.audit('create', 'drug', id, null);
  return id;
}

/** Writes only the fields that differ; returns whether anything changed. */
export function updateDrug(ctx: RequestContext, id: string, patch: Partial<DrugFields> & { active?: boolean }): boolean {
  const row = ctx.db.select().from(drugs).where(eq(drugs.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such drug', { field: 'id', entity: 'drug', id });
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(drugRowFields(patch))) {
    if (v !== undefined && row[k as keyof DrugRow] !== v) changes[k] = v;
  }
  if (Object.keys(changes).length === 0) return false;
  if (typeof changes['code'] === 'string') assertFreeCode(ctx, changes['code'], id);
  if (typeof changes['name'] === 'string') changes['pinyinInitials'] = pinyinKeys(changes['name']).initials;
  ctx.write.update(drugs, id, changes);
  ctx.audit('update', 'drug', id, null);
  return true;
}

const examColumns = {
  id: examItems.id, code: examItems.code, name: examItems.name, nameEn: examItems.nameEn, category: examItems.category,
  priceFen: examItems.priceFen, active: examItems.active, updatedAt: examItems.updatedAt,
};

export function listExamItems(ctx: RequestContext): z.input<typeof ExamItemAdminView>[] {
  return ctx.db.select(examColumns).from(examItems).orderBy(asc(examItems.code), asc(examItems.id)).all();
}

export function examItemView(ctx: RequestContext, id: string): z.input<typeof ExamItemAdminView> {
  const row = ctx.db.select(examColumns).from(examItems).where(eq(examItems.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such exam item', { field: 'id', entity: 'exam_item', id });
  return row;
}

export function createExamItem(ctx: RequestContext, input: Pick<typeof examItems.$inferInsert, 'code' | 'name' | 'nameEn' | 'category' | 'priceFen'>): string {
  const other = ctx.db.select({ id: examItems.id }).from(examItems).where(eq(examItems.code, input.code)).get();
  if (other) throw new DomainError('CONFLICT', `exam code ${input.code} is taken`, { field: 'code', reason: 'code_taken', code: input.code, id: other.id });
  const id = ctx.write.insert(examItems, input);
  ctx.audit('create', 'exam_item', id, null);
  return id;
}

export function updateExamItem(ctx: RequestContext, id: string, patch: Partial<Pick<typeof examItems.$inferInsert, 'name' | 'nameEn' | 'category' | 'priceFen' | 'active'>>): void {
  const row = examItemView(ctx, id);
  const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && row[k as keyof typeof row] !== v));
  if (Object.keys(changes).length === 0) return;
  ctx.write.update(examItems, id, changes);
  ctx.audit('update', 'exam_item', id, null);
}

function occupiedBedIds(ctx: RequestContext, bedIds: string[]): Set<string> {
  if (bedIds.length === 0) return new Set();
  const rows = ctx.db.select({ bedId: admissions.bedId }).from(admissions)
    .where(and(inArray(admissions.bedId, bedIds), eq(admissions.status, 'admitted'))).all();
  return new Set(rows.map((r) => r.bedId));
}

export function listWards(ctx: RequestContext, only?: string): z.input<typeof WardAdminView>[] {
  const ws = ctx.db.select({
    id: wards.id, name: wards.name, departmentId: wards.departmentId, departmentName: departments.name, dailyRateFen: wards.dailyRateFen, active: wards.active,
  }).from(wards).leftJoin(departments, eq(departments.id, wards.departmentId))
    .where(only ? eq(wards.id, only) : undefined).orderBy(asc(wards.name), asc(wards.id)).all();
  if (ws.length === 0) return [];
  const bs = ctx.db.select({ id: beds.id, wardId: beds.wardId, label: beds.label, active: beds.active }).from(beds)
    .where(inArray(beds.wardId, ws.map((w) => w.id))).orderBy(asc(beds.label), asc(beds.id)).all();
  const occupied = occupiedBedIds(ctx, bs.map((b) => b.id));
  return ws.map((w) => ({
    ...w,
    beds: bs.filter((b) => b.wardId === w.id).map((b) => ({ id: b.id, label: b.label, active: b.active, occupied: occupied.has(b.id) })),
  }));
}

export function wardView(ctx: RequestContext, id: string, field = 'id'): z.input<typeof WardAdminView> {
  const w = listWards(ctx, id)[0];
  if (!w) throw new DomainError('NOT_FOUND', 'no such ward', { field, entity: 'ward', id });
  return w;
}

export function createWard(ctx: RequestContext, input: { name: string; departmentId: string | null; dailyRateFen: number }): string {
  const taken = ctx.db.select({ id: wards.id }).from(wards).where(eq(wards.name, input.name)).get();
  if (taken) throw new DomainError('CONFLICT', `a ward named ${input.name} exists`, { field: 'name', reason: 'name_taken', id: taken.id });
  if (input.departmentId !== null) requireActiveDepartment(ctx, input.departmentId, 'departmentId');
  const id = ctx.write.insert(wards, input);
  ctx.audit('create', 'ward', id, null);
  return id;
}

export function addBeds(ctx: RequestContext, wardId: string, labels: string[]): void {
  const ward = wardView(ctx, wardId, 'wardId');
  if (!ward.active) throw new DomainError('ILLEGAL_TRANSITION', 'the ward is inactive', { field: 'wardId', reason: 'ward_inactive' });
  const seen = new Set(ward.beds.map((b) => b.label));
  labels.forEach((label, i) => {
    if (seen.has(label)) throw new DomainError('CONFLICT', `bed ${label} exists in this ward`, { field: `labels.${i}`, reason: 'label_taken', label });
    seen.add(label);
    const id = ctx.write.insert(beds, { wardId, label });
    ctx.audit('create', 'bed', id, null);
  });
}

/** Returns the bed's ward id. Deactivating an occupied bed is refused (BED_OCCUPIED). */
export function setBedActive(ctx: RequestContext, id: string, active: boolean): string {
  const bed = ctx.db.select().from(beds).where(eq(beds.id, id)).get();
  if (!bed) throw new DomainError('NOT_FOUND', 'no such bed', { field: 'id', entity: 'bed', id });
  if (bed.active === active) return bed.wardId;
  if (!active && occupiedBedIds(ctx, [id]).size > 0) {
    throw new DomainError('BED_OCCUPIED', `bed ${bed.label} has a patient`, { field: 'id', id });
  }
  ctx.write.update(beds, id, { active });
  ctx.audit('update', 'bed', id, null);
  return bed.wardId;
}
