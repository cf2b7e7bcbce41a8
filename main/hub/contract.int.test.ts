/**
 * Cross-cutting checks over the whole contract: every procedure × every role is allowed or
 * refused exactly as declared, and bad input of any shape gives a structured error while the
 * database stays exactly as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, procedures, type ProcedureName } from '../api/contract';
import { ROLES, type Role } from '../domain/enums';
import { accounts } from '../../db/schema';
import { tableChecksums } from '../station/checksum';
import { dispatch, dispatchSync } from '../station/dispatch';
import { isPreStep } from '../station/handler';
import type { AllHandlers } from '../station/handler';
import { handlers as deskHandlers } from '../station/handlers';
import { hubHandlers } from './handlers';
import { createHubFixture } from './services/hub-fixture.testing';
import { withMasterWriter } from '../station/master';
import { hashPassword } from '../station/password';
import { logInAs, TEST_PASSWORD, TEST_SCRYPT, type Fixture } from '../station/testing';
import { inputArbitrary } from '../station/testing-arbitrary';

/** The hub's admin station runs every procedure: the desk's handlers and the hub's. */
const handlers: AllHandlers = { ...deskHandlers, ...hubHandlers };

const names = Object.keys(procedures) as ProcedureName[];
/** Procedures that end or lock the caller's own session; run separately so they don't end the run. */
const SESSION_CHANGING = new Set<string>(['accounts.logout', 'accounts.lock']);

let fx: Fixture;
const callers = {} as Record<Role, { token: string }>;
let everyone: { token: string };

beforeAll(() => {
  fx = createHubFixture();
  withMasterWriter(fx.station, (w) => {
    // Each single-role account is linked to a person of that position where the work needs one
    // (a doctor's queue is the doctor's own; a dispense names the pharmacist).
    const staffOf: Partial<Record<Role, string>> = { doctor: fx.ids.staff.doctor2, pharmacist: fx.ids.staff.pharmacist, cashier: fx.ids.staff.cashier };
    for (const role of ROLES) {
      w.insert(accounts, { username: `only-${role}`, passwordHash: hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles: [role], staffId: staffOf[role] ?? null });
    }
    w.insert(accounts, { username: 'everyone', passwordHash: hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles: [...ROLES], staffId: fx.ids.staff.doctor });
  });
  const login = (username: string) => logInAs(fx.station, username);
  for (const role of ROLES) callers[role] = login(`only-${role}`);
  everyone = login('everyone');
});
afterAll(() => fx.close());

describe('every procedure × every role', () => {
  it.each(names)('%s allows exactly the roles it declares', (name) => {
    const access = procedures[name].access;
    for (const role of ROLES) {
      if (SESSION_CHANGING.has(name)) continue;
      const r = dispatchSync(fx.station, callers[role], name, {});
      const allowed = access === 'public' || access === 'any' || access.includes(role);
      if (allowed) expect(r.ok || r.error.code !== 'FORBIDDEN', `${name} as ${role}`).toBe(true);
      else expect(r, `${name} as ${role}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    if (access !== 'public') {
      expect(dispatchSync(fx.station, { token: null }, name, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('answers an unknown procedure with a structured error', () => {
    expect(dispatchSync(fx.station, everyone, 'patients.dropAll', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(dispatchSync(fx.station, everyone, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
  });
});

describe('bad input to every procedure', () => {
  it.each(names.filter((n) => !SESSION_CHANGING.has(n)))('%s: a structured error and nothing written', (name) => {
    // Procedures that check a password off the event loop go through the async dispatch, each run
    // in a session of its own (enough wrong passwords end a session).
    const waits = isPreStep(handlers[name]);
    return fc.assert(
      fc.asyncProperty(inputArbitrary(procedures[name].input), async (input) => {
        const before = tableChecksums(fx.station.raw);
        const r = waits ? await dispatch(fx.station, logInAs(fx.station, 'everyone'), name, input) : dispatchSync(fx.station, everyone, name, input);
        if (r.ok) return; // a random input that happens to be valid (a search, say) may succeed
        expect(ERROR_CODES).toContain(r.error.code);
        expect(r.error.code).not.toBe('INTERNAL');
        expect(typeof r.error.message).toBe('string');
        // (a wrong password is counted at this station, in login_failures: that row is the point of it)
        const after = tableChecksums(fx.station.raw);
        expect({ ...after, login_failures: '' }).toEqual({ ...before, login_failures: '' });
      }),
      { numRuns: 25, seed: 20261122 },
    );
  });
});
