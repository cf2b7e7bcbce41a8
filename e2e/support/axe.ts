/**
 * Accessibility with axe-core in the page: no 'serious' or 'critical' violation on a screen.
 * The app's Content-Security-Policy (script-src 'self') refuses an inline <script>, which is
 * what addScriptTag makes of a file; then axe is evaluated through the DevTools protocol instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

interface Found { id: string; impact: string | null; help: string; targets: string[]; first: string }

async function injectAxe(page: Page): Promise<void> {
  const has = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (await has()) return;
  await page.addScriptTag({ path: AXE_PATH }).catch(() => undefined);
  if (!(await has())) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  if (!(await has())) throw new Error('axe-core could not be loaded into the page');
}

/**
 * Waits until no finite animation or transition is running (a notification fading in or out
 * is half transparent, and axe would measure the blend). Spinners loop forever and are ignored.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations()
    .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5_000 });
}

/** One axe run; `moved` tells whether anything began to animate while it ran. */
async function axeOnce(page: Page): Promise<{ found: Found[]; moved: boolean }> {
  return page.evaluate(async () => {
    type Axe = { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    let moved = false;
    const mark = (): void => { moved = true; };
    document.addEventListener('transitionstart', mark, true);
    document.addEventListener('animationstart', mark, true);
    try {
      const r = await axe.run(document, { resultTypes: ['violations'] });
      const found = r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
        first: `${(v.nodes[0]?.html ?? '').slice(0, 160)} ${(v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}` }));
      return { found, moved };
    } finally {
      document.removeEventListener('transitionstart', mark, true);
      document.removeEventListener('animationstart', mark, true);
    }
  }) as Promise<{ found: Found[]; moved: boolean }>;
}

/**
 * The serious and critical violations on the page once it is still, one line each. A run that
 * something started to animate through (a notification closing by itself) is run again.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  let run: { found: Found[]; moved: boolean };
  for (let attempt = 1; ; attempt++) {
    await settleAnimations(page);
    run = await axeOnce(page);
    if (!run.moved || attempt === 3) break;
  }
  return run.found.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(' | ')} — first: ${v.first}`);
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}
