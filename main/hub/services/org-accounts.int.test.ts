import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, staff } from '../../../db/schema';
import { dispatchAs } from '../../station/dispatch';
import { withMasterWriter } from '../../station/master';
import { hashPassword } from '../../station/password';
import { FIXTURE_USERS, TEST_PASSWORD, TEST_SCRYPT, type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';
import { count, expectRefused } from '../../station/testing-expect';

let fx: Fixture;
let admin: { token: string };
beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

const NEW_PW = 'welcome2027';
const logged = (rowId: string) => count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'accounts' AND row_id = ?", rowId);
const audited = (action: string, id: string) =>
  count(fx, "SELECT count(*) n FROM audit_log WHERE action = ? AND entity = 'accounts' AND entity_id = ? AND patient_id IS NULL", action, id);
const accountCount = () => count(fx, 'SELECT count(*) n FROM accounts');
const login = (username: string, password: string) => fx.callAsync({ token: null }, 'accounts.login', { username, password });

/** A second admin account, so the first is not the last one. */
function secondAdmin(): string {
  return withMasterWriter(fx.station, (w) => w.insert(accounts, { username: 'admin2', passwordHash: hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles: ['admin'] }));
}

describe('org accounts', () => {
  it('lists every account with roles and linked person, never a hash', () => {
    const items = fx.ok(admin, 'org.accounts', {}).items;
    expect(items.map((a) => a.username)).toEqual(Object.keys(FIXTURE_USERS).sort());
    expect(items.find((a) => a.username === 'doctor')).toMatchObject({ roles: ['doctor'], staffId: fx.ids.staff.doctor, staffName: '李明', active: true });
    expect(JSON.stringify(items)).not.toMatch(/scrypt|passwordHash|password_hash/);
  });

  it('creates an account linked to a person; it logs in with the initial password; logged and audited', async () => {
    const person = fx.ok(admin, 'org.createStaff', { name: '钱进', sex: 'M', position: 'cashier' }).id;
    const a = fx.ok(admin, 'org.createAccount', { username: 'qianjin', roles: ['cashier', 'receptionist', 'cashier'], password: NEW_PW, staffId: person, confirmPassword: TEST_PASSWORD });
    expect(a).toMatchObject({ username: 'qianjin', roles: ['cashier', 'receptionist'], staffId: person, staffName: '钱进', active: true });
    expect(JSON.stringify(a)).not.toContain('scrypt');
    expect(logged(a.id)).toBe(1);
    expect(audited('create', a.id)).toBe(1);
    const r = await login('qianjin', NEW_PW);
    expect(r.ok && r.value.roles).toEqual(['cashier', 'receptionist']);
    expect(r.ok && r.value.displayName).toBe('钱进');
    // Without a person.
    expect(fx.ok(admin, 'org.createAccount', { username: 'kiosk.1', roles: ['receptionist'], password: NEW_PW, confirmPassword: TEST_PASSWORD }).staffId).toBeNull();
  });

  it('refuses a taken username, bad usernames, no roles, a weak password, a person who left or has an account', () => {
    const before = accountCount();
    const base = { username: 'newbie', roles: ['cashier'] as const, password: NEW_PW };
    expectRefused(fx, admin, 'org.createAccount', { ...base, roles: [...base.roles], username: 'doctor', confirmPassword: TEST_PASSWORD }, 'ALREADY_EXISTS', {
      field: 'username', id: fx.ids.accounts.doctor,
    });
    for (const username of ['Newbie', 'ab', '1abc', 'new bie', 'x'.repeat(33)]) {
      expectRefused(fx, admin, 'org.createAccount', { ...base, roles: [...base.roles], username, confirmPassword: TEST_PASSWORD }, 'VALIDATION', { field: 'username' });
    }
    expectRefused(fx, admin, 'org.createAccount', { ...base, roles: [], confirmPassword: TEST_PASSWORD }, 'VALIDATION', { field: 'roles' });
    expectRefused(fx, admin, 'org.createAccount', { ...base, roles: ['janitor' as never], confirmPassword: TEST_PASSWORD }, 'VALIDATION', { field: 'roles.0' });
    expectRefused(fx, admin, 'org.createAccount', { ...base, roles: [...base.roles], password: 'short1', confirmPassword: TEST_PASSWORD }, 'WEAK_PASSWORD', { field: 'password', reason: 'too_short' });
    expectRefused(fx, admin, 'org.createAccount', { ...base, roles: [...base.roles], password: 'longenoughpw', confirmPassword: TEST_PASSWORD }, 'WEAK_PASSWORD', { field: 'password', reason: 'no_digit' });
    expectRefused(fx, admin, 'org.createAccount', { ...base, roles: [...base.roles], staffId: fx.ids.staff.cashier, confirmPassword: TEST_PASSWORD }, 'ALREADY_EXISTS', {
      field: 'staffId', reason: 'staff_has_account', username: 'cashier',
    });
    const gone = withMasterWriter(fx.station, (w) => w.insert(staff, { name: '钱进', sex: 'M', position: 'cashier', status: 'left' }));
    expectRefused(fx, admin, 'org.createAccount', { ...base, roles: [...base.roles], staffId: gone, confirmPassword: TEST_PASSWORD }, 'STAFF_LEFT', { field: 'staffId' });
    expectRefused(fx, admin, 'org.createAccount', { ...base, roles: [...base.roles], staffId: fx.ids.departments.internal, confirmPassword: TEST_PASSWORD }, 'NOT_FOUND', { field: 'staffId' });
    expect(accountCount()).toBe(before);
  });

  it("changes roles and the linked person; the new roles hold at the next log-in", () => {
    const id = fx.ids.accounts.reception;
    const a = fx.ok(admin, 'org.updateAccount', { id, roles: ['receptionist', 'cashier'], confirmPassword: TEST_PASSWORD });
    expect(a.roles).toEqual(['receptionist', 'cashier']);
    expect(audited('update', id)).toBe(1);
    expect(fx.ok(fx.login('reception'), 'accounts.me', {}).roles).toEqual(['receptionist', 'cashier']);
    const person = fx.ok(admin, 'org.createStaff', { name: '钱进', sex: 'M', position: 'receptionist' }).id;
    expect(fx.ok(admin, 'org.updateAccount', { id, staffId: person, confirmPassword: TEST_PASSWORD })).toMatchObject({ staffId: person, staffName: '钱进' });
    expect(fx.ok(admin, 'org.updateAccount', { id, staffId: null, confirmPassword: TEST_PASSWORD })).toMatchObject({ staffId: null, staffName: null });
    const logRows = logged(id);
    fx.ok(admin, 'org.updateAccount', { id, roles: ['receptionist', 'cashier'], staffId: null, confirmPassword: TEST_PASSWORD });
    expect(logged(id)).toBe(logRows); // nothing changed, nothing written
    expectRefused(fx, admin, 'org.updateAccount', { id, staffId: fx.ids.staff.doctor, confirmPassword: TEST_PASSWORD }, 'ALREADY_EXISTS', { field: 'staffId', username: 'doctor' });
    expectRefused(fx, admin, 'org.updateAccount', { id, roles: [], confirmPassword: TEST_PASSWORD }, 'VALIDATION', { field: 'roles' });
  });

  it('keeps one active admin: the last one keeps the role and stays enabled; nobody disables or demotes themself', async () => {
    const me = fx.ids.accounts.admin;
    expectRefused(fx, admin, 'org.setAccountActive', { id: me, active: false, confirmPassword: TEST_PASSWORD }, 'OWN_ACCOUNT', { field: 'active', reason: 'disable_own' });
    expectRefused(fx, admin, 'org.updateAccount', { id: me, roles: ['cashier'], confirmPassword: TEST_PASSWORD }, 'OWN_ACCOUNT', { field: 'roles', reason: 'remove_own_admin' });
    const other = secondAdmin();
    // Another admin may be demoted or disabled while one active admin remains …
    fx.ok(admin, 'org.updateAccount', { id: other, roles: ['admin', 'cashier'], confirmPassword: TEST_PASSWORD });
    fx.ok(admin, 'org.setAccountActive', { id: other, active: false, confirmPassword: TEST_PASSWORD });
    // … and with admin2 active again, admin2 may demote the first admin, but not disable itself.
    fx.ok(admin, 'org.setAccountActive', { id: other, active: true, confirmPassword: TEST_PASSWORD });
    const admin2 = { token: ((await login('admin2', TEST_PASSWORD)) as { ok: true; value: { token: string } }).value.token };
    expect(fx.ok(admin2, 'org.updateAccount', { id: me, roles: ['cashier'], confirmPassword: TEST_PASSWORD }).roles).toEqual(['cashier']);
    expectRefused(fx, admin2, 'org.setAccountActive', { id: other, active: false, confirmPassword: TEST_PASSWORD }, 'OWN_ACCOUNT', { field: 'active' });
  });

  it('refuses disabling or demoting the last active admin when done by another admin', async () => {
    const other = secondAdmin();
    const admin2 = { token: ((await login('admin2', TEST_PASSWORD)) as { ok: true; value: { token: string } }).value.token };
    fx.ok(admin, 'org.setAccountActive', { id: other, active: false, confirmPassword: TEST_PASSWORD }); // admin2 disabled: admin is the last active admin
    // admin2's open session ends with its account (main/station/session-policy.ts) …
    expectRefused(fx, admin2, 'org.setAccountActive', { id: fx.ids.accounts.admin, active: false, confirmPassword: TEST_PASSWORD }, 'ACCOUNT_DISABLED', { reason: 'account_disabled' });
    // … and a call run for admin2 as the hub runs a forwarded one (its replica not yet told): the rows still decide.
    const asAdmin2 = { id: other, username: 'admin2', displayName: 'admin2', roles: ['admin' as const], staffId: null };
    expect(await dispatchAs(fx.station, asAdmin2, 'B2', 'org.setAccountActive', { id: fx.ids.accounts.admin, active: false, confirmPassword: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'LAST_ADMIN', details: { field: 'active' } } });
    expect(await dispatchAs(fx.station, asAdmin2, 'B2', 'org.updateAccount', { id: fx.ids.accounts.admin, roles: ['cashier'], confirmPassword: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'LAST_ADMIN', details: { field: 'roles' } } });
  });

  it('disables and enables an account: a disabled one cannot log in', async () => {
    const id = fx.ids.accounts.cashier;
    expect(fx.ok(admin, 'org.setAccountActive', { id, active: false, confirmPassword: TEST_PASSWORD }).active).toBe(false);
    expect(audited('update', id)).toBe(1);
    expect(logged(id)).toBe(2);
    expect(await login('cashier', TEST_PASSWORD)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
    expect(fx.ok(admin, 'org.setAccountActive', { id, active: true, confirmPassword: TEST_PASSWORD }).active).toBe(true);
    expect((await login('cashier', TEST_PASSWORD)).ok).toBe(true);
    expectRefused(fx, admin, 'org.setAccountActive', { id: '019a0000-0000-7000-8000-000000000009', active: false, confirmPassword: TEST_PASSWORD }, 'NOT_FOUND', { field: 'id' });
  });

  it('resets a password under the policy and clears the lock-out here', async () => {
    const id = fx.ids.accounts.pharmacist;
    for (let i = 0; i < fx.station.settings.maxLoginFailures; i++) await login('pharmacist', 'wrong1234');
    // This source is held back now (main/station/throttle.ts), even with the right password.
    expect(await login('pharmacist', TEST_PASSWORD)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', details: { scope: 'source' } } });
    expectRefused(fx, admin, 'org.resetPassword', { id, password: 'abcdefgh', confirmPassword: TEST_PASSWORD }, 'WEAK_PASSWORD', { field: 'password', reason: 'no_digit' });
    fx.ok(admin, 'org.resetPassword', { id, password: NEW_PW, confirmPassword: TEST_PASSWORD });
    expect(audited('update', id)).toBe(1);
    const row = fx.station.raw.prepare("SELECT columns FROM change_log WHERE table_name = 'accounts' AND row_id = ? AND op = 'update'").get(id) as { columns: string };
    expect(Object.keys(JSON.parse(row.columns)).sort()).toEqual(['password_hash', 'updated_at']);
    expect(await login('pharmacist', TEST_PASSWORD)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect((await login('pharmacist', NEW_PW)).ok).toBe(true);
  });
});
