/**
 * Search keys for patient names: full pinyin and initials, lowercase, toneless, no spaces.
 * The first character(s) are read as a surname (单 shan, 曾 zeng, 解 xie, 区 ou); ü is written
 * 'v' as on a keyboard (吕 → lv). Other letters and digits are kept, lowercased, each run of them
 * counting as one word for the initials ('John Smith' → 'js'); punctuation and spaces
 * (including the '·' of transliterated names) only separate words.
 */
import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  full: string;
  initials: string;
}

const WORD_CHAR_RE = /^[\p{L}\p{N}]+$/u;

export function pinyinKeys(name: string): PinyinKeys {
  const text = typeof name === 'string' ? name.normalize('NFKC').trim() : '';
  if (text === '') return { full: '', initials: '' };
  const items = pinyin(text, { type: 'all', toneType: 'none', surname: 'head', v: true });
  let full = '';
  let initials = '';
  let inWord = false;
  for (const item of items) {
    if (item.isZh && item.pinyin !== '') {
      const py = item.pinyin.toLowerCase();
      full += py;
      initials += py[0];
      inWord = false;
    } else if (WORD_CHAR_RE.test(item.origin)) {
      const lower = item.origin.toLowerCase();
      full += lower;
      if (!inWord) initials += [...lower][0];
      inWord = true;
    } else {
      inWord = false;
    }
  }
  return { full, initials };
}

/** What a search box's text is compared as: NFKC (full-width → ASCII), trimmed, lowercase. */
export function normalizeSearchText(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}
