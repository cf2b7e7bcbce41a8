/**
 * Reading the first sheet of an XLSX file SYNCHRONOUSLY: handlers run inside one synchronous
 * SQLite transaction, so an import must have its rows without awaiting anything. exceljs (and
 * every zip library it uses) only reads asynchronously; this reader needs only node:zlib.
 *
 * What it reads: the zip (stored or deflated parts; each part inflated with a size cap, and the
 * parts together at most MAX_UNPACKED_BYTES, so a "zip bomb" is refused with IMPORT_TOO_LARGE),
 * xl/workbook.xml and its rels (the first sheet, whatever its file is called), shared strings
 * (rich text runs joined, phonetic runs left out), inline strings, numbers (`plainNumber`),
 * booleans (TRUE/FALSE), errors (#N/A), formula results (the cached value), and numbers in a
 * date format (built-in or custom, 1900 or 1904 date system) as YYYY-MM-DD[ HH:mm:ss].
 * Anything else — not a zip, no workbook, a damaged part — is FILE_MALFORMED.
 */
import { inflateRawSync } from 'node:zlib';
import { DomainError } from '../domain/errors';
import { plainNumber } from './cells';

export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

function notXlsx(why: string): DomainError {
  return new DomainError('FILE_MALFORMED', `not a readable XLSX file: ${why}`, { field: 'file' });
}

function tooLarge(actual: number): DomainError {
  return new DomainError('IMPORT_TOO_LARGE', `XLSX unpacks to more than ${MAX_UNPACKED_BYTES} bytes`, {
    field: 'file', limit: MAX_UNPACKED_BYTES, actual,
  });
}

interface ZipEntry { method: number; compressed: number; size: number; local: number }

