/**
 * Our adapter over `alipay-sdk` (4.x, OpenAPI 2.0 gateway, RSA2): face-to-face QR orders
 * (alipay.trade.precreate → qr_code), their state (alipay.trade.query), refunds
 * (alipay.trade.refund), and the check of an asynchronous notify's signature. Every answer's
 * signature is checked with Alipay's public key (validateSign); an answer that is not signed by
 * it is no answer. What goes wrong is a DomainError: PAYMENT_GATEWAY_UNREACHABLE (no network, a
 * timeout, an HTTP error, an unsigned or malformed answer: the patient pays at the counter) or
 * PAYMENT_GATEWAY_REFUSED {subCode} (the gateway said no). Keys are never logged: the SDK's own
 * log is not given a logger, and errors carry the gateway's codes, never the request.
 */
import { AlipayRequestError, AlipaySdk } from 'alipay-sdk';
import { DomainError } from '../../domain/errors';
import { fenToYuan, yuanToFen } from './alipay-amounts';

export interface AlipayConfig {
  appId: string;
  /** The OpenAPI gateway, e.g. https://openapi.alipay.com/gateway.do or the sandbox's. */
  gatewayUrl: string;
  /** The app's private key (PEM, PKCS#8 or PKCS#1): signs our requests. */
  privateKey: string;
  /** Alipay's public key (PEM): checks the gateway's answers and notifies. */
  alipayPublicKey: string;
  /** Where the gateway posts notifies (the hub's patient port, POST /pay/alipay/notify). */
  notifyUrl: string;
}

/** Alipay's trade states (alipay.trade.query trade_status). */
export type AlipayTradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_CLOSED' | 'TRADE_SUCCESS' | 'TRADE_FINISHED';

export interface AlipayTrade {
  outTradeNo: string;
  tradeNo: string | null;
  status: AlipayTradeStatus | 'NOT_EXIST';
  amountFen: number | null;
}

/** How long one gateway call may take before the patient is sent to the counter. */
export const GATEWAY_TIMEOUT_MS = 5_000;

const SUCCESS = '10000';

interface Answer { code?: string; msg?: string; subCode?: string; subMsg?: string; [key: string]: unknown }

export class AlipayGateway {
  private readonly sdk: AlipaySdk;

  constructor(readonly config: AlipayConfig, opts: { timeoutMs?: number } = {}) {
    this.sdk = new AlipaySdk({
      appId: config.appId,
      privateKey: config.privateKey,
      keyType: config.privateKey.includes('BEGIN RSA PRIVATE KEY') ? 'PKCS1' : 'PKCS8',
      alipayPublicKey: config.alipayPublicKey,
      gateway: config.gatewayUrl,
      signType: 'RSA2',
      timeout: opts.timeoutMs ?? GATEWAY_TIMEOUT_MS,
    });
  }

  /** A QR order for `amountFen`: the code to show (the payer scans it with Alipay). */
  async precreate(order: { outTradeNo: string; amountFen: number; subject: string; timeoutMinutes: number }): Promise<{ qrCode: string }> {
    const a = await this.call('alipay.trade.precreate', {
      notify_url: this.config.notifyUrl,
      bizContent: { out_trade_no: order.outTradeNo, total_amount: fenToYuan(order.amountFen), subject: order.subject, timeout_express: `${order.timeoutMinutes}m` },
    });
    this.assertSuccess(a);
    if (typeof a['qrCode'] !== 'string' || a['qrCode'] === '') throw unreachable('bad_response', 'the gateway answered no QR code');
    return { qrCode: a['qrCode'] };
  }

  /** The trade's state at the gateway ('NOT_EXIST' while the payer has not scanned it yet). */
  async query(outTradeNo: string): Promise<AlipayTrade> {
    const a = await this.call('alipay.trade.query', { bizContent: { out_trade_no: outTradeNo } });
    if (a.code !== SUCCESS && a.subCode === 'ACQ.TRADE_NOT_EXIST') return { outTradeNo, tradeNo: null, status: 'NOT_EXIST', amountFen: null };
    this.assertSuccess(a);
    const status = a['tradeStatus'];
    if (status !== 'WAIT_BUYER_PAY' && status !== 'TRADE_CLOSED' && status !== 'TRADE_SUCCESS' && status !== 'TRADE_FINISHED') {
      throw unreachable('bad_response', 'the gateway answered an unknown trade status');
    }
    return {
      outTradeNo, status,
      tradeNo: typeof a['tradeNo'] === 'string' ? a['tradeNo'] : null,
      amountFen: yuanToFen(a['totalAmount']),
    };
  }

  /** Refunds `amountFen` of a paid trade; `requestNo` makes it idempotent at the gateway (the same number again refunds once). */
  async refund(req: { outTradeNo: string; amountFen: number; requestNo: string; reason: string }): Promise<{ tradeNo: string | null; refundedFen: number | null }> {
    const a = await this.call('alipay.trade.refund', {
      bizContent: { out_trade_no: req.outTradeNo, refund_amount: fenToYuan(req.amountFen), out_request_no: req.requestNo, refund_reason: req.reason.slice(0, 256) },
    });
    this.assertSuccess(a);
    return { tradeNo: typeof a['tradeNo'] === 'string' ? a['tradeNo'] : null, refundedFen: yuanToFen(a['refundFee']) };
  }

  /** Whether an asynchronous notify (its form fields, decoded) is signed with Alipay's key (RSA2). */
  verifyNotify(fields: Record<string, string>): boolean {
    if (typeof fields['sign'] !== 'string' || fields['sign'] === '') return false;
    try {
      // V2: the fields are already decoded (URLSearchParams); V1 would decode them a second time.
      return this.sdk.checkNotifySignV2(fields);
    } catch {
      return false;
    }
  }

  private async call(method: string, params: Record<string, unknown>): Promise<Answer> {
    try {
      return await this.sdk.exec(method, params, { validateSign: true }) as Answer;
    } catch (err) {
      if (err instanceof AlipayRequestError) {
        const reason = /验签|sign/i.test(err.message) ? 'bad_signature' : /HttpClient|HTTP/.test(err.message) ? 'unreachable' : 'bad_response';
        throw unreachable(reason, `the payment gateway could not be used (${method}): ${reason}`);
      }
      throw unreachable('unreachable', `the payment gateway could not be used (${method})`);
    }
  }

  private assertSuccess(a: Answer): void {
    if (a.code === SUCCESS) return;
    throw new DomainError('PAYMENT_GATEWAY_REFUSED', `the payment gateway refused: ${a.subMsg ?? a.msg ?? a.code ?? '?'}`, {
      code: a.code ?? null, subCode: a.subCode ?? null,
    });
  }
}

export function unreachable(reason: 'not_configured' | 'disabled' | 'unreachable' | 'bad_response' | 'bad_signature', message: string): DomainError {
  return new DomainError('PAYMENT_GATEWAY_UNREACHABLE', message, { reason, payAt: 'counter' });
}
