/** The pharmacy: dispense paid prescriptions, receive, adjust and return stock, and its lists. */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { MovementView, pharmacyProcedures } from '../../api/procedures/pharmacy';
import { daysBetween, isIsoDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import { assertTransition, prescriptionLifecycle } from '../../domain/lifecycle';
import {
  allocateFefo, allocateReturn, applyAllocations, checkAdjustment, isExpired, type BatchBalance, type DispensedFromBatch,
} from '../../domain/stock';
import { prescriptions, stockBatches, stockMovements } from '../../../db/schema';
import { accountOf, type RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { isRefundedCharge, refundedChargeSql } from './billing-bills';
import { refundedQuantityOf } from './billing-refund-lines';
import { myStaffId, today } from './consultation-common';
import { expiringBatches, lowStock } from './pharmacy-lists';
import { activeItems, loadItem, loadPrescription, prescriptionView, prescriptionViews } from './pharmacy-rx';
import { availableOf, batchesOfDrug, batchStock, loadDrug } from './pharmacy-stock';

type MovementV = z.input<typeof MovementView>;

function movementViews(ctx: RequestContext, where: SQL | undefined, page?: { limit: number; offset: number }): MovementV[] {
  const q = ctx.db.select({ m: stockMovements, batchNo: stockBatches.batchNo, expiryDate: stockBatches.expiryDate })
    .from(stockMovements).innerJoin(stockBatches, eq(stockBatches.id, stockMovements.batchId)).where(where)
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id));
  const rows = page ? q.limit(page.limit).offset(page.offset).all() : q.all();
  return rows.map(({ m, batchNo, expiryDate }) => ({
    id: m.id, drugId: m.drugId, batchId: m.batchId, batchNo, expiryDate, kind: m.kind, quantity: m.quantity, reason: m.reason,
    refId: m.refId, byAccount: m.byAccount, createdAt: m.createdAt,
  }));
}

/** The movements just written, in the order they were written. */
function movementsInOrder(ctx: RequestContext, ids: readonly string[]): MovementV[] {
  if (ids.length === 0) return [];
  const byId = new Map(movementViews(ctx, inArray(stockMovements.id, [...ids])).map((m) => [m.id, m]));
  return ids.map((id) => byId.get(id)!);
}

function move(ctx: RequestContext, row: { drugId: string; batchId: string; kind: MovementV['kind']; quantity: number; reason?: string | null; refId?: string | null }): string {
  return ctx.write.insert(stockMovements, {
    drugId: row.drugId, batchId: row.batchId, kind: row.kind, quantity: row.quantity, reason: row.reason ?? null, refId: row.refId ?? null,
    byAccount: accountOf(ctx).id, createdAt: ctx.now(),
  });
}

function stockView(ctx: RequestContext, batchId: string) {
  const b = batchStock(ctx, batchId);
  return { batchId: b.batchId, drugId: b.drugId, batchNo: b.batchNo, expiryDate: b.expiryDate, costFen: b.costFen, onHand: b.onHand, expired: b.expired };
}

