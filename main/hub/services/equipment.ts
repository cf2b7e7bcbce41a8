/**
 * Handlers of `equipment.*` (main/api/procedures/equipment.ts) at the hub. The hub's own tables
 * are read before the admin station's transaction (a pre-step: the item, whether an asset number
 * is taken, every item for an import); the checks and the audit row run in the transaction; the
 * write to the hub's tables follows once it has committed, one statement each
 * (main/hub/equipment/store.ts). An asset number taken in between is still refused there, by the
 * unique index (CONFLICT).
 */
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { EquipmentView, equipmentProcedures } from '../../api/procedures/equipment';
import { accounts, departments, staff } from '../../../db/schema';
import { addDays, localDate } from '../../domain/dates';
import { afterMaintenance, checkEquipmentDates, checkStatusMove, dueInDays, tidyAssetNo } from '../../domain/equipment';
import { DomainError } from '../../domain/errors';
import { uuidv7 } from '../../domain/uuid';
import type { Db } from '../../../db/open';
import { accountOf, type PreContext, type RequestContext } from '../../station/context';
import { afterCommit, withPreStep, type HandlersFor } from '../../station/handler';
import { DuplicateAssetNo, EquipmentStore, type EquipmentFields, type EquipmentRow, type MaintenanceRow } from '../equipment/store';
import { equipmentRows, planEquipmentImport } from './equipment-io';
import { exportFile } from './master';
import { hubStoreOf } from './hub-context';

type View = z.input<typeof EquipmentView>;
type Ctx = Pick<RequestContext, 'hub' | 'procedure'>;

const storeOf = (ctx: Ctx) => new EquipmentStore(hubStoreOf(ctx, 'medical equipment is kept').hubOnly);
const todayOf = (ctx: Pick<PreContext, 'now' | 'settings'>) => localDate(ctx.now(), ctx.settings.timeZone);

/** The names a view shows: departments and the people who wrote, from the admin station's replica. */
function namesOf(db: Db) {
  const depts = new Map(db.select().from(departments).orderBy(asc(departments.code)).all().map((d) => [d.id, d]));
  const people = new Map<string, string>(db.select({ id: accounts.id, username: accounts.username, name: staff.name }).from(accounts)
    .leftJoin(staff, eq(staff.id, accounts.staffId)).all().map((a) => [a.id, a.name ?? a.username]));
  return { depts, person: (id: string) => people.get(id) ?? id };
}
type Names = ReturnType<typeof namesOf>;

function viewOf(names: Names, today: string, e: EquipmentRow): View {
  const d = e.departmentId ? names.depts.get(e.departmentId) : undefined;
  const due = dueInDays(e.status, e.nextMaintenanceDue, today);
  return {
    ...e, departmentName: d?.name ?? null, departmentNameEn: d?.nameEn ?? null, dueInDays: due, overdue: due !== null && due < 0,
    createdBy: names.person(e.createdBy), updatedBy: names.person(e.updatedBy),
  };
}

function maintenanceView(names: Names, m: MaintenanceRow) {
  return { id: m.id, date: m.date, kind: m.kind, note: m.note, nextDue: m.nextDue, by: names.person(m.by), createdAt: m.createdAt };
}

/** The item, or NOT_FOUND {field: 'id'}. */
async function loadItem(store: EquipmentStore, id: string): Promise<EquipmentRow> {
  const item = await store.get(id);
  if (!item) throw new DomainError('NOT_FOUND', 'no such item of equipment', { field: 'id' });
  return item;
}

const taken = (assetNo: string) => new DomainError('CONFLICT', `asset number ${assetNo} is already used`, { field: 'assetNo', reason: 'duplicate_asset_no', assetNo });

async function assertFree(store: EquipmentStore, assetNo: string, exceptId: string | null): Promise<void> {
  const other = (await store.byAssetNos([assetNo])).get(assetNo);
  if (other && other.id !== exceptId) throw taken(assetNo);
}

