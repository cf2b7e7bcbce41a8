/**
 * Test support: a local HTTP server that speaks Alipay's OpenAPI 2.0 gateway protocol with its own
 * RSA key pair, so our real adapter (alipay-gateway.ts over alipay-sdk) is tested end to end. It
 * checks OUR request signatures with the app's public key (RSA2 over the sorted parameters) and
 * answers a bad one as Alipay does (code 40002, sub_code isv.invalid-signature); it keeps orders,
 * answers precreate / query / refund with signed answers, and sends signed notifies to the notify
 * URL an order named — or tampered, replayed, or for another app, as the tests ask.
 */
import { createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fenToYuan, yuanToFen } from './alipay-amounts';

export interface KeyPair { privateKey: string; publicKey: string }

export function rsaKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

interface FakeOrder {
  outTradeNo: string; amountFen: number; subject: string; notifyUrl: string | null;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED'; tradeNo: string | null; refunds: Map<string, number>;
}

const signString = (fields: Record<string, string>) => Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('&');

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class FakeAlipay {
  readonly keys = rsaKeyPair();
  readonly orders = new Map<string, FakeOrder>();
  /** Every request the gateway took: method and whether its signature held. */
  readonly calls: { method: string; signed: boolean }[] = [];
  private server: Server | null = null;
  url = '';

  constructor(readonly appId: string, private readonly appPublicKey: string, private readonly ca: string | null = null) {}

  get alipayPublicKey(): string {
    return this.keys.publicKey;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.handle(req).then((body) => res.writeHead(200, { 'Content-Type': 'application/json;charset=utf-8' }).end(body),
        () => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway.do`;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => { s.close(() => resolve()); s.closeAllConnections(); });
  }

  /** The payer scanned and paid: the trade succeeds at the gateway (a trade number is given). */
  pay(outTradeNo: string): FakeOrder {
    const o = this.orders.get(outTradeNo);
    if (!o) throw new Error(`no order ${outTradeNo} at the fake gateway`);
    o.status = 'TRADE_SUCCESS';
    o.tradeNo ??= `2026${randomBytes(10).toString('hex')}`;
    return o;
  }

  /** A notify's fields for the order, signed with the gateway's key or `signingKey` (after `change`, so a change made here is signed). */
  notifyFields(outTradeNo: string, change: Record<string, string> = {}, signingKey = this.keys.privateKey): Record<string, string> {
    const o = this.orders.get(outTradeNo)!;
    const fields: Record<string, string> = {
      notify_time: '2026-12-04 10:00:00', notify_type: 'trade_status_sync', notify_id: randomBytes(12).toString('hex'), app_id: this.appId,
      charset: 'utf-8', version: '1.0', trade_no: o.tradeNo ?? '', out_trade_no: o.outTradeNo, trade_status: o.status,
      total_amount: fenToYuan(o.amountFen), receipt_amount: fenToYuan(o.amountFen), subject: o.subject, gmt_payment: '2026-12-04 09:59:58',
      ...change,
    };
    // Alipay signs a notify over every field but sign and sign_type.
    return { ...fields, sign: this.sign(signString(fields), signingKey), sign_type: 'RSA2' };
  }

  /** Posts a notify (form-encoded, as Alipay does) to the order's notify URL; answers what our side said. */
  async postNotify(outTradeNo: string, fields: Record<string, string> = this.notifyFields(outTradeNo)): Promise<{ status: number; body: string }> {
    const target = new URL(this.orders.get(outTradeNo)!.notifyUrl!);
    const body = new URLSearchParams(fields).toString();
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(target, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        ...(this.ca ? { ca: this.ca, checkServerIdentity: () => undefined } : {}),
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  private sign(text: string, key = this.keys.privateKey): string {
    return createSign('RSA-SHA256').update(text, 'utf8').sign(key, 'base64');
  }

  /** Alipay's answer shape: the method's response node, and the gateway's signature over exactly its JSON text. */
  private answer(method: string, node: Record<string, unknown>): string {
    const text = JSON.stringify(node);
    return `{"${method.replaceAll('.', '_')}_response":${text},"sign":"${this.sign(text)}"}`;
  }

  private async handle(req: IncomingMessage): Promise<string> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const fields: Record<string, string> = Object.fromEntries(url.searchParams);
    for (const [k, v] of new URLSearchParams(await readBody(req))) fields[k] = v;
    const method = fields['method'] ?? '';
    const { sign, ...signed } = fields;
    const ok = typeof sign === 'string' && createVerify('RSA-SHA256').update(signString(signed), 'utf8').verify(this.appPublicKey, sign, 'base64');
    this.calls.push({ method, signed: ok });
    if (!ok || fields['app_id'] !== this.appId) {
      return this.answer(method, { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' });
    }
    const biz = JSON.parse(fields['biz_content'] ?? '{}') as Record<string, string>;
    const outTradeNo = biz['out_trade_no'] ?? '';
    const order = this.orders.get(outTradeNo);
    const fail = (sub: string, msg: string) => this.answer(method, { code: '40004', msg: 'Business Failed', sub_code: sub, sub_msg: msg });
    switch (method) {
      case 'alipay.trade.precreate': {
        const amountFen = yuanToFen(biz['total_amount']);
        if (amountFen === null || amountFen === 0) return fail('ACQ.INVALID_PARAMETER', 'total_amount');
        if (order && order.amountFen !== amountFen) return fail('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
        if (!order) {
          this.orders.set(outTradeNo, { outTradeNo, amountFen, subject: biz['subject'] ?? '', notifyUrl: fields['notify_url'] ?? null, status: 'WAIT_BUYER_PAY', tradeNo: null, refunds: new Map() });
        }
        return this.answer(method, { code: '10000', msg: 'Success', out_trade_no: outTradeNo, qr_code: `https://qr.alipay.com/${outTradeNo}` });
      }
      case 'alipay.trade.query':
        if (!order) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
        return this.answer(method, {
          code: '10000', msg: 'Success', out_trade_no: outTradeNo, trade_no: order.tradeNo ?? '', trade_status: order.status, total_amount: fenToYuan(order.amountFen),
        });
      case 'alipay.trade.refund': {
        if (!order) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
        if (order.status !== 'TRADE_SUCCESS') return fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
        const requestNo = biz['out_request_no'] ?? outTradeNo;
        const amountFen = yuanToFen(biz['refund_amount']);
        if (amountFen === null || amountFen === 0) return fail('ACQ.INVALID_PARAMETER', 'refund_amount');
        if (!order.refunds.has(requestNo)) {
          const refunded = [...order.refunds.values()].reduce((a, b) => a + b, 0);
          if (refunded + amountFen > order.amountFen) return fail('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
          order.refunds.set(requestNo, amountFen);
        }
        const total = [...order.refunds.values()].reduce((a, b) => a + b, 0);
        return this.answer(method, { code: '10000', msg: 'Success', out_trade_no: outTradeNo, trade_no: order.tradeNo, refund_fee: fenToYuan(total), fund_change: 'Y' });
      }
      default:
        return this.answer(method, { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method', sub_msg: '不存在的方法名' });
    }
  }
}
