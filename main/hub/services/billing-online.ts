/**
 * billing.refundOnline at the hub: a cashier's refund of money paid online goes back through the
 * gateway (main/hub/payments/online-payments.ts refundOnline), after the call's own transaction,
 * then is written at the hub's station and reaches the desks by sync. The running hub registers
 * its OnlinePayments for its store (main/hub/run.ts); a hub without one answers
 * PAYMENT_GATEWAY_UNREACHABLE 'not_configured', and nothing is written.
 */
import { accountOf } from '../../station/context';
import { afterCommit, type HubHandlers } from '../../station/handler';
import { unreachable } from '../payments/alipay-gateway';
import type { OnlinePayments } from '../payments/online-payments';
import type { HubStore } from '../store';
import { hubStoreOf } from './hub-context';

const running = new WeakMap<HubStore, OnlinePayments>();

/** The online payments this hub's handlers refund through (one per store). */
export function serveOnlineRefunds(store: HubStore, payments: OnlinePayments): void {
  running.set(store, payments);
}

export const billingOnlineHandlers = {
  'billing.refundOnline': (ctx, req) => {
    const payments = running.get(hubStoreOf(ctx, 'online payments are refunded'));
    if (!payments) throw unreachable('not_configured', 'online payment is not run by this hub');
    const account = accountOf(ctx);
    return afterCommit(() => payments.refundOnline(account, req));
  },
} satisfies Pick<HubHandlers, 'billing.refundOnline'>;
