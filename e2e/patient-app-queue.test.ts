/**
 * Waiting and paying with the patient app, in Chromium against a real hub's patient port and a
 * real desk synced to it: checked in at the kiosk viewport (phone + ID last 4, "pay at the
 * counter", the slip read back with pdftotext), the fee paid from the phone (390×844, touch)
 * through the local gateway, and the queue position changing live as the doctor calls at the
 * desk, a visit already seen today listed last. axe-core on every screen; screenshots in
 * /tmp/patient-app-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flatText } from '../main/documents/testPdf';
import { mobile, registered, residentId } from '../main/hub/portal/portal.testing';
import { seenVisit } from '../main/hub/portal/records.testing';
import { dispatch } from '../main/station/dispatch';
import { logInAs, TEST_PASSWORD } from '../main/station/testing';
import { until } from '../main/sync/testing';
import { expectAccessible } from './support/axe';
import { poll } from './support/browser';
import { accessibleNow, goTo, headingOf, logInOnPhone, patientAppTemplate, shotOf, startPatientAppRig, type PatientAppRig, type Tab, type UnderMe } from './support/patient-app';

const template = patientAppTemplate();
let rig: PatientAppRig;
const PHONE = mobile(500);
const DONE = '已看完';

const page = (): Page => rig.page;
const shot = (name: string) => shotOf(page(), name);
const accessible = () => accessibleNow(page());
const tab = (where: Tab | UnderMe) => goTo(page(), where);
const heading = () => headingOf(page());

beforeAll(async () => {
  rig = await startPatientAppRig(template);
  // 王小明 opened an account with his sister 王小红 as a family member; he was seen by the paediatrician this morning.
  const { phone, memberId } = await registered(rig.t, 500, '王小明');
  await phone.ok('portal.addMember', { name: '王小红', idNumber: residentId(501, 'F') });
  seenVisit(rig.t, memberId, 'seen-today', { finish: true, doctor: 'doctor2' });
  await rig.t.clinic.admin.flush();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await rig?.page.screenshot({ path: `/tmp/patient-app-failed-${ctx.task.name.slice(0, 24).replace(/\W+/g, '-')}.png` });
});

afterAll(async () => {
  await rig?.close();
});

describe('waiting and paying: the kiosk, the fee from the phone, the live queue', { timeout: 120_000 }, () => {
  let me: string;
  let sister: string;
  let appointment: string;

  beforeAll(async () => {
    const st = rig.t.clinic.admin.station;
    const idOf = (name: string) => (st.raw.prepare('SELECT id FROM patients WHERE name = ?').get(name) as { id: string }).id;
    me = idOf('王小明');
    sister = idOf('王小红');
    const reception = await rig.desk.login('reception');
    // The sister walks in first (paid in cash at the desk); 王小明 has a morning appointment booked by phone at the desk.
    const walkIn = await rig.desk.call(reception, 'frontdesk.walkIn', { patientId: sister, sessionId: rig.t.ids.sessions.todayMorning, payment: { method: 'cash', tenderedFen: 1500, idempotencyKey: 'e2e-sister' } });
    if (!walkIn.ok) throw new Error(JSON.stringify(walkIn.error));
    const booked = await rig.desk.call(reception, 'appointments.book', { patientId: me, sessionId: rig.t.ids.sessions.todayMorning, source: 'phone' });
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));
    appointment = booked.value.id;
    await rig.desk.client.syncNow();
    await until(() => st.raw.prepare('SELECT 1 AS x FROM appointments WHERE id = ?').get(appointment) !== undefined);
  });

  it('checks in at the kiosk viewport by phone + ID last 4, chooses the counter, and prints the slip', async () => {
    const st = rig.t.clinic.admin.station;
    const issued = await dispatch(st, logInAs(st, 'admin'), 'devices.issueKioskToken', { name: 'entrance', confirmPassword: TEST_PASSWORD });
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    const kioskContext = await rig.browser.newContext({ locale: 'zh-CN', viewport: { width: 1080, height: 1440 }, hasTouch: true, ignoreHTTPSErrors: true, acceptDownloads: true });
    const kiosk = await kioskContext.newPage();
    kiosk.setDefaultTimeout(20_000);
    try {
      await kiosk.goto(`${rig.t.portalUrl}/#/kiosk/${issued.value.token}`);
      await poll(() => kiosk.evaluate(() => location.hash)).toBe('#/kiosk');
      await kiosk.getByTestId('field-phone').fill(PHONE);
      await kiosk.getByTestId('field-idLast4').fill(residentId(500).slice(-4));
      await kiosk.screenshot({ path: '/tmp/patient-app-zh-kiosk.png' });
      await expectAccessible(kiosk);
      await kiosk.getByTestId('kiosk-find').tap();
      const row = kiosk.getByTestId(`kiosk-appointment-${appointment}`);
      await row.waitFor();
      expect(await kiosk.getByTestId('kiosk-who').textContent()).toContain('王*明');
      await expectAccessible(kiosk);
      await row.getByTestId('kiosk-check-in').tap();
      await kiosk.getByTestId('kiosk-done').waitFor();
      expect(await kiosk.getByTestId('queue-ahead').textContent()).toBe('前面还有 1 人');
      expect(await kiosk.getByTestId('queue-state').textContent()).toBe('待缴挂号费');
      await kiosk.getByTestId('kiosk-pay-counter').tap();
      await kiosk.getByTestId('kiosk-counter').waitFor();
      await kiosk.getByTestId('kiosk-print').tap();
      const [download] = await Promise.all([kiosk.waitForEvent('download'), kiosk.getByTestId('kiosk-slip').tap()]);
      const slip = flatText(readFileSync((await download.path())!));
      for (const s of ['排队小票', '前面还有1人', '李明', '诊室1', '挂号费¥15.00未付']) expect(slip).toContain(s);
      await kiosk.screenshot({ path: '/tmp/patient-app-zh-kiosk-done.png' });
      await expectAccessible(kiosk);
    } finally {
      await kioskContext.close();
    }
  });

  it('pays the registration fee from the phone through the gateway', async () => {
    await logInOnPhone(page(), rig.t.portalUrl, PHONE);
    await tab('pay');
    const bill = page().getByTestId('bills').locator('li').filter({ hasText: '王小明' });
    await bill.waitFor();
    expect(await bill.getByTestId('bill-due').textContent()).toBe('待缴 ¥15.00');
    await accessible();
    await bill.getByTestId('pay-online').tap();
    await bill.getByTestId('qr').waitFor();
    await shot('zh-pay-qr');
    await accessible();
    const outTradeNo = [...rig.t.fake.orders.keys()].at(-1)!;
    rig.t.fake.pay(outTradeNo);
    expect((await rig.t.fake.postNotify(outTradeNo)).body).toBe('success');
    await bill.getByTestId('pay-paid').waitFor();
    expect(await bill.getByTestId('pay-paid').textContent()).toBe('已支付 ¥15.00');
  });

  it('sees the queue position change live when the doctor calls at the desk', async () => {
    await tab('queue');
    // Today's place with 李明; the visit seen by the paediatrician earlier today is listed too, done, and last.
    const mine = page().getByTestId('queue').locator('li').filter({ hasText: '王小明' }).filter({ hasText: '李明' });
    await mine.waitFor();
    const states = await page().getByTestId('queue').getByTestId('queue-state').allTextContents();
    expect(states).toEqual(['候诊中', '候诊中', DONE]);
    expect(await page().getByTestId('queue').locator('li').last().textContent()).toContain('赵丽');
    await poll(() => page().getByTestId('queue-live').textContent()).toBe('实时更新中');
    expect(await mine.getByTestId('queue-state').textContent()).toBe('候诊中');
    expect(await mine.getByTestId('queue-ahead').textContent()).toBe('前面还有 1 人');
    await shot('zh-queue');
    await accessible();
    const doctor = await rig.desk.login('doctor');
    const first = await rig.desk.call(doctor, 'queue.call', {});
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    await rig.desk.client.syncNow();
    await poll(() => mine.getByTestId('queue-ahead').textContent()).toBe('前面还有 0 人');
    for (const step of ['queue.start', 'queue.finish'] as const) expect((await rig.desk.call(doctor, step, { visitId: first.value.id })).ok).toBe(true);
    expect((await rig.desk.call(doctor, 'queue.call', {})).ok).toBe(true);
    await rig.desk.client.syncNow();
    await poll(() => mine.getByTestId('queue-state').textContent()).toBe('已叫号，请前往诊室');
    expect(await page().getByTestId('queue-called').textContent()).toContain('王小明，请到诊室1就诊');
    await shot('zh-queue-called');
    await accessible();
    await page().getByTestId('language').tap();
    await poll(() => heading()).toBe('My queue');
    await shot('en-queue-called');
    await accessible();
  });
});
