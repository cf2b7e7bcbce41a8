/**
 * The keys of the station's patient search index (table patient_search_keys, kept by the
 * triggers of migration 0009; view patient_search_source computes the same keys in SQL), and how a
 * typed name is looked up by them. Pure: no I/O.
 *
 * A patient's keys: every character, pair and triple of characters of the name that is shorter
 * than the whole name; the whole name marked '='; every leading part of the pinyin initials
 * shorter than the whole marked '^'; the whole initials marked '$'. Names are compared with ASCII
 * letters lower-cased (SQLite's lower()). So "any part of a name" of up to three characters is one
 * key, and a longer part is its first three characters' key, checked against the name.
 */

/** Longest name part kept as a key of its own. */
export const MAX_GRAM = 3;

export const EXACT_NAME = '=';
export const INITIALS_PART = '^';
export const INITIALS_WHOLE = '$';

/** Lower-cases A–Z only, as SQLite's lower() does without ICU. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The keys the index holds for a patient (a merged record holds none), each once. */
export function searchKeysOf(name: string, pinyinInitials: string): string[] {
  const chars = [...asciiLower(name)];
  const keys = new Set<string>();
  for (let len = 1; len <= MAX_GRAM && len < chars.length; len++) {
    for (let i = 0; i + len <= chars.length; i++) keys.add(chars.slice(i, i + len).join(''));
  }
  keys.add(EXACT_NAME + chars.join(''));
  const initials = [...pinyinInitials];
  for (let len = 1; len < initials.length; len++) keys.add(INITIALS_PART + initials.slice(0, len).join(''));
  if (initials.length > 0) keys.add(INITIALS_WHOLE + pinyinInitials);
  return [...keys];
}

export interface KeyLookup {
  /** The index key walked, newest-seen first. */
  key: string;
  /** When set, only names holding this text (lower-cased) count: a part longer than a key. */
  contains?: string;
}

/**
 * How a typed name (tidied) is looked up, in the order results are listed: the whole name
 * first, then any name holding it as a part.
 */
export function nameLookups(typed: string): KeyLookup[] {
  const chars = [...asciiLower(typed)];
  if (chars.length === 0) return [];
  const whole = chars.join('');
  const exact: KeyLookup = { key: EXACT_NAME + whole };
  if (chars.length <= MAX_GRAM) return [exact, { key: whole }];
  return [exact, { key: chars.slice(0, MAX_GRAM).join(''), contains: whole }];
}

/** How typed letters are looked up as pinyin initials: names whose initials are exactly them, then those starting with them. */
export function initialsLookups(letters: string): KeyLookup[] {
  return letters === '' ? [] : [{ key: INITIALS_WHOLE + letters }, { key: INITIALS_PART + letters }];
}

/**
 * The stored form of the beginning of a phone number typed as digits: a landline's area code
 * (010 and 02x: three digits, else four) is followed by '-' as normalizePhone stores it.
 */
export function phonePrefixKey(digits: string): string {
  if (!digits.startsWith('0')) return digits;
  const area = /^0(?:10|2)/.test(digits) ? 3 : 4;
  return digits.length > area ? `${digits.slice(0, area)}-${digits.slice(area)}` : digits;
}
