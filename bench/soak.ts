/**
 * npm run soak: the fault harnesses of the tests, run long — a desk SIGKILLed in the middle of
 * real commands (main/sync/desk-kills.ts) and a hub killed, cut off and frozen while two desks
 * write (main/sync/hub-faults.ts) — writing their counts into the "## Soak" section of
 * bench/RESULTS.md. Not part of the tests. Exits 1 when anything was lost, torn or duplicated.
 *
 *   npm run soak                                    200 desk kills, 100 hub faults
 *   npm run soak -- --desk-kills 20 --hub-faults 10 a shorter run (the counts run are written)
 *   npm run soak -- --seed 7                        another random sequence
 */
import { cpus, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { runDeskKills } from '../main/sync/desk-kills';
import { runHubFaults } from '../main/sync/hub-faults';
import { load, ms, table, writeResultsSection } from './lib';

const log = (s: string) => console.error(`[soak] ${s}`);

function count(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} takes a whole number, not ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'desk-kills': { type: 'string' }, 'hub-faults': { type: 'string' }, seed: { type: 'string' } } });
  const deskKills = count(values['desk-kills'], 200, '--desk-kills');
  const hubFaults = count(values['hub-faults'], 100, '--hub-faults');
  const seed = count(values.seed, 20261204, '--seed');
  const started = new Date();
  const loadAtStart = load();

  // A harness that fails outright (a wait that timed out) is a problem of the run; the other still runs.
  const failed: string[] = [];
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (err) {
      failed.push(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  };
  log(`hub: ${hubFaults} faults while two desks write…`);
  const hub = hubFaults > 0 ? await attempt('hub faults', () => runHubFaults({ faults: hubFaults, seed, log: (s) => log(s) })) : null;
  log(`desk: ${deskKills} kills in the middle of commands…`);
  const desk = deskKills > 0 ? await attempt('desk kills', () => runDeskKills({ kills: deskKills, seed, log: (s) => log(s) })) : null;

  const problems = [...failed, ...(hub?.problems ?? []), ...(desk?.problems ?? [])];
  const cpu = cpus();
  const full = deskKills >= 200 && hubFaults >= 100;
  const rows: (string | number)[][] = [
    ['run', `${started.toISOString()}, seed ${seed}${full ? '' : ` — a **shorter run** than the default 200 desk kills and 100 hub faults`}`],
    ['machine', `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${platform()} ${release()}, Node ${process.version}`],
    ['load average (1/5/15 min)', `${loadAtStart} at the start, ${load()} at the end (the 2 cores are shared)`],
  ];
  if (desk) {
    rows.push(
      ['desk: SIGKILLs in the middle of commands', desk.kills],
      ['desk: commits reported before a kill', desk.reported],
      ['desk: change-log entries at the end', desk.changes],
      ['desk: reported commits lost', desk.lost],
      ['desk: integrity or change-log problems', desk.problems.length - desk.lost],
      ['desk: duration', `${ms(desk.ms / 1000, 0)} s`],
    );
  }
  if (hub) {
    rows.push(
      ['hub: faults (SIGKILL + restart / cut / freeze)', `${hub.faults} (${hub.kills} / ${hub.cuts} / ${hub.freezes})`],
      ['hub: operations written at two desks', hub.operations],
      ['hub: desk changes in the hub\'s log', hub.changes],
      ['hub: operations lost', hub.lost],
      ['hub: changes or operations duplicated', hub.duplicated],
      ['hub: runs the final wait asked for', hub.nudges],
      ['hub: connections the final wait cut (a desk not ready for 15 s)', hub.helloCuts],
      ['hub: duration', `${ms(hub.ms / 1000, 0)} s`],
    );
  }
  rows.push(['problems', problems.length === 0 ? 'none' : problems.slice(0, 20).join('<br>')]);
  writeResultsSection('## Soak: desk kills and hub faults', [
    '## Soak: desk kills and hub faults',
    '',
    'Written by `npm run soak` (`bench/soak.ts`): the harnesses of main/sync/faults-desk.int.test.ts and',
    'main/sync/faults-hub.int.test.ts, run long. A desk process runs real commands on its station file and is',
    'SIGKILLed at a random moment, then the file is checked (integrity_check, every reported commit there, the',
    'change log folding to the rows); a hub process is SIGKILLed and restarted, cut off, or frozen past the',
    'desks\' timeout while two desks write, then the hub\'s log must hold each desk change once and every',
    'operation must be at the hub and both desks once.',
    '',
    table(['', ''], rows),
  ].join('\n'));
  log(`wrote the soak section of bench/RESULTS.md; ${problems.length} problems`);
  for (const p of problems) log(p);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
