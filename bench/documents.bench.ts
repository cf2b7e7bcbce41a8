/**
 * Printed documents benchmark: time per document (cold = first document of a fresh process,
 * font read and parsed included; warm = later documents), file size, for each kind; the
 * font strategy (parsed font shared vs. a cached Buffer registered per document); and the same
 * prescription printed by Chromium's printToPDF from HTML, side by side.
 *
 *   npx tsx bench/documents.bench.ts          prints the markdown section
 *   runDocumentsBench(): Promise<string>      the same, for bench/RESULTS.md
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderDocument, warmUpDocuments, type DocumentInputs, type DocumentKind, type RenderOptions } from '../main/documents/index';
import { preloadFonts, resetFontCache, setFontSourceMode } from '../main/documents/fonts';
import * as F from '../main/documents/fixtures';
import { labelsFor } from '../main/documents/labels';
import { date, money, withUnit } from '../main/documents/format';

interface Case {
  name: string;
  kind: DocumentKind;
  data: () => DocumentInputs[DocumentKind];
  opts: RenderOptions;
}

const CASES: Case[] = [
  { name: 'prescription, 3 items (A5)', kind: 'prescription', data: () => F.prescription(3), opts: { lang: 'zh-CN' } },
  { name: 'prescription, 30 items (A5, 4 pages)', kind: 'prescription', data: () => F.prescription(30), opts: { lang: 'zh-CN' } },
  { name: 'prescription, English', kind: 'prescription', data: () => F.prescription(3), opts: { lang: 'en' } },
  { name: 'receipt (A5)', kind: 'receipt', data: () => F.receipt(), opts: { lang: 'zh-CN' } },
  { name: 'receipt (80 mm roll)', kind: 'receipt', data: () => F.receipt(), opts: { lang: 'zh-CN', paper: 'roll80' } },
  { name: 'refund slip, copy (A5)', kind: 'receipt', data: () => F.receipt('refund'), opts: { lang: 'zh-CN', copy: true } },
  { name: 'medical record + amendments (A4)', kind: 'medicalRecord', data: () => F.medicalRecord({ amendments: true }), opts: { lang: 'zh-CN' } },
  { name: 'close-of-day report (A4)', kind: 'dayReport', data: () => F.dayReport(), opts: { lang: 'zh-CN' } },
  { name: 'patient label (50×30 mm)', kind: 'patientLabel', data: () => F.patientLabel(), opts: { lang: 'zh-CN' } },
  { name: 'drug labels ×3 (70×50 mm)', kind: 'drugLabel', data: () => F.drugLabels(), opts: { lang: 'zh-CN' } },
];

const WARM_RUNS = 30;
const TARGET_MS = 30;
const TARGET_KB = 80;

const ms = (n: number) => n.toFixed(1);
const kb = (n: number) => (n / 1024).toFixed(1);

function stats(xs: number[]): { median: number; p95: number; min: number } {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)] ?? NaN,
    p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? NaN,
    min: s[0] ?? NaN,
  };
}

/** Wall time and CPU time (user + system, this process) of one document. */
async function time(c: Case): Promise<{ ms: number; cpu: number; size: number }> {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const pdf = await renderDocument(c.kind, c.data() as never, c.opts);
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpu: (cpu.user + cpu.system) / 1000, size: pdf.length };
}

async function warm(c: Case, runs = WARM_RUNS): Promise<{ median: number; p95: number; min: number; cpu: number; size: number }> {
  for (let i = 0; i < 5; i++) await time(c);
  const xs: number[] = [];
  const cs: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const r = await time(c);
    xs.push(r.ms);
    cs.push(r.cpu);
    size = r.size;
  }
  return { ...stats(xs), cpu: stats(cs).median, size };
}

interface Cold { preloadMs: number; preloadCpu: number; ms: number; cpu: number }

/**
 * First document in a fresh process (module loading excluded; font read, parse and first
 * layout included), optionally after preloadFonts() as the station does at start-up.
 */
function cold(index: number, preload: false | 'fonts' | 'warmup' = false): Cold {
  const self = fileURLToPath(import.meta.url);
  const args = ['--import', 'tsx', self, '--cold', String(index), ...(preload ? [`--${preload}`] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: process.cwd() });
  const m = /COLD (\{.*\})/.exec(r.stdout);
  if (!m?.[1]) throw new Error(`cold run failed: ${r.stderr}`);
  return JSON.parse(m[1]) as Cold;
}

