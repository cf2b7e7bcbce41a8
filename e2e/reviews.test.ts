/**
 * The review screen in Chromium at the hub's web host: the same resident registered twice shows
 * as a task with both records side by side; a person who is admin and receptionist keeps one,
 * merges with a reason, and the task is gone once the hub has the merge. Screenshots in
 * /tmp/reviews-*.png; axe-core on each state.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../main/domain/residentId';
import { expectAccessible } from './support/axe';
import { builtRenderer } from './support/build';
import { desk, launch, logIn, poll } from './support/browser';
import { callsInPage, startHubWithWeb, type RunningHub } from './support/hub';
import { PASSWORD } from './support/seed';

let browser: Browser;
let hub: RunningHub;
let context: BrowserContext;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `/tmp/reviews-${name}.png`, fullPage: true });
const accessible = async () => {
  await page.mouse.move(1, 899);
  await page.waitForTimeout(150);
  await expectAccessible(page);
};
/** Refreshes the list until `check` holds (the hub detects after the admin station's changes reach its store). */
async function refreshUntil(check: () => Promise<boolean>): Promise<void> {
  await poll(async () => {
    if (await check()) return true;
    await page.getByTestId('reviews-refresh').click();
    await page.waitForTimeout(300);
    return check();
  }).toBe(true);
}

beforeAll(async () => {
  const staticDir = await builtRenderer();
  [browser, hub] = await Promise.all([launch(), startHubWithWeb(staticDir, { username: 'admin', password: PASSWORD })]);
  ({ context, page } = await desk(browser));
  await logIn(page, hub.url, 'admin', PASSWORD);
  const ID = makeResidentId('110101', '1980-05-06', 11, 'M');
  await callsInPage(page, [
    { name: 'accounts.login', input: { username: 'admin', password: PASSWORD } },
    { name: 'org.createAccount', input: { username: 'lihua', roles: ['admin', 'receptionist'], password: PASSWORD, confirmPassword: PASSWORD } },
    { name: 'accounts.login', input: { username: 'lihua', password: PASSWORD } },
    { name: 'patients.register', input: { name: '张伟', idNumber: ID, phone: '13800138000', allergies: '青霉素' } },
    { name: 'patients.register', input: { name: '张伟', idNumber: ID, phone: '13900139000', address: '朝阳区建国路 1 号', confirmDuplicate: true, acknowledgedDuplicateIds: ['$3.patient.id'] } },
  ]);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出|Log out/ }).click();
  await logIn(page, hub.url, 'lihua', PASSWORD);
}, 150_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await page?.screenshot({ path: `/tmp/reviews-failed-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png` });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await hub?.stop();
});

describe('review tasks at the hub, in zh-CN', { timeout: 90_000 }, () => {
  it('shows the duplicate with both records side by side', async () => {
    await page.goto(`${hub.url}#/admin/reviews`);
    await page.getByTestId('admin-reviews').waitFor();
    await refreshUntil(async () => (await page.getByTestId('task-duplicate_patient').count()) === 1);
    const task = page.getByTestId('task-duplicate_patient');
    expect(await task.getByTestId('review-patient').count()).toBe(2);
    const text = await task.textContent();
    expect(text).toContain('13800138000');
    expect(text).toContain('13900139000');
    expect(text).toContain('朝阳区建国路 1 号');
    expect(await page.getByTestId('reviews-open').textContent()).toContain('1');
    // What differs between the two records is marked; what they share is not.
    expect(await task.getByTestId('differs-phone').count()).toBe(2);
    expect(await task.getByTestId('differs-name').count()).toBe(0);
    await shot('duplicate');
    await accessible();
  });

  it('merges into the record chosen, with a reason; the task goes once the hub has it', async () => {
    const task = page.getByTestId('task-duplicate_patient');
    // Keep the second record (the one with the address): the first is merged into it.
    await task.getByTestId('keep-radio').nth(1).check();
    await task.getByTestId('merge-reason').fill('同一人在两台工作站重复建档');
    await task.getByTestId('merge').click();
    await page.getByTestId('confirm').getByRole('button', { name: '确认' }).click();
    await refreshUntil(async () => (await page.getByTestId('empty-state').count()) === 1);
    expect(await page.getByTestId('empty-state').textContent()).toContain('没有待处理事项');
    await shot('empty');
    await accessible();
    // The resolved task is still there to look back on, the merged record marked.
    await page.getByTestId('show-resolved').check({ force: true });
    await page.getByTestId('task-duplicate_patient').waitFor();
    const sides = page.getByTestId('task-duplicate_patient').getByTestId('review-patient');
    await poll(() => sides.first().textContent()).toContain('已合并到另一份档案');
    expect(await sides.nth(1).textContent()).not.toContain('已合并到另一份档案');
    await shot('resolved');
  });
});
