/**
 * Test helpers for online payment: a hub with its patient port (portal.testing.ts), a fake
 * Alipay gateway on loopback that knows the app's key and posts its notifies to the hub's
 * patient port over HTTPS, the gateway set at the hub, and registration bills made at the
 * front desk of the hub's own station.
 */
import type { Output } from '../../api/contract';
import { dispatchSync } from '../../station/dispatch';
import { logInAs } from '../../station/testing';
import { startPortalHub } from '../portal/portal.testing';
import { ALIPAY_NOTIFY_PATH } from '../portal/server';
import { FakeAlipay, rsaKeyPair } from './fake-alipay.testing';
import { OnlinePayments } from './online-payments';
import { OnlinePaymentStore } from './store';

export const APP_ID = '2021000000000001';

export type PayHub = Awaited<ReturnType<typeof startPortalHub>> & {
  fake: FakeAlipay; appKeys: { privateKey: string; publicKey: string }; payStore: OnlinePaymentStore; payments: OnlinePayments;
  /** Sets the gateway at the hub (as the admin procedure does), with any field changed. */
  setGateway: (change?: Partial<Parameters<OnlinePaymentStore['setGateway']>[0]>) => Promise<void>;
};

/** `staticDir`: the built patient app the patient port serves (null: the API alone); `web`: the hub's web host too. */
export async function startPayHub(template: Blob | File, staticDir: string | null = null, web?: { staticDir: string; anyRole?: boolean }): Promise<PayHub> {
  const t = await startPortalHub(template, 'hub', staticDir, web);
  const appKeys = rsaKeyPair();
  const fake = await new FakeAlipay(APP_ID, appKeys.publicKey, t.clinic.hub.certificate).start();
  const payStore = new OnlinePaymentStore(t.store.hubOnly);
  const payments = new OnlinePayments({ admin: t.clinic.admin, store: payStore, now: () => t.clock.t, refuse: (r) => t.clinic.hub.refuse(r) });
  const setGateway: PayHub['setGateway'] = (change = {}) => payStore.setGateway({
    appId: APP_ID, gatewayUrl: fake.url, notifyUrl: `${t.portalUrl}${ALIPAY_NOTIFY_PATH}`, privateKey: appKeys.privateKey, alipayPublicKey: fake.alipayPublicKey,
    ...change,
  }, t.clock.t, 'test');
  await setGateway();
  const close = t.close;
  return Object.assign(t, {
    fake, appKeys, payStore, payments, setGateway,
    close: async () => {
      await fake.stop();
      await close();
    },
  });
}

/** A walk-in of `patientId` at the hub's front desk today: its registration bill, open. */
export function registrationBill(t: PayHub, patientId: string): NonNullable<Output<'frontdesk.walkIn'>['bill']> {
  const st = t.clinic.admin.station;
  const r = dispatchSync(st, logInAs(st, 'reception'), 'frontdesk.walkIn', { patientId, doctorId: t.ids.staff.doctor2 });
  if (!r.ok) throw new Error(`walk-in: ${JSON.stringify(r.error)}`);
  if (!r.value.bill) throw new Error('walk-in without a bill');
  return r.value.bill;
}

/** The payment rows of a bill at the hub's station. */
export function paymentsOf(t: PayHub, billId: string): { id: string; method: string; amount_fen: number; reference: string | null; cashier_id: string }[] {
  return t.clinic.admin.station.raw.prepare('SELECT id, method, amount_fen, reference, cashier_id FROM payments WHERE bill_id = ?').all(billId) as
    { id: string; method: string; amount_fen: number; reference: string | null; cashier_id: string }[];
}

export function billStatus(t: PayHub, billId: string): string {
  return (t.clinic.admin.station.raw.prepare('SELECT status FROM bills WHERE id = ?').get(billId) as { status: string }).status;
}

/**
 * A clinical bill of `patientId` at the hub's own station: a walk-in with doctor 1 (registration
 * paid in cash), called, seen, a blood test ordered, billed by the cashier; open, the exam not done.
 */
export function clinicalBill(t: PayHub, patientId: string): NonNullable<Output<'billing.build'>['bill']> {
  const st = t.clinic.admin.station;
  const call = <N extends Parameters<typeof dispatchSync>[2]>(who: string, name: N, input: unknown) => {
    const r = dispatchSync(st, logInAs(st, who), name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const walkIn = call('reception', 'frontdesk.walkIn', { patientId, doctorId: t.ids.staff.doctor, payment: { method: 'cash', tenderedFen: 5000, idempotencyKey: `reg-${patientId}` } }) as Output<'frontdesk.walkIn'>;
  const visitId = walkIn.visit.id;
  call('doctor', 'queue.call', {});
  call('doctor', 'queue.start', { visitId });
  call('doctor', 'consultation.orderExam', { visitId, examItemId: t.ids.exams.bloodRoutine });
  const built = call('cashier', 'billing.build', { visitId }) as Output<'billing.build'>;
  if (!built.bill) throw new Error('nothing billed');
  return built.bill;
}
