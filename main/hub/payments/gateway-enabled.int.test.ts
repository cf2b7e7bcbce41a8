/**
 * The admin turns online payment off and on at a real hub (payments.setGatewayEnabled, step-up,
 * audited): off, the patient app is told to pay at the counter (PAYMENT_GATEWAY_UNREACHABLE
 * {reason: 'disabled'}) and no order is made, while the keys are kept; on again, a QR order is
 * made. A wrong password, a non-admin, bad input and a hub with no gateway set are refused and
 * change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../station/dispatch';
import { logInAs, TEST_PASSWORD } from '../../station/testing';
import { hubTemplate } from '../../sync/hooks.testing';
import { registered } from '../portal/portal.testing';
import { registrationBill, startPayHub, type PayHub } from './payments.testing';

const template = hubTemplate();
let t: PayHub;

const asUser = (username: string, input: Record<string, unknown>) => {
  const st = t.clinic.admin.station;
  return dispatch(st, logInAs(st, username), 'payments.setGatewayEnabled', input as never);
};
const orders = async () => (await t.store.hubOnly.query<{ n: number }>('SELECT count(*)::int AS n FROM online_orders')).rows[0]!.n;

beforeAll(async () => { t = await startPayHub(template()); });
afterAll(() => t?.close());

describe('turning online payment off and on', () => {
  it('off: the patient is sent to the counter and no order is made, the keys kept; on: a QR order again; both audited', async () => {
    const { phone, memberId } = await registered(t, 700);
    const bill = registrationBill(t, memberId);
    t.clock.t += 1000;
    const off = await asUser('admin', { enabled: false, confirmPassword: TEST_PASSWORD });
    expect(off).toMatchObject({ ok: true, value: { configured: true, enabled: false, updatedAt: t.clock.t } });
    const st = t.clinic.admin.station;
    expect(await dispatch(st, logInAs(st, 'admin'), 'payments.gateway', {})).toEqual(off);
    expect(await phone.call('portal.payOnline', { billId: bill.id })).toMatchObject({ ok: false, error: { code: 'PAYMENT_GATEWAY_UNREACHABLE', details: { reason: 'disabled' } } });
    expect(await orders()).toBe(0);
    expect(await t.payStore.gateway()).toMatchObject({ enabled: false, privateKey: t.appKeys.privateKey });

    const on = await asUser('admin', { enabled: true, confirmPassword: TEST_PASSWORD });
    expect(on).toMatchObject({ ok: true, value: { configured: true, enabled: true } });
    expect((await phone.ok('portal.payOnline', { billId: bill.id })).amountFen).toBe(bill.selfPayFen);
    expect(await orders()).toBe(1);
    expect(st.raw.prepare("SELECT account_id, detail FROM audit_log WHERE entity = 'payment_gateway' ORDER BY at, id").all()).toEqual([
      { account_id: t.ids.accounts.admin, detail: 'turned off' }, { account_id: t.ids.accounts.admin, detail: 'turned on' },
    ]);
  });

  it('refuses a wrong password, a non-admin, bad input, and a hub with no gateway set, changing nothing', async () => {
    const before = await t.payStore.gateway();
    expect(await asUser('admin', { enabled: false, confirmPassword: 'wrong-password-1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await asUser('cashier', { enabled: false, confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await asUser('admin', { enabled: 'no', confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'enabled' } } });
    expect(await asUser('admin', { confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'enabled' } } });
    expect(await t.payStore.gateway()).toEqual(before);

    await t.payStore.clearGateway();
    const audits = () => t.clinic.admin.station.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'payment_gateway'").get();
    const auditBefore = audits();
    expect(await asUser('admin', { enabled: true, confirmPassword: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'enabled', reason: 'not_configured' } } });
    expect(await t.payStore.gateway()).toBeUndefined();
    expect(audits()).toEqual(auditBefore);
    await t.setGateway();
  });

  it('a gateway set turned off stays off (setGateway with enabled false)', async () => {
    const st = t.clinic.admin.station;
    const r = await dispatch(st, logInAs(st, 'admin'), 'payments.setGateway', {
      appId: '2021000000000001', gatewayUrl: t.fake.url, notifyUrl: `${t.portalUrl}/pay/alipay/notify`, privateKey: t.appKeys.privateKey,
      alipayPublicKey: t.fake.alipayPublicKey, enabled: false, confirmPassword: TEST_PASSWORD,
    });
    expect(r).toMatchObject({ ok: true, value: { configured: true, enabled: false } });
    expect((await t.payStore.gateway())?.enabled).toBe(false);
  });
});
