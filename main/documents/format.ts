/** Money, dates and quantities as printed. Money is integer fen throughout. */
import type { Lang } from './labels';

/** 1230 → "¥12.30"; 1234560 → "¥12,345.60". */
export function money(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan.toLocaleString('en-US')}.${cents}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** Amount in Chinese capital numerals, as on receipts: 1230 → "壹拾贰元叁角整". */
export function moneyUpper(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`bad amount ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let out = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let y = yuan; y > 0; y = Math.floor(y / 10000)) groups.push(y % 10000);
    let pendingZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g] ?? 0;
      if (group === 0) {
        pendingZero = out.length > 0;
        continue;
      }
      if (out.length > 0 && group < 1000) pendingZero = true;
      let part = '';
      let zero = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(group / 10 ** i) % 10;
        if (d === 0) {
          zero = part.length > 0;
          continue;
        }
        if (zero) part += '零';
        zero = false;
        part += (DIGITS[d] ?? '') + SMALL_UNITS[i];
      }
      if (pendingZero && out.length > 0) out += '零';
      pendingZero = false;
      out += part + BIG_UNITS[g];
    }
    out += '元';
  }
  if (jiao === 0 && fenDigit === 0) return (out || '零元') + '整';
  if (jiao > 0) out += (DIGITS[jiao] ?? '') + '角';
  else if (yuan > 0) out += '零';
  if (fenDigit > 0) out += (DIGITS[fenDigit] ?? '') + '分';
  else out += '整';
  return out;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function parts(ms: number, timeZone: string): Record<string, string> {
  let f = dtfCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    dtfCache.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** "2026-11-22" in the clinic's time zone. */
export function date(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-11-22 14:05" in the clinic's time zone (seconds too when asked). */
export function dateTime(ms: number, timeZone: string, seconds = false): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** True when Intl knows the zone. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** 0.5 → "0.5", 2 → "2", 0.125 → "0.125" (no float noise). */
export function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** Dose with its unit: compact in Chinese ("0.5g", "2片"), spaced in English ("0.5 g"). */
export function withUnit(n: number, unit: string, lang: Lang): string {
  if (!unit) return num(n);
  return lang === 'en' ? `${num(n)} ${unit}` : `${num(n)}${unit}`;
}

/** Treat null, undefined and blank strings as absent. */
export function present(v: string | null | undefined): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}
