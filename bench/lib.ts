/** Shared pieces of the station benchmarks: timing, percentiles, tables, and the large demo database. */
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createDemoClinic } from '../main/demo/index';
import { addDays, localDate } from '../main/domain/dates';
import { openKeyed } from '../db/cipher';
import { TEST_STATION_KEY } from '../main/station/keys.testing';

export const OUT = fileURLToPath(new URL('./out/', import.meta.url));
export const LARGE_DB = `${OUT}large.sqlite`;
const LARGE_META = `${OUT}large.json`;

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export const ms = (x: number, digits = 2) => x.toFixed(digits);

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function mark(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

/** Wall time and CPU time (user + system, this process) of one call, in ms. */
export function timed<T>(fn: () => T): [T, number, number] {
  const c = process.cpuUsage();
  const t = performance.now();
  const v = fn();
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  return [v, wall, (cpu.user + cpu.system) / 1000];
}

/** Times `fn` once, in ms. */
export function time<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

export function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function load(): string {
  return loadavg().map((x) => x.toFixed(1)).join(' / ');
}

export interface LargeDbInfo {
  file: string;
  generatedNow: boolean;
  generatedAt: string;
  today: string;
  ms: { total: number; clinic: number; bulk: number; indexes: number };
  counts: Record<string, number>;
  bytes: number;
}

/**
 * The large demo in bench/out/ (gitignored), made once and reused while its rosters still cover
 * today (they reach two weeks ahead); made again when missing or stale.
 */
export function ensureLargeDb(log: (s: string) => void): LargeDbInfo {
  const today = localDate(Date.now(), 'Asia/Shanghai');
  if (existsSync(LARGE_DB) && existsSync(LARGE_META)) {
    const meta = JSON.parse(readFileSync(LARGE_META, 'utf8')) as LargeDbInfo;
    if (addDays(meta.today, 10) >= today) return { ...meta, generatedNow: false, bytes: statSync(LARGE_DB).size };
    log(`the large demo of ${meta.today} is too old for today's rosters; making it again`);
  }
  for (const f of [LARGE_DB, `${LARGE_DB}-wal`, `${LARGE_DB}-shm`, LARGE_META]) rmSync(f, { force: true });
  log('making the large demo (1,000,000 patients, 3,000,000 visits) — a few minutes, once…');
  const s = createDemoClinic(LARGE_DB, { key: TEST_STATION_KEY, large: true });
  // Fold the WAL into the file so copies and opens start from one file.
  const raw = openKeyed(LARGE_DB, TEST_STATION_KEY);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const info: LargeDbInfo = {
    file: LARGE_DB, generatedNow: true, generatedAt: new Date().toISOString(), today: s.today, ms: s.ms, counts: s.counts,
    bytes: statSync(LARGE_DB).size,
  };
  writeFileSync(LARGE_META, JSON.stringify(info, null, 2));
  return info;
}

/** A scratch copy of the large demo for benches that write. */
export function scratchCopy(name: string): string {
  const file = `${OUT}${name}.sqlite`;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  copyFileSync(LARGE_DB, file);
  return file;
}

export function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

/** bench/RESULTS.md: each benchmark owns one "## " section of it. */
export const RESULTS_FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/**
 * Puts `section` (starting with its `heading` line) into bench/RESULTS.md in place of the earlier
 * one (or at the end), leaving the other sections as they are.
 */
/**
 * Puts rows into the "Targets" table of bench/RESULTS.md in place of those with the same first
 * cell (a partial run's targets), leaving the other rows as they are; new ones go at its end.
 */
export function writeTargetRows(rows: (string | number)[][]): void {
  if (!existsSync(RESULTS_FILE) || rows.length === 0) return;
  const lines = readFileSync(RESULTS_FILE, 'utf8').split('\n');
  const head = lines.indexOf('## Targets');
  if (head < 0) return;
  const first = lines.findIndex((l, i) => i > head && l.startsWith('| '));
  if (first < 0) return;
  let end = first;
  while (end < lines.length && lines[end]!.startsWith('| ')) end += 1;
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const fresh = new Map(rows.map((r) => [String(r[0]), line(r)]));
  const kept = lines.slice(first + 2, end).map((l) => {
    const key = l.slice(2, l.indexOf(' | '));
    const row = fresh.get(key);
    fresh.delete(key);
    return row ?? l;
  });
  lines.splice(first + 2, end - first - 2, ...kept, ...fresh.values());
  writeFileSync(RESULTS_FILE, lines.join('\n'));
}

export function writeResultsSection(heading: string, section: string): void {
  const text = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmark results\n';
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) {
    writeFileSync(RESULTS_FILE, `${text.trimEnd()}\n\n${section}\n`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length + 2);
  writeFileSync(RESULTS_FILE, `${text.slice(0, start)}\n${section}\n${next < 0 ? '' : text.slice(next)}`);
}
