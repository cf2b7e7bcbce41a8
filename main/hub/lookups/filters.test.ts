import { describe, expect, it } from 'vitest';
import { checkDates, checkMoneyFilter, checkVisitsScope, likePrefix } from './filters';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e as { code: string; details: Record<string, unknown> };
  }
};

describe('lookup filters', () => {
  it('refuses a reversed range, one over a year, and a date that is not one, naming the field', () => {
    expect(codeOf(() => checkDates({ from: '2026-11-22', to: '2026-11-20' }))).toMatchObject({ code: 'VALIDATION', details: { field: 'to', reason: 'before_from' } });
    expect(codeOf(() => checkDates({ from: '2025-01-01', to: '2026-11-20' }))).toMatchObject({ code: 'VALIDATION', details: { field: 'to', reason: 'range_too_long' } });
    expect(codeOf(() => checkDates({ from: '2026-02-30', to: '2026-03-01' }))).toMatchObject({ code: 'INVALID_DATE', details: { field: 'from' } });
    expect(codeOf(() => checkDates({ from: '2025-11-21', to: '2026-11-20' }))).toBeNull();
  });

  it('lists visits by dates or by patient, never half a range or neither', () => {
    expect(checkVisitsScope({ from: '2026-11-20', to: '2026-11-21' })).toEqual({ from: '2026-11-20', to: '2026-11-21' });
    expect(checkVisitsScope({ patientId: 'p' })).toBeNull();
    expect(codeOf(() => checkVisitsScope({ from: '2026-11-20', patientId: 'p' }))).toMatchObject({ code: 'VALIDATION', details: { field: 'to', reason: 'required' } });
    expect(codeOf(() => checkVisitsScope({ to: '2026-11-20' }))).toMatchObject({ details: { field: 'from', reason: 'required' } });
    expect(codeOf(() => checkVisitsScope({}))).toMatchObject({ details: { field: 'from', reason: 'required' } });
  });

  it('takes a bill status for bills and open/closed for payments and refunds; no method for bills', () => {
    expect(codeOf(() => checkMoneyFilter('bills', { status: 'paid' }))).toBeNull();
    expect(codeOf(() => checkMoneyFilter('payments', { status: 'closed', method: 'cash' }))).toBeNull();
    expect(codeOf(() => checkMoneyFilter('bills', { status: 'closed' }))).toMatchObject({ code: 'VALIDATION', details: { field: 'status', reason: 'not_for_kind' } });
    expect(codeOf(() => checkMoneyFilter('refunds', { status: 'void' }))).toMatchObject({ details: { field: 'status' } });
    expect(codeOf(() => checkMoneyFilter('bills', { method: 'cash' }))).toMatchObject({ code: 'VALIDATION', details: { field: 'method', reason: 'not_for_kind' } });
  });

  it('escapes LIKE wildcards in a typed prefix', () => {
    expect(likePrefix('王%_\\')).toBe('王\\%\\_\\\\%');
  });
});
