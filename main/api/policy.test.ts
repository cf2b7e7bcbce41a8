import { describe, expect, it } from 'vitest';
import { CALLABLE_WHILE_LOCKED, isAllowed, needsSession, seesEveryonesDayClose } from './policy';
import { procedures } from './contract';

describe('access policy', () => {
  it('public needs no session; everything else does', () => {
    expect(needsSession('public')).toBe(false);
    expect(needsSession('any')).toBe(true);
    expect(needsSession(['doctor'])).toBe(true);
  });
  it('a role list allows any account holding one of the roles, and no other', () => {
    expect(isAllowed(['doctor'], ['doctor'])).toBe(true);
    expect(isAllowed(['doctor', 'pharmacist'], ['receptionist', 'pharmacist'])).toBe(true);
    expect(isAllowed(['doctor'], ['receptionist', 'cashier'])).toBe(false);
    expect(isAllowed(['doctor'], [])).toBe(false);
    expect(isAllowed('any', [])).toBe(true);
  });
  it('only log-in and first-run setup are public, and the procedures callable while locked exist', () => {
    const publicOnes = Object.entries(procedures).filter(([, d]) => d.access === 'public').map(([n]) => n).sort();
    // setup.* refuse (SETUP_CLOSED) once the station has accounts or a hub: main/web/setup.int.test.ts.
    expect(publicOnes).toEqual(['accounts.login', 'setup.discover', 'setup.joinHub', 'setup.newClinic', 'setup.status']);
    for (const n of CALLABLE_WHILE_LOCKED) expect(Object.hasOwn(procedures, n)).toBe(true);
  });
  it('every procedure name is domain.action and declares its roles', () => {
    for (const [name, def] of Object.entries(procedures)) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z0-9]+$/);
      expect(def.access === 'public' || def.access === 'any' || def.access.length > 0).toBe(true);
    }
  });
  it("everyone's close of day: an administrator or a head cashier, not a cashier, receptionist or anyone else", () => {
    expect(seesEveryonesDayClose(['admin'])).toBe(true);
    expect(seesEveryonesDayClose(['cashier', 'head_cashier'])).toBe(true);
    expect(seesEveryonesDayClose(['cashier'])).toBe(false);
    expect(seesEveryonesDayClose(['receptionist', 'cashier', 'doctor', 'pharmacist'])).toBe(false);
    expect(seesEveryonesDayClose([])).toBe(false);
  });
});
