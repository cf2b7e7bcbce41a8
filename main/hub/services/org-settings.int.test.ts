import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { procedures, type ProcedureName } from '../../api/contract';
import { orgProcedures } from '../../api/procedures/org';
import { withMasterWriter } from '../../station/master';
import { loadSettings } from '../../station/settings';
import { TODAY, type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';
import { count, expectRefused } from '../../station/testing-expect';
import { key, newPatient, openDesk, walkIn, type Desk } from '../../station/services/frontdesk.testing';
import { isIanaTimeZone } from './org-settings';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createHubFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

const settingsLogged = (key: string) => count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'settings' AND row_id = ?", key);
const settingsAudited = (key: string) =>
  count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'update' AND entity = 'settings' AND entity_id = ? AND patient_id IS NULL", key);

describe('org settings', () => {
  it('reads every setting with its defaults', () => {
    expect(fx.ok(desk.admin, 'org.settings', {})).toEqual({
      clinicName: '康宁诊所', clinicNameEn: 'Kangning Clinic', address: '', phone: '', timeZone: 'Asia/Shanghai', feeAtCheckIn: true,
      receiptHeader: '', maxLoginFailures: 5, loginLockMs: 900_000, idleLockMs: 600_000, maxSessionMs: 43_200_000, expiryWarningDays: 90,
      paymentMethods: ['cash', 'card', 'qr', 'insurance'],
      portalBookingNotice: '', portalBookingsPerDay: 2, portalCancelCutoffMinutes: 120, lapsedBookingsBecome: 'no_show',
    });
  });

  it('changes only the keys given and different, each logged and audited; the station uses them at once', () => {
    const out = fx.ok(desk.admin, 'org.updateSettings', {
      clinicName: '康宁社区诊所', address: '北京市朝阳区1号', timeZone: 'Asia/Urumqi', feeAtCheckIn: false,
      receiptHeader: '康宁社区诊所\n电话 010-12345678', idleLockMs: 300_000, clinicNameEn: 'Kangning Clinic',
    });
    expect(out).toMatchObject({ clinicName: '康宁社区诊所', timeZone: 'Asia/Urumqi', feeAtCheckIn: false, idleLockMs: 300_000 });
    for (const k of ['clinicName', 'address', 'timeZone', 'feeAtCheckIn', 'receiptHeader', 'idleLockMs']) {
      expect(settingsLogged(k), k).toBe(k === 'clinicName' || k === 'timeZone' ? 2 : 1); // the fixture seeded those two
      expect(settingsAudited(k), k).toBe(1);
    }
    expect(settingsAudited('clinicNameEn')).toBe(0); // unchanged
    expect(fx.station.settings.idleLockMs).toBe(300_000);
    expect(fx.ok(desk.reception, 'catalog.settings', {})).toMatchObject({ clinicName: '康宁社区诊所', feeAtCheckIn: false, timeZone: 'Asia/Urumqi' });
  });

  it('refuses a time zone that is not a real IANA zone, a long receipt header, bad policies, unknown keys; writes nothing', () => {
    const before = count(fx, 'SELECT count(*) n FROM settings');
    for (const timeZone of ['Mars/Olympus', '+08:00', 'GMT+8', 'asia shanghai', 'Asia/Shang hai']) {
      expectRefused(fx, desk.admin, 'org.updateSettings', { clinicName: '新名字', timeZone }, 'VALIDATION', { field: 'timeZone' });
    }
    expectRefused(fx, desk.admin, 'org.updateSettings', { receiptHeader: '字'.repeat(201) }, 'VALIDATION', { field: 'receiptHeader' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { receiptHeader: 'a\nb\nc\nd\ne' }, 'VALIDATION', { field: 'receiptHeader' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { maxLoginFailures: 0 }, 'VALIDATION', { field: 'maxLoginFailures' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { maxSessionMs: 60_000 }, 'VALIDATION', { field: 'maxSessionMs' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { maxSessionMs: 25 * 3_600_000 }, 'VALIDATION', { field: 'maxSessionMs' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { idleLockMs: 1000 }, 'VALIDATION', { field: 'idleLockMs' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { clinicName: '' }, 'VALIDATION', { field: 'clinicName' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { paymentMethods: [] }, 'VALIDATION', { field: 'paymentMethods' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { paymentMethods: ['bitcoin' as never] }, 'VALIDATION', { field: 'paymentMethods.0' });
    expectRefused(fx, desk.admin, 'org.updateSettings', { clinicNameX: 'x' } as never, 'VALIDATION');
    expect(count(fx, 'SELECT count(*) n FROM settings')).toBe(before);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
  });

  it("takes the patient app's booking rules within their ranges and refuses the rest at their field, writing nothing", () => {
    const before = count(fx, 'SELECT count(*) n FROM settings');
    for (const [field, value] of [
      ['portalCancelCutoffMinutes', -1], ['portalCancelCutoffMinutes', 7 * 24 * 60 + 1], ['portalCancelCutoffMinutes', 1.5],
      ['portalBookingsPerDay', 0], ['portalBookingsPerDay', 21], ['portalBookingNotice', '字'.repeat(1001)],
    ] as const) {
      expectRefused(fx, desk.admin, 'org.updateSettings', { [field]: value }, 'VALIDATION', { field });
    }
    expect(count(fx, 'SELECT count(*) n FROM settings')).toBe(before);
    const out = fx.ok(desk.admin, 'org.updateSettings', { portalBookingNotice: '请提前15分钟到达', portalCancelCutoffMinutes: 0, portalBookingsPerDay: 20 });
    expect(out).toMatchObject({ portalBookingNotice: '请提前15分钟到达', portalCancelCutoffMinutes: 0, portalBookingsPerDay: 20 });
    expect(fx.station.settings.portalBookingsPerDay).toBe(20);
    for (const k of ['portalBookingNotice', 'portalCancelCutoffMinutes', 'portalBookingsPerDay']) expect(settingsAudited(k), k).toBe(1);
  });

  it('a stored value that does not fit its key falls back to that default alone', () => {
    withMasterWriter(fx.station, (w) => w.setSetting('paymentMethods', ['cash', 'gold']));
    const s = loadSettings(fx.station.db);
    expect(s.paymentMethods).toEqual(['cash', 'card', 'qr', 'insurance']);
    expect(s.clinicName).toBe('康宁诊所');
  });
});

describe('payment methods', () => {
  it('stores the enabled subset in the usual order and shows it to the desks', () => {
    const out = fx.ok(desk.admin, 'org.updateSettings', { paymentMethods: ['qr', 'cash', 'qr'] });
    expect(out.paymentMethods).toEqual(['cash', 'qr']);
    expect(settingsLogged('paymentMethods')).toBe(1);
    expect(settingsAudited('paymentMethods')).toBe(1);
    expect(fx.ok(desk.cashier, 'catalog.settings', {})).toMatchObject({ paymentMethods: ['cash', 'qr'], today: TODAY });
  });

  it('a disabled method is refused at the front desk and the cashier, nothing written; an enabled one works', () => {
    fx.ok(desk.admin, 'org.updateSettings', { paymentMethods: ['cash', 'qr'] });
    const patient = newPatient(fx, desk);
    const visits = count(fx, 'SELECT count(*) n FROM visits');
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', {
      patientId: patient, doctorId: fx.ids.staff.doctor, payment: { method: 'card', idempotencyKey: key('reg') },
    }, 'PAYMENT_METHOD_DISABLED', { field: 'method', method: 'card', enabled: ['cash', 'qr'] });
    expect(count(fx, 'SELECT count(*) n FROM visits')).toBe(visits);
    const { bill } = walkIn(fx, desk, patient); // fee left unpaid
    const payments = count(fx, 'SELECT count(*) n FROM payments');
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill!.id, method: 'insurance', amountFen: 1500, idempotencyKey: key('p') },
      'PAYMENT_METHOD_DISABLED', { field: 'method', method: 'insurance' });
    expect(count(fx, 'SELECT count(*) n FROM payments')).toBe(payments);
    const paid = fx.ok(desk.cashier, 'billing.pay', { billId: bill!.id, method: 'cash', amountFen: 1500, idempotencyKey: key('p') });
    expect(paid.payment.method).toBe('cash');
  });

  it('a payment taken before the method was switched off still replays by its key', () => {
    const patient = newPatient(fx, desk);
    const { bill } = walkIn(fx, desk, patient);
    const req = { billId: bill!.id, method: 'card' as const, amountFen: 1500, idempotencyKey: key('p') };
    const first = fx.ok(desk.cashier, 'billing.pay', req);
    fx.ok(desk.admin, 'org.updateSettings', { paymentMethods: ['cash'] });
    const again = fx.ok(desk.cashier, 'billing.pay', req);
    expect(again).toMatchObject({ replayed: true, payment: { id: first.payment.id } });
  });
});

describe('org access', () => {
  it('every org procedure is admin-only and runs at the hub', () => {
    for (const def of Object.values(orgProcedures)) expect(def).toMatchObject({ access: ['admin'], at: 'hub' });
  });

  it('refuses every other role, writing nothing', () => {
    const names = Object.keys(orgProcedures) as (keyof typeof orgProcedures & ProcedureName)[];
    for (const caller of [desk.reception, desk.doctor, desk.cashier, desk.pharmacist, desk.frontcash]) {
      for (const name of names) {
        const input = name === 'org.createDepartment' ? { code: 'XX', name: '新科', nameEn: 'New' } : {};
        expectRefused(fx, caller, name, input as never, 'FORBIDDEN');
      }
    }
    expect(Object.hasOwn(procedures, 'org.updateSettings')).toBe(true);
  });
});
