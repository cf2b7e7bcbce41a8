import { describe, expect, it } from 'vitest';
import { sameRoles, sessionEnd, sessionEndsAt } from './session-policy';

const HOUR = 3_600_000;
const session = { createdAt: 1_000, roles: ['receptionist', 'cashier'] as const };

describe('session policy', () => {
  it('keeps a session whose account is active with the same roles (in any order) and younger than the longest session', () => {
    expect(sessionEnd(session, { active: true, roles: ['cashier', 'receptionist'] }, 1_000 + 12 * HOUR - 1, 12 * HOUR)).toBeNull();
  });

  it('ends it when the account is disabled or gone: ACCOUNT_DISABLED', () => {
    expect(sessionEnd(session, { active: false, roles: ['receptionist', 'cashier'] }, 2_000, 12 * HOUR))
      .toMatchObject({ code: 'ACCOUNT_DISABLED', reason: 'account_disabled', at: 2_000 });
    expect(sessionEnd(session, undefined, 2_000, 12 * HOUR)).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('ends it when the roles changed (one added, one removed): UNAUTHENTICATED roles_changed', () => {
    expect(sessionEnd(session, { active: true, roles: ['receptionist'] }, 2_000, 12 * HOUR)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'roles_changed' });
    expect(sessionEnd(session, { active: true, roles: ['receptionist', 'cashier', 'admin'] }, 2_000, 12 * HOUR)).toMatchObject({ reason: 'roles_changed' });
  });

  it('ends it at its start plus the longest session, whatever its activity', () => {
    expect(sessionEndsAt(1_000, 12 * HOUR)).toBe(1_000 + 12 * HOUR);
    expect(sessionEnd(session, { active: true, roles: ['cashier', 'receptionist'] }, 1_000 + 12 * HOUR, 12 * HOUR))
      .toMatchObject({ code: 'UNAUTHENTICATED', reason: 'session_expired' });
  });

  it('a disabled account is told before changed roles or age', () => {
    expect(sessionEnd(session, { active: false, roles: ['admin'] }, 1_000 + 13 * HOUR, 12 * HOUR)).toMatchObject({ reason: 'account_disabled' });
  });

  it('sameRoles compares as sets of equal size', () => {
    expect(sameRoles(['doctor'], ['doctor'])).toBe(true);
    expect(sameRoles(['doctor', 'doctor'], ['doctor', 'admin'])).toBe(false);
    expect(sameRoles([], [])).toBe(true);
  });
});
