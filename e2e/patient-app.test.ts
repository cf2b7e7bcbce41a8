/**
 * The patient app on a phone (Chromium at 390×844 with touch) against a real hub's patient port
 * (HTTPS with the hub's certificate) and a real desk synced to the same hub: open an account
 * (a wrong ID number said at its field first), add a family member, book a session for them, see
 * it in my bookings and at the desk, move it, cancel it (the desk sees that too), a cut-off
 * refusal said in words, log out, a wrong password said, log in again; then the same screens in
 * English (the browser's language) and the switch back; the tab bar of five on one line at 360 and
 * 390 px in both languages. Records: patient-app-records.test.ts; waiting and paying:
 * patient-app-queue.test.ts. axe-core on every screen; screenshots in /tmp/patient-app-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rosterSessions } from '../db/schema';
import { addDays } from '../main/domain/dates';
import { mobile, PATIENT_PASSWORD, residentId, setSettings } from '../main/hub/portal/portal.testing';
import { withMasterWriter } from '../main/station/master';
import { TEST_START, TODAY, TOMORROW } from '../main/station/testing';
import { poll } from './support/browser';
import { PHONE_VIEWPORT } from './support/phone';
import { accessibleNow, appointmentsAtDesk, goTo, headingOf, patientAppTemplate, shotOf, startPatientAppRig, type PatientAppRig, type Tab, type UnderMe } from './support/patient-app';

const template = patientAppTemplate();
let rig: PatientAppRig;
let later: string;
const PHONE = mobile(500);

const page = (): Page => rig.page;
const shot = (name: string) => shotOf(page(), name);
const accessible = () => accessibleNow(page());
const tab = (where: Tab | UnderMe) => goTo(page(), where);
const heading = () => headingOf(page());
const atDesk = (date: string) => appointmentsAtDesk(rig.desk, date);

beforeAll(async () => {
  rig = await startPatientAppRig(template, {
    prepare: async (t) => {
      const { doctor } = t.ids.staff;
      const { internal } = t.ids.departments;
      ({ later } = withMasterWriter(t.clinic.admin.station, (w) => {
        w.insert(rosterSessions, { date: addDays(TODAY, 2), period: 'afternoon', doctorId: doctor, departmentId: internal, roomId: t.ids.rooms.room1, capacity: 10, stopped: true, stopReason: '医生外出学习' });
        return { later: w.insert(rosterSessions, { date: addDays(TODAY, 3), period: 'afternoon', doctorId: doctor, departmentId: internal, roomId: t.ids.rooms.room1, capacity: 10 }) };
      }));
      await setSettings(t, { portalBookingNotice: '请提前15分钟到达，携带身份证。', portalCancelCutoffMinutes: 120, portalBookingsPerDay: 2 });
    },
  });
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await rig?.page.screenshot({ path: `/tmp/patient-app-failed-${ctx.task.name.slice(0, 24).replace(/\W+/g, '-')}.png` });
});

afterAll(async () => {
  await rig?.close();
});

describe('the patient app on a phone, in Chinese', { timeout: 120_000 }, () => {
  it('opens an account, saying a wrong ID number at its field', async () => {
    await page().goto(rig.t.portalUrl);
    await page().getByTestId('login-form').waitFor();
    expect(await page().evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await shot('zh-login');
    await accessible();
    await page().getByTestId('to-register').tap();
    await page().getByTestId('register-form').waitFor();
    await page().getByTestId('field-name').fill('王小明');
    await page().getByTestId('field-idNumber').fill('110105196003150000');
    await page().getByTestId('field-phone').fill(PHONE);
    await page().getByTestId('field-password').fill(PATIENT_PASSWORD);
    await page().getByTestId('register-submit').tap();
    await page().getByTestId('error-idNumber').waitFor();
    expect(await page().getByTestId('error-idNumber').textContent()).toBe('身份证号不正确，请核对。');
    expect(await page().getByTestId('field-idNumber').getAttribute('aria-invalid')).toBe('true');
    expect(await page().getByTestId('error-phone').count()).toBe(0);
    await shot('zh-register-error');
    await accessible();
    await page().getByTestId('field-idNumber').fill(residentId(500));
    await page().getByTestId('register-submit').tap();
    await page().getByTestId('departments').waitFor();
    expect(await heading()).toBe('预约挂号');
    expect(await page().getByTestId('booking-notice').textContent()).toContain('请提前15分钟到达');
  });

  it('adds a family member', async () => {
    await tab('members');
    await page().getByTestId('member-form').waitFor();
    expect(await page().getByTestId('member').count()).toBe(1);
    expect(await page().getByTestId('member').textContent()).toContain('本人');
    await page().getByTestId('field-name').fill('王小红');
    await page().getByTestId('field-idNumber').fill(residentId(501, 'F'));
    await page().getByTestId('member-submit').tap();
    await poll(() => page().getByTestId('member').count()).toBe(2);
    expect(await page().getByTestId('member').nth(1).textContent()).toContain('王小红');
    expect(await page().getByTestId('flash').textContent()).toBe('已添加 王小红。');
    await shot('zh-members');
    await accessible();
  });

  it('books a session for the family member through department, doctor and day, and sees it in my bookings', async () => {
    await tab('book');
    await page().getByTestId('department').filter({ hasText: '内科' }).tap();
    await page().getByTestId('doctor').first().waitFor();
    const doctor = await page().getByTestId('doctor').first().textContent();
    expect(doctor).toContain('李明');
    expect(doctor).toContain('主治医师');
    expect(doctor).toContain('¥15.00');
    await shot('zh-doctors');
    await accessible();
    await page().getByTestId('doctor').first().tap();
    await page().getByTestId('days').waitFor();
    expect(await page().getByTestId('stop-notice').first().textContent()).toBe('停诊通知：医生外出学习');
    const sessions = await page().getByTestId('session').allTextContents();
    expect(sessions).toContain('上午 · 余 2');
    await shot('zh-sessions');
    await accessible();
    await page().getByTestId('day').filter({ hasText: '11月24日' }).getByTestId('session').tap();
    await page().getByTestId('booking-summary').waitFor();
    await page().getByTestId('choose-member').filter({ hasText: '王小红' }).tap();
    expect(await page().getByTestId('booking-notice').textContent()).toContain('就诊前 120 分钟以前可以取消或改约');
    await shot('zh-confirm');
    await accessible();
    await page().getByTestId('book-submit').tap();
    await page().getByTestId('bookings').waitFor();
    expect(await page().getByTestId('flash').textContent()).toBe('预约成功，请按时就诊。');
    const card = page().getByTestId('booking').first();
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
    await page().getByTestId('booking').first().getByTestId('reschedule').tap();
    await page().getByTestId('moving-from').waitFor();
    await page().getByTestId('department').filter({ hasText: '内科' }).tap();
    await page().getByTestId('doctor').first().tap();
    await page().locator(`a[href$="/${later}"]`).tap();
    await page().getByTestId('book-submit').tap();
    await page().getByTestId('bookings').waitFor();
    expect(await page().getByTestId('flash').textContent()).toBe('已改约。');
    const moved = page().getByTestId('booking').filter({ hasText: '11月26日' });
    expect(await moved.getByTestId('booking-status').textContent()).toBe('待确认');
    expect(await page().getByTestId('booking').filter({ hasText: '11月24日' }).getByTestId('booking-status').textContent()).toBe('已取消');
    await moved.getByTestId('cancel').tap();
    await moved.getByTestId('cancel-yes').tap();
    await poll(() => moved.getByTestId('booking-status').textContent()).toBe('已取消');
    expect(await page().getByTestId('flash').textContent()).toBe('已取消预约。');
    await accessible();
    await poll(async () => (await atDesk(addDays(TODAY, 3))).find((a) => a.patientName === '王小红')?.status).toBe('cancelled');
    expect((await atDesk(TOMORROW)).find((a) => a.patientName === '王小红')?.status).toBe('cancelled');
  });

  it('says in words when the cut-off has passed', async () => {
    await tab('book');
    await page().getByTestId('department').filter({ hasText: '内科' }).tap();
    await page().getByTestId('doctor').first().tap();
    await page().locator(`a[href$="/${rig.t.ids.sessions.todayAfternoon}"]`).tap();
    await page().getByTestId('book-submit').tap();
    await page().getByTestId('bookings').waitFor();
    // 12:00 at the clinic: the afternoon session (13:30) is within the 120 minutes' cut-off.
    rig.t.clock.t = TEST_START + 3 * 3_600_000;
    try {
      const today = page().getByTestId('booking').filter({ hasText: '11月23日' });
      await today.getByTestId('cancel').tap();
      await today.getByTestId('cancel-yes').tap();
      await today.getByTestId('booking-error').waitFor();
      expect(await today.getByTestId('booking-error').textContent()).toBe('距就诊已不足 120 分钟，不能再取消或改约。如有需要请联系诊所。');
      expect(await today.getByTestId('booking-status').textContent()).toBe('待确认');
      await shot('zh-cutoff');
      await accessible();
    } finally {
      rig.t.clock.t = TEST_START;
    }
  });

  it('logs out, says a wrong password, and logs in again', async () => {
    await tab('account');
    expect(await page().getByTestId('account-phone').textContent()).toContain(PHONE.slice(-4));
    await shot('zh-account');
    await accessible();
    await page().getByTestId('logout').tap();
    await page().getByTestId('login-form').waitFor();
    await page().getByTestId('field-phone').fill(PHONE);
    await page().getByTestId('field-password').fill('wrong-password-1');
    await page().getByTestId('login-submit').tap();
    await page().getByTestId('form-error').waitFor();
    expect(await page().getByTestId('form-error').textContent()).toBe('手机号或密码不正确。');
    await shot('zh-wrong-password');
    await accessible();
    await page().getByTestId('field-password').fill(PATIENT_PASSWORD);
    await page().getByTestId('login-submit').tap();
    await page().getByTestId('departments').waitFor();
    // The session is the HttpOnly cookie: the page's script cannot read it.
    expect(await page().evaluate(() => document.cookie)).toBe('');
  });
});

describe('the patient app on a phone, in English', { timeout: 120_000 }, () => {
  it("follows the browser's language, shows the same screens in English, and switches to Chinese", async () => {
    await rig.newPhone('en-US');
    await page().goto(rig.t.portalUrl);
    await page().getByTestId('login-form').waitFor();
    expect(await heading()).toBe('Log in');
    await shot('en-login');
    await accessible();
    await page().getByTestId('field-phone').fill(PHONE);
    await page().getByTestId('field-password').fill(PATIENT_PASSWORD);
    await page().getByTestId('login-submit').tap();
    await page().getByTestId('departments').waitFor();
    expect(await page().getByTestId('department').filter({ hasText: 'Internal Medicine' }).count()).toBe(1);
    await shot('en-book');
    await accessible();
    await page().getByTestId('department').filter({ hasText: 'Internal Medicine' }).tap();
    await page().getByTestId('doctor').first().tap();
    await page().getByTestId('days').waitFor();
    expect(await page().getByTestId('stop-notice').first().textContent()).toBe('Session cancelled: 医生外出学习');
    await shot('en-sessions');
    await accessible();
    await tab('bookings');
    await page().getByTestId('bookings').waitFor();
    const statuses = await page().getByTestId('booking-status').allTextContents();
    expect(statuses).toEqual(expect.arrayContaining(['Cancelled', 'Awaiting confirmation']));
    await shot('en-bookings');
    await accessible();
    await tab('account');
    await poll(() => heading()).toBe('Me');
    expect(await page().getByTestId('me-members').textContent()).toContain('Family members');
    expect(await page().getByTestId('me-pay').textContent()).toContain('Pay');
    await shot('en-me');
    await accessible();
    await page().getByTestId('me-members').tap();
    await page().getByTestId('member-form').waitFor();
    await shot('en-members');
    await accessible();
    await page().getByTestId('language').tap();
    await poll(() => heading()).toBe('就诊人');
    expect(await page().evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // The choice is kept on this phone.
    await page().reload();
    await poll(() => heading()).toBe('就诊人');
  });

  it('answers an address it does not know with the way home, not an empty page', async () => {
    await page().goto(`${rig.t.portalUrl}/#/nowhere/at/all`);
    await page().getByRole('heading', { name: '没有这个页面。' }).waitFor();
    await page().getByRole('link', { name: '回到首页' }).waitFor();
    await accessible();
  });
});

describe('the tab bar on small phones', { timeout: 120_000 }, () => {
  it('has five tabs, each label on one line, at 360 and 390 px in both languages; family members and paying are under 我的 / Me', async () => {
    const seen: string[] = [];
    for (const width of [360, PHONE_VIEWPORT.width]) {
      await page().setViewportSize({ width, height: PHONE_VIEWPORT.height });
      for (const language of ['zh-CN', 'en'] as const) {
        if (await page().evaluate(() => document.documentElement.lang) !== language) await page().getByTestId('language').tap();
        await poll(() => page().evaluate(() => document.documentElement.lang)).toBe(language);
        await tab('bookings');
        await page().getByTestId('bookings').waitFor();
        const labels = page().locator('nav.tabs a > span:not(.tab-icon)');
        expect(await labels.count()).toBe(5);
        // One line: no label is taller than its own line height, and none is wider than its tab.
        const fits = await labels.evaluateAll((spans) => spans.map((el) => {
          const r = el.getBoundingClientRect();
          const tabBox = el.parentElement!.getBoundingClientRect();
          return { text: el.textContent, oneLine: r.height <= parseFloat(getComputedStyle(el).lineHeight) + 1, inside: r.width <= tabBox.width };
        }));
        for (const f of fits) expect(f, `${f.text} at ${width} px`).toMatchObject({ oneLine: true, inside: true });
        seen.push(...fits.map((f) => f.text ?? ''));
        await shot(`tabs-${language}-${width}`);
        await accessible();
      }
    }
    expect(seen).toContain('我的预约');
    expect(seen).toContain('Me');
    await tab('pay');
    expect(await heading()).toBe('Pay');
    expect(await page().getByTestId('tab-account').getAttribute('aria-current')).toBe('page');
    await page().setViewportSize(PHONE_VIEWPORT);
  });
});
