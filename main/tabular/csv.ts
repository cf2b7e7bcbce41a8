/**
 * CSV as RFC 4180 says, for files a clinic admin opens in Excel or WPS:
 *
 *  - `toCsv` writes a UTF-8 byte-order mark first (without it Excel on Chinese Windows reads the
 *    file as GBK and shows mojibake), CRLF after every record, and quotes a field only when it
 *    holds a comma, a double quote, CR or LF (quotes inside are doubled). Formula injection:
 *    string cells starting with = + - @ (or tab/CR) get a leading apostrophe — see cells.ts;
 *    the importer removes it again with `unguardFormula`.
 *  - `parseCsv` strips the BOM, accepts CRLF, LF or lone CR between records and newlines inside
 *    quoted fields, and is strict about quotes: an unterminated quoted field, text after a
 *    closing quote, or a quote inside an unquoted field is a DomainError FILE_MALFORMED with
 *    `details.line` (1-based physical line of the file). A final line break adds no empty record.
 *  - `decodeCsv` turns the uploaded bytes into text: UTF-8 (with or without BOM), or — when the
 *    bytes are not valid UTF-8 — GB18030, which is what Excel's plain "CSV" saves on Chinese
 *    Windows.
 */
import { DomainError } from '../domain/errors';
import { cellText, type Rows } from './cells';

export { guardFormula, unguardFormula, plainNumber, type Cell, type Rows } from './cells';

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: Rows): string {
  let out = BOM;
  for (const row of rows) out += row.map((c) => csvField(cellText(c))).join(',') + '\r\n';
  return out;
}

function malformed(message: string, line: number): DomainError {
  return new DomainError('FILE_MALFORMED', `CSV line ${line}: ${message}`, { field: 'file', line });
}

export function parseCsv(input: string): string[][] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const rows: string[][] = [];
  const n = text.length;
  let row: string[] = [];
  let line = 1;
  let i = 0;
  if (n === 0) return rows;
  for (;;) {
    // At the start of a field.
    let field: string;
    if (text[i] === '"') {
      const startLine = line;
      i++;
      field = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw malformed(`quoted field opened here is never closed`, startLine);
        const chunk = text.slice(i, q);
        line += countLineBreaks(chunk);
        field += chunk;
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = text[i];
      if (i < n && next !== ',' && next !== '\r' && next !== '\n') {
        throw malformed('text after a closing quote (a quote inside a field must be doubled: "")', line);
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text[j];
        if (c === ',' || c === '\r' || c === '\n') break;
        if (c === '"') throw malformed('quote inside an unquoted field (quote the whole field and double the quote)', line);
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    const sep = text[i];
    if (sep === ',') {
      i++;
      continue;
    }
    // A record ends: CRLF, LF or lone CR.
    i += sep === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}

/** Uploaded bytes → text: UTF-8 (BOM or not), else GB18030 (Excel's "CSV" on Chinese Windows). */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
