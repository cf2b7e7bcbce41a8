/**
 * Online payment of a bill through Alipay's face-to-face QR, run at the hub: an order per QR
 * (hub-only, store.ts), confirmed by the gateway's signed notify or by asking it (query), and
 * then — exactly once, whichever confirms first or both — one payment row written at the hub's
 * admin station (method 'qr', reference 'alipay <trade number>', keyed by the order's number:
 * main/station/keyed-id.ts), which replicates to every desk like any payment.
 *
 * Refused and audited (main/hub/refusals.ts, kind 'web', device 'alipay'): a notify whose
 * signature does not verify, one for another app id, for an unknown order, for an amount other
 * than the order's, and a replayed one (the order is already paid: answered 'success' so the
 * gateway stops sending it, no second payment). A trade the gateway reports with another amount
 * is refused the same way when a query finds it.
 */
import { randomBytes } from 'node:crypto';
import type { ParsedInput } from '../../api/contract';
import { DomainError } from '../../domain/errors';
import type { Account } from '../../station/context';
import { balanceOf, loadBill } from '../../station/services/billing-bills';
import { takePayment } from '../../station/services/billing-payments';
import { refundWithView } from '../../station/services/billing';
import type { AdminStation } from '../admin-station';
import type { Refusal } from '../refusals';
import { yuanToFen } from './alipay-amounts';
import { AlipayGateway, unreachable, type AlipayConfig } from './alipay-gateway';
import { checkAtHub, ONLINE_CASHIER, runAtHub } from './hub-ledger';
import type { OnlineOrder, OnlinePaymentStore } from './store';

export interface OnlinePaymentDeps {
  admin: AdminStation;
  store: OnlinePaymentStore;
  now: () => number;
  refuse: (r: Omit<Refusal, 'at'>) => void;
  /** How long a QR code may be paid (minutes; the gateway closes the trade after that). */
  qrMinutes?: number;
  /** Gateway calls' time limit (ms). */
  timeoutMs?: number;
}

/** The notify's answer: Alipay stops re-sending a notify once it reads 'success'. */
export type NotifyAnswer = 'success' | 'fail';

export interface OrderStatus { outTradeNo: string; billId: string; amountFen: number; state: OnlineOrder['state']; paymentId: string | null }

const statusOf = (o: OnlineOrder): OrderStatus => ({ outTradeNo: o.outTradeNo, billId: o.billId, amountFen: o.amountFen, state: o.state, paymentId: o.paymentId });

/** 'CD' + the hub's time + 12 random hex digits: unique, and within Alipay's 64 characters of [A-Za-z0-9_]. */
export function newOutTradeNo(now: number): string {
  return `CD${now}${randomBytes(6).toString('hex')}`;
}

/** The payment's idempotency key for an order: the same order is one ledger row, however often it is confirmed. */
export const paymentKeyOf = (outTradeNo: string): string => `alipay:${outTradeNo}`;

export class OnlinePayments {
  constructor(private readonly deps: OnlinePaymentDeps) {}

  /** The gateway as the admin set it; PAYMENT_GATEWAY_UNREACHABLE {reason: 'not_configured'} when not set. */
  async gateway(): Promise<AlipayGateway> {
    const config = await this.deps.store.gateway();
    if (!config) throw unreachable('not_configured', 'online payment is not set up at this clinic');
    return this.gatewayFor(config);
  }

  private gatewayFor(config: AlipayConfig): AlipayGateway {
    return new AlipayGateway(config, this.deps.timeoutMs === undefined ? {} : { timeoutMs: this.deps.timeoutMs });
  }

  orderOf(outTradeNo: string): Promise<OnlineOrder | undefined> {
    return this.deps.store.get(outTradeNo);
  }

  /**
   * What the payer still owes on an open bill (its self-pay part), checked by taking it in a dry
   * run (the bill open and current, QR payments switched on…): the refusals of takePayment, or
   * NOT_PAID {reason: 'nothing_due'}.
   */
  dueOn(billId: string): number {
    let due = 0;
    checkAtHub(this.deps.admin, ONLINE_CASHIER, 'portal.payOnline', (ctx) => {
      const bill = loadBill(ctx, billId);
      if (bill.status !== 'open') throw new DomainError('ILLEGAL_TRANSITION', `a ${bill.status} bill takes no payment`, { entity: 'bill', from: bill.status, to: 'paid' });
      due = balanceOf(ctx, bill).selfPayDueFen;
      if (due > 0) takePayment(ctx, { billId, method: 'qr', amountFen: due, reference: 'alipay', idempotencyKey: `dry-run:${billId}` });
    });
    if (due <= 0) throw new DomainError('NOT_PAID', 'nothing is due on this bill', { billId, reason: 'nothing_due' });
    return due;
  }

