/** The pharmacy's watch lists: low stock and expiring batches, both summed from movements. */
import { asc, eq, gt, lte, sql } from 'drizzle-orm';
import { addDays } from '../../domain/dates';
import { drugs, stockBatches, stockMovements } from '../../../db/schema';
import type { RequestContext } from '../context';
import { today } from './consultation-common';
import { availableByDrug } from './pharmacy-stock';

interface Page {
  limit: number;
  offset: number;
}

/** Active drugs whose unexpired stock is at or below their threshold, emptiest first. */
export function lowStock(ctx: RequestContext, { limit, offset }: Page) {
  const active = ctx.db.select().from(drugs).where(eq(drugs.active, true)).all();
  const stock = availableByDrug(ctx, active.map((d) => d.id));
  const low = active
    .map((d) => ({ d, available: stock.get(d.id) ?? 0 }))
    .filter((x) => x.available <= x.d.lowStockThreshold)
    .sort((a, b) => a.available - b.available || (a.d.code < b.d.code ? -1 : a.d.code > b.d.code ? 1 : 0));
  return {
    total: low.length,
    items: low.slice(offset, offset + limit).map(({ d, available }) => ({
      id: d.id, code: d.code, name: d.name, spec: d.spec, unit: d.unit, available, threshold: d.lowStockThreshold,
    })),
  };
}

/** Batches holding stock that expire within `withinDays` (expired ones included), soonest first. */
export function expiringBatches(ctx: RequestContext, withinDays: number, { limit, offset }: Page) {
  const day = today(ctx);
  const onHand = sql<number>`sum(${stockMovements.quantity})`;
  const base = ctx.db.select({
    batchId: stockBatches.id, drugId: stockBatches.drugId, batchNo: stockBatches.batchNo, expiryDate: stockBatches.expiryDate,
    costFen: stockBatches.costFen, onHand,
    drug: { id: drugs.id, code: drugs.code, name: drugs.name, spec: drugs.spec, unit: drugs.unit },
  }).from(stockBatches)
    .innerJoin(stockMovements, eq(stockMovements.batchId, stockBatches.id))
    .innerJoin(drugs, eq(drugs.id, stockBatches.drugId))
    .where(lte(stockBatches.expiryDate, addDays(day, withinDays)))
    .groupBy(stockBatches.id)
    .having(gt(onHand, 0))
    .orderBy(asc(stockBatches.expiryDate), asc(drugs.code), asc(stockBatches.batchNo), asc(stockBatches.id));
  const all = base.all();
  return {
    total: all.length,
    rows: all.slice(offset, offset + limit).map((r) => ({ ...r, onHand: Number(r.onHand), expired: r.expiryDate < day })),
  };
}

