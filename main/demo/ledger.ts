/**
 * The money side of the history: counters for the numbers people read (per device and day, as
 * each desk's own sequence would give them), payments and refunds, and each cashier's close of
 * day. Rows go into the history buffer; payments get their close's id before they are written.
 */
import { dayCloses, payments, refunds } from '../../db/schema';
import { dayCloseTotals } from '../domain/billing';
import type { PaymentMethod } from '../domain/enums';
import { dayCloseNo, receiptNo, refundNo } from '../domain/numbers';
import type { Buffer } from './buffer';
import type { GenContext } from './context';
import type { Rng } from './random';

export class Counters {
  private readonly n = new Map<string, number>();
  next(key: string): number {
    const v = (this.n.get(key) ?? 0) + 1;
    this.n.set(key, v);
    return v;
  }
}

/** A desk where money is taken: the account working there and the workstation's device code. */
export interface Till {
  accountId: string;
  device: string;
}

type PaymentRow = typeof payments.$inferInsert & { id: string; createdAt: number };
type RefundRow = typeof refunds.$inferInsert & { id: string; createdAt: number };

export class Ledger {
  private open = new Map<string, { till: Till; payments: PaymentRow[]; refunds: RefundRow[] }>();

  constructor(private readonly ctx: GenContext, private readonly buf: Buffer, private readonly counters: Counters, private readonly rng: Rng) {}

  private drawer(till: Till) {
    const key = `${till.accountId}|${till.device}`;
    let d = this.open.get(key);
    if (!d) {
      d = { till, payments: [], refunds: [] };
      this.open.set(key, d);
    }
    return d;
  }

  /** A self-pay method as patients at a Shanghai counter choose them. */
  selfPayMethod(): PaymentMethod {
    const x = this.rng.next();
    return x < 0.6 ? 'qr' : x < 0.78 ? 'card' : 'cash';
  }

  pay(till: Till, billId: string, method: PaymentMethod, amountFen: number, date: string, at: number): string {
    const { rng } = this;
    let tenderedFen: number | null = null;
    let changeFen: number | null = null;
    let reference: string | null = null;
    if (method === 'cash') {
      const step = rng.pick([100, 1000, 5000, 10_000]);
      tenderedFen = Math.ceil(amountFen / step) * step;
      if (rng.chance(0.3)) tenderedFen = amountFen;
      changeFen = tenderedFen - amountFen;
    } else if (method === 'qr') {
      reference = `${rng.chance(0.6) ? 'WX' : 'ZFB'}${date.replaceAll('-', '')}${String(rng.u32()).padStart(10, '0')}`;
    } else if (method === 'card') {
      reference = `POS${String(rng.range(100000, 999999))}`;
    } else {
      reference = `YB${date.replaceAll('-', '')}${String(rng.u32() % 1_000_000).padStart(6, '0')}`;
    }
    const id = this.ctx.id(at);
    const row: PaymentRow = {
      id, billId, receiptNo: receiptNo(till.device, date, this.counters.next(`receipt|${till.device}|${date}`)), method, amountFen,
      tenderedFen, changeFen, reference, idempotencyKey: `demo-${this.ctx.id(at)}`, cashierId: till.accountId, device: till.device,
      dayCloseId: null, createdAt: at,
    };
    this.buf.push(payments, row);
    this.drawer(till).payments.push(row);
    return id;
  }

  refund(till: Till, billId: string, paymentId: string, method: PaymentMethod, amountFen: number, reason: string, date: string, at: number): void {
    const row: RefundRow = {
      id: this.ctx.id(at), billId, paymentId, refundNo: refundNo(till.device, date, this.counters.next(`refund|${till.device}|${date}`)),
      method, amountFen, reason, idempotencyKey: `demo-${this.ctx.id(at)}`, cashierId: till.accountId, device: till.device,
      dayCloseId: null, createdAt: at,
    };
    this.buf.push(refunds, row);
    this.drawer(till).refunds.push(row);
  }

  /** Each drawer with money in it closes after its last payment of the day (if that moment has passed). */
  closeDay(date: string): void {
    const { ctx } = this;
    const stillOpen = new Map<string, { till: Till; payments: PaymentRow[]; refunds: RefundRow[] }>();
    for (const [key, d] of this.open) {
      const times = [...d.payments, ...d.refunds].map((r) => r.createdAt);
      if (times.length === 0) continue;
      const fromAt = Math.min(...times);
      const toAt = Math.max(Math.max(...times) + this.rng.range(5, 20) * 60_000, ctx.at(date, 17 * 60 + 40));
      if (toAt > ctx.now) {
        stillOpen.set(key, d);
        continue;
      }
      const id = ctx.id(toAt);
      this.buf.push(dayCloses, {
        id, closeNo: dayCloseNo(d.till.device, date, this.counters.next(`close|${d.till.device}|${date}`)), cashierId: d.till.accountId,
        device: d.till.device, fromAt, toAt, totals: dayCloseTotals(d.payments, d.refunds) as unknown as Record<string, unknown>,
        paymentCount: d.payments.length, refundCount: d.refunds.length, createdAt: toAt,
      });
      for (const p of d.payments) p.dayCloseId = id;
      for (const r of d.refunds) r.dayCloseId = id;
    }
    this.open = stillOpen;
  }
}
