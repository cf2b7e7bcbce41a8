/**
 * Paying a bill online at a real hub: the patient's phone over real HTTPS to the patient port,
 * our adapter over alipay-sdk talking to a fake Alipay gateway on loopback that checks our
 * signatures and signs its own, and its notifies posted to the hub's notify route. One payment
 * however the order is confirmed (notify, query, both at once, a replay); a bad signature, a
 * wrong amount, an unknown order, another app's notify, a replay each refused and audited; the
 * gateway down answers "pay at the counter"; another account's bill is refused with nothing told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, dispatchSync } from '../../station/dispatch';
import { logInAs, TEST_PASSWORD } from '../../station/testing';
import { hubTemplate } from '../../sync/hooks.testing';
import { refusalRows, registered } from '../portal/portal.testing';
import { rsaKeyPair } from './fake-alipay.testing';
import { APP_ID, billStatus, clinicalBill, paymentsOf, registrationBill, startPayHub, type PayHub } from './payments.testing';

const template = hubTemplate();
let t: PayHub;

beforeAll(async () => {
  t = await startPayHub(template());
});
afterAll(() => t.close());

/** A patient with an account, a registration bill and a QR order for it. */
async function ordered(n: number) {
  const { phone, memberId } = await registered(t, n);
  const bill = registrationBill(t, memberId);
  const order = await phone.ok('portal.payOnline', { billId: bill.id });
  return { phone, memberId, bill, order };
}

async function refusalsAbout(outTradeNo: string) {
  return (await refusalRows(t)).filter((r) => r.entity_id.includes(outTradeNo));
}

