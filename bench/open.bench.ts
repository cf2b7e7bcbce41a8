/**
 * Opening a station: `new Station({file})` — open the SQLite file, set the pragmas, run the
 * migrations (all of them for a new file; only the check for an existing one), read the device
 * code, clock and settings. A new database, and the large demo (1,000,000 patients).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Station } from '../main/station/station';
import { LARGE_DB, mark, ms, stats, table } from './lib';
import { TEST_STATION_KEY } from '../main/station/keys.testing';

const RUNS = 10;
export const OPEN_TARGET_MS = 300;

export interface OpenResult {
  markdown: string;
  worst: number;
}

function openOnce(file: string, device?: string): number {
  const t = performance.now();
  const s = new Station({ key: TEST_STATION_KEY, file, device });
  const dt = performance.now() - t;
  s.close();
  return dt;
}

export function runOpenBench(): OpenResult {
  const dir = mkdtempSync(join(tmpdir(), 'bench-open-'));
  try {
    const fresh: number[] = [];
    const reopen: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const file = join(dir, `new-${i}.sqlite`);
      fresh.push(openOnce(file, 'B1'));
      reopen.push(openOnce(file));
    }
    const large: number[] = [];
    for (let i = 0; i < RUNS; i++) large.push(openOnce(LARGE_DB));
    const rows = [
      ['new database (create, every migration)', stats(fresh)],
      ['small existing database (migrations checked)', stats(reopen)],
      ['large demo, 1,000,000 patients (migrations checked)', stats(large)],
    ] as const;
    const worst = Math.max(...rows.map(([, s]) => s.p95));
    const markdown = [
      '## Opening a station',
      '',
      `\`new Station({ key: TEST_STATION_KEY, file })\`: open, pragmas (WAL), drizzle migrations, device code, clock, settings. ${RUNS} opens each;`,
      'the first open of the large file is listed as "first" (page cache as the machine had it). Times in ms.',
      '',
      table(['database', 'first', 'p50', 'p95', 'max', `< ${OPEN_TARGET_MS} ms`], rows.map(([name, s], i) => [
        name, ms(i === 0 ? fresh[0]! : i === 1 ? reopen[0]! : large[0]!, 1), ms(s.p50, 1), ms(s.p95, 1), ms(s.max, 1), mark(s.max < OPEN_TARGET_MS),
      ])),
    ].join('\n');
    return { markdown, worst };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