/** The zip's directory: part name → where and how it is stored. */
function zipDirectory(buf: Buffer): Map<string, ZipEntry> {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let p = buf.length - 22; p >= min; p--) {
    if (buf.readUInt32LE(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw notXlsx('not a zip archive');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, ZipEntry>();
  let declared = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw notXlsx('damaged zip directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const entry = {
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      local: buf.readUInt32LE(p + 42),
    };
    declared += entry.size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : entry.size;
    out.set(buf.toString('utf8', p + 46, p + 46 + nameLen), entry);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (declared > MAX_UNPACKED_BYTES) throw tooLarge(declared);
  return out;
}

class Zip {
  private readonly dir: Map<string, ZipEntry>;
  private budget = MAX_UNPACKED_BYTES;
  constructor(private readonly buf: Buffer) {
    this.dir = zipDirectory(buf);
  }

  /** A part's text, or null when the zip has no such part. */
  text(name: string): string | null {
    const e = this.dir.get(name);
    if (!e) return null;
    const b = this.buf;
    if (e.local + 30 > b.length || b.readUInt32LE(e.local) !== 0x04034b50) throw notXlsx(`damaged part ${name}`);
    const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
    const data = b.subarray(start, start + e.compressed);
    if (data.length !== e.compressed) throw notXlsx(`truncated part ${name}`);
    let raw: Buffer;
    if (e.method === 0) raw = data;
    else if (e.method === 8) {
      try {
        raw = inflateRawSync(data, { maxOutputLength: Math.max(1, this.budget) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(MAX_UNPACKED_BYTES + 1);
        throw notXlsx(`damaged part ${name}`);
      }
    } else throw notXlsx(`part ${name} uses compression method ${e.method}`);
    this.budget -= raw.length;
    if (this.budget < 0) throw tooLarge(MAX_UNPACKED_BYTES - this.budget);
    return raw.toString('utf8');
  }
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e] ?? ''))
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR_RE = new Map<string, RegExp>();
const ELEMENT_RE = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`\\s(?:\\w+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
}

/** Every element `<name …>…</name>` or `<name …/>` (any namespace prefix): [open tag, inner]. */
function elements(xml: string, name: string): [string, string][] {
  let re = ELEMENT_RE.get(name);
  if (!re) ELEMENT_RE.set(name, (re = new RegExp(`<((?:\\w+:)?${name})(\\s[^>]*?)?(/>|>([\\s\\S]*?)</\\1>)`, 'g')));
  const out: [string, string][] = [];
  for (const m of xml.matchAll(re)) out.push([m[2] ?? '', m[4] ?? '']);
  return out;
}

/** The text of all <t> runs, phonetic runs (<rPh>) left out. */
function runText(inner: string): string {
  return elements(inner.replace(/<((?:\w+:)?rPh)\b[\s\S]*?<\/\1>/g, ''), 't').map(([, t]) => decodeXml(t)).join('');
}

function firstSheetPath(zip: Zip): string {
  const wb = zip.text('xl/workbook.xml');
  if (wb === null) throw notXlsx('no workbook');
  const sheet = elements(wb, 'sheet')[0];
  if (!sheet) throw notXlsx('the workbook has no sheet');
  const rid = /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(sheet[0])?.[1];
  const rels = zip.text('xl/_rels/workbook.xml.rels') ?? '';
  const rel = elements(rels, 'Relationship').find(([tag]) => attr(tag, 'Id') === rid);
  const target = rel ? attr(rel[0], 'Target') : undefined;
  if (!target) return 'xl/worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each style index (the cell's `s`), whether it shows a date. */
function dateStyles(zip: Zip): boolean[] {
  const xml = zip.text('xl/styles.xml');
  if (xml === null) return [];
  const custom = new Map<number, string>();
  for (const [tag] of elements(xml, 'numFmt')) custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
  const cellXfs = elements(xml, 'cellXfs')[0]?.[1] ?? '';
  return elements(cellXfs, 'xf').map(([tag]) => {
    const id = Number(attr(tag, 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

function serialDate(serial: number, date1904: boolean): string {
  const ms = Math.round(((date1904 ? serial + 1462 : serial) - 25569) * 86_400_000 / 1000) * 1000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return plainNumber(serial);
  const iso = d.toISOString();
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function columnIndex(ref: string | undefined): number | null {
  const m = ref ? /^([A-Z]+)\d*$/i.exec(ref) : null;
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The first sheet as text rows; see the module comment. */
export function readXlsxSync(buf: Buffer): string[][] {
  const zip = new Zip(buf);
  const sheet = zip.text(firstSheetPath(zip));
  if (sheet === null) throw notXlsx('the first sheet is missing');
  const shared = elements(zip.text('xl/sharedStrings.xml') ?? '', 'si').map(([, inner]) => runText(inner));
  const dates = dateStyles(zip);
  const date1904 = /date1904\s*=\s*"(1|true)"/.test(zip.text('xl/workbook.xml') ?? '');
  const rows: string[][] = [];
  for (const [rowTag, rowInner] of elements(sheet, 'row')) {
    const r = Number(attr(rowTag, 'r') ?? rows.length + 1);
    if (!Number.isInteger(r) || r < rows.length + 1 || r > 1_048_576) throw notXlsx(`bad row number ${r}`);
    while (rows.length < r - 1) rows.push([]);
    const cells: string[] = [];
    for (const [tag, inner] of elements(rowInner, 'c')) {
      const col = columnIndex(attr(tag, 'r')) ?? cells.length;
      if (col < cells.length || col > 16_384) throw notXlsx(`bad cell reference in row ${r}`);
      while (cells.length < col) cells.push('');
      const type = attr(tag, 't') ?? 'n';
      const v = decodeXml(elements(inner, 'v')[0]?.[1] ?? '');
      let text: string;
      if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') text = runText(elements(inner, 'is')[0]?.[1] ?? '');
      else if (type === 'b') text = v === '1' ? 'TRUE' : v === '' ? '' : 'FALSE';
      else if (type === 'str' || type === 'e' || type === 'd') text = v;
      else if (v === '') text = '';
      else {
        const n = Number(v);
        if (!Number.isFinite(n)) throw notXlsx(`bad number in row ${r}`);
        text = dates[Number(attr(tag, 's') ?? 0)] ? serialDate(n, date1904) : plainNumber(n);
      }
      cells.push(text);
    }
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells);
  }
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}
