/**
 * The patient app on a phone (Chromium at 390×844 with touch) against a real hub's patient port
 * (HTTPS with the hub's certificate) and a real desk synced to the same hub: open an account
 * (a wrong ID number said at its field first), add a family member, book a session for them, see
 * it in my bookings and at the desk, move it, cancel it (the desk sees that too), a cut-off
 * refusal said in words, log out, a wrong password said, log in again; then the same screens in
 * English (the browser's language) and the switch back; a desk sees the patient, signs the record and
 * issues a prescription, the patient opens the visit in my records, downloads the prescription
 * (read back with pdftotext: the patient-copy mark, the name, the drug) and rates the visit. Then
 * waiting and paying: checked in at the kiosk viewport (phone + ID last 4, "pay at the counter",
 * the slip read back with pdftotext), the fee paid from the phone through the local gateway, and
 * the queue position changing live as the doctor calls at the desk. axe-core on every screen;
 * screenshots in /tmp/patient-app-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drugs, rosterSessions } from '../db/schema';
import type { Input, Output, ProcedureName } from '../main/api/contract';
import { pdfText } from '../main/documents/testPdf';
import { addDays } from '../main/domain/dates';
import { pairedWorkstation, type TestWorkstation } from '../main/hub/admin.testing';
import { startPayHub } from '../main/hub/payments/payments.testing';
import { mobile, PATIENT_PASSWORD, residentId, setSettings } from '../main/hub/portal/portal.testing';
import { flatText } from '../main/documents/testPdf';
import { dispatch } from '../main/station/dispatch';
import { withMasterWriter } from '../main/station/master';
import { logInAs, TEST_PASSWORD, TEST_START, TODAY, TOMORROW } from '../main/station/testing';
import { hubTemplate } from '../main/sync/hooks.testing';
import { until } from '../main/sync/testing';
import { expectAccessible } from './support/axe';
import { launch, poll } from './support/browser';
import { builtPatientApp } from './support/build';
import { phoneContext } from './support/phone';

const template = hubTemplate();
let t: Awaited<ReturnType<typeof startPayHub>>;
let desk: TestWorkstation;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let later: string;
const PHONE = mobile(500);

const shot = (name: string) => page.screenshot({ path: `/tmp/patient-app-${name}.png` });
const accessible = async () => expectAccessible(page);
const tab = (name: 'book' | 'bookings' | 'records' | 'members' | 'account' | 'queue' | 'pay') => page.getByTestId(`tab-${name}`).tap();
const heading = () => page.locator('main h1').textContent();

/** The desk's view of a day's appointments (as a receptionist sees them). */
async function atDesk(date: string): Promise<{ id: string; status: string; source: string; patientName: string }[]> {
  const r = await desk.call(await desk.login('reception'), 'appointments.day', { date, limit: 200, offset: 0 });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.items;
}

