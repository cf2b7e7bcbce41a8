/** Drawing helpers shared by the layouts: text that fits, labelled fields, rules, tables. */
import { ensure, eachPage, type Ctx } from './pdf';
import { dateTime } from './format';
import { getFont } from './fonts';

export type Align = 'left' | 'center' | 'right';
export const INK = '#111111';
export const GREY = '#555555';
export const LIGHT = '#999999';
export const RED = '#c8102e';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  align?: Align;
  lineGap?: number;
  characterSpacing?: number;
  /** line(): the smallest fraction of the size it may shrink to before cutting (default 0.75). */
  minScale?: number;
}

const SUPERSCRIPT: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁺': '+', '⁻': '-',
};
const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const hasGlyph = new Map<number, boolean>();

/**
 * Text as the font can print it: characters the font lacks would print as empty boxes, so
 * superscripts become "^9" (10⁹/L → 10^9/L), subscripts plain digits, anything else "?".
 */
export function printable(str: string): string {
  let out = '';
  let changed = false;
  let sup = false;
  for (const ch of str) {
    const cp = ch.codePointAt(0) ?? 32;
    let ok = cp < 0x2000 && cp !== 0xb9 && cp !== 0xb2 && cp !== 0xb3 ? true : hasGlyph.get(cp);
    if (ok === undefined) {
      ok = getFont('regular').hasGlyphForCodePoint(cp);
      hasGlyph.set(cp, ok);
    }
    if (ok) {
      out += ch;
      sup = false;
      continue;
    }
    changed = true;
    if (SUPERSCRIPT[ch] !== undefined) {
      out += (sup ? '' : '^') + SUPERSCRIPT[ch];
      sup = true;
    } else if (SUBSCRIPT.includes(ch)) {
      out += String(SUBSCRIPT.indexOf(ch));
      sup = false;
    } else {
      out += '?';
      sup = false;
    }
  }
  return changed ? out : str;
}

export function font(ctx: Ctx, s: TextStyle = {}): void {
  ctx.doc.font(s.bold ? 'B' : 'R').fontSize(s.size ?? 9).fillColor(s.color ?? INK);
}

/** Height of `str` wrapped to `width`. */
export function measure(ctx: Ctx, str: string, width: number, s: TextStyle = {}): number {
  font(ctx, s);
  return ctx.doc.heightOfString(printable(str), { width, lineGap: s.lineGap ?? 1, characterSpacing: s.characterSpacing ?? 0 });
}

export function widthOf(ctx: Ctx, str: string, s: TextStyle = {}): number {
  font(ctx, s);
  return ctx.doc.widthOfString(printable(str), { characterSpacing: s.characterSpacing ?? 0 });
}

/** Wrapped text at (x, y) within `width`; returns the height it took. */
export function text(ctx: Ctx, str: string, x: number, y: number, width: number, s: TextStyle = {}): number {
  if (!str) return 0;
  const h = measure(ctx, str, width, s);
  ctx.doc.text(printable(str), x, y, {
    width,
    align: s.align ?? 'left',
    lineGap: s.lineGap ?? 1,
    characterSpacing: s.characterSpacing ?? 0,
  });
  return h;
}

/**
 * One line that must not wrap: shrinks the size down to 75 %, then cuts with an ellipsis.
 * Returns the size used.
 */
export function line(ctx: Ctx, str: string, x: number, y: number, width: number, s: TextStyle = {}): number {
  const base = s.size ?? 9;
  let size = base;
  // Width grows linearly with size: shrink in one step to what fits, within the allowed scale.
  const natural = widthOf(ctx, str, { ...s, size });
  if (natural > width) size = Math.max(base * (s.minScale ?? 0.75), Math.floor(((base * width) / natural) * 10) / 10);
  let out = printable(str);
  if (widthOf(ctx, out, { ...s, size }) > width) {
    while (out.length > 1 && widthOf(ctx, `${out}…`, { ...s, size }) > width) out = out.slice(0, -1);
    out = `${out}…`;
  }
  font(ctx, { ...s, size });
  ctx.doc.text(out, x, y, {
    width,
    align: s.align ?? 'left',
    lineBreak: false,
    characterSpacing: s.characterSpacing ?? 0,
  });
  return size;
}

export function hr(ctx: Ctx, y: number, o: { x1?: number; x2?: number; width?: number; dash?: boolean; color?: string } = {}): void {
  const { doc } = ctx;
  doc.save().lineWidth(o.width ?? 0.6).strokeColor(o.color ?? INK);
  if (o.dash) doc.dash(2, { space: 2 });
  doc.moveTo(o.x1 ?? ctx.left, y).lineTo(o.x2 ?? ctx.right, y).stroke();
  doc.restore();
}

/**
 * The head of an 80 mm slip (queue slip, activation code): the clinic's name, the slip's title,
 * a dashed rule. Returns where the body starts.
 */
