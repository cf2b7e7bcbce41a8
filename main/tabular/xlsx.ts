/**
 * XLSX for imports and exports: one sheet of text and number cells.
 *
 *  - `toXlsx(sheet, rows)` / `writeXlsxSync`: our own synchronous writer (xlsx-write.ts):
 *    numbers as number cells, text as string cells (never formulas), with the same formula
 *    guard as CSV (cells.ts) so both formats carry one text.
 *  - `parseXlsx(buf)` / `readXlsxSync(buf)`: the FIRST sheet as text rows, by our own
 *    synchronous reader (xlsx-read.ts). Numbers come back as a person typed them
 *    (`plainNumber`: 15 significant digits, no exponent, no float noise), dates as YYYY-MM-DD
 *    (or YYYY-MM-DD HH:mm:ss), formulas as their cached result, rich text as its text,
 *    booleans as TRUE/FALSE, errors as their code (#N/A). A row's trailing empty cells are
 *    dropped; an empty row inside is []. Not an XLSX → FILE_MALFORMED; a file that unpacks to
 *    more than MAX_UNPACKED_BYTES (a "zip bomb") → IMPORT_TOO_LARGE.
 *
 * Why our own, with only node:zlib: handlers run inside ONE synchronous SQLite transaction, so
 * an import must have its rows, and an export its bytes, without awaiting anything; exceljs
 * (and the zip libraries it uses) only read and write asynchronously. exceljs is kept as a
 * devDependency: the tests check that what we write, exceljs reads, and that what exceljs
 * writes (shared strings, styles, dates, formulas, rich text), we read.
 */
import type { Rows } from './cells';
import { readXlsxSync } from './xlsx-read';
import { writeXlsxSync } from './xlsx-write';

export { MAX_UNPACKED_BYTES, readXlsxSync } from './xlsx-read';
export { writeXlsxSync } from './xlsx-write';

export function toXlsx(sheet: string, rows: Rows): Promise<Buffer> {
  return Promise.resolve(writeXlsxSync(sheet, rows));
}

/** The first sheet as text rows; async for symmetry with `toXlsx`. */
export function parseXlsx(buf: Buffer): Promise<string[][]> {
  try {
    return Promise.resolve(readXlsxSync(buf));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
