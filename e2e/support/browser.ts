/** Debian's chromium driven by playwright-core, as STACK.md found it works here. */
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TIME_ZONE } from './seed';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic', '--no-first-run', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
}

/** A desk in the clinic: Chinese, the clinic's time zone, a workstation-sized screen. */
export async function desk(browser: Browser, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, timezoneId: TIME_ZONE, viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  if (locale === 'en') await context.addInitScript(() => localStorage.setItem('clinic-desk.language', 'en'));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

export async function logIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('user-menu').waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/clinic-e2e-${name}.png`, fullPage: false });
}

/** expect.poll with room for a loaded machine (the default gives up after one second). */
export function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 15_000, interval: 100 });
}
