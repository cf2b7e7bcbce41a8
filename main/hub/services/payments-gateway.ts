/**
 * The admin sets the online payment gateway (main/api/procedures/payments.ts): the keys are
 * parsed before anything is kept (VALIDATION {field} for one that is not a PEM key of its kind),
 * the change is audited in the admin station's transaction ('update', 'payment_gateway'), and
 * the gateway row is written to the hub's own table once that has committed. Reads answer whether
 * the keys are set, never the keys.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { z } from 'zod';
import type { GatewayView, paymentsProcedures } from '../../api/procedures/payments';
import { DomainError } from '../../domain/errors';
import { accountOf } from '../../station/context';
import { afterCommit, withPreStep, type HandlersFor } from '../../station/handler';
import { ALIPAY, OnlinePaymentStore } from '../payments/store';
import { hubStoreOf } from './hub-context';

type View = z.input<typeof GatewayView>;

async function viewOf(store: OnlinePaymentStore): Promise<View> {
  const g = await store.gateway();
  return g
    ? { configured: true, enabled: g.enabled, appId: g.appId, gatewayUrl: g.gatewayUrl, notifyUrl: g.notifyUrl, updatedAt: g.updatedAt }
    : { configured: false, enabled: false, appId: null, gatewayUrl: null, notifyUrl: null, updatedAt: null };
}

/** Throws VALIDATION {field, reason: 'bad_key'} unless `pem` parses as a key of that kind. */
export function assertKey(pem: string, kind: 'private' | 'public', field: string): void {
  try {
    const key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    throw new DomainError('VALIDATION', `not an RSA ${kind} key in PEM`, { field, reason: 'bad_key' });
  }
  if (kind === 'public' && /PRIVATE KEY/.test(pem)) {
    // createPublicKey accepts a private key (and derives its public half): a private key pasted here would be kept where it does not belong.
    throw new DomainError('VALIDATION', 'this is a private key; paste Alipay’s public key', { field, reason: 'bad_key' });
  }
}

export const paymentsGatewayHandlers = {
  'payments.gateway': (ctx) => {
    const store = new OnlinePaymentStore(hubStoreOf(ctx, 'the payment gateway is kept').hubOnly);
    return afterCommit(() => viewOf(store));
  },
  'payments.setGateway': (ctx, { confirmPassword: _proof, ...config }) => {
    const store = new OnlinePaymentStore(hubStoreOf(ctx, 'the payment gateway is kept').hubOnly);
    assertKey(config.privateKey, 'private', 'privateKey');
    assertKey(config.alipayPublicKey, 'public', 'alipayPublicKey');
    ctx.audit('update', 'payment_gateway', ALIPAY, null, `app ${config.appId} at ${config.gatewayUrl}${config.enabled ? '' : ' (turned off)'}`);
    const by = accountOf(ctx).id;
    const at = ctx.now();
    return afterCommit(async () => {
      await store.setGateway(config, at, by);
      return viewOf(store);
    });
  },
  'payments.setGatewayEnabled': withPreStep(
    async (pre) => {
      const store = new OnlinePaymentStore(hubStoreOf(pre, 'the payment gateway is kept').hubOnly);
      if (!(await store.gateway())) throw new DomainError('NOT_FOUND', 'online payment is not set up yet', { field: 'enabled', reason: 'not_configured' });
      return null;
    },
    (ctx, { enabled }) => {
      const store = new OnlinePaymentStore(hubStoreOf(ctx, 'the payment gateway is kept').hubOnly);
      ctx.audit('update', 'payment_gateway', ALIPAY, null, enabled ? 'turned on' : 'turned off');
      const by = accountOf(ctx).id;
      const at = ctx.now();
      return afterCommit(async () => {
        await store.setGatewayEnabled(enabled, at, by);
        return viewOf(store);
      });
    },
  ),
} satisfies HandlersFor<typeof paymentsProcedures>;
