/**
 * The workstation shell in a real browser against the web host: log in, errors in the user's
 * language, role restrictions, the idle lock, language switch, finding and registering patients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe';
import { builtRenderer } from './support/build';
import { desk, launch, logIn, poll, shot } from './support/browser';
import { downloadPdf } from './support/download';
import { startHost, type RunningHost } from './support/host';
import { PASSWORD, seedSmallClinic } from './support/seed';

let dir: string;
let host: RunningHost;
let browser: Browser;
const text = (page: import('playwright-core').Page, testId: string) => page.getByTestId(testId).first().textContent();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinic-e2e-shell-'));
  const file = join(dir, 'station.sqlite');
  seedSmallClinic(file);
  const [staticDir, b] = await Promise.all([builtRenderer(), launch()]);
  browser = b;
  host = await startHost(file, staticDir);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('workstation shell', { timeout: 90_000 }, () => {
  it('refuses a wrong password in Chinese, then logs in and shows who is at the desk', async () => {
    const { context, page } = await desk(browser);
    await page.goto(host.url);
    await page.locator('input[name="username"]').fill('reception');
    await page.locator('input[name="password"]').fill('wrong-password1');
    await page.locator('button[type="submit"]').click();
    await poll(() => page.getByTestId('error-note').textContent()).toContain('用户名或密码错误');
    await shot(page, 'login-error');
    await expectAccessible(page);
    await logIn(page, host.url, 'reception', PASSWORD);
    expect(await page.getByTestId('user-menu').textContent()).toContain('王芳');
    expect(await page.getByTestId('user-menu').textContent()).toContain('前台');
    expect(page.url()).toContain('#/frontdesk');
    await poll(() => page.getByTestId('empty-state').first().textContent()).toContain('还没有选择患者');
    await shot(page, 'frontdesk-empty');
    await context.close();
  });

  it('keeps a receptionist out of the consult room, and the station refuses the doctor’s calls too', async () => {
    const { context, page } = await desk(browser);
    await logIn(page, host.url, 'reception', PASSWORD);
    await page.goto(`${host.url}#/consult`);
    await poll(() => page.getByTestId('forbidden').textContent()).toContain('不能打开“诊室”');
    await shot(page, 'forbidden');
    // Only her own workspaces are offered.
    expect(await page.getByTestId('workspace-switch').count()).toBe(0);
    // And the station itself refuses: a receptionist's session may not read a doctor's queue.
    const code = await page.evaluate(async (password) => {
      const ws = new WebSocket(`ws://${location.host}/api`);
      await new Promise((ok) => ws.addEventListener('open', ok));
      const ask = (id: number, name: string, input: unknown) => new Promise<{ ok: boolean; error?: { code: string } }>((ok) => {
        ws.addEventListener('message', (m) => { const d = JSON.parse(String(m.data)); if (d.id === id) ok(d.result); });
        ws.send(JSON.stringify({ id, name, input }));
      });
      await ask(1, 'accounts.login', { username: 'reception', password });
      const r = await ask(2, 'queue.mine', {});
      ws.close();
      return r.error?.code;
    }, PASSWORD);
    expect(code).toBe('FORBIDDEN');
    await context.close();
  });

  it('switches the language to English and back', async () => {
    const { context, page } = await desk(browser);
    await logIn(page, host.url, 'frontcash', PASSWORD);
    await page.getByText('EN', { exact: true }).click();
    await poll(() => page.getByTestId('open-search').textContent()).toContain('Find a patient');
    const spaces = await page.getByTestId('workspace-switch').textContent();
    expect(spaces).toContain('Front desk');
    expect(spaces).toContain('Billing');
    await shot(page, 'english');
    await page.getByText('中文', { exact: true }).click();
    await poll(() => page.getByTestId('open-search').textContent()).toContain('查找患者');
    await context.close();
  });

  it('locks the desk and unlocks it with the password, keeping what was typed', async () => {
    const { context, page } = await desk(browser);
    await logIn(page, host.url, 'reception', PASSWORD);
    await page.getByTestId('start-register').click();
    await page.locator('input[name="name"]').fill('未保存的名字');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '锁定' }).click();
    const lock = page.getByRole('dialog', { name: '工作站已锁定' });
    await lock.waitFor();
    await shot(page, 'locked');
    await expectAccessible(page);
    await lock.locator('input[type="password"]').fill('not-my-password1');
    await lock.locator('button[type="submit"]').click();
    await poll(() => lock.textContent()).toContain('用户名或密码错误');
    await lock.locator('input[type="password"]').fill(PASSWORD);
    await lock.locator('button[type="submit"]').click();
    await lock.waitFor({ state: 'hidden' });
    expect(await page.locator('input[name="name"]').inputValue()).toBe('未保存的名字');
    await context.close();
  });

  it('registers a patient with sex and birth date from the ID number, prints her label in English, warns of a duplicate, and finds her by pinyin', async () => {
    const { context, page } = await desk(browser);
    await logIn(page, host.url, 'reception', PASSWORD);
    await page.getByTestId('start-register').click();
    const form = page.getByTestId('register-form');
    await form.locator('input[name="name"]').fill('林小红');
    await form.locator('input[name="idNumber"]').fill('310104199211302469');
    expect(await form.locator('input[name="birthDate"]').inputValue()).toBe('1992-11-30');
    expect(await form.getByRole('radio', { name: '女' }).isChecked()).toBe(true);
    await form.locator('input[name="phone"]').fill('13912345678');
    await shot(page, 'register-filled');
    await form.getByRole('button', { name: '登记' }).click();
    const card = page.getByTestId('patient-card');
    await poll(() => card.textContent()).toContain('林小红');
    expect(await card.textContent()).toContain('310104199211302469');
    await shot(page, 'patient-card');
    // Edit the card: a new phone number.
    await page.getByTestId('edit-patient').click();
    await page.getByTestId('register-form').locator('input[name="phone"]').fill('13700001234');
    await page.getByTestId('register-form').getByRole('button', { name: '保存' }).click();
    await poll(() => text(page, 'patient-card')).toContain('13700001234');

    // Her label, printed in the desk's language: in English a reprint is marked COPY.
    await page.getByText('EN', { exact: true }).click();
    const print = page.getByTestId('print-patientLabel');
    await poll(() => print.textContent()).toBe('Print patient label');
    await expectAccessible(page);
    const label = await downloadPdf(page, print);
    expect(label.flat).toContain('E2-');
    expect(label.flat).not.toContain('COPY');
    const again = await downloadPdf(page, print);
    expect(again.filename).toContain('copy');
    expect(again.flat).toContain('COPY');
    expect(again.flat).not.toContain('副本');
    await poll(() => page.getByTestId('print-copy').textContent()).toBe('Copy');
    await shot(page, 'en-label-copy');
    await page.getByText('中文', { exact: true }).click();

    // The same ID number again: the desk is warned and must confirm.
    await page.getByTestId('open-search').click();
    await page.getByTestId('finder-input').fill('lxh');
    await poll(() => page.getByTestId('finder-result').first().textContent()).toContain('林小红');
    await shot(page, 'finder');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await page.getByTestId('finder-input').fill('王五');
    await page.getByRole('button', { name: '登记新患者' }).click();
    const form2 = page.getByTestId('register-form');
    expect(await form2.locator('input[name="name"]').inputValue()).toBe('王五');
    await form2.locator('input[name="name"]').fill('林小红');
    await form2.locator('input[name="idNumber"]').fill('310104199211302469');
    await poll(() => page.getByTestId('duplicate-warning').textContent()).toContain('身份证号相同');
    await form2.getByRole('button', { name: '登记' }).click();
    await poll(() => form2.locator('.mantine-TextInput-error').first().textContent()).toContain('已有相同身份证号的患者');
    await shot(page, 'duplicate');
    await context.close();
  });
});