export function slipHeader(ctx: Ctx, clinicName: string, title: string): number {
  const width = ctx.right - ctx.left;
  let y = ctx.top;
  line(ctx, clinicName, ctx.left, y, width, { size: 11, bold: true, align: 'center', minScale: 0.6 });
  y += 16;
  line(ctx, title, ctx.left, y, width, { size: 10, align: 'center' });
  y += 16;
  hr(ctx, y, { dash: true });
  return y + 6;
}

/**
 * "姓名：张三" with the value on a ruled line, as on printed forms. The value shrinks to fit
 * its width; an absent value leaves the line blank.
 */
export function field(
  ctx: Ctx,
  label: string,
  value: string | null | undefined,
  x: number,
  y: number,
  width: number,
  s: TextStyle & { rule?: boolean } = {},
): void {
  const size = s.size ?? 9;
  const lab = ctx.L.colon(label);
  const lw = widthOf(ctx, lab, { size, color: GREY });
  line(ctx, lab, x, y, lw + 1, { size, color: GREY });
  if (value) line(ctx, value, x + lw, y, Math.max(4, width - lw - 2), { ...s, size });
  if (s.rule !== false) hr(ctx, y + size * 1.42, { x1: x + lw, x2: x + width - 4, width: 0.4, color: LIGHT });
}

export interface Column {
  header: string;
  width: number;
  align?: Align;
  bold?: boolean;
}

export interface TableOptions {
  size?: number;
  padX?: number;
  padY?: number;
  /** Draw the header again at the top of every new page (default true). */
  repeatHeader?: boolean;
  headerFill?: string;
}

function header(ctx: Ctx, cols: Column[], o: Required<TableOptions>): void {
  const h = o.size * 1.45 + o.padY * 2;
  ensure(ctx, h + o.size * 1.45 + o.padY * 2);
  const { doc } = ctx;
  doc.save().rect(ctx.left, ctx.y, ctx.right - ctx.left, h).fill(o.headerFill).restore();
  let x = ctx.left;
  for (const c of cols) {
    line(ctx, c.header, x + o.padX, ctx.y + o.padY, c.width - o.padX * 2, { size: o.size, bold: true, align: c.align ?? 'left' });
    x += c.width;
  }
  ctx.y += h;
  hr(ctx, ctx.y, { width: 0.6 });
}

/**
 * Rows of text cells that wrap within their column; a row that does not fit goes to a new
 * page (the running header is drawn by ctx.onNewPage, then this table's header again).
 */
export interface Row {
  cells: string[];
  /** A total or subtotal row: bold, shaded. */
  total?: boolean;
  /** A group heading row: bold. */
  bold?: boolean;
}

export function table(ctx: Ctx, cols: Column[], rows: Array<string[] | Row>, opts: TableOptions = {}): void {
  const o: Required<TableOptions> = { size: 8.5, padX: 3, padY: 2.5, repeatHeader: true, headerFill: '#eeeeee', ...opts };
  header(ctx, cols, o);
  for (const r of rows) {
    const row = Array.isArray(r) ? r : r.cells;
    const total = !Array.isArray(r) && r.total === true;
    const bold = total || (!Array.isArray(r) && r.bold === true);
    const heights = cols.map((c, i) => measure(ctx, row[i] ?? '', c.width - o.padX * 2, { size: o.size, bold: c.bold || bold }));
    const h = Math.max(...heights) + o.padY * 2;
    if (ctx.y + h > ctx.limit) {
      const before = ctx.page;
      ensure(ctx, h);
      if (ctx.page !== before && o.repeatHeader) header(ctx, cols, o);
    }
    if (total) ctx.doc.save().rect(ctx.left, ctx.y, ctx.right - ctx.left, h).fill('#f4f4f4').restore();
    let x = ctx.left;
    cols.forEach((c, i) => {
      text(ctx, row[i] ?? '', x + o.padX, ctx.y + o.padY, c.width - o.padX * 2, { size: o.size, bold: c.bold || bold, align: c.align ?? 'left' });
      x += c.width;
    });
    ctx.y += h;
    hr(ctx, ctx.y, { width: 0.3, color: LIGHT });
  }
}

/** Column widths from fractions of the content width (the last column takes the rest). */
export function columns(ctx: Ctx, spec: Array<Omit<Column, 'width'> & { frac: number }>): Column[] {
  const total = ctx.right - ctx.left;
  let used = 0;
  return spec.map((c, i) => {
    const width = i === spec.length - 1 ? total - used : Math.round(total * c.frac * 100) / 100;
    used += width;
    return { header: c.header, width, align: c.align, bold: c.bold };
  });
}

