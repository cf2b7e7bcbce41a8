/**
 * The first-run wizard in a real browser against a fresh web host (no accounts, not paired):
 * start a new clinic (this PC runs the hub) and log in as its first admin; or, in English, join a
 * hub the test starts, by typed address and pairing code, and log in with an account of that hub.
 * Wrong input is shown next to its field; every step passes axe-core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe';
import { builtRenderer } from './support/build';
import { desk, launch, logIn, poll, shot } from './support/browser';
import { startHost, type RunningHost } from './support/host';
import { pairingInfo, startHubWithWeb, type RunningHub } from './support/hub';

let dir: string;
let staticDir: string;
let browser: Browser;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinic-e2e-setup-'));
  [staticDir, browser] = await Promise.all([builtRenderer(), launch()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const stop of stops.splice(0).reverse()) await stop();
  rmSync(dir, { recursive: true, force: true });
});

async function freshHost(name: string): Promise<RunningHost> {
  const host = await startHost(join(dir, `${name}.sqlite`), staticDir, ['--hub-port', '0', '--hub-data', join(dir, `${name}-hub`)]);
  stops.push(host.stop);
  return host;
}

const fieldError = (page: Page, name: string) =>
  page.locator(`input[name="${name}"]`).evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')?.split(' ').find((id) => id.includes('error')) ?? '')?.textContent ?? '');

describe('first-run wizard', { timeout: 120_000 }, () => {
  it('a new clinic (zh-CN): the wizard instead of the log-in, a weak password refused by field, then the first admin logs in', async () => {
    const host = await freshHost('new');
    const { context, page } = await desk(browser);
    await page.goto(host.url);
    await page.getByTestId('setup-wizard').waitFor();
    expect(await page.locator('input[name="password"]').count()).toBe(0); // no log-in form
    await shot(page, 'setup-choose');
    await expectAccessible(page);

    await page.getByTestId('setup-new').click();
    const form = page.getByTestId('setup-new-form');
    await form.locator('input[name="clinicName"]').fill('康宁诊所');
    await form.locator('input[name="clinicNameEn"]').fill('Kangning Clinic');
    await form.locator('input[name="username"]').fill('boss');
    await form.locator('input[name="displayName"]').fill('王院长');
    await form.locator('input[name="password"]').fill('short1');
    await form.locator('input[name="repeat"]').fill('short1');
    await form.getByRole('button', { name: '创建诊所' }).click();
    await poll(() => fieldError(page, 'password')).toBe('密码至少 8 位');
    await page.mouse.move(0, 0); // (a hovered filled button is lighter: axe checks the resting colours)
    await shot(page, 'setup-new-clinic');
    await expectAccessible(page);

    await form.locator('input[name="password"]').fill('Clinic2026boss');
    await form.locator('input[name="repeat"]').fill('Clinic2026boss');
    await form.getByRole('button', { name: '创建诊所' }).click();
    await page.getByTestId('setup-wizard').waitFor({ state: 'detached', timeout: 60_000 });
    await poll(() => page.getByText('诊所已创建。请用管理员账号 boss 登录。').count()).toBe(1);
    await logIn(page, host.url, 'boss', 'Clinic2026boss');
    expect(await page.getByTestId('user-menu').textContent()).toContain('王院长');
    expect(host.output()).toMatch(/new clinic: the hub runs in this process on https:\/\/127\.0\.0\.1:\d+/);
    await context.close();
  });

  it('joining a hub (English): a bad address and a wrong code are refused by field; the right code joins and the hub’s admin logs in', async () => {
    const admin = { username: 'chief', password: 'Chief2026admin' };
    // On every interface, so it announces itself on the LAN and the wizard lists it.
    const hub: RunningHub = await startHubWithWeb(staticDir, admin, ['--host', '0.0.0.0']);
    stops.push(hub.stop);
    const { port, code } = await pairingInfo(hub);
    const address = `127.0.0.1:${port}`; // typed, as a person reads it off the hub PC
    const host = await freshHost('join');
    const { context, page } = await desk(browser);
    await page.goto(host.url);
    await page.getByTestId('setup-wizard').waitFor();
    await page.getByText('EN', { exact: true }).click(); // the language switch, as a person would
    await poll(() => page.getByTestId('setup-join').textContent()).toContain('Join an existing clinic');
    await page.getByTestId('setup-join').click();
    const form = page.getByTestId('setup-join-form');
    // Found on the LAN: choosing it fills in its address (and pins its announced certificate).
    const found = page.getByTestId('setup-hub').filter({ hasText: `:${port}` });
    for (let round = 0; round < 3; round++) {
      const seen = await found.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (seen) break;
      await page.getByTestId('setup-refresh').click(); // (multicast can miss the first answer)
    }
    await found.click();
    expect(await found.getAttribute('aria-pressed')).toBe('true');
    expect(await form.locator('input[name="address"]').inputValue()).toMatch(new RegExp(`^https://[\\d.]+:${port}$`));
    await page.mouse.move(0, 0);
    await shot(page, 'setup-join-found');
    await expectAccessible(page);

    await form.locator('input[name="address"]').fill('http://bad address/');
    await form.locator('input[name="code"]').fill(code);
    await form.getByRole('button', { name: 'Join' }).click();
    await poll(() => fieldError(page, 'address')).toContain('Not an address');

    const wrong = code === '000000' ? '000001' : '000000';
    await form.locator('input[name="address"]').fill(address);
    await form.locator('input[name="code"]').fill(wrong);
    await form.getByRole('button', { name: 'Join' }).click();
    await poll(() => fieldError(page, 'code')).toBe('Wrong or expired pairing code: ask the hub for a new one');
    await page.mouse.move(0, 0);
    await shot(page, 'setup-join');
    await expectAccessible(page);

    await form.locator('input[name="code"]').fill(code);
    await form.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('setup-wizard').waitFor({ state: 'detached', timeout: 60_000 });
    await poll(() => page.getByText('Joined the clinic. Log in with your account.').count()).toBe(1);
    await logIn(page, host.url, admin.username, admin.password);
    expect(await page.getByTestId('user-menu').textContent()).toContain('chief');
    expect(host.output()).toContain('paired with the hub at https://');
    await context.close();
  });
});
