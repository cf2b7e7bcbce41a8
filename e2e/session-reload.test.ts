/**
 * A reload of the web host's page keeps the session (its resume ticket in sessionStorage): still
 * logged in, on the same screen; after a log-out a reload is at the log-in; an idle-locked desk
 * reloaded is still locked, and unlocks with the password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desk, logIn, poll, shot } from './support/browser';
import { openClinic, type E2eClinic } from './support/clinic';
import { PASSWORD } from './support/seed';

const storedTicket = (page: import('playwright-core').Page) => page.evaluate(() => sessionStorage.getItem('clinic-desk.resume'));

describe('a reload keeps the session until log-out', { timeout: 120_000 }, () => {
  let clinic: E2eClinic;
  beforeAll(async () => { clinic = await openClinic('reload'); }, 120_000);
  afterAll(async () => { await clinic?.close(); });

  it('logged in, reloaded: still in, on the same screen; logged out, reloaded: at the log-in', async () => {
    const { context, page } = await desk(clinic.browser);
    await logIn(page, clinic.url, 'frontcash', PASSWORD);
    await page.getByTestId('workspace-switch').getByText('收费', { exact: true }).click();
    await poll(() => page.evaluate(() => location.hash)).toBe('#/billing');
    const before = await storedTicket(page);
    expect(before).toBeTruthy();

    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/billing');
    expect(await page.getByTestId('workspace-switch').locator('[data-active="true"]').first().textContent()).toContain('收费');
    expect(await page.locator('input[name="username"]').count()).toBe(0);
    // The ticket works once: the reloaded page holds a new one.
    const after = await storedTicket(page);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    // The session is really the station's: a call that needs it goes through.
    await page.keyboard.press('Control+k');
    await page.getByTestId('finder-input').fill('张');
    await page.keyboard.press('Escape');
    await shot(page, 'reload-still-in');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.locator('input[name="username"]').waitFor();
    expect(await storedTicket(page)).toBeNull();
    await page.reload();
    await page.locator('input[name="username"]').waitFor();
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    await context.close();
  });

  it('a ticket copied into another tab does not log that tab in while the first holds the session', async () => {
    const { context, page } = await desk(clinic.browser);
    await logIn(page, clinic.url, 'reception', PASSWORD);
    const ticket = await storedTicket(page);
    const other = await context.newPage();
    await other.goto(clinic.url);
    await other.evaluate((t) => sessionStorage.setItem('clinic-desk.resume', t ?? ''), ticket);
    await other.reload();
    await other.locator('input[name="username"]').waitFor();
    expect(await other.getByTestId('user-menu').count()).toBe(0);
    // The first tab keeps its session.
    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    await context.close();
  });
});

describe('a reload keeps an idle-locked desk locked', { timeout: 120_000 }, () => {
  let clinic: E2eClinic;
  beforeAll(async () => { clinic = await openClinic('reload-idle', { idleLockMs: 10_000 }); }, 120_000);
  afterAll(async () => { await clinic?.close(); });

  it('idle-locked, reloaded: still locked; the password unlocks it', async () => {
    const { context, page } = await desk(clinic.browser);
    await logIn(page, clinic.url, 'reception', PASSWORD);
    const lock = page.getByRole('dialog', { name: '工作站已锁定' });
    // Nobody touches the desk: the station locks it after its idle time (10 s here).
    await lock.waitFor({ timeout: 60_000 });
    await page.reload();
    await lock.waitFor();
    await shot(page, 'reload-still-locked');
    expect(await page.locator('input[name="username"]').count()).toBe(0);
    await lock.locator('input[type="password"]').fill(PASSWORD);
    await lock.locator('button[type="submit"]').click();
    await lock.waitFor({ state: 'hidden' });
    await page.getByTestId('user-menu').waitFor();
    await context.close();
  });
});
