/**
 * Stock as the station reads it: always summed from movement rows, never stored. Shared by the
 * prescription builder (what may be prescribed) and the pharmacy (what may be dispensed).
 */
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { BatchBalance } from '../../domain/stock';
import { isExpired } from '../../domain/stock';
import { drugs, stockBatches, stockMovements } from '../../../db/schema';
import type { RequestContext } from '../context';
import { notFound, today } from './consultation-common';

export type DrugRow = typeof drugs.$inferSelect;
export interface BatchStockRow extends BatchBalance {
  drugId: string;
  costFen: number;
  expired: boolean;
}

const onHandSql = sql<number>`coalesce(sum(${stockMovements.quantity}), 0)`;

/** Units on hand in unexpired batches, per drug (drugs without stock are 0). */
export function availableByDrug(ctx: RequestContext, drugIds: readonly string[]): Map<string, number> {
  const out = new Map<string, number>(drugIds.map((id) => [id, 0]));
  if (drugIds.length === 0) return out;
  const rows = ctx.db.select({ drugId: stockBatches.drugId, onHand: onHandSql }).from(stockBatches)
    .innerJoin(stockMovements, eq(stockMovements.batchId, stockBatches.id))
    .where(and(inArray(stockBatches.drugId, [...drugIds]), gte(stockBatches.expiryDate, today(ctx))))
    .groupBy(stockBatches.drugId).all();
  for (const r of rows) out.set(r.drugId, Number(r.onHand));
  return out;
}

export function availableOf(ctx: RequestContext, drugId: string): number {
  return availableByDrug(ctx, [drugId]).get(drugId) ?? 0;
}

function toStock(ctx: RequestContext, r: { batchId: string; drugId: string; batchNo: string; expiryDate: string; costFen: number; onHand: number }): BatchStockRow {
  return { ...r, onHand: Number(r.onHand), expired: isExpired(r.expiryDate, today(ctx)) };
}

const batchColumns = {
  batchId: stockBatches.id, drugId: stockBatches.drugId, batchNo: stockBatches.batchNo, expiryDate: stockBatches.expiryDate,
  costFen: stockBatches.costFen, onHand: onHandSql,
};

/** Every batch of a drug with its balance (expired ones too), earliest expiry first. */
export function batchesOfDrug(ctx: RequestContext, drugId: string): BatchStockRow[] {
  return ctx.db.select(batchColumns).from(stockBatches)
    .leftJoin(stockMovements, eq(stockMovements.batchId, stockBatches.id))
    .where(eq(stockBatches.drugId, drugId)).groupBy(stockBatches.id)
    .orderBy(asc(stockBatches.expiryDate), asc(stockBatches.batchNo), asc(stockBatches.id)).all()
    .map((r) => toStock(ctx, r));
}

export function batchStock(ctx: RequestContext, batchId: string): BatchStockRow {
  const r = ctx.db.select(batchColumns).from(stockBatches)
    .leftJoin(stockMovements, eq(stockMovements.batchId, stockBatches.id))
    .where(eq(stockBatches.id, batchId)).groupBy(stockBatches.id).get();
  if (!r) throw notFound('stock_batch', 'batchId', batchId);
  return toStock(ctx, r);
}

export function loadDrug(ctx: RequestContext, drugId: string, field = 'drugId'): DrugRow {
  const d = ctx.db.select().from(drugs).where(eq(drugs.id, drugId)).get();
  if (!d) throw notFound('drug', field, drugId);
  return d;
}
