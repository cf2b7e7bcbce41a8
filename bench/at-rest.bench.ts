/**
 * Encryption at rest at 1,000,000 patients: the one-time conversion of a plain large demo (what a
 * station from before encryption meets at its first start), then the search and command benches
 * on the encrypted file, beside the same benches' figures on the plain file (a run of `npm run
 * bench -- search commands` on the code before encryption, same machine, same native module):
 *
 *   npx tsx bench/at-rest.bench.ts --plain-results <its RESULTS.partial.md> [--plain-db <its plain large.sqlite>]
 *
 * Writes the "## Encryption at rest" section of bench/RESULTS.md and two rows of its targets.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Station } from '../main/station/station';
import { TEST_STATION_KEY } from '../main/station/keys.testing';
import { runCommandBench } from './commands.bench';
import { ensureLargeDb, LARGE_DB, load, ms, table, writeResultsSection, writeTargetRows } from './lib';
import { runSearchBench } from './search.bench';

const SEARCH_TARGET = 5;
const COMMAND_TARGET = 2.5;
const log = (s: string) => console.error(`[at-rest] ${s}`);

/** The measured figure of a row of a RESULTS file's Targets table, in ms. */
function targetFigure(text: string, what: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`| ${what} |`));
  const m = line ? /\| ([\d.]+) ms/.exec(line.slice(what.length + 4)) : null;
  return m ? Number(m[1]) : null;
}

function main(): void {
  const { values } = parseArgs({ options: { 'plain-results': { type: 'string' }, 'plain-db': { type: 'string' } } });
  const plainText = values['plain-results'] ? readFileSync(values['plain-results'], 'utf8') : '';
  const plainSearch = targetFigure(plainText, 'patient search p95 (worst key)');
  const plainCommand = targetFigure(plainText, 'command p95 (check-in, payment)');
  const loadStart = load();
  let conversion: string[] = [];
  if (values['plain-db']) {
    log('converting a plain copy of the large demo…');
    for (const f of [LARGE_DB, `${LARGE_DB}-wal`, `${LARGE_DB}-shm`]) rmSync(f, { force: true });
    copyFileSync(values['plain-db'], LARGE_DB);
    const meta = values['plain-db'].replace(/large\.sqlite$/, 'large.json');
    if (existsSync(meta)) copyFileSync(meta, LARGE_DB.replace(/large\.sqlite$/, 'large.json'));
    const bytes = statSync(LARGE_DB).size;
    const t = performance.now();
    const station = new Station({ file: LARGE_DB, key: TEST_STATION_KEY, validateOutput: false });
    const total = performance.now() - t;
    const c = station.converted;
    station.close();
    conversion = [
      `Converting the plain large demo (${ms(bytes / 2 ** 30, 2)} GiB, ${c?.tables ?? '?'} tables) at its first start as a station: ` +
      `${ms(total / 1000, 1)} s for the whole open (fold the WAL, checksum every table, copy, rekey, reopen and checksum again, rename); ` +
      `the encrypted file is ${ms(statSync(LARGE_DB).size / 2 ** 30, 2)} GiB.`,
      '',
    ];
  }
  ensureLargeDb(log);
  log('search on the encrypted file…');
  const search = runSearchBench();
  log('commands on the encrypted file…');
  const commands = runCommandBench();
  const row = (what: string, plain: number | null, enc: number, target: number) =>
    [what, plain === null ? '–' : ms(plain), ms(enc), plain === null ? '–' : `${ms(enc / plain, 2)}×`, `< ${target} ms`, enc < target ? 'met' : '**missed**'];
  const section = [
    '## Encryption at rest (1,000,000 patients)',
    '',
    'Station files are SQLCipher 4 (better-sqlite3-multiple-ciphers, raw 256-bit key: no KDF on open; db/cipher.ts).',
    'The same search and command benches as above, on the encrypted large demo, beside a run on the plain file with the',
    `code before encryption (same machine and native module, just before). Load average ${loadStart} at the start, ${load()} at the end;`,
    'the 2 cores are shared, so the tails move between runs by more than the cipher costs. `npx tsx bench/at-rest.bench.ts` re-runs it.',
    '',
    ...conversion,
    table(['p95, ms', 'plain', 'encrypted', 'ratio', 'target', ''], [
      row('patient search (worst key)', plainSearch, search.worstP95, SEARCH_TARGET),
      row('command (worst of check-in, payment)', plainCommand, commands.worstP95, COMMAND_TARGET),
    ]),
    '',
    'The encrypted run in detail:',
    '',
    search.markdown.replace(/^## .*\n/, '#### Patient search, encrypted\n'),
    '',
    commands.markdown.replace(/^## .*\n/, '#### Commands, encrypted\n'),
  ].join('\n');
  writeResultsSection('## Encryption at rest (1,000,000 patients)', section);
  writeTargetRows([
    ['patient search p95, encrypted station (worst key)', `< ${SEARCH_TARGET} ms`, `${ms(search.worstP95)} ms`, search.worstP95 < SEARCH_TARGET ? 'met' : '**missed**'],
    ['command p95, encrypted station (check-in, payment)', `< ${COMMAND_TARGET} ms`, `${ms(commands.worstP95)} ms`, commands.worstP95 < COMMAND_TARGET ? 'met' : '**missed**'],
  ]);
  log(`search p95 ${ms(search.worstP95)} ms (plain ${plainSearch ?? '?'}), commands p95 ${ms(commands.worstP95)} ms (plain ${plainCommand ?? '?'})`);
}

main();
