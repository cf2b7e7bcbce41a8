import { describe, expect, it } from 'vitest';
import { VISIT_STATUSES } from '../../../main/api/contract';
import { visitLabel } from './visitLabel';

describe('the label of a visit', () => {
  it('a paid visit whose prescription is not dispensed yet waits for its drugs', () => {
    expect(visitLabel({ status: 'discharged', drugsPending: true })).toBe('awaiting_dispensing');
  });

  it('is the stored status otherwise', () => {
    expect(visitLabel({ status: 'discharged', drugsPending: false })).toBe('discharged');
    for (const status of VISIT_STATUSES.filter((s) => s !== 'discharged')) {
      expect(visitLabel({ status, drugsPending: true })).toBe(status);
      expect(visitLabel({ status, drugsPending: false })).toBe(status);
    }
  });
});