describe('paying a bill online', () => {
  it('lists the unpaid bill, gives a QR code, and the signed notify writes one payment with the trade number', async () => {
    const { phone, memberId } = await registered(t, 301);
    const bill = registrationBill(t, memberId);
    const { items } = await phone.ok('portal.bills', {});
    expect(items).toEqual([expect.objectContaining({ billId: bill.id, memberId, kind: 'registration', dueFen: bill.selfPayFen })]);
    const order = await phone.ok('portal.payOnline', { billId: bill.id });
    expect(order).toMatchObject({ amountFen: bill.selfPayFen, qrCode: `https://qr.alipay.com/${order.outTradeNo}` });
    expect(t.fake.calls.at(-1)).toEqual({ method: 'alipay.trade.precreate', signed: true });
    expect(await phone.ok('portal.payStatus', { outTradeNo: order.outTradeNo })).toMatchObject({ state: 'created' });

    const paid = t.fake.pay(order.outTradeNo);
    expect(await t.fake.postNotify(order.outTradeNo)).toEqual({ status: 200, body: 'success' });
    expect(paymentsOf(t, bill.id)).toEqual([expect.objectContaining({ method: 'qr', amount_fen: bill.selfPayFen, reference: `alipay ${paid.tradeNo}`, cashier_id: 'online-alipay' })]);
    expect(billStatus(t, bill.id)).toBe('paid');
    expect(await phone.ok('portal.payStatus', { outTradeNo: order.outTradeNo })).toMatchObject({ state: 'paid', billId: bill.id });
    expect((await phone.ok('portal.bills', {})).items).toEqual([]);
  });

  it('confirms by asking the gateway when no notify comes', async () => {
    const { phone, bill, order } = await ordered(302);
    t.fake.pay(order.outTradeNo);
    expect(await phone.ok('portal.payStatus', { outTradeNo: order.outTradeNo })).toMatchObject({ state: 'paid' });
    expect(t.fake.calls.at(-1)).toEqual({ method: 'alipay.trade.query', signed: true });
    expect(paymentsOf(t, bill.id)).toHaveLength(1);
  });

  it('writes one payment when the notify and the query confirm at once, and a replayed notify is answered success, audited, not paid twice', async () => {
    const { phone, bill, order } = await ordered(303);
    t.fake.pay(order.outTradeNo);
    const [notified, status] = await Promise.all([t.fake.postNotify(order.outTradeNo), phone.ok('portal.payStatus', { outTradeNo: order.outTradeNo })]);
    expect(notified.body).toBe('success');
    expect(status.state).toBe('paid');
    expect(paymentsOf(t, bill.id)).toHaveLength(1);

    const replay = await t.fake.postNotify(order.outTradeNo);
    expect(replay.body).toBe('success');
    expect(paymentsOf(t, bill.id)).toHaveLength(1);
    expect(await refusalsAbout(order.outTradeNo)).toEqual([expect.objectContaining({ entity: 'web', procedure: 'CONFLICT', detail: expect.stringMatching(/^replayed/) })]);
  });

  it('refuses a notify whose signature does not hold: a field changed after signing, signed with another key, unsigned', async () => {
    const { bill, order } = await ordered(304);
    t.fake.pay(order.outTradeNo);
    const tampered = { ...t.fake.notifyFields(order.outTradeNo), trade_no: 'forged' };
    expect((await t.fake.postNotify(order.outTradeNo, tampered)).body).toBe('fail');
    const forged = t.fake.notifyFields(order.outTradeNo, {}, rsaKeyPair().privateKey);
    expect((await t.fake.postNotify(order.outTradeNo, forged)).body).toBe('fail');
    const { sign: _ignored, ...unsigned } = t.fake.notifyFields(order.outTradeNo);
    expect((await t.fake.postNotify(order.outTradeNo, unsigned)).body).toBe('fail');
    expect(paymentsOf(t, bill.id)).toEqual([]);
    expect(billStatus(t, bill.id)).toBe('open');
    const rows = await refusalsAbout(order.outTradeNo);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.procedure === 'FORBIDDEN' && r.detail.startsWith('bad_signature'))).toBe(true);
  });

  it("refuses a signed notify for another amount, for an order this hub does not have, and for another app", async () => {
    const { bill, order } = await ordered(305);
    t.fake.pay(order.outTradeNo);
    expect((await t.fake.postNotify(order.outTradeNo, t.fake.notifyFields(order.outTradeNo, { total_amount: '0.01' }))).body).toBe('fail');
    expect((await t.fake.postNotify(order.outTradeNo, t.fake.notifyFields(order.outTradeNo, { app_id: '2021000000009999' }))).body).toBe('fail');
    const unknown = `${order.outTradeNo}X`;
    expect((await t.fake.postNotify(order.outTradeNo, t.fake.notifyFields(order.outTradeNo, { out_trade_no: unknown }))).body).toBe('fail');
    expect(paymentsOf(t, bill.id)).toEqual([]);
    const details = (await refusalsAbout(order.outTradeNo)).map((r) => `${r.procedure} ${r.detail.split(':')[0]}`);
    expect(details).toEqual(['CONFLICT wrong_amount', 'FORBIDDEN other_app', 'NOT_FOUND unknown_order']);
    // The real notify still pays it.
    expect((await t.fake.postNotify(order.outTradeNo)).body).toBe('success');
    expect(paymentsOf(t, bill.id)).toHaveLength(1);
  });

  it("refuses another account's bill and order as if they did not exist, audited", async () => {
    const { bill, order } = await ordered(306);
    const { phone: other } = await registered(t, 307);
    const pay = await other.call('portal.payOnline', { billId: bill.id });
    expect(pay).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no such bill on this account', details: { field: 'billId' } } });
    const status = await other.call('portal.payStatus', { outTradeNo: order.outTradeNo });
    expect(status).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no such bill on this account', details: { field: 'outTradeNo' } } });
    expect((await other.ok('portal.bills', {})).items).toEqual([]);
    const audited = (await refusalRows(t)).filter((r) => r.entity_id === 'portal.payOnline' || r.entity_id === 'portal.payStatus');
    expect(audited.map((r) => r.entity_id)).toEqual(['portal.payOnline', 'portal.payStatus']);
  });
  it('keeps money paid online for a bill paid at the counter meanwhile as a problem to refund, audited, and pays nothing twice', async () => {
    const { bill, order } = await ordered(308);
    const st = t.clinic.admin.station;
    const desk = dispatchSync(st, logInAs(st, 'cashier'), 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.selfPayFen, tenderedFen: bill.selfPayFen, idempotencyKey: 'counter-308' });
    expect(desk.ok).toBe(true);
    t.fake.pay(order.outTradeNo);
    expect((await t.fake.postNotify(order.outTradeNo)).body).toBe('success');
    expect(paymentsOf(t, bill.id).map((p) => p.method)).toEqual(['cash']);
    expect(await t.payStore.get(order.outTradeNo)).toMatchObject({ state: 'paid', paymentId: null, problem: expect.stringMatching(/^ILLEGAL_TRANSITION/) });
    expect((await refusalsAbout(order.outTradeNo)).map((r) => r.detail.split(':')[0])).toEqual(['paid_unapplied']);
  });

  it('answers fail to a notify that is not a form post', async () => {
    const url = `${t.portalUrl}/pay/alipay/notify`;
    const { phone } = await registered(t, 309);
    expect((await phone.raw(url, { method: 'GET' })).body).toBe('fail');
    expect((await phone.raw(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1&a=2' })).body).toBe('fail');
  });
});

describe('when the gateway cannot be used', () => {
  it('answers PAYMENT_GATEWAY_UNREACHABLE (pay at the counter) when the gateway is down or not set, and the bill stays payable at the desk', async () => {
    const { phone, memberId } = await registered(t, 310);
    const bill = registrationBill(t, memberId);
    await t.setGateway({ gatewayUrl: 'http://127.0.0.1:9/gateway.do' });
    try {
      const down = await phone.call('portal.payOnline', { billId: bill.id });
      expect(down).toMatchObject({ ok: false, error: { code: 'PAYMENT_GATEWAY_UNREACHABLE', details: { reason: 'unreachable', payAt: 'counter' } } });
      await t.payStore.clearGateway();
      const unset = await phone.call('portal.payOnline', { billId: bill.id });
      expect(unset).toMatchObject({ ok: false, error: { code: 'PAYMENT_GATEWAY_UNREACHABLE', details: { reason: 'not_configured' } } });
    } finally {
      await t.setGateway();
    }
    expect(await t.payStore.openForBill(bill.id)).toEqual([]);
    expect(billStatus(t, bill.id)).toBe('open');
  });

  it('is refused by the gateway when our signature is wrong, and refuses an answer not signed by Alipay', async () => {
    const { phone, memberId } = await registered(t, 311);
    const bill = registrationBill(t, memberId);
    const stranger = rsaKeyPair();
    try {
      await t.setGateway({ privateKey: stranger.privateKey });
      expect(await phone.call('portal.payOnline', { billId: bill.id })).toMatchObject({ ok: false, error: { code: 'PAYMENT_GATEWAY_REFUSED', details: { subCode: 'isv.invalid-signature' } } });
      expect(t.fake.calls.at(-1)).toEqual({ method: 'alipay.trade.precreate', signed: false });
      await t.setGateway({ alipayPublicKey: stranger.publicKey });
      expect(await phone.call('portal.payOnline', { billId: bill.id })).toMatchObject({ ok: false, error: { code: 'PAYMENT_GATEWAY_UNREACHABLE', details: { reason: 'bad_signature' } } });
    } finally {
      await t.setGateway();
    }
  });
});

describe('refunding an online payment', () => {
  it('refunds through the gateway first, then writes the refund at the hub; more than was paid is refused before any money moves', async () => {
    const { phone, memberId } = await registered(t, 320);
    const bill = clinicalBill(t, memberId);
    const order = await phone.ok('portal.payOnline', { billId: bill.id });
    t.fake.pay(order.outTradeNo);
    await t.fake.postNotify(order.outTradeNo);
    const [payment] = paymentsOf(t, bill.id);
    const cashier = { id: t.ids.accounts.cashier, username: 'cashier', displayName: 'cashier', roles: ['cashier' as const], staffId: null };

    await expect(t.payments.refund(cashier, { paymentId: payment!.id, amountFen: bill.selfPayFen + 1, reason: '多退', idempotencyKey: 'online-rf-0' }))
      .rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PAID' });
    expect(t.fake.orders.get(order.outTradeNo)!.refunds.size).toBe(0);

    const part = await t.payments.refund(cashier, { paymentId: payment!.id, amountFen: 500, reason: '患者取消', idempotencyKey: 'online-rf-1' });
    expect(part.refundedFen).toBe(500);
    const again = await t.payments.refund(cashier, { paymentId: payment!.id, amountFen: 500, reason: '患者取消', idempotencyKey: 'online-rf-1' });
    expect(again.refundIds).toEqual(part.refundIds);
    expect([...t.fake.orders.get(order.outTradeNo)!.refunds.values()]).toEqual([500]);
    const refunds = t.clinic.admin.station.raw.prepare('SELECT amount_fen, payment_id, method FROM refunds WHERE bill_id = ?').all(bill.id);
    expect(refunds).toEqual([{ amount_fen: 500, payment_id: payment!.id, method: 'qr' }]);
    expect(await t.payStore.get(order.outTradeNo)).toMatchObject({ state: 'refunded', refundedFen: 500 });

    await expect(t.payments.refund(cashier, { paymentId: bill.id, amountFen: 1, reason: 'x', idempotencyKey: 'online-rf-2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a cashier refunds an online payment', () => {
  it("is refused at the counter (refund_online) and refunded through the gateway at the hub: lines cancelled, money back once, reaching the ledger", async () => {
    const { phone, memberId } = await registered(t, 321);
    const bill = clinicalBill(t, memberId);
    const order = await phone.ok('portal.payOnline', { billId: bill.id });
    t.fake.pay(order.outTradeNo);
    await t.fake.postNotify(order.outTradeNo);
    const [payment] = paymentsOf(t, bill.id);
    const st = t.clinic.admin.station;
    const cashier = logInAs(st, 'cashier');
    const exam = bill.items.find((i) => i.kind === 'exam')!;
    const request = { billId: bill.id, lines: [{ itemId: exam.id, quantity: 1 }], reason: '检查取消', idempotencyKey: 'online-lines-1' };
    const refundsOf = () => st.raw.prepare('SELECT amount_fen, payment_id, method FROM refunds WHERE bill_id = ?').all(bill.id);

    // At the counter: refused, nothing written, nothing asked of the gateway.
    const counter = dispatchSync(st, cashier, 'billing.refund', request);
    expect(counter.ok).toBe(false);
    if (counter.ok) return;
    expect(counter.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'refund_online', paymentIds: [payment!.id], procedure: 'billing.refundOnline' } });
    expect(refundsOf()).toEqual([]);
    expect(t.fake.orders.get(order.outTradeNo)!.refunds.size).toBe(0);

    // Not a receptionist's to do.
    const reception = await dispatch(st, logInAs(st, 'reception'), 'billing.refundOnline', request);
    expect(reception.ok ? 'ok' : reception.error.code).toBe('FORBIDDEN');

    const done = await dispatch(st, cashier, 'billing.refundOnline', request);
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    expect(done.value.refunds.map((r) => [r.paymentId, r.amountFen, r.method])).toEqual([[payment!.id, exam.amountFen, 'qr']]);
    expect([...t.fake.orders.get(order.outTradeNo)!.refunds.entries()]).toEqual([['online-lines-1', exam.amountFen]]);
    expect(refundsOf()).toEqual([{ amount_fen: exam.amountFen, payment_id: payment!.id, method: 'qr' }]);
    expect(st.raw.prepare('SELECT status FROM exam_orders WHERE id = ?').get(exam.refId)).toEqual({ status: 'cancelled' });
    expect(await t.payStore.get(order.outTradeNo)).toMatchObject({ state: 'refunded', refundedFen: exam.amountFen });

    // The same key again: the first refund, the gateway not asked twice.
    const again = await dispatch(st, cashier, 'billing.refundOnline', request);
    expect(again.ok && again.value.replayed).toBe(true);
    expect(t.fake.orders.get(order.outTradeNo)!.refunds.size).toBe(1);
    expect(refundsOf()).toHaveLength(1);
  });

  it("cancelling at the desk a waiting visit whose fee was paid online is refused (refund_online), not paid back from the till; the gateway refund comes first", async () => {
    const { phone, memberId } = await registered(t, 323);
    const bill = registrationBill(t, memberId);
    const order = await phone.ok('portal.payOnline', { billId: bill.id });
    t.fake.pay(order.outTradeNo);
    await t.fake.postNotify(order.outTradeNo);
    expect(billStatus(t, bill.id)).toBe('paid');
    const st = t.clinic.admin.station;
    const cancel = dispatchSync(st, logInAs(st, 'reception'), 'frontdesk.cancelVisit', { visitId: bill.visitId, reason: '患者离开' });
    expect(cancel.ok ? 'ok' : cancel.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'refund_online' } });
    expect(st.raw.prepare('SELECT count(*) AS n FROM refunds WHERE bill_id = ?').get(bill.id)).toEqual({ n: 0 });
    expect(st.raw.prepare('SELECT status FROM visits WHERE id = ?').get(bill.visitId)).toEqual({ status: 'waiting' });
    // The cashier gives the fee back through the gateway; then the visit cancels with nothing left to refund.
    const back = await dispatch(st, logInAs(st, 'cashier'), 'billing.refundOnline', { billId: bill.id, amountFen: bill.selfPayFen, reason: '患者离开', idempotencyKey: 'online-cancel-323' });
    expect(back.ok ? back.value.refunds.map((r) => [r.method, r.amountFen]) : back.error).toEqual([['qr', bill.selfPayFen]]);
    expect([...t.fake.orders.get(order.outTradeNo)!.refunds.values()]).toEqual([bill.selfPayFen]);
    const again = dispatchSync(st, logInAs(st, 'reception'), 'frontdesk.cancelVisit', { visitId: bill.visitId, reason: '患者离开' });
    expect(again.ok ? 'ok' : again.error).toBe('ok');
    expect(st.raw.prepare('SELECT count(*) AS n FROM refunds WHERE bill_id = ?').get(bill.id)).toEqual({ n: 1 });
    expect(st.raw.prepare('SELECT status FROM visits WHERE id = ?').get(bill.visitId)).toEqual({ status: 'cancelled' });
  });

  it('refuses at the hub a refund that reaches a payment taken at the counter, before any money moves', async () => {
    const { memberId } = await registered(t, 322);
    const bill = clinicalBill(t, memberId);
    const st = t.clinic.admin.station;
    const cashier = logInAs(st, 'cashier');
    const cash = dispatchSync(st, cashier, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.selfPayFen, tenderedFen: bill.selfPayFen, idempotencyKey: 'counter-322' });
    if (!cash.ok) throw new Error(JSON.stringify(cash.error));
    const refused = await dispatch(st, cashier, 'billing.refundOnline', { billId: bill.id, amountFen: 100, reason: '退款', idempotencyKey: 'counter-rf-322' });
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'counter_payment', paymentId: cash.value.payment.id } });
    expect(st.raw.prepare('SELECT count(*) AS n FROM refunds WHERE bill_id = ?').get(bill.id)).toEqual({ n: 0 });
    // The counter refund of it is still the desk's, and works.
    const desk = dispatchSync(st, cashier, 'billing.refund', { billId: bill.id, amountFen: 100, reason: '退款', idempotencyKey: 'counter-rf-322' });
    expect(desk.ok).toBe(true);
  });
});

