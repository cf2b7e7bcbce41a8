/**
 * Reads and writes of the hub-only online-payment tables (ONLINE_PAYMENT_DDL in main/hub/pg-schema.ts):
 * the admin-set gateway and the QR orders. Each method is one statement, atomic on its own; the
 * state changes are compare-and-set (`WHERE state = …`), so a notify and a query confirming the
 * same order at once confirm it once.
 */
import type { Big, Sql } from '../log-rows';
import type { AlipayConfig } from './alipay-gateway';

export type OrderState = 'created' | 'paid' | 'closed' | 'refunded';

export interface OnlineOrder {
  outTradeNo: string;
  billId: string;
  accountId: string | null;
  amountFen: number;
  state: OrderState;
  qrCode: string | null;
  tradeNo: string | null;
  paymentId: string | null;
  refundedFen: number;
  problem: string | null;
  createdAt: number;
}

interface OrderRow {
  out_trade_no: string; bill_id: string; account_id: string | null; amount_fen: Big; state: OrderState; qr_code: string | null;
  trade_no: string | null; payment_id: string | null; refunded_fen: Big; problem: string | null; created_at: Big;
}

const order = (r: OrderRow): OnlineOrder => ({
  outTradeNo: r.out_trade_no, billId: r.bill_id, accountId: r.account_id, amountFen: Number(r.amount_fen), state: r.state, qrCode: r.qr_code,
  tradeNo: r.trade_no, paymentId: r.payment_id, refundedFen: Number(r.refunded_fen), problem: r.problem, createdAt: Number(r.created_at),
});

export const ALIPAY = 'alipay';

export class OnlinePaymentStore {
  constructor(private readonly sql: Sql) {}

  async gateway(): Promise<(AlipayConfig & { enabled: boolean; updatedAt: number; updatedBy: string }) | undefined> {
    const r = (await this.sql.query<{ app_id: string; gateway_url: string; notify_url: string; private_key: string; public_key: string; enabled: boolean; updated_at: Big; updated_by: string }>(
      'SELECT app_id, gateway_url, notify_url, private_key, public_key, enabled, updated_at, updated_by FROM payment_gateways WHERE gateway = $1', [ALIPAY])).rows[0];
    return r && {
      appId: r.app_id, gatewayUrl: r.gateway_url, notifyUrl: r.notify_url, privateKey: r.private_key, alipayPublicKey: r.public_key,
      enabled: r.enabled !== false, updatedAt: Number(r.updated_at), updatedBy: r.updated_by,
    };
  }

  /** Sets the gateway (on unless `enabled` is false). */
  async setGateway(c: AlipayConfig & { enabled?: boolean }, at: number, by: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO payment_gateways (gateway, app_id, gateway_url, notify_url, private_key, public_key, enabled, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (gateway) DO UPDATE SET app_id = $2, gateway_url = $3, notify_url = $4, private_key = $5, public_key = $6, enabled = $7, updated_at = $8, updated_by = $9`,
      [ALIPAY, c.appId, c.gatewayUrl, c.notifyUrl, c.privateKey, c.alipayPublicKey, c.enabled ?? true, at, by],
    );
  }

  /** Turns online payment off (keys kept) or on again; false when no gateway is set. */
  async setGatewayEnabled(enabled: boolean, at: number, by: string): Promise<boolean> {
    const r = await this.sql.query('UPDATE payment_gateways SET enabled = $2, updated_at = $3, updated_by = $4 WHERE gateway = $1 RETURNING gateway', [ALIPAY, enabled, at, by]);
    return r.rows.length === 1;
  }

  async clearGateway(): Promise<void> {
    await this.sql.query('DELETE FROM payment_gateways WHERE gateway = $1', [ALIPAY]);
  }

  async createOrder(o: { outTradeNo: string; billId: string; accountId: string | null; amountFen: number }, at: number): Promise<void> {
    await this.sql.query(
      `INSERT INTO online_orders (out_trade_no, gateway, bill_id, account_id, amount_fen, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'created', $6, $6)`,
      [o.outTradeNo, ALIPAY, o.billId, o.accountId, o.amountFen, at],
    );
  }

  async setQrCode(outTradeNo: string, qrCode: string): Promise<void> {
    await this.sql.query('UPDATE online_orders SET qr_code = $2 WHERE out_trade_no = $1', [outTradeNo, qrCode]);
  }

  async get(outTradeNo: string): Promise<OnlineOrder | undefined> {
    const r = (await this.sql.query<OrderRow>('SELECT * FROM online_orders WHERE out_trade_no = $1', [outTradeNo])).rows[0];
    return r && order(r);
  }

  async byPayment(paymentId: string): Promise<OnlineOrder | undefined> {
    const r = (await this.sql.query<OrderRow>('SELECT * FROM online_orders WHERE payment_id = $1', [paymentId])).rows[0];
    return r && order(r);
  }

  /** The order's open QR orders of a bill (created, not yet paid or closed). */
  async openForBill(billId: string): Promise<OnlineOrder[]> {
    return (await this.sql.query<OrderRow>("SELECT * FROM online_orders WHERE bill_id = $1 AND state = 'created' ORDER BY created_at", [billId])).rows.map(order);
  }

  /** created → paid, once: true for the one caller that moved it. */
  async markPaid(outTradeNo: string, tradeNo: string, at: number): Promise<boolean> {
    const r = await this.sql.query<{ out_trade_no: string }>(
      "UPDATE online_orders SET state = 'paid', trade_no = $2, updated_at = $3 WHERE out_trade_no = $1 AND state = 'created' RETURNING out_trade_no",
      [outTradeNo, tradeNo, at],
    );
    return r.rows.length === 1;
  }

  /** The ledger row written for the paid order, or why none could be. */
  async settle(outTradeNo: string, paymentId: string | null, problem: string | null, at: number): Promise<void> {
    await this.sql.query('UPDATE online_orders SET payment_id = $2, problem = $3, updated_at = $4 WHERE out_trade_no = $1', [outTradeNo, paymentId, problem, at]);
  }

  async markClosed(outTradeNo: string, at: number): Promise<void> {
    await this.sql.query("UPDATE online_orders SET state = 'closed', updated_at = $2 WHERE out_trade_no = $1 AND state = 'created'", [outTradeNo, at]);
  }

  /** Records what the gateway has refunded in all (its own total, so a repeated refund request counts once). */
  async setRefunded(outTradeNo: string, refundedFen: number, at: number): Promise<void> {
    await this.sql.query(
      "UPDATE online_orders SET state = 'refunded', refunded_fen = GREATEST(refunded_fen, $2), updated_at = $3 WHERE out_trade_no = $1 AND state IN ('paid', 'refunded')",
      [outTradeNo, refundedFen, at],
    );
  }
}
