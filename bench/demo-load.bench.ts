/**
 * How to load the large demo: keep the search indexes the migrations create while inserting,
 * or drop them and build them after. Measured at a tenth of the large demo (100,000 patients,
 * 300,000 visits) on top of a small clinic, both ways, with the same seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoClinic } from '../main/demo/index';
import { addBulkPatientsAndVisits } from '../main/demo/large';
import { ms, table, timed } from './lib';
import { openKeyed } from '../db/cipher';
import { TEST_STATION_KEY } from '../main/station/keys.testing';

const PATIENTS = 100_000;
const VISITS = 300_000;

export function runDemoLoadBench(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const now = Date.now();
  try {
    const rows: (string | number)[][] = [];
    for (const rebuildIndexes of [false, true]) {
      const file = join(dir, `${rebuildIndexes}.sqlite`);
      const s = createDemoClinic(file, { key: TEST_STATION_KEY, now, patients: 1000, historyDays: 3 });
      const raw = openKeyed(file, TEST_STATION_KEY);
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      raw.pragma('cache_size = -32000');
      const [r, , cpu] = timed(() => addBulkPatientsAndVisits(raw, { seed: 42, today: s.today, now, patients: PATIENTS, visits: VISITS, rebuildIndexes }));
      raw.close();
      rows.push([rebuildIndexes ? 'drop indexes, load, build indexes' : 'keep the indexes while loading', ms(r.insertMs / 1000, 1),
        ms(r.indexMs / 1000, 1), ms((r.insertMs + r.indexMs) / 1000, 1), ms(cpu / 1000, 1)]);
    }
    return [
      '## Loading the large demo: indexes kept or built after',
      '',
      `${PATIENTS.toLocaleString('en')} patients and ${VISITS.toLocaleString('en')} visits into a small clinic, prepared statements,`,
      'transactions of 50,000 rows, no change log; the indexes are those of the migrations (patients: record number,',
      'name, pinyin ×2, phone, reversed phone, ID number; visits: queue, patient, date). Seconds, wall then CPU. At this',
      'size the indexes still fit in memory; at the full size (1,000,000 / 3,000,000) see main/demo/README.md.',
      '',
      table(['strategy', 'insert', 'indexes + ANALYZE', 'total', 'CPU total'], rows),
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
