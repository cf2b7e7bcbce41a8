/** Keyboard-only helpers: what holds focus, and text that is cut or wrapped where it must not be. */
import type { Page } from 'playwright-core';

/** The focused element's test id, name and text, to assert where focus went. */
export function focused(page: Page): Promise<{ testId: string | null; name: string | null; role: string | null; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      testId: el?.getAttribute('data-testid') ?? null, name: el?.getAttribute('name') ?? null,
      role: el?.getAttribute('role') ?? null, text: (el?.textContent ?? '').trim(),
    };
  });
}

/**
 * Elements matching `selector` whose text is cut (wider than their box) or, with `oneLine`, runs
 * onto a second line: each as its text and why. Empty when every one shows whole.
 */
export function cutText(page: Page, selector: string, oneLine = false): Promise<string[]> {
  return page.evaluate(({ selector, oneLine }) => Array.from(document.querySelectorAll<HTMLElement>(selector)).flatMap((el) => {
    if (el.offsetParent === null) return [];
    const text = (el.textContent ?? '').trim();
    const out: string[] = [];
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${text}: cut (${el.scrollWidth} > ${el.clientWidth})`);
    if (oneLine) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) out.push(`${text}: on ${tops.size} lines`);
    }
    return out;
  }), { selector, oneLine });
}
