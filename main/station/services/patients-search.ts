/**
 * Patient search that stays fast at a million patients. The query text decides which keys it
 * is looked up by, and each lookup is one walk of an index that stops at the limit:
 * - a name (Chinese, or other text that is not pinyin): the whole name, then any name holding it
 *   as a part, through the station's search index (patients-search-keys.ts), each newest-seen
 *   first — patients checked in here most recently, then the rest (newest registered first);
 * - letters: names whose pinyin initials are exactly them, then start with them (the same
 *   index, same order), then names whose full pinyin starts with them (its column's index);
 * - digits: the end of a phone (4+ digits, `phone_rev`, the digits reversed, so "last four" is a
 *   prefix) and its beginning (3+ digits, `phone`); 13–17 digits an ID number's beginning;
 * - an ID number, a record number: that column, exactly;
 * - letters with digits, or digits, that may be another identity document's number (a passport,
 *   a permit: main/domain/idDocuments.ts): `id_doc_number`, exactly, before the other lookups.
 * Column lookups are range scans `col >= prefix AND col < successor(prefix)` (LIKE would not use
 * these indexes: SQLite's LIKE is case-insensitive and the columns use BINARY collation).
 */
import type Database from 'better-sqlite3';
import type { PatientSummaryT } from '../../api/procedures/patients';
import type { SEARCH_KINDS } from '../../api/procedures/patients';
import type { Sex } from '../../domain/enums';
import { parseRecordNo, recordNo } from '../../domain/numbers';
import { normalizePhone } from '../../domain/phone';
import { docNumberSearchKey } from '../../domain/idDocuments';
import { normalizeSearchText } from '../../domain/pinyin';
import { ageYears, maskIdNumber, maskPhone, phoneSearchDigits, reverse, tidyName } from './patients-fields';
import { initialsLookups, nameLookups, phonePrefixKey, type KeyLookup } from './patients-search-keys';

export type SearchKind = (typeof SEARCH_KINDS)[number];
export type SearchMode = 'exact' | 'prefix';
export type SearchColumn = 'record_no' | 'id_number' | 'id_doc_number' | 'phone_rev' | 'phone' | 'pinyin_full';

export type SearchStep =
  | { kind: SearchKind; column: SearchColumn; mode: SearchMode; key: string }
  | ({ kind: SearchKind } & KeyLookup);

/** Fewest phone digits searched by the end of the number, and by its beginning. */
export const MIN_PHONE_DIGITS = 4;
export const MIN_PHONE_PREFIX_DIGITS = 3;
const ID_PREFIX_MIN = 13;

const HAN_RE = /\p{Script=Han}/u;
const PHONE_CHARS_RE = /^[+\d\s\-().]+$/;
const LETTERS_RE = /^[a-z][a-z\s'·.-]*$/;

function phoneSteps(text: string, compact: string): SearchStep[] {
  let digits = compact;
  try {
    digits = phoneSearchDigits(normalizePhone(text)); // '+86 138…' and '010-…' as stored
  } catch {
    // not a whole phone number: the digits may be its first or last few
  }
  if (digits.length >= ID_PREFIX_MIN && digits.length < 18) return [{ kind: 'id_number', column: 'id_number', mode: 'prefix', key: digits }];
  const steps: SearchStep[] = [];
  if (digits.length >= MIN_PHONE_DIGITS && digits.length < ID_PREFIX_MIN) {
    steps.push({ kind: 'phone', column: 'phone_rev', mode: 'prefix', key: reverse(digits) });
  }
  if (/^\d+$/.test(text) && text.length >= MIN_PHONE_PREFIX_DIGITS && text.length < ID_PREFIX_MIN) {
    steps.push({ kind: 'phone', column: 'phone', mode: 'prefix', key: phonePrefixKey(text) });
  }
  return steps;
}

/** Which keys a search box's text is looked up by, in the order results are listed. */
export function planSearch(q: string): SearchStep[] {
  const steps = planOtherSearch(q);
  const doc = HAN_RE.test(q) ? null : docNumberSearchKey(q);
  // Digits alone are a document's number only at the lengths of one (a Taiwan residents' permit, a 2023 residence card).
  if (doc === null || steps[0]?.kind === 'record_no' || (/^\d+$/.test(doc) && doc.length !== 8 && doc.length !== 18)) return steps;
  const step: SearchStep = { kind: 'id_doc_number', column: 'id_doc_number', mode: 'exact', key: doc };
  // A resident ID's shape: another document only as the 2023 residence card (from 9), after the resident IDs.
  if (steps[0]?.kind === 'id_number') return doc.startsWith('9') ? [...steps, step] : steps;
  return [step, ...steps];
}

function planOtherSearch(q: string): SearchStep[] {
  const text = normalizeSearchText(q);
  if (text === '') return [];
  const rec = parseRecordNo(text);
  if (rec) return [{ kind: 'record_no', column: 'record_no', mode: 'exact', key: recordNo(rec.device, rec.seq) }];
  const name = (): SearchStep[] => nameLookups(tidyName(q)).map((l) => ({ kind: 'name', ...l }));
  if (HAN_RE.test(text)) return name();
  const compact = text.replace(/[\s\-().+]/g, '');
  if (/^\d{17}[\dx]$/.test(compact)) return [{ kind: 'id_number', column: 'id_number', mode: 'exact', key: compact.toUpperCase() }];
  if (PHONE_CHARS_RE.test(text) && /\d/.test(text)) return phoneSteps(text, compact);
  if (LETTERS_RE.test(text)) {
    const letters = text.replace(/[^a-z]/g, '');
    return [
      ...initialsLookups(letters).map((l): SearchStep => ({ kind: 'pinyin_initials', ...l })),
      { kind: 'pinyin_full', column: 'pinyin_full', mode: 'prefix', key: letters },
    ];
  }
  // Other scripts, or letters mixed with digits: the name as typed.
  return name();
}

/**
 * The smallest string greater than every string that starts with `prefix` (in SQLite's BINARY
 * order, which for UTF-8 is code-point order): the last code point plus one. Null if none.
 */
export function prefixUpperBound(prefix: string): string | null {
  const cps = [...prefix];
  while (cps.length > 0) {
    const last = cps.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1; // surrogates are not characters
      return cps.join('') + String.fromCodePoint(next);
    }
  }
  return null;
}

