/** A PDF the browser downloads, saved and read back as text with poppler's pdftotext. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export interface SavedPdf { filename: string; path: string; text: string; flat: string }

export async function downloadPdf(page: Page, click: Locator): Promise<SavedPdf> {
  const [download] = await Promise.all([
    page.waitForEvent('download').catch(async (e: unknown) => {
      // Say why: the desk shows the station's refusal next to the button.
      const notes = await page.getByTestId('error-note').allTextContents();
      await page.screenshot({ path: '/tmp/clinic-e2e-download-failed.png' });
      throw new Error(`no download (${notes.join(' / ') || 'no error shown'}): ${String(e)}`);
    }),
    click.click(),
  ]);
  const filename = download.suggestedFilename();
  const path = join(mkdtempSync(join(tmpdir(), 'clinic-e2e-pdf-')), filename);
  await download.saveAs(path);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return { filename, path, text, flat: text.replace(/\s+/g, '') };
}
