import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { assertRateable, isFinishedVisit, patientCopyFileName } from './records-policy';

function refusal(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.toBody() : err;
  }
  return null;
}

describe('records policy', () => {
  it('counts a visit finished once the doctor is done with it', () => {
    expect(isFinishedVisit('awaiting_payment')).toBe(true);
    expect(isFinishedVisit('discharged')).toBe(true);
    for (const s of ['waiting', 'in_consultation', 'cancelled'] as const) expect(isFinishedVisit(s)).toBe(false);
  });

  it('lets a finished visit be rated once', () => {
    expect(refusal(() => assertRateable('discharged', false))).toBeNull();
    expect(refusal(() => assertRateable('discharged', true))).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'visitId', reason: 'already_rated' } });
    expect(refusal(() => assertRateable('in_consultation', false))).toMatchObject({ code: 'CONFLICT', details: { field: 'visitId', reason: 'visit_not_finished' } });
    // Not finished wins over rated: a cancelled visit says why it cannot be rated at all.
    expect(refusal(() => assertRateable('cancelled', true))).toMatchObject({ code: 'CONFLICT', details: { reason: 'visit_not_finished' } });
  });

  it('names a patient copy by its document and number, in safe characters', () => {
    expect(patientCopyFileName('prescription', 'RX-A1-0001')).toBe('prescription-RX-A1-0001-patient-copy.pdf');
    expect(patientCopyFileName('medicalRecord', 'MR 1/2026-01-02')).toBe('medicalRecord-MR_1_2026-01-02-patient-copy.pdf');
  });
});