  /**
   * A QR order for what is due on the bill. An open order of the same bill and amount is given
   * again (one QR per bill at a time); the gateway not set, turned off or not reachable:
   * PAYMENT_GATEWAY_UNREACHABLE (pay at the counter), and the order is closed.
   */
  async createOrder(billId: string, accountId: string | null, subject: string): Promise<{ outTradeNo: string; qrCode: string; amountFen: number }> {
    // Turned off by the admin: no new orders (the orders already made are still confirmed, queried and refunded).
    if ((await this.deps.store.gateway())?.enabled === false) throw unreachable('disabled', 'online payment is turned off at this clinic');
    const gw = await this.gateway();
    const amountFen = this.dueOn(billId);
    const open = (await this.deps.store.openForBill(billId)).find((o) => o.amountFen === amountFen && o.qrCode !== null);
    if (open) return { outTradeNo: open.outTradeNo, qrCode: open.qrCode!, amountFen };
    const outTradeNo = newOutTradeNo(this.deps.now());
    await this.deps.store.createOrder({ outTradeNo, billId, accountId, amountFen }, this.deps.now());
    try {
      const { qrCode } = await gw.precreate({ outTradeNo, amountFen, subject, timeoutMinutes: this.deps.qrMinutes ?? 15 });
      await this.deps.store.setQrCode(outTradeNo, qrCode);
      return { outTradeNo, qrCode, amountFen };
    } catch (err) {
      await this.deps.store.markClosed(outTradeNo, this.deps.now());
      throw err;
    }
  }

  /**
   * The gateway's notify (its form fields). Answers 'success' once the order is paid (also when it
   * already was), 'fail' for what is refused.
   */
  async handleNotify(fields: Record<string, string>, source: string): Promise<NotifyAnswer> {
    const outTradeNo = fields['out_trade_no'] ?? '?';
    const refuse = (code: string, reason: string): NotifyAnswer => {
      this.deps.refuse({ kind: 'web', device: 'alipay', accountId: null, subject: `alipay.notify ${outTradeNo}`.slice(0, 200), code, reason, source });
      return 'fail';
    };
    const config = await this.deps.store.gateway();
    if (!config) return refuse('PAYMENT_GATEWAY_UNREACHABLE', 'not_configured: a notify came while online payment is not set up');
    if (!this.gatewayFor(config).verifyNotify(fields)) return refuse('FORBIDDEN', 'bad_signature: the notify is not signed with Alipay\'s key');
    if (fields['app_id'] !== config.appId) return refuse('FORBIDDEN', `other_app: the notify is for app ${String(fields['app_id']).slice(0, 40)}`);
    const order = await this.deps.store.get(outTradeNo);
    if (!order) return refuse('NOT_FOUND', 'unknown_order: no such order at this hub');
    const amountFen = yuanToFen(fields['total_amount']);
    if (amountFen !== order.amountFen) {
      return refuse('CONFLICT', `wrong_amount: the notify says ${String(fields['total_amount']).slice(0, 20)}, the order is ${order.amountFen} fen`);
    }
    const status = fields['trade_status'];
    if (status === 'TRADE_CLOSED') {
      await this.deps.store.markClosed(outTradeNo, this.deps.now());
      return 'success';
    }
    if (status !== 'TRADE_SUCCESS' && status !== 'TRADE_FINISHED') return 'success'; // WAIT_BUYER_PAY: nothing to do yet
    const tradeNo = fields['trade_no'] ?? '';
    if (order.state !== 'created') {
      // Alipay re-sends until it reads success, and an attacker may replay a real one: no second payment either way.
      refuse('CONFLICT', `replayed: the order is already ${order.state} (trade ${tradeNo.slice(0, 64)})`);
      await this.ensurePayment(order.outTradeNo);
      return 'success';
    }
    await this.confirm(order, tradeNo);
    return 'success';
  }

