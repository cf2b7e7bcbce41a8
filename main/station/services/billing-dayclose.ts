/**
 * Close of day. A close belongs to one account at one workstation (the drawer the money went
 * into): every payment and refund that account took at this device and that no close holds yet,
 * up to now. The close lists what it holds in day_close_entries (one insert-only row per ledger
 * row, keyed by it); payments and refunds are never updated, so every replica knows which close
 * holds a row (a close of an older version marked the rows' day_close_id instead, which the
 * ledger merge kept at the closing desk only: both count as closed there). The totals are kept
 * on the close.
 */
import { and, count, desc, eq, gte, inArray, isNull, lt, lte, max, notExists, type SQL } from 'drizzle-orm';
import { accounts, dayCloseEntries, dayCloses, payments, refunds, staff } from '../../../db/schema';
import { seesEveryonesDayClose } from '../../api/policy';
import { keyedId } from '../keyed-id';
import type { z } from 'zod';
import type { DayCloseView } from '../../api/procedures/billing-schemas';
import { dayCloseTotals, type DayTotals, type MethodTotals } from '../../domain/billing';
import { PAYMENT_METHODS } from '../../domain/enums';
import { addDays, localDate, startOfLocalDay } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import { dayCloseNo } from '../../domain/numbers';
import { accountOf, type RequestContext } from '../context';
import { freeNumber } from '../free-number';

type DayCloseViewT = z.input<typeof DayCloseView>;

function unclosed(ctx: RequestContext, accountId: string, upTo: number) {
  const open = (id: typeof payments.id | typeof refunds.id) =>
    notExists(ctx.db.select({ one: dayCloseEntries.id }).from(dayCloseEntries).where(eq(dayCloseEntries.entryId, id)));
  return {
    payments: ctx.db.select().from(payments).where(and(
      eq(payments.cashierId, accountId), eq(payments.device, ctx.device), isNull(payments.dayCloseId), lte(payments.createdAt, upTo), open(payments.id),
    )).all(),
    refunds: ctx.db.select().from(refunds).where(and(
      eq(refunds.cashierId, accountId), eq(refunds.device, ctx.device), isNull(refunds.dayCloseId), lte(refunds.createdAt, upTo), open(refunds.id),
    )).all(),
  };
}

/** Where the period starts: the end of my last close here, else my first unclosed row. */
function periodStart(ctx: RequestContext, accountId: string, rows: ReturnType<typeof unclosed>): number | null {
  const last = ctx.db.select({ toAt: max(dayCloses.toAt) }).from(dayCloses)
    .where(and(eq(dayCloses.cashierId, accountId), eq(dayCloses.device, ctx.device))).get()?.toAt;
  if (last !== null && last !== undefined) return last;
  const times = [...rows.payments, ...rows.refunds].map((r) => r.createdAt);
  return times.length > 0 ? Math.min(...times) : null;
}

export function dayPreview(ctx: RequestContext): { fromAt: number | null; toAt: number; totals: DayTotals } {
  const me = accountOf(ctx).id;
  const now = ctx.now();
  const rows = unclosed(ctx, me, now);
  return { fromAt: periodStart(ctx, me, rows), toAt: now, totals: dayCloseTotals(rows.payments, rows.refunds) };
}

/** Closes my day here; NOTHING_TO_CLOSE when no payment or refund is waiting. */
export function closeDay(ctx: RequestContext): DayCloseViewT {
  const me = accountOf(ctx).id;
  const now = ctx.now();
  const rows = unclosed(ctx, me, now);
  if (rows.payments.length === 0 && rows.refunds.length === 0) {
    throw new DomainError('NOTHING_TO_CLOSE', 'no payment or refund since the last close');
  }
  const totals = dayCloseTotals(rows.payments, rows.refunds);
  const date = localDate(now, ctx.settings.timeZone);
  const id = ctx.write.insert(dayCloses, {
    closeNo: freeNumber(ctx.raw, ctx.nextSeq, `dayclose:${date}`, (n) => dayCloseNo(ctx.device, date, n), { table: 'day_closes', column: 'close_no' }),
    cashierId: me,
    device: ctx.device,
    fromAt: periodStart(ctx, me, rows)!,
    toAt: now,
    totals: totals as unknown as Record<string, unknown>,
    paymentCount: rows.payments.length,
    refundCount: rows.refunds.length,
  });
  const entries = [
    ...rows.payments.map((p) => ({ entryTable: 'payments' as const, entryId: p.id })),
    ...rows.refunds.map((r) => ({ entryTable: 'refunds' as const, entryId: r.id })),
  ];
  for (const e of entries) {
    ctx.write.insert(dayCloseEntries, { id: keyedId('day_close_entries', e.entryId), dayCloseId: id, ...e, device: ctx.device, createdAt: now });
  }
  ctx.audit('create', 'day_close', id, null);
  return list(ctx, eq(dayCloses.id, id), 1, 0)[0]!;
}

