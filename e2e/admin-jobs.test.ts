/**
 * Admin → Scheduled jobs in Chromium at the hub's own web host, in zh-CN and en: every hub job
 * listed with its next run, one run now and shown done with what it did. Admin → Lookups and
 * Audit trail: a list filtered, the audit trail filtered to reads and exported, the CSV read
 * back. Photographed (/tmp/admin-jobs-*.png, /tmp/admin-lookups-*.png) and checked with axe-core.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('Admin → Lookups and Audit trail', { timeout: 90_000 }, () => {
  for (const [locale, tab, read, empty] of [
    ['zh-CN', '就诊', '查看', '没有符合条件的记录。'],
    ['en', 'Visits', 'Read', 'Nothing matches these filters.'],
  ] as const) {
    it(`filters a list and the audit trail, and exports the trail (${locale})`, async () => {
      const { context, page } = await desk(browser, locale);
      await page.setViewportSize({ width: 1366, height: 768 });
      const dir = mkdtempSync(join(tmpdir(), 'clinic-e2e-lookups-'));
      try {
        await logIn(page, hub.url, 'admin', PASSWORD);
        await page.getByTestId('admin-nav-lookups').click();
        // Appointments first; then the visits tab, searched: this hub has none, and says so.
        await page.getByTestId('lookup-appointments-filter').waitFor();
        await page.getByTestId('lookup-tab-visits').click();
        expect(await page.getByTestId('lookup-tab-visits').textContent()).toBe(tab);
        await page.getByTestId('lookup-visits-filter-search').click();
        await poll(() => page.getByTestId('lookup-visits-empty').textContent()).toBe(empty);
        await page.mouse.move(1, 700);
        await page.screenshot({ path: `/tmp/admin-lookups-${locale}.png`, fullPage: true });
        await expectAccessible(page);

        // The audit trail, reads only: the lookups just made are there, by the admin.
        await page.getByTestId('admin-nav-audit').click();
        await page.getByTestId('audit-action').click();
        await page.getByRole('option', { name: read, exact: true }).click();
        const table = page.getByTestId('audit-table');
        await poll(async () => {
          await page.getByTestId('audit-filter-search').click();
          return (await table.count()) > 0 ? table.textContent() : '';
        }).toContain('lookup.visits');
        const actions = await page.getByTestId('audit-row').locator('td:nth-child(4)').allTextContents();
        expect(actions.length).toBeGreaterThan(0);
        expect(new Set(actions)).toEqual(new Set([read]));
        // Narrowed to one person, picked by name from the accounts (typed to filter the list).
        await page.getByTestId('audit-person').fill('admin');
        await page.getByRole('option', { name: /admin/ }).first().click();
        await page.getByTestId('audit-filter-search').click();
        await poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
        const people = await page.getByTestId('audit-row').locator('td:nth-child(2)').allTextContents();
        expect(new Set(people).size).toBe(1);
        await page.mouse.move(1, 700);
        await page.screenshot({ path: `/tmp/admin-audit-${locale}.png`, fullPage: true });
        await expectAccessible(page);

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
        expect(download.suggestedFilename()).toMatch(/^lookup-audit-\d{4}-\d{2}-\d{2}\.csv$/);
        const saved = join(dir, download.suggestedFilename());
        await download.saveAs(saved);
        const lines = readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
        expect(lines[0]).toBe('at,personName,username,device,action,entity,entityId,patientName,procedure,detail');
        expect(lines.length).toBeGreaterThan(1);
        for (const line of lines.slice(1)) expect(line.split(',')[4]).toBe('read');
        expect(lines.some((l) => l.includes(',admin,') && l.includes('lookup.visits'))).toBe(true);
      } finally {
        await context.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
