/**
 * The front desk by keyboard alone, in Chinese and in English: log in, register a patient (F6),
 * the walk-in (F3 is on the focused button after the pick) with its session chosen by the arrows
 * and its fee taken in cash; then a second patient booked (F4) for today, found again with Ctrl+K,
 * checked in from the focused 签到 and paid. Dialogs open on their first field, never on the close
 * button; the queue is one Tab stop. In English, badges, queue numbers and key caps show whole
 * (nothing cut, queue numbers on one line); screens are taken at 1366×768 and 1024×600.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe';
import { desk, poll, shot } from './support/browser';
import { openClinic, type E2eClinic } from './support/clinic';
import { cutText, focused } from './support/keys';
import { PASSWORD } from './support/seed';

const WORDS = {
  'zh-CN': { checkIn: '签到', walkIn: '挂号', paid: '已缴费', checkedIn: '已签到' },
  en: { checkIn: 'Check in', walkIn: 'Register', paid: 'Paid', checkedIn: 'Checked in' },
} as const;

async function tabTo(page: Page, want: (f: Awaited<ReturnType<typeof focused>>) => boolean, most: number): Promise<number> {
  for (let n = 1; n <= most; n++) {
    await page.keyboard.press('Tab');
    if (want(await focused(page))) return n;
  }
  throw new Error(`not reached in ${most} Tab presses; focus is on ${JSON.stringify(await focused(page))}`);
}

describe.each(['zh-CN', 'en'] as const)('the front desk by keyboard in %s', { timeout: 150_000 }, (lang) => {
  const W = WORDS[lang];
  let clinic: E2eClinic;
  beforeAll(async () => { clinic = await openClinic(`keys-${lang}`); }, 120_000);
  afterAll(async () => { await clinic?.close(); });
  const shotAs = (page: Page, name: string) => shot(page, `${name}-${lang}`);

  it('a walk-in with its fee, and a check-in with its fee, without the mouse', async () => {
    const { context, page } = await desk(clinic.browser, lang);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(clinic.url);
    await poll(() => focused(page).then((f) => f.name)).toBe('username');
    await page.keyboard.type('reception');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('user-menu').waitFor();
    await page.getByTestId('shortcut-register').waitFor();

    // F6: a new patient; Enter in the name registers her, and focus lands on her walk-in.
    await page.keyboard.press('F6');
    await poll(() => focused(page).then((f) => f.name)).toBe('name');
    await page.keyboard.type('赵敏');
    await page.keyboard.press('Enter');
    await poll(() => focused(page).then((f) => f.testId)).toBe('walk-in');
    expect(await page.getByTestId('walk-in').getAttribute('aria-keyshortcuts')).toBe('F3');
    await shotAs(page, 'keys-patient');

    // The walk-in dialog opens on the first open session (not on its close button); the arrows
    // choose, Enter on the chosen one registers, and the fee dialog comes.
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('visit-dialog');
    await dialog.getByTestId('session-option').first().waitFor();
    await poll(() => focused(page).then((f) => f.testId)).toBe('session-option');
    const tabStops = await dialog.getByTestId('session-option').evaluateAll((els) => els.map((e) => (e as HTMLElement).tabIndex));
    expect(tabStops.filter((t) => t === 0)).toHaveLength(1);
    await page.keyboard.press('ArrowDown');
    await poll(() => dialog.locator('[data-testid="session-option"][aria-checked="true"]').count()).toBe(1);
    const second = await focused(page);
    await page.keyboard.press('ArrowUp');
    const first = await focused(page);
    expect(first.text).not.toBe(second.text);
    expect(await dialog.locator('[data-testid="session-option"][aria-checked="true"]').textContent()).toBe(first.text);
    await shotAs(page, 'keys-walkin');
    await page.keyboard.press('Enter');
    const fee = page.getByTestId('fee-dialog');
    await poll(() => fee.getByTestId('due').textContent()).toBe('¥15.00');
    await poll(() => focused(page).then((f) => f.testId ?? f.role ?? f.name)).not.toBe(null);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('mantine-Modal-close'))).toBe(false);
    await tabTo(page, (f) => f.name === 'tendered', 3);
    await page.keyboard.type('20');
    await poll(() => fee.getByTestId('change-due').textContent()).toContain('5.00');
    await page.keyboard.press('Enter');
    // Paid: the form gives way to the receipt, and focus goes on to printing it; Escape closes.
    await fee.getByTestId('fee-settled').waitFor();
    await poll(() => focused(page).then((f) => f.testId)).toBe('print-receipt');
    await page.keyboard.press('Escape');
    await fee.waitFor({ state: 'detached' });
    const row = page.getByTestId('visit-row').filter({ hasText: '赵敏' });
    await poll(() => row.textContent()).toContain(W.paid);

    // A second patient booked for today (F4: the booking dialog opens on its date).
    await page.keyboard.press('F6');
    await poll(() => focused(page).then((f) => f.name)).toBe('name');
    await page.keyboard.type('钱伟');
    await page.keyboard.press('Enter');
    await poll(() => focused(page).then((f) => f.testId)).toBe('walk-in');
    await page.keyboard.press('F4');
    const book = page.getByTestId('book-dialog');
    await book.getByTestId('session-option').first().waitFor();
    await poll(() => focused(page).then((f) => f.name)).toBe('date');
    await tabTo(page, (f) => f.testId === 'session-option', 7); // the date's day, month and year are stops of their own
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await book.waitFor({ state: 'detached' });

    // Found again with Ctrl+K: focus goes to checking in her appointment of today, not to a queue button.
    await page.keyboard.press('Control+k');
    await poll(() => focused(page).then((f) => f.testId)).toBe('finder-input');
    await page.keyboard.type('钱伟');
    await page.getByTestId('finder-result').first().waitFor();
    await page.keyboard.press('Enter');
    await poll(() => focused(page).then((f) => f.testId)).toBe('check-in');
    await page.keyboard.press('Enter');
    await page.getByTestId('visit-dialog').getByRole('dialog').waitFor();
    await poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="visit-dialog"]') !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('mantine-Modal-close'))).toBe(false);
    await tabTo(page, (f) => f.text === W.checkIn, 4);
    await page.keyboard.press('Enter');
    const fee2 = page.getByTestId('fee-dialog');
    await fee2.getByTestId('due').waitFor();
    await tabTo(page, (f) => f.name === 'tendered', 3);
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    await fee2.getByTestId('fee-settled').waitFor();
    await poll(() => focused(page).then((f) => f.testId)).toBe('print-receipt');
    await page.keyboard.press('Escape');
    await fee2.waitFor({ state: 'detached' });
    await poll(() => page.getByTestId('visit-row').filter({ hasText: '钱伟' }).textContent()).toContain(W.paid);
    await poll(() => page.getByTestId('patient-card').locator('..').getByTestId('appointment-row').first().textContent()).toContain(W.checkedIn);

    // The queue is one Tab stop; its rows' buttons are reached only from the row in focus.
    const stops = await page.getByTestId('queue-table').evaluate((t) => Array.from(t.querySelectorAll<HTMLElement>('tr[data-roving-item], button'))
      .filter((e) => e.tabIndex >= 0).map((e) => e.tagName));
    expect(stops.filter((s) => s === 'TR')).toHaveLength(1);
    await shotAs(page, 'keys-queue');
    await expectAccessible(page);

    if (lang === 'en') {
      expect(await cutText(page, '.mantine-Badge-root, kbd')).toEqual([]);
      expect(await cutText(page, '[data-testid="queue-no"]', true)).toEqual([]);
    }
    for (const size of [{ width: 1024, height: 600 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(size);
      // Two panes: the queue stands beside the patient, not below her.
      const [card, queue] = await Promise.all([page.getByTestId('patient-card').boundingBox(), page.getByTestId('queue-table').boundingBox()]);
      expect(queue!.x).toBeGreaterThan(card!.x + card!.width - 1);
      if (lang === 'en') expect(await cutText(page, '.mantine-Badge-root, kbd')).toEqual([]);
      await shotAs(page, `keys-frontdesk-${size.width}`);
    }
    await context.close();
  });
});
