/**
 * Money at the counter across two desks (real stations, a real hub over socket.io on PGlite):
 * a payment in two methods, a line refund and a close of day at desk A reach desk B whole. The
 * close lists its rows (day_close_entries) instead of stamping the ledger rows, so B knows which
 * close holds each payment and refund (the stamp of an update was dropped by the insert-only
 * ledger merge at every other replica); B's administrator sees A's close for the date.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { billedPrescription } from '../hub/detect-money.testing';
import { eachHubStore } from '../hub/stores.testing';
import { DeskAt, twoDesksOnHub } from './clinic-offline.testing';
import { replicatedChecksums } from './testing';

const [[, pglite]] = eachHubStore() as [[string, Parameters<typeof twoDesksOnHub>[0]]];
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

describe('money at the counter over sync', () => {
  it('a close of day at one desk is known at the other: which close holds each payment and refund, and everyone’s totals', async () => {
    const { fx, b, sync } = await twoDesksOnHub(pglite, cleanups);
    const a = new DeskAt(fx.station);
    const bd = new DeskAt(b);
    const rx = billedPrescription(fx, a, '周八');
    const half = Math.floor(rx.dueFen / 2);
    const paid = a.ok('cashier', 'billing.payParts', {
      billId: rx.billId, idempotencyKey: 'pay-1', parts: [{ method: 'card', amountFen: half }, { method: 'cash', amountFen: rx.dueFen - half }],
    });
    const bill = paid.bill;
    const drug = bill.items.find((i) => i.kind === 'drug')!;
    a.ok('cashier', 'billing.refund', { billId: rx.billId, lines: [{ itemId: drug.id, quantity: 1 }], reason: '多开', idempotencyKey: 'refund-1' });
    fx.advance(60_000);
    const close = a.ok('cashier', 'billing.closeDay', {});
    expect(close.paymentCount).toBe(2);
    await sync(fx.station);
    await sync(b);

    const atB = bd.ok('cashier', 'billing.get', { billId: rx.billId });
    expect(atB.payments.map((p) => [p.receiptNo, p.dayCloseId])).toEqual([[paid.receiptNo, close.id], [paid.receiptNo, close.id]]);
    expect(atB.refunds.length).toBeGreaterThan(0);
    expect(atB.refunds.every((r) => r.dayCloseId === close.id)).toBe(true);
    expect(atB.items.find((i) => i.id === drug.id)!.refundedQuantity).toBe(1);
    expect(bd.count('SELECT count(*) n FROM payments WHERE day_close_id IS NOT NULL')).toBe(0);
    // B's cashier has nothing of A's to close; B's administrator sees A's close for the date.
    expect(bd.call('cashier', 'billing.closeDay', {})).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_CLOSE' } });
    expect(bd.ok('admin', 'billing.dayClosesOn', { date: close.businessDate }).closes.map((c) => c.id)).toEqual([close.id]);
    await sync(b); // B's reads were audited there
    await sync(fx.station);
    expect(replicatedChecksums(b)).toEqual(replicatedChecksums(fx.station));
  });
});
