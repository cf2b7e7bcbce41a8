/** One fresh clinic per test file: its database, the web host on it, and a browser. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { builtRenderer } from './build';
import { launch } from './browser';
import { startHost, type RunningHost } from './host';
import { seedSmallClinic } from './seed';

export interface E2eClinic {
  url: string;
  today: string;
  browser: Browser;
  host: RunningHost;
  close: () => Promise<void>;
}

export async function openClinic(name: string, opts: { idleLockMs?: number } = {}): Promise<E2eClinic> {
  const dir = mkdtempSync(join(tmpdir(), `clinic-e2e-${name}-`));
  const file = join(dir, 'station.sqlite');
  const { today } = seedSmallClinic(file, opts);
  const [staticDir, browser] = await Promise.all([builtRenderer(), launch()]);
  const host = await startHost(file, staticDir);
  return {
    url: host.url, today, browser, host,
    close: async () => {
      await browser.close();
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
