/**
 * The checks every lookup's filters pass before anything is read or audited (pure): date ranges
 * as the statistics take them (clinic-local days, at most 366), a visits list either by dates or
 * by patient, and a money status that fits what is listed.
 */
import { DomainError } from '../../domain/errors';
import { checkRange } from '../stats/range';

/** INVALID_DATE / VALIDATION with the field, as main/hub/stats/range.ts checkRange. */
export function checkDates(range: { from: string; to: string }): void {
  checkRange(range);
}

/** A visits list covers a date range, or one patient's visits (then dates may be left out). */
export function checkVisitsScope(f: { from?: string | null; to?: string | null; patientId?: string | null }): { from: string; to: string } | null {
  const { from, to } = f;
  if (from && to) {
    checkRange({ from, to });
    return { from, to };
  }
  if (from || to) {
    throw new DomainError('VALIDATION', 'a date range needs both ends', { field: from ? 'to' : 'from', reason: 'required' });
  }
  if (!f.patientId) throw new DomainError('VALIDATION', 'list visits by a date range or by a patient', { field: 'from', reason: 'required' });
  return null;
}

const BILL_ONLY = new Set(['open', 'paid', 'refunded', 'void']);
const LEDGER_ONLY = new Set(['open', 'closed']);

/**
 * A bill's status for bills; open/closed (taken into a day close or not) for payments and
 * refunds. A bill has no method or cashier of its own: those filters are for payments and refunds.
 */
export function checkMoneyFilter(kind: 'payments' | 'refunds' | 'bills', f: { status?: string | null; method?: string | null; cashierId?: string | null }): void {
  if (kind === 'bills') {
    for (const field of ['method', 'cashierId'] as const) {
      if (f[field]) throw new DomainError('VALIDATION', `bills are not listed by ${field}`, { field, reason: 'not_for_kind', kind });
    }
  }
  const status = f.status;
  if (!status) return;
  const fits = kind === 'bills' ? BILL_ONLY.has(status) : LEDGER_ONLY.has(status);
  if (!fits) {
    throw new DomainError('VALIDATION', `status ${status} does not apply to ${kind}`, {
      field: 'status', reason: 'not_for_kind', kind, allowed: [...(kind === 'bills' ? BILL_ONLY : LEDGER_ONLY)],
    });
  }
}

/** `LIKE` pattern of a prefix, with the pattern's own characters escaped (ESCAPE '\'). */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