const COLUMNS = 'p.id, p.record_no, p.name, p.sex, p.birth_date, p.id_number, p.phone';

/** The SQL of a column step (exported so a test can EXPLAIN QUERY PLAN each). */
export function searchSql(column: SearchColumn, mode: SearchMode, bounded = true): string {
  const col = `p.${column}`;
  const where = mode === 'exact' ? `${col} = ?` : bounded ? `${col} >= ? AND ${col} < ?` : `${col} >= ?`;
  return `SELECT ${COLUMNS} FROM patients p WHERE ${where} AND p.merged_into IS NULL ORDER BY ${col} LIMIT ?`;
}

/** The SQL of an index-key step: the key's patients newest-seen first, optionally only names holding a text. */
export function keySql(contains: boolean): string {
  return `SELECT ${COLUMNS} FROM patient_search_keys k JOIN patients p ON p.id = k.patient_id
    WHERE k.key = ?${contains ? ' AND instr(lower(p.name), ?) > 0' : ''} ORDER BY k.seen DESC, k.patient_id DESC LIMIT ?`;
}

interface Hit {
  id: string;
  record_no: string;
  name: string;
  sex: Sex;
  birth_date: string | null;
  id_number: string | null;
  phone: string | null;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(raw: Database.Database, sql: string): Database.Statement {
  let byDb = statements.get(raw);
  if (!byDb) statements.set(raw, (byDb = new Map()));
  let st = byDb.get(sql);
  if (!st) byDb.set(sql, (st = raw.prepare(sql)));
  return st;
}

function runStep(raw: Database.Database, step: SearchStep, limit: number): Hit[] {
  if (!('column' in step)) {
    return step.contains === undefined
      ? (prepared(raw, keySql(false)).all(step.key, limit) as Hit[])
      : (prepared(raw, keySql(true)).all(step.key, step.contains, limit) as Hit[]);
  }
  if (step.mode === 'exact') return prepared(raw, searchSql(step.column, 'exact')).all(step.key, limit) as Hit[];
  const upper = prefixUpperBound(step.key);
  return upper === null
    ? (prepared(raw, searchSql(step.column, 'prefix', false)).all(step.key, limit) as Hit[])
    : (prepared(raw, searchSql(step.column, 'prefix')).all(step.key, upper, limit) as Hit[]);
}

/** Up to `limit` patients for the text, each once, in the order of the plan's steps; `truncated` when there were more. */
export function searchPatients(
  raw: Database.Database,
  q: string,
  limit: number,
  todayIso: string,
): { items: PatientSummaryT[]; truncated: boolean } {
  const items: PatientSummaryT[] = [];
  const seen = new Set<string>();
  let truncated = false;
  for (const step of planSearch(q)) {
    // Enough rows that, after skipping those already listed, one beyond the limit shows up if it exists.
    for (const h of runStep(raw, step, limit + 1 + seen.size)) {
      if (seen.has(h.id)) continue;
      if (items.length === limit) {
        truncated = true;
        break;
      }
      seen.add(h.id);
      items.push({
        id: h.id,
        recordNo: h.record_no,
        name: h.name,
        sex: h.sex,
        birthDate: h.birth_date,
        ageYears: ageYears(h.birth_date, todayIso),
        phoneMasked: maskPhone(h.phone),
        idNumberMasked: maskIdNumber(h.id_number),
        matchedBy: step.kind,
      });
    }
    if (truncated) break;
  }
  return { items, truncated };
}