  /**
   * The order as it stands; while unpaid, the gateway is asked (query) and a paid trade is
   * confirmed here. A gateway that cannot be reached leaves the order as it is.
   */
  async status(outTradeNo: string): Promise<OrderStatus> {
    let order = await this.deps.store.get(outTradeNo);
    if (!order) throw new DomainError('NOT_FOUND', 'no such order', { field: 'outTradeNo' });
    if (order.state !== 'created') return statusOf(order);
    try {
      const trade = await (await this.gateway()).query(outTradeNo);
      if (trade.status === 'TRADE_SUCCESS' || trade.status === 'TRADE_FINISHED') {
        if (trade.amountFen !== order.amountFen) {
          this.deps.refuse({
            kind: 'web', device: 'alipay', accountId: null, subject: `alipay.query ${outTradeNo}`, code: 'CONFLICT',
            reason: `wrong_amount: the gateway says ${String(trade.amountFen)} fen, the order is ${order.amountFen} fen`,
          });
        } else {
          await this.confirm(order, trade.tradeNo ?? '');
        }
      } else if (trade.status === 'TRADE_CLOSED') {
        await this.deps.store.markClosed(outTradeNo, this.deps.now());
      }
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'PAYMENT_GATEWAY_UNREACHABLE') throw err;
    }
    order = (await this.deps.store.get(outTradeNo))!;
    return statusOf(order);
  }

  /** created → paid (once, whoever gets there first), then the payment row. */
  private async confirm(order: OnlineOrder, tradeNo: string): Promise<void> {
    await this.deps.store.markPaid(order.outTradeNo, tradeNo, this.deps.now());
    await this.ensurePayment(order.outTradeNo);
  }

  /**
   * The ledger row of a paid order, written if it is not there yet (keyed: a second writer finds
   * the first's row). A bill that can no longer take it (paid at the counter meanwhile, voided)
   * is refused and audited, and the order keeps why: the money is refunded through the gateway.
   */
  private async ensurePayment(outTradeNo: string): Promise<void> {
    const order = (await this.deps.store.get(outTradeNo))!;
    if (order.state === 'created' || order.state === 'closed' || order.paymentId !== null || order.problem !== null) return;
    try {
      const { paymentId } = await runAtHub(this.deps.admin, ONLINE_CASHIER, 'alipay.confirm', (ctx) => takePayment(ctx, {
        billId: order.billId, method: 'qr', amountFen: order.amountFen, reference: `alipay ${order.tradeNo ?? ''}`.trim().slice(0, 100),
        idempotencyKey: paymentKeyOf(order.outTradeNo),
      }));
      await this.deps.store.settle(outTradeNo, paymentId, null, this.deps.now());
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await this.deps.store.settle(outTradeNo, null, `${err.code}: ${err.message}`, this.deps.now());
      this.deps.refuse({
        kind: 'web', device: 'alipay', accountId: null, subject: `alipay.confirm ${outTradeNo}`, code: err.code,
        reason: `paid_unapplied: paid at the gateway, but the bill takes no payment (${err.message}); refund it through the gateway`,
      });
    }
  }

  /**
   * Refunds `amountFen` of an online payment through the gateway, then writes the refund rows at
   * the hub (refundOnline). NOT_FOUND {field: 'paymentId'} when the payment is not an online one.
   */
  async refund(account: Account, req: { paymentId: string; amountFen: number; reason: string; idempotencyKey: string }): Promise<{ refundIds: string[]; refundedFen: number }> {
    const order = await this.deps.store.byPayment(req.paymentId);
    if (!order || (order.state !== 'paid' && order.state !== 'refunded')) {
      throw new DomainError('NOT_FOUND', 'not a payment made online', { field: 'paymentId' });
    }
    const done = await this.refundOnline(account, { billId: order.billId, amountFen: req.amountFen, paymentId: req.paymentId, reason: req.reason, idempotencyKey: req.idempotencyKey });
    const after = await this.deps.store.get(order.outTradeNo);
    return { refundIds: done.refunds.map((r) => r.id), refundedFen: after?.refundedFen ?? 0 };
  }

  /**
   * billing.refundOnline: refunds lines or an amount of a bill, every part of it from a payment
   * made online. The ledger refund is planned first in a dry run (REFUND_EXCEEDS_PAID,
   * ALREADY_DELIVERED… refuse before any money moves, and the plan says which payment gives back
   * how much); a part from a payment taken at the counter is CONFLICT 'counter_payment' (the desk
   * refunds that one); then the gateway refunds each part, asked with the part's idempotency key as
   * its request number (a retry refunds once), and then the same refund is written at the hub's
   * station, reaching every desk by sync. A key already used answers its first refund, no gateway call.
   */
  async refundOnline(account: Account, req: ParsedInput<'billing.refund'>): Promise<ReturnType<typeof refundWithView>> {
    let planned: ReturnType<typeof refundWithView> | null = null;
    checkAtHub(this.deps.admin, account, 'billing.refundOnline', (ctx) => { planned = refundWithView(ctx, req, 'gateway'); });
    const plan = planned as ReturnType<typeof refundWithView> | null;
    if (!plan) throw new DomainError('INTERNAL', 'the refund was not planned');
    if (!plan.replayed) {
      const parts: { order: OnlineOrder; amountFen: number; requestNo: string }[] = [];
      for (const [i, r] of plan.refunds.entries()) {
        const order = await this.deps.store.byPayment(r.paymentId);
        if (!order || (order.state !== 'paid' && order.state !== 'refunded')) {
          throw new DomainError('CONFLICT', 'part of this refund goes back to a payment taken at the counter: refund that part at the desk', {
            reason: 'counter_payment', paymentId: r.paymentId, field: req.amountFen === undefined ? 'lines' : 'paymentId',
          });
        }
        parts.push({ order, amountFen: r.amountFen, requestNo: i === 0 ? req.idempotencyKey : `${req.idempotencyKey}#${i + 1}` });
      }
      const gw = await this.gateway();
      for (const part of parts) {
        const done = await gw.refund({ outTradeNo: part.order.outTradeNo, amountFen: part.amountFen, requestNo: part.requestNo, reason: req.reason });
        const before = (await this.deps.store.get(part.order.outTradeNo))?.refundedFen ?? part.order.refundedFen;
        await this.deps.store.setRefunded(part.order.outTradeNo, done.refundedFen ?? before + part.amountFen, this.deps.now());
      }
    }
    return runAtHub(this.deps.admin, account, 'billing.refundOnline', (ctx) => refundWithView(ctx, req, 'gateway'));
  }
}
