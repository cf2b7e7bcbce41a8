/**
 * Making a PDF: paper sizes, the document context every layout draws through, fonts, page
 * breaks with a repeated header, page numbers and the copy (副本 / COPY) marking.
 * Margins are kept by the layouts themselves; pdfkit's own margins are 0 so that it never
 * breaks a page on its own.
 */
import PDFDocument from 'pdfkit';
import { fontSource, fontSourceIsShared, onFontReset } from './fonts';
import { labelsFor, patientCopyLabels, previewLabels, type Labels, type Lang } from './labels';

/** Millimetres to points, to 1/100 pt. */
export const mm = (v: number): number => Math.round(((v * 72) / 25.4) * 100) / 100;

/** Page sizes in points (A5 = 419.53 × 595.28). */
export const PAPER = {
  A4: { width: 595.28, height: 841.89 },
  A5: { width: 419.53, height: 595.28 },
  /** 80 mm thermal roll; the height is fitted to the content. */
  roll80: { width: 226.77, height: 0 },
  patientLabel: { width: mm(50), height: mm(30) },
  drugLabel: { width: mm(70), height: mm(50) },
} as const;
export type PaperName = keyof typeof PAPER;

export interface Margins { top: number; right: number; bottom: number; left: number }

export interface RenderOptions {
  lang: Lang;
  /** A reprint: every page is marked 副本 / COPY. */
  copy?: boolean;
  /** Paper for documents that come in more than one (receipt: A5 or roll80). */
  paper?: 'A5' | 'roll80';
  /** When the copy is printed (shown beside the copy marking); defaults to now. */
  printedAt?: number;
  /**
   * A preview on screen, not a document: marked 预览 / PREVIEW wherever a copy is marked (stamp,
   * watermark, the line on rolls and labels), with "not valid" beside it.
   */
  preview?: boolean;
  /**
   * The patient's own copy, downloaded on the patient port: marked 患者留存 / Patient copy wherever
   * a copy is marked, with when it was downloaded beside it.
   */
  patientCopy?: boolean;
}

export interface Ctx {
  doc: PDFKit.PDFDocument;
  L: Labels;
  lang: Lang;
  copy: boolean;
  /** The patient's copy: its stamp stands upright (read back as one line), unlike a reprint's tilted one. */
  upright: boolean;
  W: number;
  H: number;
  m: Margins;
  /** Content box: left and right edges, top of content, lowest y content may reach. */
  left: number;
  right: number;
  top: number;
  limit: number;
  /** The drawing cursor. */
  y: number;
  /** 0-based index of the current page. */
  page: number;
  /** Draws the running header on a new page and leaves `y` below it. */
  onNewPage?: (ctx: Ctx) => void;
}

export interface NewDocOptions {
  width: number;
  height: number;
  margins: Margins;
  /** Room kept free at the bottom of each page (page numbers, signatures). */
  footer?: number;
  lang: Lang;
  copy?: boolean;
  preview?: boolean;
  patientCopy?: boolean;
  title: string;
  author?: string;
}

/**
 * pdfkit caches the shaped glyph run of each word per document; the runs depend only on the
 * font, so one cache per weight serves every document (bounded: dropped past 20 000 words).
 * Uses pdfkit's `layoutCache` field of its embedded font; without it nothing breaks, it is
 * only slower.
 */
const layoutCaches = new Map<string, Record<string, unknown>>();
let layoutCacheChecks = 0;
onFontReset(() => layoutCaches.clear());
function shareLayoutCache(doc: PDFKit.PDFDocument, name: 'R' | 'B'): void {
  doc.font(name);
  const f = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (!f || typeof f.layoutCache !== 'object' || !fontSourceIsShared()) return;
  let cache = layoutCaches.get(name);
  if (cache && ++layoutCacheChecks % 50 === 0 && Object.keys(cache).length > 20_000) cache = undefined;
  if (!cache) {
    cache = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(name, cache);
  }
  f.layoutCache = cache;
}

export function newDoc(o: NewDocOptions): Ctx {
  const doc = new PDFDocument({
    size: [o.width, o.height],
    margin: 0,
    bufferPages: true,
    // No Helvetica: every glyph comes from the embedded, subset CJK font.
    font: null as unknown as string,
    info: { Title: o.title, Author: o.author ?? '', Creator: 'Clinic desk', Producer: 'Clinic desk (pdfkit)' },
    lang: o.lang,
    displayTitle: true,
  });
  // pdfkit 0.20 takes an already parsed fontkit font; the parse is shared by every document.
  doc.registerFont('R', fontSource('regular') as unknown as Buffer);
  doc.registerFont('B', fontSource('bold') as unknown as Buffer);
  shareLayoutCache(doc, 'B');
  shareLayoutCache(doc, 'R');
  return {
    doc,
    L: o.preview ? previewLabels(labelsFor(o.lang)) : o.patientCopy ? patientCopyLabels(labelsFor(o.lang)) : labelsFor(o.lang),
    lang: o.lang,
    copy: (o.copy ?? false) || (o.preview ?? false) || (o.patientCopy ?? false),
    upright: o.patientCopy ?? false,
    W: o.width,
    H: o.height,
    m: o.margins,
    left: o.margins.left,
    right: o.width - o.margins.right,
    top: o.margins.top,
    limit: o.height - o.margins.bottom - (o.footer ?? 0),
    y: o.margins.top,
    page: 0,
  };
}

/** Start a new page and draw the running header on it. */
export function newPage(ctx: Ctx): void {
  ctx.doc.addPage({ size: [ctx.W, ctx.H], margin: 0 });
  ctx.page++;
  ctx.y = ctx.top;
  ctx.onNewPage?.(ctx);
}

/** Make room for `h` points, breaking the page when it is not there. */
export function ensure(ctx: Ctx, h: number): void {
  if (ctx.y + h > ctx.limit && ctx.y > ctx.top + 0.5) newPage(ctx);
}

export function pageCount(ctx: Ctx): number {
  return ctx.doc.bufferedPageRange().count;
}

/** Run `fn` once per page (after layout), e.g. to write "page n of N". */
export function eachPage(ctx: Ctx, fn: (index: number, count: number) => void): void {
  const { start, count } = ctx.doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    ctx.doc.switchToPage(i);
    fn(i - start, count);
  }
}

/** End the document and collect its bytes. */
export function finish(ctx: Ctx): Promise<Buffer> {
  const { doc } = ctx;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.flushPages();
    doc.end();
  });
}

/**
 * A page whose height follows its content (80 mm roll): lay out once on a tall page to learn
 * the height, then lay out again on a page of exactly that height.
 */
export function fittedDoc(o: Omit<NewDocOptions, 'height'>, draw: (ctx: Ctx) => void): Ctx {
  // 14 400 pt (200 in, about 5 m of roll) is the largest page PDF readers accept.
  const probe = newDoc({ ...o, height: 14_400 });
  draw(probe);
  const height = Math.min(14_400, Math.ceil(probe.y + o.margins.bottom));
  const ctx = newDoc({ ...o, height });
  draw(ctx);
  return ctx;
}
