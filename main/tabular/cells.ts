/**
 * What CSV and XLSX share: how a cell is written and how a number reads back as text.
 *
 * Formula injection. A spreadsheet program treats a cell whose text starts with = + - @ (and,
 * in some programs, a tab or carriage return) as a formula when it opens a CSV file, so a drug
 * named `=HYPERLINK(...)` could run something on the admin's machine. On EXPORT every string
 * cell that starts with one of these characters gets a leading apostrophe (`'=1+2`), which
 * Excel and LibreOffice show as plain text. Numbers are written as numbers and not touched
 * (a negative price stays `-5`). On IMPORT, `unguardFormula` takes that one apostrophe off
 * again, so an exported file imports back to the same values. `parseCsv`/`parseXlsx` return
 * the raw cells; the importer calls `unguardFormula` on each cell.
 *
 * XLSX cells written by `toXlsx` are typed string cells, never formulas, so they need no guard;
 * the same apostrophe is still added so that both formats carry the same text.
 */

export type Cell = string | number | null;
export type Rows = readonly (readonly Cell[])[];

// Apostrophes already in front of a formula character are guarded too (`'=x` → `''=x`), so
// that unguarding is exact: unguard(guard(t)) === t for every text.
const GUARD_NEEDED = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** `'=1+2'` → `"'=1+2"`; other text unchanged. */
export function guardFormula(text: string): string {
  return GUARD_NEEDED.test(text) ? `'${text}` : text;
}

/** Reverses `guardFormula`: `"'=1+2"` → `'=1+2'`; `"'abc"` stays as it is. */
export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

const PLAIN = new Intl.NumberFormat('en-US', {
  useGrouping: false,
  maximumSignificantDigits: 15,
});

/**
 * A number as a person would type it: no exponent, no binary float noise (15 significant
 * digits, as Excel keeps): 0.1 + 0.2 → "0.3", 1e-7 → "0.0000001", 12 → "12".
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Object.is(n, -0)) return '0';
  return PLAIN.format(n);
}

/** A cell as export text: null → '', numbers plain, strings guarded. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return plainNumber(cell);
  return guardFormula(cell);
}
