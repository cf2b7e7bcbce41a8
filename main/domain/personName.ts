/**
 * What a person's name may hold: CJK characters, Latin letters (accents included), the middle
 * dot of transliterated names (·), spaces and hyphens. Anything else (emoji, digits, symbols,
 * other punctuation) is refused with INVALID_NAME {field, value, chars}, naming the characters.
 * The dots people type for 中点 (・ ‧ • and the full-width forms) are stored as '·'.
 */
import { DomainError } from './errors';

const DOT_VARIANTS_RE = /[\u30fb\u2027\u2022\u2219\u22c5\uff65]/gu;
const ALLOWED_RE = /^[\p{Script=Han}\p{Script=Latin}\u3007· -]$/u;
const LETTER_RE = /[\p{Script=Han}\p{Script=Latin}\u3007]/u;

/** The characters of `name` a person's name may not hold, each once, in order of appearance. */
export function disallowedNameChars(name: string): string[] {
  const bad: string[] = [];
  for (const ch of name.replace(DOT_VARIANTS_RE, '·')) {
    if (!ALLOWED_RE.test(ch) && !bad.includes(ch)) bad.push(ch);
  }
  return bad;
}

/**
 * The name as stored (dots unified), or INVALID_NAME: a character outside the allowed set, or no
 * letter at all ('·-'). `name` is already tidied (NFKC, single spaces).
 */
export function checkPersonName(name: string, field = 'name'): string {
  const unified = name.replace(DOT_VARIANTS_RE, '·');
  const chars = disallowedNameChars(unified);
  if (chars.length > 0) {
    throw new DomainError('INVALID_NAME', `a name may hold only Chinese characters, Latin letters, '·', spaces and hyphens; not ${chars.join(' ')}`, {
      field, value: name, chars,
    });
  }
  if (!LETTER_RE.test(unified)) {
    throw new DomainError('INVALID_NAME', 'a name needs at least one Chinese character or letter', { field, value: name, chars: [] });
  }
  return unified;
}
