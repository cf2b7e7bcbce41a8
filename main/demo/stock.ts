/**
 * The pharmacy's shelves during the simulation: batches with expiry dates and what is left of
 * each, dispensed first-expiry-first-out. Every change is a stock movement row (the ledger);
 * nothing stores "on hand". A few drugs are left low and a few batches near expiry, so the
 * pharmacy's lists have something to show.
 */
import { stockBatches, stockMovements } from '../../db/schema';
import { addDays } from '../domain/dates';
import type { Catalog, DrugRef } from './catalog';
import type { GenContext } from './context';

interface Batch {
  id: string;
  expiry: string;
  left: number;
}

/**
 * Drugs left low at the end (restocked in small lots, not at all in the last ten days), drugs
 * with a batch about to expire, and drugs with an expired batch still on the shelf: chosen
 * among the less prescribed, so the batch is still there at the end.
 */
const LOW_CODES = ['XY0009', 'XY0045', 'ZC0018', 'XY0098', 'ZC0046', 'XY0130'];
const EXPIRING_CODES = ['ZC0053', 'XY0111', 'XY0053', 'XY0082', 'ZC0038', 'XY0097'];
const EXPIRED_CODES = ['ZC0054', 'XY0103'];

export class Stock {
  private readonly batches = new Map<string, Batch[]>();
  /** Prescribed and not yet handed over (today's unpaid or undispensed prescriptions). */
  private readonly reserved = new Map<string, number>();
  private readonly rng;
  private batchSeq = 0;

  constructor(private readonly ctx: GenContext, private readonly catalog: Catalog, private readonly pharmacistAccount: string) {
    this.rng = ctx.rng.fork('stock');
  }

  isLowDrug(d: DrugRef): boolean {
    return LOW_CODES.includes(d.spec.code);
  }

  receive(d: DrugRef, at: number, quantity: number, expiry: string): void {
    const { ctx } = this;
    this.batchSeq += 1;
    const batchNo = `${String(ctx.rng.seed % 90 + 10)}${String(this.batchSeq).padStart(5, '0')}${this.rng.range(10, 99)}`;
    const costFen = Math.round((d.spec.priceFen * this.rng.range(60, 80)) / 100);
    const id = ctx.sink.insert(stockBatches, { id: ctx.id(at), drugId: d.id, batchNo, expiryDate: expiry, costFen, createdAt: at, updatedAt: at });
    ctx.sink.insert(stockMovements, {
      id: ctx.id(at), drugId: d.id, batchId: id, kind: 'receive', quantity, reason: '采购入库', refId: null,
      byAccount: this.pharmacistAccount, createdAt: at,
    });
    const list = this.batches.get(d.id) ?? [];
    list.push({ id, expiry, left: quantity });
    list.sort((a, b) => (a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : 0));
    this.batches.set(d.id, list);
  }

  /** What can be dispensed on `date` (expired batches do not count). */
  available(d: DrugRef, date: string): number {
    let n = 0;
    for (const b of this.batches.get(d.id) ?? []) if (b.expiry >= date) n += b.left;
    return n - (this.reserved.get(d.id) ?? 0);
  }

  /** Held for a prescription that is not handed over yet: no movement, but not available either. */
  reserve(d: DrugRef, quantity: number): void {
    this.reserved.set(d.id, (this.reserved.get(d.id) ?? 0) + quantity);
  }

  /** Dispenses first-expiry-first-out; the caller checked `available`. */
  dispense(d: DrugRef, quantity: number, date: string, at: number, refId: string, byAccount: string): void {
    let need = quantity;
    for (const b of this.batches.get(d.id) ?? []) {
      if (need === 0) break;
      if (b.expiry < date || b.left === 0) continue;
      const take = Math.min(need, b.left);
      b.left -= take;
      need -= take;
      this.ctx.sink.insert(stockMovements, {
        id: this.ctx.id(at), drugId: d.id, batchId: b.id, kind: 'dispense', quantity: -take, reason: null, refId, byAccount, createdAt: at,
      });
    }
    if (need > 0) throw new Error(`demo stock: ${d.spec.name} ran short by ${need}`);
  }

  /** Opening stock a few days before the history starts. */
  opening(): void {
    const { ctx } = this;
    const date = addDays(ctx.historyStart, -5);
    const at = ctx.at(date, 9 * 60);
    for (const d of this.catalog.drugs) {
      const code = d.spec.code;
      if (EXPIRED_CODES.includes(code)) {
        this.receive(d, at - 200 * 86_400_000, this.rng.range(4, 12), addDays(ctx.today, -this.rng.range(3, 20)));
      }
      if (EXPIRING_CODES.includes(code)) {
        this.receive(d, at, this.rng.range(30, 60), addDays(ctx.today, this.rng.range(20, 80)));
      }
      if (LOW_CODES.includes(code)) {
        this.receive(d, at, d.lowStockThreshold + this.rng.range(15, 40), addDays(date, this.rng.range(300, 700)));
        continue;
      }
      this.receive(d, at, this.rng.range(80, 200), addDays(date, this.rng.range(240, 500)));
      this.receive(d, at + 60_000, this.rng.range(40, 120), addDays(date, this.rng.range(400, 900)));
    }
  }

  /** Before the doors open: restock what runs low, except the drugs meant to stay low. */
  restock(date: string): void {
    const at = this.ctx.at(date, 7 * 60 + 40);
    const lastLowRestock = addDays(this.ctx.today, -10);
    for (const d of this.catalog.drugs) {
      if (this.isLowDrug(d)) {
        if (date <= lastLowRestock && this.available(d, date) < d.lowStockThreshold) {
          this.receive(d, at, this.rng.range(15, 30), addDays(date, this.rng.range(360, 900)));
        }
        continue;
      }
      if (this.available(d, date) < d.lowStockThreshold * 3) {
        this.receive(d, at, this.rng.range(100, 240), addDays(date, this.rng.range(360, 900)));
      }
    }
  }

  /** At the end: a stock count leaves each low drug under its threshold (but rarely at zero). */
  settleLow(at: number): void {
    for (const d of this.catalog.drugs) {
      if (!this.isLowDrug(d)) continue;
      const target = this.rng.range(1, Math.max(1, d.lowStockThreshold - 3));
      let excess = this.available(d, this.ctx.today) - target;
      for (const b of this.batches.get(d.id) ?? []) {
        if (excess <= 0) break;
        if (b.expiry < this.ctx.today || b.left === 0) continue;
        const take = Math.min(excess, b.left);
        b.left -= take;
        excess -= take;
        this.ctx.sink.insert(stockMovements, {
          id: this.ctx.id(at), drugId: d.id, batchId: b.id, kind: 'adjust', quantity: -take, reason: '盘点报损（破损）', refId: null,
          byAccount: this.pharmacistAccount, createdAt: at,
        });
      }
    }
  }
}
