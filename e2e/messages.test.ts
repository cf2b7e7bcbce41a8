/**
 * Messages to patients in Chromium at the hub's web host, in zh-CN and en: two bookings for
 * tomorrow queue two confirmations the moment they are booked, which the admin sees waiting on
 * Admin → Text messages (sent at once on the second run, Aliyun being set by then); the admin saves Aliyun keys (secrets in password fields, the admin's password asked for) pointing
 * at a local Aliyun server that checks the signing and refuses one of the numbers; after a send
 * the admin sees one sent and one failed with Aliyun's reason, and the front desk ticks the
 * failed one off its Calls to make and saves tomorrow's list as a sheet, read back with pdftotext. (The hub's web port admits admin accounts only, so the desk
 * person holds admin and receptionist, as in a small clinic.) The admin edits the message texts:
 * a save with problems is refused with each at its field, the preview fills sample values, a
 * saved text is what the next booking's message says, and back to standard. Photographed
 * (/tmp/messages-*.png) and checked with axe-core.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../main/domain/dates';
import { startFakeAliyunSms, type FakeAliyunSms } from '../main/hub/messages/aliyun-sms.testing';
import { expectAccessible } from './support/axe';
import { builtRenderer } from './support/build';
import { desk, launch, logIn, poll } from './support/browser';
import { downloadPdf } from './support/download';
import { callsInPage, startHubWithWeb, type RunningHub } from './support/hub';
import { PASSWORD, TIME_ZONE } from './support/seed';

const KEYS = { accessKeyId: 'LTAIe2etest0001', accessKeySecret: 'e2e-secret-made-here' };
let browser: Browser;
let hub: RunningHub;
let fake: FakeAliyunSms;
let sessionId: string;
const tomorrow = addDays(localDate(Date.now(), TIME_ZONE), 1);
const login = { name: 'accounts.login', input: { username: 'lihua', password: PASSWORD } };

beforeAll(async () => {
  const staticDir = await builtRenderer();
  [browser, hub, fake] = await Promise.all([launch(), startHubWithWeb(staticDir, { username: 'admin', password: PASSWORD }), startFakeAliyunSms(KEYS)]);
  const { context, page } = await desk(browser);
  try {
    await page.goto(hub.url);
    const day = new Date(`${tomorrow}T00:00:00Z`).getUTCDay();
    const out = await callsInPage(page, [
      { name: 'accounts.login', input: { username: 'admin', password: PASSWORD } },
      { name: 'org.createAccount', input: { username: 'lihua', roles: ['admin', 'receptionist'], password: PASSWORD, confirmPassword: PASSWORD } },
      { name: 'org.createDepartment', input: { code: 'NK', name: '内科', nameEn: 'Internal Medicine' } },
      { name: 'org.createRoom', input: { departmentId: '$2.id', name: '诊室1' } },
      { name: 'org.createStaff', input: { name: '李明', sex: 'M', position: 'doctor', departmentId: '$2.id', title: '主治医师' } },
      { name: 'rosters.createTemplate', input: { doctorId: '$4.id', weekday: day === 0 ? 7 : day, period: 'morning', roomId: '$3.id', capacity: 20 } },
      { name: 'rosters.generate', input: { from: tomorrow, to: tomorrow } },
      { name: 'rosters.sessions', input: { from: tomorrow, to: tomorrow } },
    ]);
    sessionId = (out[7] as { items: { id: string }[] }).items[0]!.id;
  } finally {
    await context.close();
  }
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await fake?.close();
});

async function look(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 899);
  await page.waitForTimeout(150);
  await page.screenshot({ path: `/tmp/messages-${name}.png`, fullPage: true });
  await expectAccessible(page);
}

describe('Messages to patients', { timeout: 90_000 }, () => {
  for (const [locale, [sent, refused], words] of [
    ['zh-CN', ['张三', '李四'], { waiting: '待发送', sent: '已发送', failed: '发送失败', called: '已电话通知', aliyun: '阿里云短信', english: '英文', saved: '已保存短信设置' }],
    ['en', ['王五', '赵六'], { waiting: 'Waiting', sent: 'Sent', failed: 'Failed', called: 'Called', aliyun: 'Aliyun SMS', english: 'English', saved: 'Text message choice saved' }],
  ] as const) {
    it(`shows queued and failed messages, saves Aliyun keys, and the desk ticks a call (${locale})`, async () => {
      const { context, page } = await desk(browser, locale);
      await page.setViewportSize({ width: 1366, height: 900 });
      try {
        const n = locale === 'en' ? 3 : 1;
        const [okPhone, badPhone] = [`1380000000${n}`, `1380000000${n + 1}`];
        fake.refuseNumbers.add(badPhone);
        await logIn(page, hub.url, 'lihua', PASSWORD);
        const made = await callsInPage(page, [
          login,
          { name: 'patients.register', input: { name: sent, phone: okPhone } },
          { name: 'patients.register', input: { name: refused, phone: badPhone } },
          { name: 'appointments.book', input: { patientId: '$1.patient.id', sessionId } },
          { name: 'appointments.book', input: { patientId: '$2.patient.id', sessionId } },
          { name: 'jobs.runNow', input: { name: 'messages.queue' } },
        ]);

        // The admin's outbox of tomorrow: both confirmations queued the moment they were booked; with no provider yet
        // they wait, and once Aliyun is set (the first run) they go at once, one sent and one refused.
        await page.goto(`${hub.url}#/admin/messages`);
        await page.getByTestId('outbox-day').fill(tomorrow);
        const row = (name: string) => page.getByTestId('outbox-row').filter({ hasText: name });
        await poll(() => row(refused).count()).toBe(1);
        if (locale === 'zh-CN') {
          expect(await row(sent).getByTestId('message-status').textContent()).toBe(words.waiting);
          expect(await row(refused).getByTestId('message-status').textContent()).toBe(words.waiting);
        } else {
          await poll(async () => {
            await page.getByTestId('outbox-refresh').click();
            return row(refused).getByTestId('message-status').textContent();
          }).toBe(words.failed);
          expect(await row(sent).getByTestId('message-status').textContent()).toBe(words.sent);
        }
        await look(page, `outbox-${locale}`);

        // Aliyun keys: secrets typed into password fields, saved with the admin's password, never shown back.
        await page.getByTestId('provider-choice').getByText(words.aliyun).click();
        const form = page.getByTestId('provider-form');
        await form.locator('input[name="accessKeyId"]').fill(KEYS.accessKeyId);
        await form.locator('input[name="accessKeySecret"]').fill(KEYS.accessKeySecret);
        expect(await form.locator('input[name="accessKeySecret"]').getAttribute('type')).toBe('password');
        await form.locator('input[name="signName"]').fill('康宁诊所');
        await form.locator('input[name="endpoint"]').fill(fake.url);
        await form.locator('input[name="template-booking_confirmed"]').fill('SMS_100');
        await form.locator('input[name="template-booking_confirmed-en"]').fill('SMS_101');
        await page.getByTestId('provider-save').click();
        const prompt = page.getByTestId('password-prompt');
        await prompt.locator('input[name="confirmPassword"]').fill(PASSWORD);
        await prompt.locator('button[type="submit"]').click();
        await poll(() => form.locator('input[name="accessKeySecret"]').inputValue()).toBe(''); // saved: the form is emptied
        await poll(() => page.getByTestId('provider-state').textContent()).toContain(words.aliyun);
        const state = await page.getByTestId('provider-state').textContent();
        expect(state).toContain('0001');
        expect(await page.getByTestId('provider-templates').textContent()).toMatch(/SMS_100 · .*SMS_101$/);
        expect(state).not.toContain(KEYS.accessKeyId);
        expect(await page.content()).not.toContain(KEYS.accessKeySecret);

        // Sent: one goes, Aliyun refuses the other's number; the admin sees why.
        await callsInPage(page, [login, { name: 'jobs.runNow', input: { name: 'messages.send' } }]);
        await page.getByTestId('outbox-refresh').click();
        await poll(() => row(refused).getByTestId('message-status').textContent()).toBe(words.failed);
        expect(await row(sent).getByTestId('message-status').textContent()).toBe(words.sent);
        expect(await row(refused).getByTestId('message-reason').textContent()).toBe('isv.MOBILE_NUMBER_ILLEGAL: 非法手机号');
        expect(fake.accepted.filter((m) => m.phone === okPhone)).toHaveLength(1);
        await look(page, `outbox-sent-${locale}`);

        // The front desk's calls: the refused one, with its number, ticked off as called; the sent one is not there.
        await page.goto(`${hub.url}#/frontdesk`);
        await page.getByTestId('frontdesk-calls-tab').click();
        await page.getByTestId('calls-day').fill(tomorrow);
        const call = page.getByTestId('call-row').filter({ hasText: refused });
        await poll(() => call.count()).toBe(1);
        expect(await call.textContent()).toContain(badPhone);
        expect(await page.getByTestId('call-row').filter({ hasText: sent }).count()).toBe(0);
        await call.getByTestId('mark-called').click();
        await poll(() => call.getByTestId('message-status').textContent()).toBe(words.called);
        await look(page, `calls-${locale}`);
        // Tomorrow's list on paper: the hub draws the sheet, the browser saves it (no station printer here).
        await page.getByTestId('calls-today').click();
        await page.getByTestId('calls-tomorrow').click();
        expect(await page.getByTestId('calls-day').inputValue()).toBe(tomorrow);
        const sheet = await downloadPdf(page, page.getByTestId('calls-print'));
        expect(sheet.filename).toBe(`call-list-${tomorrow}.pdf`);
        for (const s of [locale === 'en' ? 'Calllist' : '电话通知单', badPhone, refused.replace(/\s+/g, ''), tomorrow]) expect(sheet.flat).toContain(s);
        expect(sheet.flat).not.toContain(okPhone);
        execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', sheet.path, `/tmp/messages-call-sheet-${locale}`]);

        // On the patient's card: English texts, then no texts at all; kept at the hub.
        await page.keyboard.press('Control+k');
        await page.getByTestId('finder-input').fill(refused);
        await page.getByTestId('finder-result').first().click();
        const pref = page.getByTestId('message-preference');
        await pref.getByTestId('pref-opted-out').waitFor();
        await pref.getByTestId('pref-language').getByText(words.english).click();
        await poll(() => page.getByText(words.saved).count()).toBeGreaterThan(0);
        await pref.getByTestId('pref-opted-out').click(); // controlled: it turns once the hub has it
        await poll(() => pref.getByTestId('pref-opted-out').isChecked()).toBe(true);
        const refusedId = (made[2] as { patient: { id: string } }).patient.id;
        const [, kept] = await callsInPage(page, [login, { name: 'messages.preference', input: { patientId: refusedId } }]);
        expect(kept).toMatchObject({ optedOut: true, language: 'en' });
        await look(page, `preference-${locale}`);
      } finally {
        await context.close();
      }
    });
  }
  for (const [locale, words] of [
    ['zh-CN', { problems: '有 3 处问题，未保存', unknown: '没有变量 nmae。', braces: '大括号不成对。', empty: '不能为空。', standard: '标准内容', custom: '诊所自定义内容', kind: '预约确认' }],
    ['en', { problems: '3 problem(s): nothing was saved', unknown: 'There is no variable nmae.', braces: 'Braces do not pair up.', empty: 'Must not be empty.', standard: 'Standard texts', custom: 'The clinic’s own texts', kind: 'Booking confirmed' }],
  ] as const) {
    it(`edits the message texts: refused with every problem, a preview, used by the next booking, back to standard (${locale})`, async () => {
      const { context, page } = await desk(browser, locale);
      await page.setViewportSize({ width: 1366, height: 900 });
      try {
        await logIn(page, hub.url, 'lihua', PASSWORD);
        await page.goto(`${hub.url}#/admin/messages`);
        const panel = page.getByTestId('templates');
        const zh = panel.locator('textarea[name="text-zh-CN"]');
        const en = panel.locator('textarea[name="text-en"]');
        await poll(() => panel.getByTestId('templates-state').textContent()).toBe(words.standard);
        await panel.getByTestId('template-kind').getByText(words.kind).click();

        // Three problems in two texts: each shown at its field, nothing saved.
        await zh.fill('{{nmae}}您好，{{clinic}停诊');
        await en.fill('');
        await panel.getByTestId('templates-save').click();
        await poll(() => panel.getByTestId('templates-problems').locator('.mantine-Alert-title').textContent()).toBe(words.problems);
        const zhBox = panel.getByTestId('template-zh-CN');
        expect(await zhBox.textContent()).toContain(words.unknown);
        expect(await zhBox.textContent()).toContain(words.braces);
        expect(await panel.getByTestId('template-en').textContent()).toContain(words.empty);
        expect(await zh.getAttribute('aria-invalid')).toBe('true');
        expect(await panel.getByTestId('templates-state').textContent()).toBe(words.standard);
        await look(page, `templates-refused-${locale}`);

        // Good texts: the preview fills the sample values; saved, they are the clinic's own.
        await zh.fill('{{name}}，您{{date}}{{period}}的号已约好（{{doctor}}医生）。{{clinic}}');
        await en.fill('Dear {{name}}, see you on {{date}} ({{period}}) with {{doctor}} at {{clinic}}.');
        expect(await panel.getByTestId('preview-zh-CN').textContent()).toBe('欧阳娜娜，您2026-12-08上午的号已约好（李明医生）。康宁诊所');
        expect(await panel.getByTestId('preview-en').textContent()).toBe('Dear Ouyang Nana, see you on 2026-12-08 (morning) with Li Ming at Kangning Clinic.');
        expect(await panel.getByTestId('preview-length-en').textContent()).toMatch(/^82 .* 2 (SMS|条短信)$/);
        await panel.getByTestId('templates-save').click();
        await poll(() => panel.getByTestId('templates-state').textContent()).toContain(words.custom);
        expect(await panel.locator('textarea[name="text-zh-CN"]').inputValue()).toBe('{{name}}，您{{date}}{{period}}的号已约好（{{doctor}}医生）。{{clinic}}');
        await look(page, `templates-${locale}`);

        // The next booking's confirmation says the clinic's text (queued at once).
        const name = locale === 'en' ? '孙八' : '周七';
        await callsInPage(page, [
          login,
          { name: 'patients.register', input: { name, phone: `1380000001${locale === 'en' ? 2 : 1}` } },
          { name: 'appointments.book', input: { patientId: '$1.patient.id', sessionId } },
        ]);
        await page.getByTestId('outbox-day').fill(tomorrow);
        const row = page.getByTestId('outbox-row').filter({ hasText: name });
        await poll(async () => {
          await page.getByTestId('outbox-refresh').click();
          return row.count();
        }).toBe(1);
        expect(await row.textContent()).toContain(`${name}，您${tomorrow}上午的号已约好（李明医生）。`);

        // Back to standard.
        await panel.getByTestId('templates-reset').click();
        await poll(() => panel.getByTestId('templates-state').textContent()).toBe(words.standard);
        expect(await panel.locator('textarea[name="text-zh-CN"]').inputValue()).toBe('{{name}}您好，您在{{clinic}}的预约已确认：{{date}} {{period}}，医生：{{doctor}}。');
      } finally {
        await context.close();
      }
    });
  }
});