function list(ctx: RequestContext, where: SQL | undefined, limit: number, offset: number): DayCloseViewT[] {
  return ctx.db.select({ c: dayCloses, staffName: staff.name, username: accounts.username }).from(dayCloses)
    .leftJoin(accounts, eq(accounts.id, dayCloses.cashierId))
    .leftJoin(staff, eq(staff.id, accounts.staffId))
    .where(where).orderBy(desc(dayCloses.toAt), desc(dayCloses.id)).limit(limit).offset(offset).all()
    .map(({ c, staffName, username }) => ({
      id: c.id,
      closeNo: c.closeNo,
      cashierId: c.cashierId,
      cashierName: staffName ?? username ?? c.cashierId,
      device: c.device,
      businessDate: localDate(c.toAt, ctx.settings.timeZone),
      fromAt: c.fromAt,
      toAt: c.toAt,
      totals: c.totals as unknown as DayTotals,
      paymentCount: c.paymentCount,
      refundCount: c.refundCount,
      createdAt: c.createdAt,
    }));
}

/**
 * Past closes, newest first. An administrator or head cashier (seesEveryonesDayClose) sees
 * everyone's (or one person's); anyone else sees their own, and asking for another's is FORBIDDEN.
 */
export function listDayCloses(ctx: RequestContext, input: { cashierId?: string | undefined; page: { limit: number; offset: number } }) {
  const me = accountOf(ctx);
  const everyone = seesEveryonesDayClose(me.roles);
  if (!everyone && input.cashierId !== undefined && input.cashierId !== me.id) {
    throw new DomainError('FORBIDDEN', "only an administrator or head cashier sees another person's closes", { field: 'cashierId' });
  }
  const cashierId = everyone ? input.cashierId : me.id;
  const where = cashierId === undefined ? undefined : eq(dayCloses.cashierId, cashierId);
  const total = ctx.db.select({ n: count() }).from(dayCloses).where(where).get()?.n ?? 0;
  return { items: list(ctx, where, input.page.limit, input.page.offset), total };
}

const NONE: MethodTotals = { paymentCount: 0, paidFen: 0, refundCount: 0, refundedFen: 0, netFen: 0 };

function addTotals(a: MethodTotals, b: MethodTotals): MethodTotals {
  return {
    paymentCount: a.paymentCount + b.paymentCount, paidFen: a.paidFen + b.paidFen,
    refundCount: a.refundCount + b.refundCount, refundedFen: a.refundedFen + b.refundedFen, netFen: a.netFen + b.netFen,
  };
}

/**
 * Every person's closes of a business date (the clinic's calendar day of the close), at every
 * desk, with their totals added up by method. Only for seesEveryonesDayClose (FORBIDDEN else).
 */
export function dayClosesOn(ctx: RequestContext, date: string) {
  if (!seesEveryonesDayClose(accountOf(ctx).roles)) {
    throw new DomainError('FORBIDDEN', "only an administrator or head cashier sees everyone's close of day", { field: 'date' });
  }
  const tz = ctx.settings.timeZone;
  const where = and(gte(dayCloses.toAt, startOfLocalDay(date, tz)), lt(dayCloses.toAt, startOfLocalDay(addDays(date, 1), tz)));
  const closes = list(ctx, where, 10_000, 0);
  const zero: DayTotals = dayCloseTotals([], []);
  const totals = closes.reduce<DayTotals>((sum, c) => ({
    ...addTotals(sum, c.totals),
    byMethod: Object.fromEntries([...new Set([...PAYMENT_METHODS, ...Object.keys(sum.byMethod), ...Object.keys(c.totals.byMethod)])]
      .map((m) => [m, addTotals(sum.byMethod[m] ?? NONE, c.totals.byMethod[m] ?? NONE)])),
  }), zero);
  return { date, closes, totals };
}

/** The close that holds each of these payment or refund rows (listed, or marked by an older version). */
export function closesOf(ctx: Pick<RequestContext, 'db'>, rows: readonly { id: string; dayCloseId: string | null }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) if (r.dayCloseId !== null) out.set(r.id, r.dayCloseId);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return out;
  const listed = ctx.db.select({ entryId: dayCloseEntries.entryId, closeId: dayCloseEntries.dayCloseId })
    .from(dayCloseEntries).where(inArray(dayCloseEntries.entryId, ids)).all();
  for (const e of listed) out.set(e.entryId, e.closeId);
  return out;
}
