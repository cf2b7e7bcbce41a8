/**
 * The self check-in kiosk at a real hub over real HTTPS: enrolled by the admin's kiosk token (its
 * own HttpOnly cookie), the patient identified by card barcode or phone + ID last 4, today's
 * appointment checked in at the hub as the desk would (a queue number, the fee to pay), paid by
 * QR through a local gateway that speaks Alipay's protocol, and the 80 mm slip read back with
 * pdftotext. Every refusal is structured, writes nothing and the guessing ones are throttled and
 * audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients, rosterSessions } from '../../../db/schema';
import { flatText } from '../../documents/testPdf';
import { recordNo } from '../../domain/numbers';
import { dispatch, dispatchSync } from '../../station/dispatch';
import { withMasterWriter } from '../../station/master';
import { logInAs, TEST_PASSWORD, TODAY } from '../../station/testing';
import { hubTemplate } from '../../sync/hooks.testing';
import { startPayHub, type PayHub } from '../payments/payments.testing';
import { writeAtHub } from './hub-writes';
import { adminChecksums, mobile, nameOf, PatientPhone, refusalRows, residentId } from './portal.testing';

const template = hubTemplate();
let t: PayHub;
let kiosk: PatientPhone;
let ids: { alone: string; twinA: string; twinB: string; tomorrowOnly: string; stoppedOne: string; aloneRecord: string };
let appts: { alone: string; tomorrow: string; stopped: string; twin: string };
let stoppedSession: string;

async function issueToken(name: string): Promise<string> {
  const st = t.clinic.admin.station;
  const r = await dispatch(st, logInAs(st, 'admin'), 'devices.issueKioskToken', { name, confirmPassword: TEST_PASSWORD });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.token;
}

function book(patientId: string, sessionId: string): string {
  const st = t.clinic.admin.station;
  const r = dispatchSync(st, logInAs(st, 'reception'), 'appointments.book', { patientId, sessionId, source: 'phone' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.id;
}

beforeAll(async () => {
  t = await startPayHub(template());
  const twinId = residentId(42);
  ids = await writeAtHub(t.clinic.admin, null, 'test', (w) => {
    const person = (n: number, phone: string, idNumber: string) => w.write.insert(patients, {
      recordNo: recordNo(w.device, w.nextSeq('record')), name: nameOf(n), sex: 'M', pinyinFull: 'huanzhe', pinyinInitials: 'hz', insuranceType: 'self_pay',
      phone, idNumber,
    });
    const alone = person(1, mobile(1), residentId(1));
    return {
      alone, twinA: person(2, mobile(2), twinId), twinB: person(3, mobile(2), twinId), tomorrowOnly: person(4, mobile(4), residentId(4)),
      stoppedOne: person(5, mobile(5), residentId(5)),
      aloneRecord: (w.raw.prepare('SELECT record_no AS r FROM patients WHERE id = ?').get(alone) as { r: string }).r,
    };
  });
  stoppedSession = withMasterWriter(t.clinic.admin.station, (w) => w.insert(rosterSessions, {
    date: TODAY, period: 'full_day', doctorId: t.ids.staff.doctor2, departmentId: t.ids.departments.paeds, roomId: t.ids.rooms.room2, capacity: 5,
  }));
  appts = {
    alone: book(ids.alone, t.ids.sessions.todayAfternoon), tomorrow: book(ids.tomorrowOnly, t.ids.sessions.tomorrow),
    stopped: book(ids.stoppedOne, stoppedSession), twin: book(ids.twinA, t.ids.sessions.todayAfternoon),
  };
  withMasterWriter(t.clinic.admin.station, (w) => w.update(rosterSessions, stoppedSession, { stopped: true, stopReason: '医生外出' }));
  await t.clinic.admin.flush();
  kiosk = new PatientPhone(t.portalUrl, t.clinic.hub.certificate);
});
afterAll(() => t?.close());

describe('the self check-in kiosk', () => {
  it('refuses kiosk calls from a browser that is not an enrolled kiosk, and a wrong token, auditing both', async () => {
    const stranger = new PatientPhone(t.portalUrl, t.clinic.hub.certificate);
    const r = await stranger.call('portal.kioskFind', { identity: { barcode: ids.aloneRecord } });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'not_a_kiosk' } } });
    const wrong = await stranger.call('portal.kioskEnroll', { token: 'x'.repeat(43) });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'bad_kiosk_token' } } });
    expect(stranger.cookie).toBeNull();
    const rows = await refusalRows(t);
    expect(rows.map((r) => r.detail)).toEqual(expect.arrayContaining([expect.stringContaining('not an enrolled kiosk'), expect.stringContaining('wrong or revoked kiosk token')]));
  });

  it("enrols with the admin's token (an HttpOnly cookie of its own); a new token for the name revokes the old one", async () => {
    const old = await issueToken('entrance');
    const token = await issueToken('entrance');
    expect((await kiosk.call('portal.kioskEnroll', { token: old })).ok).toBe(false);
    expect(await kiosk.ok('portal.kioskEnroll', { token })).toEqual({ name: 'entrance' });
    expect(kiosk.lastSetCookie).toMatch(/^cd_kiosk=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    // The kiosk's cookie is no patient session.
    expect(await kiosk.call('portal.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('finds today’s appointments by card barcode, and by phone + ID last 4', async () => {
    const byCard = await kiosk.ok('portal.kioskFind', { identity: { barcode: ids.aloneRecord.toLowerCase() } });
    expect(byCard).toEqual({
      maskedName: `患${'*'.repeat([...nameOf(1)].length - 2)}${[...nameOf(1)].at(-1)}`,
      appointments: [{ appointmentId: appts.alone, period: 'afternoon', doctorName: '李明', departmentName: expect.any(String), roomName: '诊室1', feeFen: 1500, checkedIn: false }],
    });
    const byPhone = await kiosk.ok('portal.kioskFind', { identity: { phone: mobile(1), idLast4: residentId(1).slice(-4) } });
    expect(byPhone).toEqual(byCard);
    const reads = t.clinic.admin.station.raw.prepare("SELECT account_id, procedure FROM audit_log WHERE action = 'read' AND patient_id = ?").all(ids.alone);
    expect(reads).toEqual([{ account_id: 'kiosk:entrance', procedure: 'portal.kioskFind' }, { account_id: 'kiosk:entrance', procedure: 'portal.kioskFind' }]);
  });

  it('refuses a wrong or ambiguous identification and a patient with nothing today, writing nothing, auditing the misses', async () => {
    const before = adminChecksums(t, { exceptAudit: true });
    const wrong = await kiosk.call('portal.kioskFind', { identity: { phone: mobile(1), idLast4: '0000' } });
    expect(wrong).toEqual({ ok: false, error: { code: 'IDENTITY_NOT_MATCHED', message: 'no patient matches', details: { field: 'identity', reason: 'no_match' } } });
    const twins = await kiosk.call('portal.kioskCheckIn', { identity: { phone: mobile(2), idLast4: residentId(42).slice(-4) }, appointmentId: appts.twin });
    expect(twins).toMatchObject({ ok: false, error: { code: 'IDENTITY_NOT_MATCHED', details: { reason: 'ambiguous' } } });
    const nothing = await kiosk.call('portal.kioskFind', { identity: { phone: mobile(4), idLast4: residentId(4).slice(-4) } });
    expect(nothing).toMatchObject({ ok: false, error: { code: 'NO_APPOINTMENT_TODAY' } });
    const notToday = await kiosk.call('portal.kioskCheckIn', { identity: { phone: mobile(4), idLast4: residentId(4).slice(-4) }, appointmentId: appts.tomorrow });
    expect(notToday).toMatchObject({ ok: false, error: { code: 'NO_APPOINTMENT_TODAY', details: { field: 'appointmentId' } } });
    const othersAppointment = await kiosk.call('portal.kioskCheckIn', { identity: { barcode: ids.aloneRecord }, appointmentId: appts.stopped });
    expect(othersAppointment).toMatchObject({ ok: false, error: { code: 'NO_APPOINTMENT_TODAY' } });
    const stopped = await kiosk.call('portal.kioskCheckIn', { identity: { phone: mobile(5), idLast4: residentId(5).slice(-4) }, appointmentId: appts.stopped });
    expect(stopped).toMatchObject({ ok: false, error: { code: 'SESSION_STOPPED' } });
    expect(adminChecksums(t, { exceptAudit: true })).toEqual(before);
    const misses = (await refusalRows(t)).filter((r) => r.procedure === 'IDENTITY_NOT_MATCHED');
    expect(misses.map((r) => r.detail)).toEqual([
      expect.stringMatching(/^kiosk entrance: no_match by phone and ID last 4 \(from .+\)$/), expect.stringContaining('ambiguous'),
    ]);
  });

  it('checks in at the hub as the desk would: a queue number, the fee due, the visit in the hub log written as the kiosk; not twice', async () => {
    const done = await kiosk.ok('portal.kioskCheckIn', { identity: { barcode: ids.aloneRecord }, appointmentId: appts.alone });
    expect(done.position).toMatchObject({ memberId: ids.alone, queueNo: '001', doctorName: '李明', roomName: '诊室1', state: 'unpaid', ahead: 0 });
    expect(done.bill).toMatchObject({ dueFen: 1500 });
    await t.clinic.hub.settled();
    expect((await t.store.row('visits', done.position.visitId))?.values).toMatchObject({ appointment_id: appts.alone, status: 'waiting', fee_status: 'unpaid' });
    expect((await t.store.row('appointments', appts.alone))?.values).toMatchObject({ status: 'completed' });
    const audit = t.clinic.admin.station.raw.prepare("SELECT account_id FROM audit_log WHERE entity = 'visit' AND entity_id = ?").get(done.position.visitId);
    expect(audit).toEqual({ account_id: 'kiosk:entrance' });

    const before = adminChecksums(t, { exceptAudit: true });
    const again = await kiosk.call('portal.kioskCheckIn', { identity: { barcode: ids.aloneRecord }, appointmentId: appts.alone });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN' } });
    expect(adminChecksums(t, { exceptAudit: true })).toEqual(before);
    expect((await kiosk.ok('portal.kioskFind', { identity: { barcode: ids.aloneRecord } })).appointments[0]).toMatchObject({ checkedIn: true });

    // The fee by QR through the gateway, then the slip says it is settled.
    const order = await kiosk.ok('portal.kioskPayOnline', { visitId: done.position.visitId });
    expect(order.amountFen).toBe(1500);
    t.fake.pay(order.outTradeNo);
    expect((await t.fake.postNotify(order.outTradeNo)).body).toBe('success');
    expect(await kiosk.ok('portal.kioskPayStatus', { visitId: done.position.visitId, outTradeNo: order.outTradeNo })).toMatchObject({ state: 'paid', amountFen: 1500 });
    const otherVisit = await kiosk.call('portal.kioskPayStatus', { visitId: ids.twinA, outTradeNo: order.outTradeNo });
    expect(otherVisit).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const { pdfBase64 } = await kiosk.ok('portal.kioskSlip', { visitId: done.position.visitId, lang: 'zh-CN' });
    const text = flatText(Buffer.from(pdfBase64, 'base64'));
    for (const s of ['排队小票', '001', '前面还有0人', '李明', '诊室1', '挂号费已结清']) expect(text).toContain(s);
    const en = flatText(Buffer.from((await kiosk.ok('portal.kioskSlip', { visitId: done.position.visitId, lang: 'en' })).pdfBase64, 'base64'));
    expect(en).toContain('0aheadofyou');
  });

  it('says "pay at the counter" when the gateway cannot be reached, and the slip says the fee is due', async () => {
    const twinB = book(ids.twinB, t.ids.sessions.todayAfternoon);
    await t.clinic.admin.flush();
    const done = await kiosk.ok('portal.kioskCheckIn', { identity: { barcode: (t.clinic.admin.station.raw.prepare('SELECT record_no AS r FROM patients WHERE id = ?').get(ids.twinB) as { r: string }).r }, appointmentId: twinB });
    // The first patient has paid and is in line before this one.
    expect(done.position).toMatchObject({ queueNo: '002', ahead: 1, state: 'unpaid' });
    await t.setGateway({ gatewayUrl: 'http://127.0.0.1:9/gateway.do' });
    const r = await kiosk.call('portal.kioskPayOnline', { visitId: done.position.visitId });
    expect(r).toMatchObject({ ok: false, error: { code: 'PAYMENT_GATEWAY_UNREACHABLE' } });
    const text = flatText(Buffer.from((await kiosk.ok('portal.kioskSlip', { visitId: done.position.visitId, lang: 'zh-CN' })).pdfBase64, 'base64'));
    expect(text).toContain('挂号费¥15.00未付');
    expect(text).toContain('002');
    expect(text).toContain('前面还有1人');
  });

  it('throttles guesses per kiosk and address: after 5 misses even a right identification waits, and is audited', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await kiosk.call('portal.kioskFind', { identity: { phone: mobile(1), idLast4: `${i}99X` } });
      expect(r).toMatchObject({ ok: false, error: { code: 'IDENTITY_NOT_MATCHED' } });
    }
    const right = await kiosk.call('portal.kioskFind', { identity: { barcode: ids.aloneRecord } });
    expect(right).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect((await refusalRows(t)).filter((r) => r.procedure === 'TOO_MANY_ATTEMPTS').length).toBeGreaterThan(0);
    t.clock.t += 61_000;
    expect((await kiosk.ok('portal.kioskFind', { identity: { barcode: ids.aloneRecord } })).appointments).toHaveLength(1);
  });
});
