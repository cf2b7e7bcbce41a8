/**
 * The patient-app code at a front desk that has no hub to ask (the web host on its own station,
 * as when the hub is down), in Chinese and in English: the patient card's action opens the dialog,
 * which says plainly that codes are made at the hub and what to do instead, offers to try again,
 * and shows no code. axe-core on the dialog; screenshots in /tmp/clinic-e2e-portal-code-*.png.
 * (The code issued and used by a phone: e2e/patient-app-records.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe';
import { desk, logIn, poll, shot } from './support/browser';
import { openClinic, type E2eClinic } from './support/clinic';
import { PASSWORD } from './support/seed';

const WORDS = {
  'zh-CN': { title: '连不上中心服务器', hint: '请患者在手机端用身份证自行注册', action: '手机端激活码' },
  en: { title: 'The hub cannot be reached', hint: 'open an account on the phone with their ID number', action: 'Patient app code' },
} as const;

describe.each(['zh-CN', 'en'] as const)('the patient-app code without a hub, in %s', { timeout: 120_000 }, (lang) => {
  const W = WORDS[lang];
  let clinic: E2eClinic;
  beforeAll(async () => { clinic = await openClinic(`portal-code-${lang}`); }, 120_000);
  afterAll(async () => { await clinic?.close(); });

  it('says the hub cannot be reached and what the patient can do instead, showing no code', async () => {
    const { context, page } = await desk(clinic.browser, lang);
    try {
      await logIn(page, clinic.url, 'reception', PASSWORD);
      // The front desk's shortcuts are live once its screen is drawn.
      await page.getByTestId('shortcut-register').waitFor();
      await page.keyboard.press('F6');
      await page.getByTestId('register-form').locator('input[name="name"]').fill('赵敏');
      await page.keyboard.press('Enter');
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('walk-in');
      expect(await page.getByTestId('portal-code').textContent()).toBe(W.action);
      await page.getByTestId('portal-code').click();
      const dialog = page.getByTestId('portal-code-dialog');
      const offline = dialog.getByTestId('portal-code-offline');
      await offline.waitFor();
      expect(await offline.textContent()).toContain(W.title);
      expect(await offline.textContent()).toContain(W.hint);
      expect(await dialog.getByTestId('portal-code').count()).toBe(0);
      expect(await dialog.getByTestId('portal-code-print').count()).toBe(0);
      await shot(page, `portal-code-offline-${lang}`);
      await expectAccessible(page);
      // Trying again asks again, and says the same while the hub is away.
      await dialog.getByTestId('portal-code-retry').click();
      await offline.waitFor();
      await dialog.getByTestId('portal-code-close').click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });
});
