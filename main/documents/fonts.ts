/**
 * The CJK font of every printed document: NotoSansSC Regular and Bold (SIL OFL), copied into
 * resources/fonts/ by resources/fonts/copy-fonts.mjs. pdfkit subsets it into each PDF.
 *
 * Parsing a 10 MB TTF is most of the cost of a document, so the file is read once and parsed
 * once per process; pdfkit 0.20 accepts an already parsed fontkit font, and fontkit keeps its
 * glyph cache on that object, so later documents reuse the glyphs earlier ones laid out.
 * (Measured: handing pdfkit the cached Buffer still re-parses per document, ~2× slower warm.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';
import { DomainError } from '../domain/errors';

export type FontWeight = 'regular' | 'bold';

const FILES: Record<FontWeight, { resource: string; pkgDir: string; pkgFile: string }> = {
  regular: { resource: 'NotoSansSC-Regular.ttf', pkgDir: '400Regular', pkgFile: 'NotoSansSC_400Regular.ttf' },
  bold: { resource: 'NotoSansSC-Bold.ttf', pkgDir: '700Bold', pkgFile: 'NotoSansSC_700Bold.ttf' },
};

let configuredDir: string | undefined;
const cache = new Map<FontWeight, Font>();

/** Where the fonts are looked for first (the Electron shell passes its resources path). */
export function setFontDirectory(dir: string | undefined): void {
  configuredDir = dir;
  cache.clear();
}

function candidates(weight: FontWeight): string[] {
  const f = FILES[weight];
  const out: string[] = [];
  if (configuredDir) out.push(join(configuredDir, f.resource));
  const env = process.env.CLINIC_DESK_FONTS_DIR;
  if (env) out.push(join(env, f.resource));
  // main/documents/fonts.ts → <repo>/resources/fonts
  const here = dirname(fileURLToPath(import.meta.url));
  out.push(join(here, '..', '..', 'resources', 'fonts', f.resource));
  out.push(join(process.cwd(), 'resources', 'fonts', f.resource));
  // Last resort: the registry package itself (before postinstall has run).
  try {
    const require = createRequire(import.meta.url);
    const pkg = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    out.push(join(pkg, f.pkgDir, f.pkgFile));
  } catch {
    /* package not installed */
  }
  return out;
}

/** The path the font of this weight is read from; a DomainError when it is nowhere. */
export function fontPath(weight: FontWeight): string {
  const tried = candidates(weight);
  const found = tried.find((p) => existsSync(p));
  if (!found) {
    throw new DomainError('INTERNAL', `Font ${FILES[weight].resource} not found; run "npm run fonts"`, {
      font: FILES[weight].resource,
      tried,
    });
  }
  return found;
}

/** The parsed font, parsed on first use and kept for the life of the process. */
export function getFont(weight: FontWeight): Font {
  let font = cache.get(weight);
  if (!font) {
    font = create(readFileSync(fontPath(weight)));
    cache.set(weight, font);
  }
  return font;
}

let mode: 'parsed' | 'buffer' = 'parsed';
const resetHooks: Array<() => void> = [];
/** Caches built on the parsed font register here to be dropped with it. */
export function onFontReset(hook: () => void): void {
  resetHooks.push(hook);
}
const buffers = new Map<FontWeight, Buffer>();

/**
 * For the benchmark only: 'buffer' hands pdfkit the cached file bytes instead of the parsed
 * font, so pdfkit parses the font again for every document (what registering a Buffer costs).
 */
export function setFontSourceMode(m: 'parsed' | 'buffer'): void {
  mode = m;
}

/** True when documents share the parsed font (and so may share its shaped-word cache). */
export function fontSourceIsShared(): boolean {
  return mode === 'parsed';
}

/** What newDoc registers with pdfkit: the shared parsed font (or, in 'buffer' mode, the bytes). */
export function fontSource(weight: FontWeight): Font | Buffer {
  if (mode === 'parsed') return getFont(weight);
  let b = buffers.get(weight);
  if (!b) {
    b = readFileSync(fontPath(weight));
    buffers.set(weight, b);
  }
  return b;
}

/**
 * Parse both weights ahead of the first print (e.g. at station start-up), and shape a line
 * with each so that fontkit reads its large layout tables (GSUB/GPOS) now, not on the first
 * print.
 */
export function preloadFonts(): void {
  for (const w of ['regular', 'bold'] as const) getFont(w).layout('处方笺 Rp. 每日三次 tid ¥12.30');
}

/** Forget the parsed fonts (benchmarks measure a cold start with this). */
export function resetFontCache(): void {
  cache.clear();
  resetHooks.forEach((h) => h());
  buffers.clear();
}
