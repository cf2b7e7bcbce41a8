/**
 * Close of day. A close belongs to one account at one workstation (the drawer the money went
 * into): every payment and refund that account took at this device and that no close holds yet,
 * up to now. The rows are marked with the close's id; the totals are kept on the close.
 */
import { and, count, desc, eq, isNull, lte, max, type SQL } from 'drizzle-orm';
import { accounts, dayCloses, payments, refunds, staff } from '../../../db/schema';
import type { z } from 'zod';
import type { DayCloseView } from '../../api/procedures/billing-schemas';
import { dayCloseTotals, type DayTotals } from '../../domain/billing';
import { localDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import { dayCloseNo } from '../../domain/numbers';
import { accountOf, type RequestContext } from '../context';
import { freeNumber } from '../free-number';

type DayCloseViewT = z.input<typeof DayCloseView>;

function unclosed(ctx: RequestContext, accountId: string, upTo: number) {
  return {
    payments: ctx.db.select().from(payments).where(and(
      eq(payments.cashierId, accountId), eq(payments.device, ctx.device), isNull(payments.dayCloseId), lte(payments.createdAt, upTo),
    )).all(),
    refunds: ctx.db.select().from(refunds).where(and(
      eq(refunds.cashierId, accountId), eq(refunds.device, ctx.device), isNull(refunds.dayCloseId), lte(refunds.createdAt, upTo),
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
  for (const p of rows.payments) ctx.write.update(payments, p.id, { dayCloseId: id });
  for (const r of rows.refunds) ctx.write.update(refunds, r.id, { dayCloseId: id });
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
 * Past closes, newest first. An administrator sees everyone's (or one cashier's); anyone else
 * sees their own, and asking for another's is FORBIDDEN.
 */
export function listDayCloses(ctx: RequestContext, input: { cashierId?: string | undefined; page: { limit: number; offset: number } }) {
  const me = accountOf(ctx);
  const isAdmin = me.roles.includes('admin');
  if (!isAdmin && input.cashierId !== undefined && input.cashierId !== me.id) {
    throw new DomainError('FORBIDDEN', "only an administrator sees another cashier's closes", { field: 'cashierId' });
  }
  const cashierId = isAdmin ? input.cashierId : me.id;
  const where = cashierId === undefined ? undefined : eq(dayCloses.cashierId, cashierId);
  const total = ctx.db.select({ n: count() }).from(dayCloses).where(where).get()?.n ?? 0;
  return { items: list(ctx, where, input.page.limit, input.page.offset), total };
}