export const pharmacyHandlers = {
  'pharmacy.queue': (ctx, { limit, offset }) => {
    // Paid, with at least one line whose charge was not refunded in full: something to hand over.
    const paid = and(eq(prescriptions.status, 'paid'), sql`EXISTS (SELECT 1 FROM prescription_items pi
      WHERE pi.prescription_id = ${prescriptions.id} AND pi.removed = 0 AND NOT ${refundedChargeSql(sql`pi.id`)})`);
    const total = ctx.db.select({ n: count() }).from(prescriptions).where(paid).get()?.n ?? 0;
    const rows = ctx.db.select().from(prescriptions).where(paid)
      .orderBy(asc(prescriptions.issuedAt), asc(prescriptions.id)).limit(limit).offset(offset).all();
    return { total, items: prescriptionViews(ctx, rows) };
  },

  'pharmacy.dispense': (ctx, { prescriptionId }) => {
    const me = myStaffId(ctx);
    const rx = loadPrescription(ctx, prescriptionId);
    if (rx.status === 'draft' || rx.status === 'issued') {
      throw new DomainError('NOT_PAID', 'the prescription is not paid yet', { prescriptionId, status: rx.status });
    }
    assertTransition(prescriptionLifecycle, rx.status, 'dispensed');
    const day = today(ctx);
    const balances = new Map<string, BatchBalance[]>();
    const ids: string[] = [];
    // Lines paid and then refunded in full stay paid (no way back in the lifecycle) but are not handed over.
    // A line refunded in part hands over what is left of it.
    const toHand = activeItems(ctx, rx.id).filter((item) => !isRefundedCharge(ctx, item.id))
      .map((item) => ({ ...item, quantity: item.quantity - refundedQuantityOf(ctx, item.id) }));
    if (toHand.length === 0) {
      throw new DomainError('NOT_PAID', 'the prescription was refunded; nothing to hand over', { prescriptionId, reason: 'refunded' });
    }
    for (const item of toHand) {
      const batches = balances.get(item.drugId) ?? batchesOfDrug(ctx, item.drugId);
      let taken;
      try {
        taken = allocateFefo(batches, item.quantity, day);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'INSUFFICIENT_STOCK') {
          const drug = loadDrug(ctx, item.drugId);
          throw new DomainError('INSUFFICIENT_STOCK', `not enough ${drug.name} in stock to dispense`, {
            ...e.details, itemId: item.id, drugId: item.drugId,
          });
        }
        throw e;
      }
      balances.set(item.drugId, applyAllocations(batches, taken));
      for (const a of taken) ids.push(move(ctx, { drugId: item.drugId, batchId: a.batchId, kind: 'dispense', quantity: -a.quantity, refId: item.id }));
    }
    ctx.write.update(prescriptions, rx.id, { status: 'dispensed', dispensedAt: ctx.now(), dispensedBy: me });
    ctx.audit('update', 'prescription', rx.id, rx.patientId);
    return { prescription: prescriptionView(ctx, rx.id), movements: movementsInOrder(ctx, ids) };
  },

  'pharmacy.receive': (ctx, { drugId, batchNo, expiryDate, costFen, quantity }) => {
    const drug = loadDrug(ctx, drugId);
    if (!drug.active) throw new DomainError('DRUG_INACTIVE', `${drug.name} is no longer in the formulary`, { field: 'drugId', drugId });
    if (!isIsoDate(expiryDate)) throw new DomainError('INVALID_DATE', 'expiryDate is not a calendar date', { field: 'expiryDate', value: expiryDate });
    if (isExpired(expiryDate, today(ctx))) {
      throw new DomainError('VALIDATION', 'this batch has already expired', { field: 'expiryDate', reason: 'already_expired', value: expiryDate });
    }
    const existing = ctx.db.select().from(stockBatches).where(and(eq(stockBatches.drugId, drugId), eq(stockBatches.batchNo, batchNo))).get();
    if (existing && existing.expiryDate !== expiryDate) {
      throw new DomainError('CONFLICT', 'this batch number is already stocked with another expiry date', {
        field: 'expiryDate', reason: 'batch_expiry_differs', batchId: existing.id, expiryDate: existing.expiryDate,
      });
    }
    const batchId = existing?.id ?? ctx.write.insert(stockBatches, { drugId, batchNo, expiryDate, costFen });
    const id = move(ctx, { drugId, batchId, kind: 'receive', quantity });
    ctx.audit('create', 'stock_movement', id, null);
    return stockView(ctx, batchId);
  },

  'pharmacy.adjust': (ctx, { batchId, quantity, reason }) => {
    const batch = batchStock(ctx, batchId);
    checkAdjustment(batch.onHand, quantity);
    const id = move(ctx, { drugId: batch.drugId, batchId, kind: 'adjust', quantity, reason });
    ctx.audit('create', 'stock_movement', id, null);
    return stockView(ctx, batchId);
  },

  'pharmacy.returnItem': (ctx, { itemId, quantity, reason }) => {
    const item = loadItem(ctx, itemId);
    const rx = loadPrescription(ctx, item.prescriptionId);
    if (rx.status !== 'dispensed') {
      throw new DomainError('CONFLICT', 'only a dispensed line can be returned', { reason: 'not_dispensed', status: rx.status, prescriptionId: rx.id });
    }
    const rows = ctx.db.select().from(stockMovements).where(eq(stockMovements.refId, item.id))
      .orderBy(asc(stockMovements.createdAt), asc(stockMovements.id)).all();
    const sources: DispensedFromBatch[] = [];
    for (const m of rows) {
      let s = sources.find((x) => x.batchId === m.batchId);
      if (!s) sources.push(s = { batchId: m.batchId, dispensed: 0, returned: 0 });
      if (m.kind === 'dispense') s.dispensed -= m.quantity;
      else if (m.kind === 'return') s.returned += m.quantity;
    }
    const ids = allocateReturn(sources, quantity).map((a) =>
      move(ctx, { drugId: item.drugId, batchId: a.batchId, kind: 'return', quantity: a.quantity, reason, refId: item.id }));
    ctx.audit('update', 'prescription', rx.id, rx.patientId);
    return { movements: movementsInOrder(ctx, ids) };
  },

  'pharmacy.stock': (ctx, { drugId }) => {
    const d = loadDrug(ctx, drugId);
    const batches = batchesOfDrug(ctx, drugId).map(({ batchId, drugId: dId, batchNo, expiryDate, costFen, onHand, expired }) => ({
      batchId, drugId: dId, batchNo, expiryDate, costFen, onHand, expired,
    }));
    return { drug: { id: d.id, code: d.code, name: d.name, spec: d.spec, unit: d.unit }, available: availableOf(ctx, drugId), batches };
  },

  'pharmacy.movements': (ctx, { drugId, batchId, limit, offset }) => {
    const where = and(drugId ? eq(stockMovements.drugId, drugId) : undefined, batchId ? eq(stockMovements.batchId, batchId) : undefined);
    const total = ctx.db.select({ n: count() }).from(stockMovements).where(where).get()?.n ?? 0;
    return { total, items: movementViews(ctx, where, { limit, offset }) };
  },

  'pharmacy.lowStock': (ctx, page) => lowStock(ctx, page),

  'pharmacy.expiring': (ctx, page) => {
    const withinDays = ctx.settings.expiryWarningDays;
    const { total, rows } = expiringBatches(ctx, withinDays, page);
    const day = today(ctx);
    return {
      withinDays,
      total,
      items: rows.map((r) => ({ ...r, daysLeft: daysBetween(day, r.expiryDate) })),
    };
  },
} satisfies HandlersFor<typeof pharmacyProcedures>;
