/**
 * The ICD-10 table the doctors code diagnoses with: resources/icd10/icd10.json (the WHO
 * chapters and the codes a general clinic commonly uses, Chinese and English names). No
 * registry package ships such a list, so the clinic ships its own, as data.
 *
 * Read once, lazily, on the first lookup, and kept in memory with its search keys (lowercase
 * English, pinyin initials of the Chinese name). A diagnosis must use a code of this table.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import { normalizeSearchText } from '../domain/pinyin';

export interface Icd10Chapter {
  id: string;
  /** First and last three-character category of the chapter, e.g. 'J00'–'J99'. */
  from: string;
  to: string;
  name: string;
  nameEn: string;
}

export interface Icd10Code {
  code: string;
  name: string;
  nameEn: string;
  /** Roman numeral of its chapter. */
  chapter: string;
}

interface Entry extends Icd10Code {
  compact: string;
  nameEnLower: string;
  initials: string;
}

interface Table {
  chapters: Icd10Chapter[];
  entries: Entry[];
  byCode: Map<string, Entry>;
}

const FileSchema = z.object({
  chapters: z.array(z.object({ id: z.string(), from: z.string(), to: z.string(), name: z.string(), nameEn: z.string() })).min(1),
  codes: z.array(z.tuple([z.string(), z.string(), z.string()])).min(1),
});

const DEFAULT_FILE = fileURLToPath(new URL('../../resources/icd10/icd10.json', import.meta.url));
let file = DEFAULT_FILE;
let table: Table | undefined;

/** Where the table is read from (the Electron shell passes its resources path). */
export function setIcd10File(path: string | undefined): void {
  file = path ?? DEFAULT_FILE;
  table = undefined;
}

const CODE_RE = /^([A-Z]\d{2})(?:\.?(\d{1,2}))?$/;

/** 'j069', ' J06.9 ' → 'J06.9'; null when it is not shaped like an ICD-10 code. */
export function normalizeIcd10Code(input: string): string | null {
  const m = CODE_RE.exec(input.normalize('NFKC').trim().toUpperCase());
  if (!m) return null;
  return m[2] ? `${m[1]}.${m[2]}` : m[1]!;
}

function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase();
}

function load(): Table {
  if (table) return table;
  const data = FileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const chapterOf = (code: string): string => {
    const category = code.slice(0, 3);
    const c = data.chapters.find((ch) => ch.from <= category && category <= ch.to);
    if (!c) throw new Error(`ICD-10 table: ${code} is in no chapter`);
    return c.id;
  };
  const entries: Entry[] = data.codes.map(([code, name, nameEn]) => ({
    code, name, nameEn, chapter: chapterOf(code),
    compact: code.replace('.', ''), nameEnLower: nameEn.toLowerCase(), initials: initialsOf(name),
  }));
  const byCode = new Map(entries.map((e) => [e.code, e]));
  if (byCode.size !== entries.length) throw new Error('ICD-10 table: duplicate codes');
  table = { chapters: data.chapters, entries, byCode };
  return table;
}

function publicOf(e: Entry): Icd10Code {
  return { code: e.code, name: e.name, nameEn: e.nameEn, chapter: e.chapter };
}

export function icd10Chapters(): readonly Icd10Chapter[] {
  return load().chapters;
}

/** Every code of the table, in code order. */
export function icd10All(): Icd10Code[] {
  return load().entries.map(publicOf);
}

/** The code's entry, whatever its spelling ('j069' finds J06.9); undefined if unknown. */
export function icd10ByCode(code: string): Icd10Code | undefined {
  const normal = normalizeIcd10Code(code);
  const e = normal ? load().byCode.get(normal) : undefined;
  return e ? publicOf(e) : undefined;
}

/**
 * Search by code prefix ('J06', 'j069'), Chinese text ('上呼吸道'), pinyin initials of the
 * Chinese name, from any position ('shxd'), or English text ('migraine'). The exact code first,
 * then codes starting with it; then text matches, the codes this clinic uses most first (`uses`:
 * code → diagnoses written here), then by how well they match (the name is the text, ends with
 * it — the condition itself, not one named after it —, holds it; initials starting with it,
 * holding it; English), shorter names first, ties in code order.
 */
export function searchIcd10(query: string, limit = 20, uses: ReadonlyMap<string, number> = new Map()): Icd10Code[] {
  const q = normalizeSearchText(query);
  if (q === '') return [];
  const { entries } = load();
  const codeQ = q.toUpperCase().replace(/[\s.]/g, '');
  const codeLike = /^[A-Z]\d/.test(codeQ);
  const letters = /^[a-z]+$/.test(q);
  const scored: { e: Entry; tier: number; quality: number; uses: number }[] = [];
  for (const e of entries) {
    let tier = 2;
    let quality = -1;
    if (codeLike && e.compact === codeQ) tier = 0;
    else if (codeLike && e.compact.startsWith(codeQ)) tier = 1;
    if (tier < 2) quality = 0;
    else if (e.name === q) quality = 0;
    else if (e.name.endsWith(q)) quality = 1;
    else if (e.name.includes(q)) quality = 2;
    else if (letters && e.initials.startsWith(q)) quality = 3;
    else if (letters && q.length >= 2 && e.initials.includes(q)) quality = 4;
    else if (e.nameEnLower.startsWith(q) || e.nameEnLower.includes(` ${q}`)) quality = 5;
    else if (q.length >= 3 && e.nameEnLower.includes(q)) quality = 6;
    if (quality >= 0) scored.push({ e, tier, quality, uses: tier < 2 ? 0 : uses.get(e.code) ?? 0 });
  }
  scored.sort((a, b) => a.tier - b.tier || b.uses - a.uses || a.quality - b.quality
    || a.e.name.length - b.e.name.length || (a.e.code < b.e.code ? -1 : 1));
  return scored.slice(0, limit).map((s) => publicOf(s.e));
}