describe('the admin sets the gateway', () => {
  const setAs = (username: string, input: Record<string, unknown>) => {
    const st = t.clinic.admin.station;
    return dispatch(st, logInAs(st, username), 'payments.setGateway', input);
  };
  const input = () => ({
    appId: APP_ID, gatewayUrl: t.fake.url, notifyUrl: `${t.portalUrl}/pay/alipay/notify`, privateKey: t.appKeys.privateKey, alipayPublicKey: t.fake.alipayPublicKey,
    confirmPassword: TEST_PASSWORD,
  });

  it('asks for the password again, checks the keys, audits the change, and never answers the keys', async () => {
    const before = await t.payStore.gateway();
    expect(await setAs('admin', { ...input(), confirmPassword: 'wrong-password-1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await setAs('cashier', input())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await setAs('admin', { ...input(), privateKey: 'not a key' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'privateKey' } } });
    expect(await setAs('admin', { ...input(), alipayPublicKey: t.appKeys.privateKey })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'alipayPublicKey' } } });
    expect(await t.payStore.gateway()).toEqual(before);
    expect((await refusalRows(t)).some((r) => r.entity_id === 'payments.setGateway' && r.procedure === 'BAD_CREDENTIALS')).toBe(true);

    t.clock.t += 1000;
    const set = await setAs('admin', input());
    expect(set).toMatchObject({ ok: true, value: { configured: true, appId: APP_ID, gatewayUrl: t.fake.url, updatedAt: t.clock.t } });
    const st = t.clinic.admin.station;
    const read = await dispatch(st, logInAs(st, 'admin'), 'payments.gateway', {});
    expect(read).toEqual(set);
    const keyBody = t.appKeys.privateKey.split('\n')[1]!;
    expect(JSON.stringify([set, read])).not.toMatch(/PRIVATE KEY|PUBLIC KEY/);
    expect(JSON.stringify([set, read])).not.toContain(keyBody);
    const audit = st.raw.prepare("SELECT detail FROM audit_log WHERE action = 'update' AND entity = 'payment_gateway'").all() as { detail: string }[];
    expect(audit).toEqual([{ detail: `app ${APP_ID} at ${t.fake.url}` }]);
    // Nothing of the keys reached the replicated change log.
    expect((st.raw.prepare('SELECT count(*) AS n FROM change_log WHERE columns LIKE ?').get(`%${keyBody.slice(0, 20)}%`) as { n: number }).n).toBe(0);

    const { phone, memberId } = await registered(t, 330);
    const bill = registrationBill(t, memberId);
    expect((await phone.ok('portal.payOnline', { billId: bill.id })).amountFen).toBe(bill.selfPayFen);
  });
});