/** The department is one of the clinic's, or VALIDATION {field: 'departmentId', reason: 'unknown_department'}. */
function checkDepartment(names: Names, departmentId: string | null): void {
  if (departmentId !== null && !names.depts.has(departmentId)) {
    throw new DomainError('VALIDATION', 'not one of the clinic’s departments', { field: 'departmentId', reason: 'unknown_department' });
  }
}

/** Runs a write to the hub's tables, a taken asset number answered as CONFLICT. */
async function writing<T>(assetNo: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof DuplicateAssetNo) throw taken(assetNo);
    throw e;
  }
}

/** Which fields differ, for the audit row's detail. */
const changed = (a: EquipmentFields, b: EquipmentFields) => (Object.keys(b) as (keyof EquipmentFields)[]).filter((k) => a[k] !== b[k]).join(', ');

export const equipmentHandlers = {
  'equipment.list': (ctx, input) => {
    const store = storeOf(ctx);
    const names = namesOf(ctx.db);
    if (input.departmentId) checkDepartment(names, input.departmentId);
    const today = todayOf(ctx);
    const dueBy = input.overdue ? addDays(today, -1) : input.dueWithinDays != null ? addDays(today, input.dueWithinDays) : null;
    return afterCommit(async () => {
      const [items, overdueCount] = await Promise.all([
        store.list({ departmentId: input.departmentId, status: input.status, q: input.q?.trim() || null, dueBy }), store.overdueCount(today),
      ]);
      return { items: items.map((e) => viewOf(names, today, e)), today, overdueCount };
    });
  },

  'equipment.get': withPreStep(
    async (pre, { id }) => {
      const store = storeOf(pre);
      const item = await loadItem(store, id);
      return { item, maintenance: await store.maintenance(id) };
    },
    (ctx, _input, { item, maintenance }) => {
      const names = namesOf(ctx.db);
      return { item: viewOf(names, todayOf(ctx), item), maintenance: maintenance.map((m) => maintenanceView(names, m)) };
    },
  ),

  'equipment.create': withPreStep(
    async (pre, input) => {
      const assetNo = tidyAssetNo(input.assetNo);
      await assertFree(storeOf(pre), assetNo, null);
      return assetNo;
    },
    (ctx, input, assetNo) => {
      const store = storeOf(ctx);
      const names = namesOf(ctx.db);
      const today = todayOf(ctx);
      const fields: EquipmentFields = { ...input, assetNo };
      checkDepartment(names, fields.departmentId);
      checkEquipmentDates(fields, today);
      const id = uuidv7(ctx.now());
      ctx.audit('create', 'equipment', id, null, `${assetNo} ${fields.name}`);
      const by = accountOf(ctx).id;
      const at = ctx.now();
      return afterCommit(async () => {
        await writing(assetNo, () => store.create(id, fields, at, by));
        return viewOf(names, today, await loadItem(store, id));
      });
    },
  ),

  'equipment.update': withPreStep(
    async (pre, { id, assetNo }) => {
      const store = storeOf(pre);
      const item = await loadItem(store, id);
      const tidy = assetNo === undefined ? item.assetNo : tidyAssetNo(assetNo);
      if (tidy !== item.assetNo) await assertFree(store, tidy, id);
      return { item, assetNo: tidy };
    },
    (ctx, { id, assetNo: _typed, ...patch }, { item, assetNo }) => {
      const store = storeOf(ctx);
      const names = namesOf(ctx.db);
      const today = todayOf(ctx);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<EquipmentFields>;
      const before: EquipmentFields = { ...item };
      const fields: EquipmentFields = { ...before, ...defined, assetNo, status: item.status };
      if (patch.departmentId !== undefined) checkDepartment(names, fields.departmentId);
      checkEquipmentDates(fields, today);
      const diff = changed(before, fields);
      const by = accountOf(ctx).id;
      const at = ctx.now();
      if (diff === '') return viewOf(names, today, item);
      ctx.audit('update', 'equipment', id, null, diff);
      return afterCommit(async () => {
        await writing(assetNo, () => store.update(id, fields, at, by));
        return viewOf(names, today, await loadItem(store, id));
      });
    },
  ),

  'equipment.setStatus': withPreStep(
    (pre, { id }) => loadItem(storeOf(pre), id),
    (ctx, { id, status }, item) => {
      const store = storeOf(ctx);
      const names = namesOf(ctx.db);
      const today = todayOf(ctx);
      checkStatusMove(item.status, status);
      if (status === item.status) return viewOf(names, today, item);
      ctx.audit('update', 'equipment', id, null, `status ${item.status} → ${status}`);
      const by = accountOf(ctx).id;
      const at = ctx.now();
      return afterCommit(async () => {
        await store.setStatus(id, status, at, by);
        return viewOf(names, today, await loadItem(store, id));
      });
    },
  ),

  'equipment.addMaintenance': withPreStep(
    (pre, { id }) => loadItem(storeOf(pre), id),
    (ctx, { id, date, kind, note, nextDue }, item) => {
      const store = storeOf(ctx);
      const names = namesOf(ctx.db);
      const today = todayOf(ctx);
      if (item.status === 'retired') throw new DomainError('ILLEGAL_TRANSITION', 'a retired item is not maintained', { field: 'status', reason: 'retired' });
      const dates = afterMaintenance(item, { date, nextDue: nextDue ?? null }, today);
      ctx.audit('update', 'equipment', id, null, `maintenance ${kind} on ${date}`);
      const by = accountOf(ctx).id;
      const at = ctx.now();
      const entry: MaintenanceRow = { id: uuidv7(at), equipmentId: id, date, kind, note, nextDue: nextDue ?? null, by, createdAt: at };
      return afterCommit(async () => {
        await store.addMaintenance(entry, dates);
        const [fresh, log] = await Promise.all([loadItem(store, id), store.maintenance(id)]);
        return { item: viewOf(names, today, fresh), maintenance: log.map((m) => maintenanceView(names, m)) };
      });
    },
  ),

  'equipment.import': withPreStep(
    async (pre) => new Map((await storeOf(pre).list()).map((e) => [e.assetNo, e])),
    (ctx, input, known) => {
      const store = storeOf(ctx);
      const today = todayOf(ctx);
      const at = ctx.now();
      const codes = new Map(ctx.db.select({ id: departments.id, code: departments.code }).from(departments).all().map((d) => [d.code, d.id]));
      const { rows, planned } = planEquipmentImport(input, { known, departments: codes, today, newId: () => uuidv7(at) });
      const count = (kind: 'create' | 'update' | 'unchanged') => planned.filter((p) => p.kind === kind).length;
      const result = { dryRun: input.dryRun, rows, created: count('create'), updated: count('update'), unchanged: count('unchanged') };
      const writes = planned.filter((p) => p.kind !== 'unchanged');
      if (input.dryRun || writes.length === 0) return result;
      for (const p of writes) {
        ctx.audit(p.kind === 'create' ? 'create' : 'update', 'equipment', p.id, null, p.kind === 'create' ? `${p.fields.assetNo} ${p.fields.name} (import)` : `import: ${changed(known.get(p.fields.assetNo)!, p.fields)}`);
      }
      const by = accountOf(ctx).id;
      return afterCommit(async () => {
        await writing(writes.map((p) => p.fields.assetNo).join(', '), () => store.upsert(writes, at, by));
        return result;
      });
    },
  ),

  'equipment.export': withPreStep(
    (pre) => storeOf(pre).list(),
    (ctx, { format, lang }, items) => {
      const codes = new Map(ctx.db.select({ id: departments.id, code: departments.code }).from(departments).all().map((d) => [d.id, d.code]));
      ctx.audit('read', 'equipment', 'export', null);
      return exportFile(ctx, 'equipment', format, equipmentRows(items, codes, lang));
    },
  ),
} satisfies HandlersFor<typeof equipmentProcedures>;
