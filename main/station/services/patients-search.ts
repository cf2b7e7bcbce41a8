/**
 * Patient search that stays index-only at a million patients. The query text decides which key
 * it is (record number, ID number, phone digits, a Chinese name, or letters = pinyin), and each
 * key is one range scan of its own index: `col >= prefix AND col < successor(prefix)`, ordered
 * by that column, so SQLite walks the index and stops at the limit. (LIKE would not use these
 * indexes: SQLite's LIKE is case-insensitive and the columns use BINARY collation.)
 * Phone suffixes use `phone_rev`, the phone's digits reversed: "last four digits" is a prefix.
 */
import type Database from 'better-sqlite3';
import type { PatientSummaryT } from '../../api/procedures/patients';
import type { SEARCH_KINDS } from '../../api/procedures/patients';
import type { Sex } from '../../domain/enums';
import { parseRecordNo, recordNo } from '../../domain/numbers';
import { normalizePhone } from '../../domain/phone';
import { normalizeSearchText } from '../../domain/pinyin';
import { ageYears, maskIdNumber, maskPhone, phoneSearchDigits, reverse, tidyName } from './patients-fields';

export type SearchKind = (typeof SEARCH_KINDS)[number];
export type SearchMode = 'exact' | 'prefix';

export interface SearchStep {
  kind: SearchKind;
  mode: SearchMode;
  key: string;
}

/** Fewest phone digits searched by suffix, and the digit-string lengths read as an ID number prefix. */
export const MIN_PHONE_DIGITS = 4;
const ID_PREFIX_MIN = 13;

const COLUMN: Record<SearchKind, string> = {
  record_no: 'record_no',
  id_number: 'id_number',
  phone: 'phone_rev',
  name: 'name',
  pinyin_initials: 'pinyin_initials',
  pinyin_full: 'pinyin_full',
};

const HAN_RE = /\p{Script=Han}/u;
const PHONE_CHARS_RE = /^[+\d\s\-().]+$/;
const LETTERS_RE = /^[a-z][a-z\s'·.-]*$/;

/** Which keys a search box's text is looked up by, in the order results are listed. */
export function planSearch(q: string): SearchStep[] {
  const text = normalizeSearchText(q);
  if (text === '') return [];
  const rec = parseRecordNo(text);
  if (rec) return [{ kind: 'record_no', mode: 'exact', key: recordNo(rec.device, rec.seq) }];
  if (HAN_RE.test(text)) {
    return [{ kind: 'name', mode: 'prefix', key: tidyName(q) }];
  }
  const compact = text.replace(/[\s\-().+]/g, '');
  if (/^\d{17}[\dx]$/.test(compact)) return [{ kind: 'id_number', mode: 'exact', key: compact.toUpperCase() }];
  if (PHONE_CHARS_RE.test(text) && /\d/.test(text)) {
    let digits = compact;
    try {
      digits = phoneSearchDigits(normalizePhone(text)); // '+86 138…' and '010-…' as stored
    } catch {
      // not a whole phone number: the digits may be its last few
    }
    if (digits.length >= ID_PREFIX_MIN && digits.length < 18) return [{ kind: 'id_number', mode: 'prefix', key: digits }];
    if (digits.length >= MIN_PHONE_DIGITS && digits.length < ID_PREFIX_MIN) {
      return [{ kind: 'phone', mode: 'prefix', key: reverse(digits) }];
    }
    return [];
  }
  if (LETTERS_RE.test(text)) {
    const letters = text.replace(/[^a-z]/g, '');
    return [
      { kind: 'pinyin_initials', mode: 'prefix', key: letters },
      { kind: 'pinyin_full', mode: 'prefix', key: letters },
    ];
  }
  // Other scripts, or letters mixed with digits: the name as typed.
  return [{ kind: 'name', mode: 'prefix', key: tidyName(q) }];
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

const SELECT = 'SELECT id, record_no, name, sex, birth_date, id_number, phone FROM patients';

/** The SQL of one step (exported so a test can EXPLAIN QUERY PLAN each). */
export function searchSql(kind: SearchKind, mode: SearchMode, bounded = true): string {
  const col = COLUMN[kind];
  const where = mode === 'exact' ? `${col} = ?` : bounded ? `${col} >= ? AND ${col} < ?` : `${col} >= ?`;
  return `${SELECT} WHERE ${where} AND merged_into IS NULL ORDER BY ${col} LIMIT ?`;
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
  if (step.mode === 'exact') return prepared(raw, searchSql(step.kind, 'exact')).all(step.key, limit) as Hit[];
  const upper = prefixUpperBound(step.key);
  return upper === null
    ? (prepared(raw, searchSql(step.kind, 'prefix', false)).all(step.key, limit) as Hit[])
    : (prepared(raw, searchSql(step.kind, 'prefix')).all(step.key, upper, limit) as Hit[]);
}

/** Up to `limit` patients for the text, each once, in key order; `truncated` when there were more. */
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
