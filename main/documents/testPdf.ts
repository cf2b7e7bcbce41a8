/** Test helpers: read PDFs back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm) and zbar. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(buf: Uint8Array, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-pdf-'));
  const path = join(dir, 'doc.pdf');
  writeFileSync(path, buf);
  try {
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd}: ${r.error.message} (apt-get install -y poppler-utils)`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export function hasCommand(cmd: string): boolean {
  return !spawnSync(cmd, ['-v'], { encoding: 'utf8' }).error;
}

/** The text of the PDF (or of one page, 1-based) as `pdftotext -layout` gives it. */
export function pdfText(buf: Uint8Array, page?: number): string {
  return withFile(buf, (p) => run('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), p, '-']));
}

/** Text with all whitespace removed, for checks that must not depend on column spacing. */
export function flatText(buf: Uint8Array, page?: number): string {
  return pdfText(buf, page).replace(/\s+/g, '');
}

export interface PdfInfo {
  pages: number;
  sizes: Array<{ width: number; height: number }>;
}

export function pdfInfo(buf: Uint8Array): PdfInfo {
  return withFile(buf, (p) => {
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [p]))?.[1] ?? 0);
    const all = run('pdfinfo', ['-f', '1', '-l', String(pages), p]);
    const sizes = [...all.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
    return { pages, sizes };
  });
}

export interface PdfFont { name: string; type: string; emb: string; sub: string }

export function pdfFonts(buf: Uint8Array): PdfFont[] {
  return withFile(buf, (p) =>
    run('pdffonts', [p])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        // name type... encoding emb sub uni object ID
        const n = cols.length;
        return { name: cols[0] ?? '', type: cols.slice(1, n - 6).join(' '), emb: cols[n - 5] ?? '', sub: cols[n - 4] ?? '' };
      }),
  );
}

/** Barcodes and QR codes zbarimg finds on page `page` rendered at `dpi`: ["CODE-128:…", "QR-Code:…"]. */
export function scanCodes(buf: Uint8Array, page = 1, dpi = 200, rawUtf8 = false): string[] {
  return withFile(buf, (p, dir) => {
    run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), p, join(dir, 'page')]);
    const png = readdirSync(dir).find((f) => f.endsWith('.png'));
    if (!png) return [];
    if (rawUtf8) {
      const r = spawnSync('zbarimg', ['-q', '--raw', '-Sbinary', join(dir, png)]);
      return [new TextDecoder().decode(r.stdout).replace(/\n$/, '')].filter(Boolean);
    }
    const r = spawnSync('zbarimg', ['-q', join(dir, png)], { encoding: 'utf8' });
    return r.stdout.split('\n').filter(Boolean);
  });
}
