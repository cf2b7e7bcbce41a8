/**
 * Chinese phone numbers, normalised so the same phone is stored and searched one way:
 *   mobile   '13812345678'            (11 digits, 1[3-9]…; +86 / 0086 prefix dropped)
 *   landline '010-12345678'           (area code, local number 7–8 digits not starting with 0)
 *            '0755-1234567-8001'      (with extension, 1–6 digits)
 * Area codes: 010 and 02x have 3 digits, every other (03xx–09xx) has 4, so a landline typed
 * without separators splits one way only. Spaces, dashes, dots and brackets are ignored;
 * full-width digits are accepted (NFKC).
 */
import { DomainError } from './errors';

const MOBILE_RE = /^1[3-9]\d{9}$/;
const AREA = '0(?:10|2\\d|[3-9]\\d{2})';
const LANDLINE_RE = new RegExp(`^(${AREA})([1-9]\\d{6,7})$`);
const AREA_RE = new RegExp(`^${AREA}$`);
/** Extension written with a marker: '转 8001', 'ext. 8001', 'x8001', '#8001', '分机8001'. */
const EXT_MARKER_RE = /^(.+?)\s*(?:ext\.?|x|转|分机|#)\s*(\d{1,6})$/i;
const NOISE_RE = /[\s\-().]/g;

function refuse(value: unknown): never {
  throw new DomainError('INVALID_PHONE', 'not a Chinese mobile or landline number', { field: 'phone', value });
}

function landline(digits: string, ext: string | undefined): string | null {
  const m = LANDLINE_RE.exec(digits);
  if (!m) return null;
  return ext === undefined ? `${m[1]}-${m[2]}` : `${m[1]}-${m[2]}-${ext}`;
}

/** Canonical form of a phone number, or INVALID_PHONE {field: 'phone', value}. */
export function normalizePhone(input: string): string {
  if (typeof input !== 'string') refuse(input);
  let main = input.normalize('NFKC').trim();
  let ext: string | undefined;
  const marked = EXT_MARKER_RE.exec(main);
  if (marked) {
    main = marked[1]!;
    ext = marked[2]!;
  } else {
    // '010-12345678-8001': a third dash group after an area code is an extension.
    const groups = main.replace(/\s+/g, '').split('-');
    if (groups.length === 3 && AREA_RE.test(groups[0]!) && /^\d{7,8}$/.test(groups[1]!) && /^\d{1,6}$/.test(groups[2]!)) {
      main = groups[0]! + groups[1]!;
      ext = groups[2]!;
    }
  }
  const compact = main.replace(NOISE_RE, '');
  const intl = /^(?:\+86|0086)(\d+)$/.exec(compact);
  const digits = intl ? intl[1]! : compact;
  if (!/^\d+$/.test(digits)) refuse(input);
  if (ext === undefined && MOBILE_RE.test(digits)) return digits;
  // Internationally a landline drops its trunk 0 ('+86 10 1234 5678'); tolerate it kept.
  const result = landline(intl && !digits.startsWith('0') ? `0${digits}` : digits, ext);
  if (result === null) refuse(input);
  return result;
}

/** True when `input` normalises to a mobile number. */
export function isMobile(input: string): boolean {
  try {
    return MOBILE_RE.test(normalizePhone(input));
  } catch {
    return false;
  }
}

/** True when `input` is any acceptable phone number. */
export function isPhone(input: string): boolean {
  try {
    normalizePhone(input);
    return true;
  } catch {
    return false;
  }
}