/** A staff member's call at the desk (logged in as `who`). */
async function atDeskAs<N extends ProcedureName>(who: string, name: N, input: Input<N>): Promise<Output<N>> {
  const r = await desk.call(await desk.login(who), name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value;
}

beforeAll(async () => {
  const staticDir = await builtPatientApp();
  t = await startPayHub(template(), staticDir);
  const { doctor } = t.ids.staff;
  const { internal } = t.ids.departments;
  ({ later } = withMasterWriter(t.clinic.admin.station, (w) => {
    w.insert(rosterSessions, { date: addDays(TODAY, 2), period: 'afternoon', doctorId: doctor, departmentId: internal, roomId: t.ids.rooms.room1, capacity: 10, stopped: true, stopReason: '医生外出学习' });
    return { later: w.insert(rosterSessions, { date: addDays(TODAY, 3), period: 'afternoon', doctorId: doctor, departmentId: internal, roomId: t.ids.rooms.room1, capacity: 10 }) };
  }));
  await setSettings(t, { portalBookingNotice: '请提前15分钟到达，携带身份证。', portalCancelCutoffMinutes: 120, portalBookingsPerDay: 2 });
  desk = await pairedWorkstation(t, 'D1');
  browser = await launch();
  ({ context, page } = await phoneContext(browser, 'zh-CN'));
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await page?.screenshot({ path: `/tmp/patient-app-failed-${ctx.task.name.slice(0, 24).replace(/\W+/g, '-')}.png` });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await desk?.close();
  await t?.close();
});

describe('the patient app on a phone, in Chinese', { timeout: 120_000 }, () => {
  it('opens an account, saying a wrong ID number at its field', async () => {
    await page.goto(t.portalUrl);
    await page.getByTestId('login-form').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await shot('zh-login');
    await accessible();
    await page.getByTestId('to-register').tap();
    await page.getByTestId('register-form').waitFor();
    await page.getByTestId('field-name').fill('王小明');
    await page.getByTestId('field-idNumber').fill('110105196003150000');
    await page.getByTestId('field-phone').fill(PHONE);
    await page.getByTestId('field-password').fill(PATIENT_PASSWORD);
    await page.getByTestId('register-submit').tap();
    await page.getByTestId('error-idNumber').waitFor();
    expect(await page.getByTestId('error-idNumber').textContent()).toBe('身份证号不正确，请核对。');
    expect(await page.getByTestId('field-idNumber').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('error-phone').count()).toBe(0);
    await shot('zh-register-error');
    await accessible();
    await page.getByTestId('field-idNumber').fill(residentId(500));
    await page.getByTestId('register-submit').tap();
    await page.getByTestId('departments').waitFor();
    expect(await heading()).toBe('预约挂号');
    expect(await page.getByTestId('booking-notice').textContent()).toContain('请提前15分钟到达');
  });

  it('adds a family member', async () => {
    await tab('members');
    await page.getByTestId('member-form').waitFor();
    expect(await page.getByTestId('member').count()).toBe(1);
    expect(await page.getByTestId('member').textContent()).toContain('本人');
    await page.getByTestId('field-name').fill('王小红');
    await page.getByTestId('field-idNumber').fill(residentId(501, 'F'));
    await page.getByTestId('member-submit').tap();
    await poll(() => page.getByTestId('member').count()).toBe(2);
    expect(await page.getByTestId('member').nth(1).textContent()).toContain('王小红');
    expect(await page.getByTestId('flash').textContent()).toBe('已添加 王小红。');
    await shot('zh-members');
    await accessible();
  });

  it('books a session for the family member through department, doctor and day, and sees it in my bookings', async () => {
    await tab('book');
    await page.getByTestId('department').filter({ hasText: '内科' }).tap();
    await page.getByTestId('doctor').first().waitFor();
    const doctor = await page.getByTestId('doctor').first().textContent();
    expect(doctor).toContain('李明');
    expect(doctor).toContain('主治医师');
    expect(doctor).toContain('¥15.00');
    await shot('zh-doctors');
    await accessible();
    await page.getByTestId('doctor').first().tap();
    await page.getByTestId('days').waitFor();
    expect(await page.getByTestId('stop-notice').first().textContent()).toBe('停诊通知：医生外出学习');
    const sessions = await page.getByTestId('session').allTextContents();
    expect(sessions).toContain('上午 · 余 2');
    await shot('zh-sessions');
    await accessible();
    await page.getByTestId('day').filter({ hasText: '11月24日' }).getByTestId('session').tap();
    await page.getByTestId('booking-summary').waitFor();
    await page.getByTestId('choose-member').filter({ hasText: '王小红' }).tap();
    expect(await page.getByTestId('booking-notice').textContent()).toContain('就诊前 120 分钟以前可以取消或改约');
    await shot('zh-confirm');
    await accessible();
    await page.getByTestId('book-submit').tap();
    await page.getByTestId('bookings').waitFor();
    expect(await page.getByTestId('flash').textContent()).toBe('预约成功，请按时就诊。');
    const card = page.getByTestId('booking').first();
    expect(await card.getByTestId('booking-status').textContent()).toBe('待确认');
    expect(await card.textContent()).toContain('王小红');
    expect(await card.textContent()).toContain('内科 · 李明');
    await shot('zh-bookings');
    await accessible();
  });

  it('the booking reaches the desk, synced through the hub', async () => {
    await poll(async () => (await atDesk(TOMORROW)).find((a) => a.patientName === '王小红')?.source).toBe('online');
    expect((await atDesk(TOMORROW)).find((a) => a.patientName === '王小红')?.status).toBe('pending');
  });

  it('moves the booking to another day, then cancels it; the desk sees both', async () => {
    await page.getByTestId('booking').first().getByTestId('reschedule').tap();
    await page.getByTestId('moving-from').waitFor();
    await page.getByTestId('department').filter({ hasText: '内科' }).tap();
    await page.getByTestId('doctor').first().tap();
    await page.locator(`a[href$="/${later}"]`).tap();
    await page.getByTestId('book-submit').tap();
    await page.getByTestId('bookings').waitFor();
    expect(await page.getByTestId('flash').textContent()).toBe('已改约。');
    const moved = page.getByTestId('booking').filter({ hasText: '11月26日' });
    expect(await moved.getByTestId('booking-status').textContent()).toBe('待确认');
    expect(await page.getByTestId('booking').filter({ hasText: '11月24日' }).getByTestId('booking-status').textContent()).toBe('已取消');
    await moved.getByTestId('cancel').tap();
    await moved.getByTestId('cancel-yes').tap();
    await poll(() => moved.getByTestId('booking-status').textContent()).toBe('已取消');
    expect(await page.getByTestId('flash').textContent()).toBe('已取消预约。');
    await accessible();
    await poll(async () => (await atDesk(addDays(TODAY, 3))).find((a) => a.patientName === '王小红')?.status).toBe('cancelled');
    expect((await atDesk(TOMORROW)).find((a) => a.patientName === '王小红')?.status).toBe('cancelled');
  });

  it('says in words when the cut-off has passed', async () => {
    await tab('book');
    await page.getByTestId('department').filter({ hasText: '内科' }).tap();
    await page.getByTestId('doctor').first().tap();
    await page.locator(`a[href$="/${t.ids.sessions.todayAfternoon}"]`).tap();
    await page.getByTestId('book-submit').tap();
    await page.getByTestId('bookings').waitFor();
    // 12:00 at the clinic: the afternoon session (13:30) is within the 120 minutes' cut-off.
    t.clock.t = TEST_START + 3 * 3_600_000;
    try {
      const today = page.getByTestId('booking').filter({ hasText: '11月23日' });
      await today.getByTestId('cancel').tap();
      await today.getByTestId('cancel-yes').tap();
      await today.getByTestId('booking-error').waitFor();
      expect(await today.getByTestId('booking-error').textContent()).toBe('距就诊已不足 120 分钟，不能再取消或改约。如有需要请联系诊所。');
      expect(await today.getByTestId('booking-status').textContent()).toBe('待确认');
      await shot('zh-cutoff');
      await accessible();
    } finally {
      t.clock.t = TEST_START;
    }
  });

  it('logs out, says a wrong password, and logs in again', async () => {
    await tab('account');
    expect(await page.getByTestId('account-phone').textContent()).toContain(PHONE.slice(-4));
    await shot('zh-account');
    await accessible();
    await page.getByTestId('logout').tap();
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('field-phone').fill(PHONE);
    await page.getByTestId('field-password').fill('wrong-password-1');
    await page.getByTestId('login-submit').tap();
    await page.getByTestId('form-error').waitFor();
    expect(await page.getByTestId('form-error').textContent()).toBe('手机号或密码不正确。');
    await shot('zh-wrong-password');
    await accessible();
    await page.getByTestId('field-password').fill(PATIENT_PASSWORD);
    await page.getByTestId('login-submit').tap();
    await page.getByTestId('departments').waitFor();
    // The session is the HttpOnly cookie: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });
});

describe("the patient's records on a phone", { timeout: 120_000 }, () => {
  it('sees the record and prescription a desk signed and issued, downloads the prescription, and rates the visit', async () => {
    const account = await t.portal.accountByPhone(PHONE);
    const self = (await t.portal.members(account!.id)).find((m) => m.self)!.patientId;
    await poll(() => desk.station.raw.prepare('SELECT count(*) AS n FROM patients WHERE id = ?').get(self)).toEqual({ n: 1 });
    // With the paediatrician: the morning session of doctor 1 is the kiosk's below (a patient has one place a session).
    const walkIn = await atDeskAs('reception', 'frontdesk.walkIn', {
      patientId: self, doctorId: t.ids.staff.doctor2, payment: { method: 'cash', tenderedFen: 10_000, idempotencyKey: 'e2e-records' },
    });
    const visitId = walkIn.visit.id;
    await atDeskAs('doctor2', 'queue.call', { visitId });
    await atDeskAs('doctor2', 'queue.start', { visitId });
    await atDeskAs('doctor2', 'consultation.saveRecord', { visitId, complaint: '咽痛两天', findings: '扁桃体无肿大', plan: '多喝水，注意休息' });
    await atDeskAs('doctor2', 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
    const rx = await atDeskAs('doctor2', 'prescriptions.create', { visitId });
    await atDeskAs('doctor2', 'prescriptions.addItem', { prescriptionId: rx.id, drugId: t.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3, note: '饭后服用' });
    await atDeskAs('doctor2', 'prescriptions.issue', { prescriptionId: rx.id });
    await atDeskAs('doctor2', 'consultation.sign', { visitId });
    await atDeskAs('doctor2', 'queue.finish', { visitId });
    // Synced through the hub to its replica, which the patient port reads.
    await poll(() => t.clinic.admin.station.raw.prepare("SELECT status FROM visits WHERE id = ?").get(visitId)).toEqual({ status: 'awaiting_payment' });
    await poll(() => t.clinic.admin.station.raw.prepare("SELECT status FROM medical_records WHERE visit_id = ?").get(visitId)).toEqual({ status: 'signed' });

    // The drug's records as the admin keeps them in the catalog (issue 16): the patient reads them on the line.
    withMasterWriter(t.clinic.admin.station, (w) => w.update(drugs, t.ids.drugs.ibuprofen, {
      contraindications: '活动性消化道溃疡者禁用', cautions: '不宜空腹服用', manufacturer: '中美天津史克制药有限公司', approvalNumber: '国药准字H10900089',
    }));
    await tab('records');
    await page.getByTestId('visits').waitFor();
    expect(await heading()).toBe('我的病历');
    expect(await page.getByTestId('visit').first().textContent()).toContain('病历已签名');
    await shot('zh-records');
    await accessible();
    await page.getByTestId('visit').first().tap();
    await page.getByTestId('record').waitFor();
    expect(await page.getByTestId('record').textContent()).toContain('咽痛两天');
    expect(await page.getByTestId('how-to-take').first().textContent()).toBe('每次 1粒，每日两次，口服，共 3 天（饭后服用）');
    expect(await page.getByTestId('rx-contraindications').first().textContent()).toBe('禁忌：活动性消化道溃疡者禁用');
    expect(await page.getByTestId('rx-cautions').first().textContent()).toBe('注意事项：不宜空腹服用');
    expect(await page.getByTestId('rx-maker').first().textContent()).toBe('中美天津史克制药有限公司 · 批准文号 国药准字H10900089');
    await shot('zh-visit');
    await accessible();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rx').first().tap()]);
    expect(download.suggestedFilename()).toMatch(/^prescription-.+-patient-copy\.pdf$/);
    const text = pdfText(readFileSync(await download.path())).replace(/\s+/g, '');
    expect(text).toContain('患者留存');
    expect(text).toContain('王小明');
    expect(text).toContain('布洛芬缓释胶囊');

    await page.getByTestId('stars-4').check();
    await page.getByTestId('field-comment').fill('医生很耐心');
    await page.getByTestId('rate-submit').tap();
    await page.getByTestId('your-rating').waitFor();
    expect(await page.getByTestId('your-rating').textContent()).toBe('您的评价：4 星 · 医生很耐心');
    expect((await t.portal.ratingsOf([visitId])).get(visitId)).toMatchObject({ stars: 4, comment: '医生很耐心' });
    await shot('zh-rated');
    await accessible();
    // The doctor's rating shows where patients choose a doctor.
    await tab('book');
    await page.getByTestId('department').filter({ hasText: '儿科' }).tap();
    await page.getByTestId('doctor-rating').first().waitFor();
    expect(await page.getByTestId('doctor-rating').first().textContent()).toBe('★ 4.0（1 条评价）');
  });
});

describe('the patient app on a phone, in English', { timeout: 120_000 }, () => {
  it("follows the browser's language, shows the same screens in English, and switches to Chinese", async () => {
    await context.close();
    ({ context, page } = await phoneContext(browser, 'en-US'));
    await page.goto(t.portalUrl);
    await page.getByTestId('login-form').waitFor();
    expect(await heading()).toBe('Log in');
    await shot('en-login');
    await accessible();
    await page.getByTestId('field-phone').fill(PHONE);
    await page.getByTestId('field-password').fill(PATIENT_PASSWORD);
    await page.getByTestId('login-submit').tap();
    await page.getByTestId('departments').waitFor();
    expect(await page.getByTestId('department').filter({ hasText: 'Internal Medicine' }).count()).toBe(1);
    await shot('en-book');
    await accessible();
    await page.getByTestId('department').filter({ hasText: 'Internal Medicine' }).tap();
    await page.getByTestId('doctor').first().tap();
    await page.getByTestId('days').waitFor();
    expect(await page.getByTestId('stop-notice').first().textContent()).toBe('Session cancelled: 医生外出学习');
    await shot('en-sessions');
    await accessible();
    await tab('bookings');
    await page.getByTestId('bookings').waitFor();
    const statuses = await page.getByTestId('booking-status').allTextContents();
    expect(statuses).toEqual(expect.arrayContaining(['Cancelled', 'Awaiting confirmation']));
    await shot('en-bookings');
    await accessible();
    await tab('records');
    await page.getByTestId('visit').first().tap();
    await page.getByTestId('record').waitFor();
    expect(await page.getByTestId('how-to-take').first().textContent()).toBe('1粒 each time, twice a day, by mouth, for 3 days (饭后服用)');
    expect(await page.getByTestId('rx-contraindications').first().textContent()).toBe('Do not take if: 活动性消化道溃疡者禁用');
    expect(await page.getByTestId('your-rating').textContent()).toBe('Your rating: 4/5 · 医生很耐心');
    await shot('en-visit');
    await accessible();
    await tab('members');
    await page.getByTestId('member-form').waitFor();
    await shot('en-members');
    await accessible();
    await page.getByTestId('language').tap();
    await poll(() => heading()).toBe('就诊人');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // The choice is kept on this phone.
    await page.reload();
    await poll(() => heading()).toBe('就诊人');
  });

  it('answers an address it does not know with the way home, not an empty page', async () => {
    await page.goto(`${t.portalUrl}/#/nowhere/at/all`);
    await page.getByRole('heading', { name: '没有这个页面。' }).waitFor();
    await page.getByRole('link', { name: '回到首页' }).waitFor();
    await accessible();
  });
});

describe('waiting and paying: the kiosk, the fee from the phone, the live queue', { timeout: 120_000 }, () => {
  let me: string;
  let sister: string;
  let appointment: string;

  beforeAll(async () => {
    const st = t.clinic.admin.station;
    const idOf = (name: string) => (st.raw.prepare('SELECT id FROM patients WHERE name = ?').get(name) as { id: string }).id;
    me = idOf('王小明');
    sister = idOf('王小红');
    const reception = await desk.login('reception');
    // The sister walks in first (paid in cash at the desk); 王小明 has a morning appointment booked by phone at the desk.
    const walkIn = await desk.call(reception, 'frontdesk.walkIn', { patientId: sister, sessionId: t.ids.sessions.todayMorning, payment: { method: 'cash', tenderedFen: 1500, idempotencyKey: 'e2e-sister' } });
    if (!walkIn.ok) throw new Error(JSON.stringify(walkIn.error));
    const booked = await desk.call(reception, 'appointments.book', { patientId: me, sessionId: t.ids.sessions.todayMorning, source: 'phone' });
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));
    appointment = booked.value.id;
    await desk.client.syncNow();
    await until(() => st.raw.prepare('SELECT 1 AS x FROM appointments WHERE id = ?').get(appointment) !== undefined);
  });

  it('checks in at the kiosk viewport by phone + ID last 4, chooses the counter, and prints the slip', async () => {
    const st = t.clinic.admin.station;
    const issued = await dispatch(st, logInAs(st, 'admin'), 'devices.issueKioskToken', { name: 'entrance', confirmPassword: TEST_PASSWORD });
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    const kioskContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1080, height: 1440 }, hasTouch: true, ignoreHTTPSErrors: true, acceptDownloads: true });
    const kiosk = await kioskContext.newPage();
    kiosk.setDefaultTimeout(20_000);
    try {
      await kiosk.goto(`${t.portalUrl}/#/kiosk/${issued.value.token}`);
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
    await context.close();
    ({ context, page } = await phoneContext(browser, 'zh-CN'));
    await page.goto(t.portalUrl);
    await page.getByTestId('field-phone').fill(PHONE);
    await page.getByTestId('field-password').fill(PATIENT_PASSWORD);
    await page.getByTestId('login-submit').tap();
    await page.getByTestId('departments').waitFor();
    await tab('pay');
    const bill = page.getByTestId('bills').locator('li').filter({ hasText: '王小明' });
    await bill.waitFor();
    expect(await bill.getByTestId('bill-due').textContent()).toBe('待缴 ¥15.00');
    await accessible();
    await bill.getByTestId('pay-online').tap();
    await bill.getByTestId('qr').waitFor();
    await shot('zh-pay-qr');
    await accessible();
    const outTradeNo = [...t.fake.orders.keys()].at(-1)!;
    t.fake.pay(outTradeNo);
    expect((await t.fake.postNotify(outTradeNo)).body).toBe('success');
    await bill.getByTestId('pay-paid').waitFor();
    expect(await bill.getByTestId('pay-paid').textContent()).toBe('已支付 ¥15.00');
  });

  it('sees the queue position change live when the doctor calls at the desk', async () => {
    await tab('queue');
    // Today's place with 李明 (the visit seen by the paediatrician earlier today is listed too, as done).
    const mine = page.getByTestId('queue').locator('li').filter({ hasText: '王小明' }).filter({ hasText: '李明' });
    await mine.waitFor();
    await poll(() => page.getByTestId('queue-live').textContent()).toBe('实时更新中');
    expect(await mine.getByTestId('queue-state').textContent()).toBe('候诊中');
    expect(await mine.getByTestId('queue-ahead').textContent()).toBe('前面还有 1 人');
    await shot('zh-queue');
    await accessible();
    const doctor = await desk.login('doctor');
    const first = await desk.call(doctor, 'queue.call', {});
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    await desk.client.syncNow();
    await poll(() => mine.getByTestId('queue-ahead').textContent()).toBe('前面还有 0 人');
    for (const step of ['queue.start', 'queue.finish'] as const) expect((await desk.call(doctor, step, { visitId: first.value.id })).ok).toBe(true);
    expect((await desk.call(doctor, 'queue.call', {})).ok).toBe(true);
    await desk.client.syncNow();
    await poll(() => mine.getByTestId('queue-state').textContent()).toBe('已叫号，请前往诊室');
    expect(await page.getByTestId('queue-called').textContent()).toContain('王小明，请到诊室1就诊');
    await shot('zh-queue-called');
    await accessible();
    await page.getByTestId('language').tap();
    await poll(() => heading()).toBe('My queue');
    await shot('en-queue-called');
    await accessible();
  });
});