/** "第 n 页 / 共 N 页" centred at the bottom of every page, when there is more than one. */
export function pageNumbers(ctx: Ctx, always = false): void {
  eachPage(ctx, (i, count) => {
    if (count < 2 && !always) return;
    line(ctx, ctx.L.w.page(i + 1, count), ctx.left, ctx.H - ctx.m.bottom * 0.55 - 4, ctx.right - ctx.left, {
      size: 7.5,
      color: GREY,
      align: 'center',
    });
  });
}

/**
 * The reprint marking on every page: a red stamp 副本 / COPY in a top corner (left unless told) with the
 * reprint time, and a faint diagonal watermark across the page (left off small labels, where
 * it would cover the barcode).
 */
export function copyMarks(
  ctx: Ctx,
  o: { printedAt: number; timeZone: string; watermark?: boolean; scale?: number; corner?: 'left' | 'right' },
): void {
  if (!ctx.copy) return;
  const { doc } = ctx;
  const word = ctx.L.w.copy;
  const k = o.scale ?? 1;
  eachPage(ctx, () => {
    if (o.watermark !== false) {
      doc.save();
      doc.fillOpacity(0.07);
      doc.rotate(-35, { origin: [ctx.W / 2, ctx.H / 2] });
      font(ctx, { size: Math.min(ctx.W, ctx.H) / (ctx.lang === 'en' ? 4 : 3.2), bold: true, color: RED });
      const ww = doc.widthOfString(word);
      doc.text(word, ctx.W / 2 - ww / 2, ctx.H / 2 - doc.currentLineHeight() / 2, { lineBreak: false });
      doc.restore();
    }
    const size = 11 * k;
    const sub = `${ctx.L.w.reprinted} ${dateTime(o.printedAt, o.timeZone)}`;
    const w = Math.max(widthOf(ctx, word, { size, bold: true }), widthOf(ctx, sub, { size: size * 0.5 })) + 8 * k;
    const h = size * 2.1;
    const x = o.corner === 'right' ? ctx.W - w - 6 * k : 6 * k;
    const y = 5 * k;
    doc.save();
    if (!ctx.upright) doc.rotate(o.corner === 'right' ? -6 : 6, { origin: [x + w / 2, y + h / 2] });
    doc.lineWidth(1.2 * k).strokeColor(RED).rect(x, y, w, h).stroke();
    line(ctx, word, x, y + 1.5 * k, w, { size, bold: true, color: RED, align: 'center' });
    line(ctx, sub, x, y + size * 1.35, w, { size: size * 0.5, color: RED, align: 'center' });
    doc.restore();
  });
}

const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕,.;:!?)]}%’”…']);

/**
 * Greedy line breaking that suits mixed Chinese and Latin text: a Chinese character may end a
 * line anywhere, a Latin word stays whole (unless longer than the line), closing punctuation
 * never starts a line. Explicit newlines are kept.
 */
export function wrapLines(ctx: Ctx, str: string, width: number, s: TextStyle = {}): string[] {
  font(ctx, s);
  const doc = ctx.doc;
  const out: string[] = [];
  for (const para of printable(str).replace(/\r\n?/g, '\n').split('\n')) {
    const tokens = para.match(/[A-Za-z0-9\u00C0-\u024F.,:;!?%'"()\-/+×*=<>@#&_]+\s*|\s+|./gu) ?? [];
    let cur = '';
    for (const tok of tokens) {
      const next = cur + tok;
      if (doc.widthOfString(next.trimEnd()) <= width || cur === '') {
        cur = next;
        if (doc.widthOfString(cur.trimEnd()) > width) {
          // A single token wider than the line: cut it by characters.
          let piece = '';
          for (const ch of cur) {
            if (piece && doc.widthOfString(piece + ch) > width) {
              out.push(piece);
              piece = '';
            }
            piece += ch;
          }
          cur = piece;
        }
        continue;
      }
      if (NO_LINE_START.has(tok[0] ?? '') && tok.length === 1) {
        cur = next;
        continue;
      }
      out.push(cur.trimEnd());
      cur = tok.trimStart();
    }
    out.push(cur.trimEnd());
  }
  return out;
}

/** A paragraph that may run over pages: drawn line by line from ctx.y. */
export function paragraph(ctx: Ctx, str: string, x: number, width: number, s: TextStyle = {}): void {
  const size = s.size ?? 9;
  const lh = size * 1.45 + (s.lineGap ?? 1.5);
  for (const l of wrapLines(ctx, str, width, s)) {
    ensure(ctx, lh);
    font(ctx, s);
    ctx.doc.text(l, x, ctx.y, { width: width + 2, lineBreak: false, align: s.align ?? 'left' });
    ctx.y += lh;
  }
}

/** "女 58岁" / "Female 58" — whichever of the two is known. */
export function sexAge(ctx: Ctx, sex: 'M' | 'F' | 'U' | null | undefined, age: string | null | undefined): string {
  return [sex ? ctx.L.sex(sex) : '', age ?? ''].filter((s) => s.trim().length > 0).join(' ');
}
