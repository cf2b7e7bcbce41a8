/** A patient's phone in Chromium: 390×844, touch, the given language, trusting the hub's own certificate (self-signed, pinned in tests by the hub at hand). */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TIME_ZONE } from './seed';

export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

export async function phoneContext(browser: Browser, locale: 'zh-CN' | 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale, timezoneId: TIME_ZONE, viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 1, ignoreHTTPSErrors: true, reducedMotion: 'reduce',
    // The language list a phone set to this language sends (the app follows it before anything else).
    extraHTTPHeaders: { 'Accept-Language': locale },
  });
  if (locale === 'en-US') await context.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['en-US', 'en'] }));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}
