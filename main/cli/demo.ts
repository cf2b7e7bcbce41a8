/**
 * npm run demo -- --file data/demo.sqlite [--seed 42] [--large] [--force] [--now 2026-11-23T10:30:00+08:00]
 * Fills a new station database with the demo clinic (main/demo/README.md says what is in it).
 */
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDemoClinic, DEFAULT_SEED } from '../demo/index';
import { stationKeyFor } from '../station/keys';

function main(): number {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', default: 'data/demo.sqlite' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      large: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      /** The demo's "now" (default: the real clock): what happened before it is history, today's queue included. */
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run demo -- --file data/demo.sqlite [--seed 42] [--large] [--force] [--now 2026-11-23T10:30:00+08:00]');
    return 0;
  }
  const file = values.file;
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    console.error(`--seed must be a whole number ≥ 0, not ${values.seed}`);
    return 2;
  }
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (now !== undefined && !Number.isFinite(now)) {
    console.error(`--now must be a date and time, e.g. 2026-11-23T10:30:00+08:00, not ${values.now}`);
    return 2;
  }
  if (existsSync(file)) {
    if (!values.force) {
      console.error(`${file} exists; the demo fills a new database only (add --force to replace it)`);
      return 2;
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
  console.log(`making the ${values.large ? 'large ' : ''}demo clinic in ${file} (seed ${seed})…`);
  const { key, where } = stationKeyFor(file, { log: (line) => console.log(line) });
  console.log(`the file is encrypted; its key is in the ${where}`);
  const s = createDemoClinic(file, { key, seed, large: values.large, now });
  const c = s.counts;
  console.log(`done in ${(s.ms.total / 1000).toFixed(1)} s: ${c['patients']} patients, ${c['visits']} visits, ` +
    `${c['prescriptions']} prescriptions, ${c['payments']} payments, ${c['drugs']} drugs, ${c['change_log']} change-log entries`);
  console.log(`today is ${s.today}; log in with any of: ${s.accounts.map((a) => a.username).join(', ')} — password ${s.password}`);
  return 0;
}

process.exitCode = main();
