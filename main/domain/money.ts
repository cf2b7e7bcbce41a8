/**
 * Money. Every amount is an integer number of fen (1 yuan = 100 fen), never a float.
 * Amounts stored or charged are non-negative; only formatting accepts negatives (refund lines).
 */
import { DomainError, ensure } from './errors';

export type Fen = number;
export type MoneyLocale = 'zh-CN' | 'en';

/** Throws INVALID_MONEY {field, value} unless `value` is a non-negative safe integer. */
export function assertFen(value: unknown, field: string): asserts value is Fen {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new DomainError('INVALID_MONEY', `${field} must be a non-negative whole number of fen`, { field, value });
  }
}

/** Exact sum; every element must be valid fen and the sum must stay a safe integer. */
export function sumFen(values: readonly number[]): Fen {
  let total = 0;
  values.forEach((v, i) => {
    assertFen(v, `values[${i}]`);
    total += v;
    assertFen(total, 'sum');
  });
  return total;
}

export interface InsuranceSplit {
  totalFen: Fen;
  insuranceFen: Fen;
  selfPayFen: Fen;
}

/** total = insurance + self-pay, 0 ≤ insurance ≤ total. */
export function splitInsurance(totalFen: number, insuranceFen: number): InsuranceSplit {
  assertFen(totalFen, 'totalFen');
  assertFen(insuranceFen, 'insuranceFen');
  ensure(insuranceFen <= totalFen, 'INSURANCE_EXCEEDS_TOTAL', 'insurance part exceeds the total', {
    totalFen,
    insuranceFen,
  });
  return { totalFen, insuranceFen, selfPayFen: totalFen - insuranceFen };
}

const YUAN_RE = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * '12.3' → 1230, exactly (string arithmetic, no float). Accepts surrounding spaces and full-width
 * digits (NFKC, as a Chinese IME may type them); refuses signs, symbols, separators, >2 decimals.
 */
export function parseYuan(input: string): Fen {
  const s = typeof input === 'string' ? input.normalize('NFKC').trim() : '';
  const m = YUAN_RE.exec(s);
  if (!m) throw new DomainError('INVALID_MONEY', 'not an amount in yuan', { field: 'yuan', value: input });
  const fen = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('INVALID_MONEY', 'amount too large', { field: 'yuan', value: input });
  }
  return Number(fen);
}

/**
 * 1230 → '¥12.30', -1230 → '-¥12.30', 123456 → '¥1,234.56'. Both locales write the yuan sign
 * with comma grouping (that is what zh-CN and en both use); the argument keeps call sites ready
 * for a locale that differs. Exact for every safe integer.
 */
export function formatFen(fen: number, locale: MoneyLocale): string {
  if (!Number.isSafeInteger(fen)) {
    throw new DomainError('INVALID_MONEY', 'not a whole number of fen', { field: 'fen', value: fen });
  }
  ensure(locale === 'zh-CN' || locale === 'en', 'VALIDATION', 'unknown locale', { field: 'locale', value: locale });
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${cents}`;
}

/** Change to hand back in cash. Tendered below what is due → INVALID_MONEY. */
export function changeDue(tenderedFen: number, dueFen: number): Fen {
  assertFen(tenderedFen, 'tenderedFen');
  assertFen(dueFen, 'dueFen');
  ensure(tenderedFen >= dueFen, 'INVALID_MONEY', 'amount tendered is less than the amount due', {
    field: 'tenderedFen',
    value: tenderedFen,
    dueFen,
  });
  return tenderedFen - dueFen;
}

/** A finite double as an exact fraction n / 2^k (every double is dyadic). */
function dyadic(x: number): { n: bigint; k: number } {
  let k = 0;
  let y = x;
  while (!Number.isInteger(y)) {
    y *= 2; // exact: only the exponent changes
    k++;
  }
  return { n: BigInt(y), k };
}

/**
 * Spreads `totalFen` over items in proportion to `weights` (e.g. insurance over bill items by
 * their amounts): whole-fen parts that sum exactly to the total, by the largest-remainder method.
 * Arithmetic is exact (weights are turned into exact fractions); ties in remainder go to the
 * earlier item. Zero weights get 0. Every part is the floor or the ceiling of its exact share.
 * Refuses negative or non-finite weights, and a positive total with no positive weight.
 */
export function allocateProportionally(totalFen: number, weights: readonly number[]): Fen[] {
  assertFen(totalFen, 'totalFen');
  weights.forEach((w, index) => {
    ensure(typeof w === 'number' && Number.isFinite(w) && w >= 0, 'VALIDATION', 'weights must be finite and ≥ 0', {
      field: 'weights',
      index,
      value: w,
    });
  });
  if (totalFen === 0) return weights.map(() => 0);
  const fractions = weights.map(dyadic);
  const scale = Math.max(0, ...fractions.map((f) => f.k));
  const nums = fractions.map((f) => f.n << BigInt(scale - f.k));
  const sum = nums.reduce((a, b) => a + b, 0n);
  ensure(sum > 0n, 'VALIDATION', 'cannot allocate over weights that are all zero', {
    field: 'weights',
    reason: 'all_zero',
  });
  const total = BigInt(totalFen);
  const parts = nums.map((n) => (total * n) / sum);
  const remainders = nums.map((n, i) => ({ i, r: (total * n) % sum }));
  let left = Number(total - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] = parts[i]! + 1n;
    left--;
  }
  return parts.map(Number);
}
