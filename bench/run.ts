/**
 * npm run bench: runs each benchmark and writes bench/RESULTS.md (machine, Node, load, figures,
 * targets met or missed). Not part of the tests. The large demo database is made once into
 * bench/out/ (gitignored) and reused.
 *
 *   npm run bench                 everything
 *   npm run bench -- search open  only these sections (search, commands, open, load, documents, ui, patient, hub-stats, sync),
 *                                 written to bench/out/RESULTS.partial.md
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem, platform, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCommandBench, COMMAND_TARGET_P95_MS } from './commands.bench';
import { runDemoLoadBench } from './demo-load.bench';
import { ensureLargeDb, load, ms, peakRssMiB, RESULTS_FILE, rssMiB, table, writeTargetRows } from './lib';
import { OPEN_TARGET_MS, runOpenBench } from './open.bench';
import { runSearchBench, SEARCH_TARGET_P95_MS } from './search.bench';
import { runUiBench, UI_INTERACTIVE_TARGET_MS, UI_SEARCH_TARGET_MS } from './ui.bench';
import { PATIENT_INTERACTIVE_TARGET_MS, runPatientAppBench } from './patient-app.bench';
import { DASHBOARD_TARGET_MS, runHubStatsBench, writeSection } from './hub-stats';
import { runSyncBench, SYNC_E2E_TARGET_MS, SYNC_LIVE_P95_TARGET_MS, SYNC_POUCH_FACTOR, writeSyncSection } from './sync.bench';

const DOCUMENTS = fileURLToPath(new URL('./documents.bench.ts', import.meta.url));

const log = (s: string) => console.error(`[bench] ${s}`);

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const wants = (name: string) => only.length === 0 || only.includes(name);
  const started = new Date();
  const loadAtStart = load();
  const sections: string[] = [];
  const summary: (string | number)[][] = [];
  const memory: (string | number)[][] = [];
  const step = (name: string) => memory.push([name, ms(rssMiB(), 0), ms(peakRssMiB(), 0)]);

  log('large demo database…');
  const large = ensureLargeDb(log);
  step('large demo ready');
  sections.push([
    '## The large demo database',
    '',
    table(['', ''], [
      ['file', `bench/out/large.sqlite, ${ms(large.bytes / 2 ** 30, 2)} GiB`],
      ['patients / visits', `${large.counts['patients']?.toLocaleString('en')} / ${large.counts['visits']?.toLocaleString('en')}`],
      ['made', large.generatedNow ? `in this run, ${large.generatedAt}` : `earlier (${large.generatedAt}), reused`],
      ['time to make', `${ms(large.ms.total / 1000, 0)} s: clinic and history ${ms(large.ms.clinic / 1000, 0)} s, bulk rows ${ms(large.ms.bulk / 1000, 0)} s, indexes + ANALYZE ${ms(large.ms.indexes / 1000, 0)} s`],
    ]),
  ].join('\n'));

  if (wants('search')) {
    log('patient search…');
    const r = runSearchBench();
    sections.push(r.markdown);
    summary.push(['patient search p95 (worst key)', `< ${SEARCH_TARGET_P95_MS} ms`, `${ms(r.worstP95)} ms`, r.worstP95 < SEARCH_TARGET_P95_MS ? 'met' : '**missed**']);
    step('after search');
  }
  if (wants('commands')) {
    log('commands…');
    const r = runCommandBench();
    sections.push(r.markdown);
    summary.push(['command p95 (check-in, payment)', `< ${COMMAND_TARGET_P95_MS} ms`, `${ms(r.worstP95)} ms`, r.worstP95 < COMMAND_TARGET_P95_MS ? 'met' : '**missed**']);
    step('after commands');
  }
  if (wants('open')) {
    log('open + migrate…');
    const r = runOpenBench();
    sections.push(r.markdown);
    summary.push(['open + migrate (worst p95)', `< ${OPEN_TARGET_MS} ms`, `${ms(r.worst, 1)} ms`, r.worst < OPEN_TARGET_MS ? 'met' : '**missed**']);
    step('after open');
  }
  if (wants('load')) {
    log('demo load strategy…');
    sections.push(runDemoLoadBench());
    step('after load strategy');
  }
  if (wants('documents')) {
    if (existsSync(DOCUMENTS)) {
      log('documents…');
      const mod = (await import('./documents.bench')) as { runDocumentsBench?: () => Promise<string> | string };
      if (mod.runDocumentsBench) sections.push(await mod.runDocumentsBench());
      step('after documents');
    } else {
      sections.push('## Documents\n\n`bench/documents.bench.ts` is not there yet; no figures.');
    }
  }

  if (wants('ui')) {
    log('the UI in Chromium…');
    const r = await runUiBench(log);
    sections.push(r.markdown);
    summary.push(['UI: page to interactive front desk (p95)', `< ${UI_INTERACTIVE_TARGET_MS} ms`, `${ms(r.interactiveP95, 0)} ms`, r.interactiveP95 < UI_INTERACTIVE_TARGET_MS ? 'met' : '**missed**']);
    summary.push(['UI: keystroke to search results (worst p95)', `< ${UI_SEARCH_TARGET_MS} ms`, `${ms(r.searchWorstP95, 1)} ms`, r.searchWorstP95 < UI_SEARCH_TARGET_MS ? 'met' : '**missed**']);
    step('after UI');
  }
  if (wants('patient')) {
    log('the patient app on a phone profile (4× CPU slowdown)…');
    const r = await runPatientAppBench(log);
    sections.push(r.markdown);
    summary.push(['patient app: page to interactive on a phone profile (p95)', `< ${PATIENT_INTERACTIVE_TARGET_MS} ms`, `${ms(r.interactiveP95, 0)} ms`, r.interactiveP95 < PATIENT_INTERACTIVE_TARGET_MS ? 'met' : '**missed**']);
    step('after patient app');
  }
  if (wants('hub-stats')) {
    log('hub statistics (3,000,000 visits, PGlite and PostgreSQL)…');
    const r = await runHubStatsBench(log);
    sections.push(r.markdown);
    if (only.length > 0) writeSection(r.markdown); // a partial run still puts this section into RESULTS.md
    summary.push(['hub dashboard p95 on PGlite, 3,000,000 visits', `< ${DASHBOARD_TARGET_MS} ms`, `${ms(r.dashboardP95Pglite, 1)} ms`, r.dashboardP95Pglite < DASHBOARD_TARGET_MS ? 'met' : '**missed**']);
    if (only.length > 0) writeTargetRows(summary.slice(-1));
    step('after hub statistics');
  }
  if (wants('sync')) {
    log('sync: 100,000 changes A → hub → B, PouchDB beside it, live latency, bootstrap…');
    const r = await runSyncBench(log);
    sections.push(r.markdown);
    if (only.length > 0) writeSyncSection(r.markdown); // a partial run still puts this section into RESULTS.md
    summary.push(['sync: 100,000 changes A → hub → B (best)', `< ${SYNC_E2E_TARGET_MS / 1000} s`, `${ms(r.bestE2eMs / 1000, 1)} s`, r.bestE2eMs < SYNC_E2E_TARGET_MS ? 'met' : '**missed**']);
    summary.push(['sync: faster than PouchDB replication', `≥ ${SYNC_POUCH_FACTOR}×`, `${ms(r.pouchFactor, 2)}×`, r.pouchFactor >= SYNC_POUCH_FACTOR ? 'met' : '**missed**']);
    summary.push(['sync: live propagation p95', `< ${SYNC_LIVE_P95_TARGET_MS} ms`, `${ms(r.liveP95, 1)} ms`, r.liveP95 < SYNC_LIVE_P95_TARGET_MS ? 'met' : '**missed**']);
    if (only.length > 0) writeTargetRows(summary.slice(-3));
    step('after sync');
  }

  const cpu = cpus();
  const head = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (`bench/run.ts`); re-run it to refresh. Not part of the tests.',
    '',
    table(['', ''], [
      ['date', started.toISOString()],
      ['machine', `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}${cpu[0]?.speed ? ` @ ${cpu[0].speed} MHz` : ''}, ${platform()} ${release()}`],
      ['memory', `${ms(totalmem() / 2 ** 30, 1)} GiB total, ${ms(freemem() / 2 ** 30, 1)} GiB free at the end`],
      ['Node', process.version],
      ['load average (1/5/15 min)', `${loadAtStart} at the start, ${load()} at the end — the 2 cores are shared with other work, which inflates the tails`],
    ]),
    '',
    '## Targets',
    '',
    table(['what', 'target', 'measured', ''], summary),
    '',
    '## Memory (resident set of the bench process)',
    '',
    table(['after', 'RSS MiB', 'peak RSS MiB'], memory),
  ].join('\n');
  // A partial run does not replace the committed results.
  const target = only.length === 0 ? RESULTS_FILE : fileURLToPath(new URL('./out/RESULTS.partial.md', import.meta.url));
  writeFileSync(target, `${head}\n\n${sections.join('\n\n')}\n`);
  log(`wrote ${target}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
