/**
 * Admin → Scheduled jobs in Chromium at the hub's own web host, in zh-CN and en: every hub job
 * listed with its next run, one run now and shown done with what it did. Photographed
 * (/tmp/admin-jobs-*.png) and checked with axe-core.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe';
import { builtRenderer } from './support/build';
import { desk, launch, logIn, poll } from './support/browser';
import { startHubWithWeb, type RunningHub } from './support/hub';
import { PASSWORD } from './support/seed';

let browser: Browser;
let hub: RunningHub;

beforeAll(async () => {
  const staticDir = await builtRenderer();
  [browser, hub] = await Promise.all([launch(), startHubWithWeb(staticDir, { username: 'admin', password: PASSWORD })]);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('Admin → Scheduled jobs', { timeout: 90_000 }, () => {
  for (const [locale, names, done] of [
    ['zh-CN', ['过时预约处理（爽约／过期）', '统计汇总刷新'], '成功'],
    ['en', ['Past appointments (no-show / expired)', 'Statistics roll-ups'], 'Done'],
  ] as const) {
    it(`lists the jobs and runs one now (${locale})`, async () => {
      const { context, page } = await desk(browser, locale);
      await page.setViewportSize({ width: 1366, height: 768 });
      try {
        await logIn(page, hub.url, 'admin', PASSWORD);
        await page.getByTestId('admin-nav-jobs').click();
        const table = page.getByTestId('jobs-table');
        await table.waitFor();
        for (const n of names) await poll(() => table.textContent()).toContain(n);
        const lapse = page.getByTestId('job-row').filter({ hasText: names[0] });
        await lapse.getByTestId('run-now').click();
        await poll(() => lapse.textContent()).toContain(done);
        expect(await lapse.getByTestId('job-detail').textContent()).toMatch(/^\d+ no-show, \d+ expired$/);
        await page.mouse.move(1, 700);
        await page.screenshot({ path: `/tmp/admin-jobs-${locale}.png`, fullPage: true });
        await expectAccessible(page);
      } finally {
        await context.close();
      }
    });
  }
});
