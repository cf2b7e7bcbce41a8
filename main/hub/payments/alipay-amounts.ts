/**
 * Alipay speaks yuan as decimal strings ("12.30"); we keep integer fen. Both ways exactly, and a
 * gateway amount that is not a plain non-negative decimal with at most two places is no amount.
 */

/** 1230 → "12.30". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** "12.3" or "12.30" → 1230; null for anything else (signs, exponents, three places, empty). */
export function yuanToFen(yuan: unknown): number | null {
  if (typeof yuan !== 'string') return null;
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