// ------------------------------------------------------------------ the same prescription in Chromium

function prescriptionHtml(): string {
  const rx = F.prescription(3);
  const L = labelsFor('zh-CN');
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const items = rx.items
    .map((it, i) => `<div class="item"><div class="l1"><span class="n">${i + 1}.</span><b>${esc(it.name)}</b> ${esc(it.spec ?? '')}<span class="q">×${withUnit(it.quantity, it.unit, 'zh-CN')}</span><span class="a">${money(it.amountFen)}</span></div>
      <div class="sig">用法：每次${withUnit(it.dose, it.doseUnit, 'zh-CN')} ${L.route(it.route)} ${L.frequency(it.frequency)} ${L.w.forDays(it.days)}</div></div>`)
    .join('');
  const total = rx.items.reduce((a, it) => a + it.amountFen, 0);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    @page { size: A5; margin: 8mm 9mm; }
    body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; font-size: 9pt; margin: 0; }
    h1 { text-align: center; font-size: 14pt; margin: 0; } h2 { text-align: center; font-size: 16pt; letter-spacing: 4pt; margin: 2pt 0 8pt; }
    .row { display: flex; gap: 8pt; margin: 3pt 0; } .row span { flex: 1; border-bottom: .4pt solid #999; }
    .rp { font-size: 15pt; font-weight: bold; border-top: 1.4pt solid #000; margin-top: 6pt; padding-top: 4pt; }
    .item { margin: 4pt 0 8pt; } .l1 { display: flex; font-size: 10pt; } .l1 b { margin-right: 6pt; } .n { width: 16pt; }
    .q { margin-left: auto; width: 60pt; text-align: right; } .a { width: 58pt; text-align: right; } .sig { color: #555; font-size: 8.5pt; margin-left: 16pt; }
    .foot { position: fixed; bottom: 0; left: 0; right: 0; border-top: 1pt solid #000; padding-top: 6pt; }
  </style></head><body>
    <h1>${esc(rx.clinic.name)}</h1><h2>处方笺</h2>
    <div class="row"><span>处方号：${rx.rxNo}</span><span>科别：${esc(rx.department)}</span><span>日期：${date(rx.issuedAt, rx.timeZone)}</span></div>
    <div class="row"><span>姓名：${esc(rx.patient.name)}</span><span>性别：${L.sex(rx.patient.sex)}</span><span>年龄：${esc(rx.patient.ageLabel ?? '')}</span><span>病历号：${rx.patient.recordNo}</span></div>
    <div class="row"><span>费别：职工医保</span><span>过敏史：${esc(rx.patient.allergies ?? '')}</span></div>
    <div class="row"><span>临床诊断：${(rx.diagnoses ?? []).map((d) => `${esc(d.text)}（${d.code}）`).join('；')}</span></div>
    <div class="rp">Rp.</div>${items}
    <div class="foot"><div class="row"><span>医师：${esc(rx.doctor)}</span><span>金额：${money(total)}</span></div>
    <div class="row"><span>审核药师：${esc(rx.reviewer ?? '')}</span><span>调配/发药药师：${esc(rx.dispenser ?? '')}</span></div></div>
  </body></html>`;
}

async function chromiumBench(): Promise<string> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return '_Chromium comparison skipped: playwright-core not installed._';
  }
  const html = prescriptionHtml();
  const t0 = performance.now();
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage'],
    });
  } catch (e) {
    return `_Chromium comparison skipped: ${(e as Error).message.split('\n')[0]}_`;
  }
  try {
    const launched = performance.now() - t0;
    const once = async () => {
      const page = await browser.newPage();
      await page.setContent(html);
      const pdf = await page.pdf({ format: 'A5', printBackground: true });
      await page.close();
      return pdf;
    };
    const t1 = performance.now();
    const first = await once();
    const firstMs = performance.now() - t1;
    const xs: number[] = [];
    let size = first.length;
    for (let i = 0; i < 3; i++) await once();
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      size = (await once()).length;
      xs.push(performance.now() - t);
    }
    const s = stats(xs);
    return `| Chromium printToPDF (HTML, A5), same prescription | ${ms(launched + firstMs)} (launch ${ms(launched)} + first ${ms(firstMs)}) | ${ms(s.median)} / ${ms(s.p95)} / ${ms(s.min)} | ${kb(size)} |`;
  } finally {
    await browser.close();
  }
}

export async function runDocumentsBench(): Promise<string> {
  const rows: string[] = [];
  let allMet = true;
  const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
  for (const [i, c] of CASES.entries()) {
    const k = cold(i);
    const w = await warm(c);
    // Judged on CPU time: wall time on a shared machine measures the neighbours too.
    const met = w.cpu < TARGET_MS && w.size < TARGET_KB * 1024;
    allMet &&= met;
    rows.push(`| ${c.name} | ${ms(k.ms)} (CPU ${ms(k.cpu)}) | ${ms(w.median)} / ${ms(w.p95)} / ${ms(w.min)} | ${ms(w.cpu)} | ${kb(w.size)} | ${met ? 'yes' : '**no**'} |`);
  }

  // Font strategy: the parsed font kept alive vs. a cached Buffer that pdfkit parses per document.
  const rx = CASES[0]!;
  setFontSourceMode('buffer');
  const asBuffer = await warm(rx, 15);
  setFontSourceMode('parsed');
  resetFontCache();
  const t = performance.now();
  await time(rx);
  const reparse = performance.now() - t;
  const asParsed = await warm(rx, 15);

  const pre = cold(0, 'fonts');
  const warmed = cold(3, 'warmup');
  const chrome = await chromiumBench();
  const pdfkitRx = rows[0]!.split('|').map((x) => x.trim());

  return [
    '## Printed documents (pdfkit + NotoSansSC subset)',
    '',
    `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average at the start ${load}. Cold = first document in a fresh process (fonts read and parsed, glyphs laid out for the first time; module loading excluded). Warm = wall time median / p95 / min of ${WARM_RUNS} later documents; CPU = median CPU time of one warm document. Targets: under ${TARGET_MS} ms warm, under ${TARGET_KB} KB; the time target is judged on CPU time, which other work on a shared machine disturbs far less than wall time (see the load average).`,
    '',
    '| document | cold ms | warm ms (median / p95 / min) | warm CPU ms | size KB | targets met |',
    '|---|---:|---:|---:|---:|:---:|',
    ...rows,
    '',
    `All targets met: ${allMet ? 'yes' : '**no**'}.`,
    '',
    '### Where the time goes: the font',
    '',
    '| prescription (A5), warm | ms (median / p95) |',
    '|---|---:|',
    `| parsed fontkit font and shaped-word cache kept alive and shared (what the app does) | ${ms(asParsed.median)} / ${ms(asParsed.p95)} (CPU ${ms(asParsed.cpu)}) |`,
    `| cached Buffer registered per document (pdfkit re-parses the 10 MB TTF each time) | ${ms(asBuffer.median)} / ${ms(asBuffer.p95)} (CPU ${ms(asBuffer.cpu)}) |`,
    `| first document after dropping the cache, in a warm process (read + parse + first layout) | ${ms(reparse)} |`,
    `| fresh process: preloadFonts() at start-up, then the first prescription | preload ${ms(pre.preloadMs)} (CPU ${ms(pre.preloadCpu)}), document ${ms(pre.ms)} (CPU ${ms(pre.cpu)}) |`,
    `| fresh process: warmUpDocuments() at start-up, then the first receipt (A5) | warm-up ${ms(warmed.preloadMs)} (CPU ${ms(warmed.preloadCpu)}), document ${ms(warmed.ms)} (CPU ${ms(warmed.cpu)}) |`,
    '',
    '### Against Chromium printToPDF',
    '',
    '| renderer | cold ms | warm ms (median / p95 / min) | size KB |',
    '|---|---:|---:|---:|',
    `| pdfkit, prescription 3 items (A5) | ${pdfkitRx[2]} | ${pdfkitRx[3]} | ${pdfkitRx[5]} |`,
    chrome,
    '',
  ].join('\n');
}

const argv = process.argv;
if (argv[2] === '--cold') {
  const c = CASES[Number(argv[3])]!;
  let preloadMs = 0;
  let preloadCpu = 0;
  if (argv.includes('--fonts') || argv.includes('--warmup')) {
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    if (argv.includes('--warmup')) await warmUpDocuments();
    else preloadFonts();
    preloadMs = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    preloadCpu = (cpu.user + cpu.system) / 1000;
  }
  const r = await time(c);
  console.log(`COLD ${JSON.stringify({ preloadMs, preloadCpu, ms: r.ms, cpu: r.cpu } satisfies Cold)}`);
} else if (argv[1] && import.meta.url === pathToFileURL(argv[1]).href) {
  console.log(await runDocumentsBench());
}
