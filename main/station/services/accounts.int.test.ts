import { afterEach, describe, expect, it } from 'vitest';
import { dispatchSync } from '../dispatch';
import { createFixture, TEST_PASSWORD, type Fixture } from '../testing';

let fx: Fixture;
afterEach(() => fx?.close());

const anon = { token: null };

describe('accounts', () => {
  it('logs in with the right password and tells who is logged in', () => {
    fx = createFixture();
    const r = fx.call(anon, 'accounts.login', { username: 'doctor', password: TEST_PASSWORD });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ username: 'doctor', displayName: '李明', roles: ['doctor'], device: 'A1' });
    const me = fx.ok({ token: r.value.token }, 'accounts.me', {});
    expect(me.staffId).toBe(fx.ids.staff.doctor);
    expect(me.lockedAt).toBeNull();
  });

  it('refuses a wrong password and an unknown name with the same error', () => {
    fx = createFixture();
    const a = fx.call(anon, 'accounts.login', { username: 'doctor', password: 'wrong-pass1' });
    const b = fx.call(anon, 'accounts.login', { username: 'nobody', password: 'wrong-pass1' });
    expect(a).toEqual({ ok: false, error: { code: 'BAD_CREDENTIALS', message: 'wrong username or password' } });
    expect(b).toEqual(a);
  });

  it('locks an account at this station after repeated failures, and unlocks after the lock time', () => {
    fx = createFixture();
    const max = fx.station.settings.maxLoginFailures;
    for (let i = 0; i < max; i++) {
      expect(fx.call(anon, 'accounts.login', { username: 'cashier', password: 'nope-nope1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    // Locked now: even the right password is refused.
    expect(fx.call(anon, 'accounts.login', { username: 'cashier', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    fx.advance(fx.station.settings.loginLockMs + 1);
    expect(fx.call(anon, 'accounts.login', { username: 'cashier', password: TEST_PASSWORD }).ok).toBe(true);
    // A success clears the count.
    expect(fx.station.raw.prepare("SELECT count(*) AS n FROM login_failures WHERE username = 'cashier'").get()).toEqual({ n: 0 });
  });

  it('refuses every procedure but log-in without a session', () => {
    fx = createFixture();
    expect(fx.call(anon, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(fx.call({ token: 'forged' }, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('locks an idle session; only the password unlocks it', () => {
    fx = createFixture();
    const me = fx.login('reception');
    fx.advance(fx.station.settings.idleLockMs + 1);
    const locked = fx.call(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'abc12345x' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(fx.ok(me, 'accounts.me', {}).lockedAt).not.toBeNull();
    expect(fx.call(me, 'accounts.unlock', { password: 'wrong-pass1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(fx.ok(me, 'accounts.unlock', { password: TEST_PASSWORD })).toEqual({ ok: true });
    expect(fx.ok(me, 'accounts.me', {}).lockedAt).toBeNull();
  });

  it('locks on request and on the station sweep, telling the UI', () => {
    fx = createFixture();
    const me = fx.login('reception');
    const events: number[] = [];
    fx.station.on('session.locked', (e) => events.push(e.at));
    fx.advance(fx.station.settings.idleLockMs + 5);
    fx.station.sweepSessions();
    expect(events).toHaveLength(1);
    fx.ok(me, 'accounts.unlock', { password: TEST_PASSWORD });
    fx.ok(me, 'accounts.lock', {});
    expect(fx.call(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'abc12345x' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('changes the password: the old one stops working, the change is logged for the hub', () => {
    fx = createFixture();
    const me = fx.login('pharmacist');
    expect(fx.call(me, 'accounts.changePassword', { currentPassword: 'bad-old-pw1', newPassword: 'n3w-password' }))
      .toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', details: { field: 'currentPassword' } } });
    expect(fx.call(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'short' }))
      .toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    expect(fx.ok(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'n3w-password' })).toEqual({ ok: true });
    expect(fx.call(anon, 'accounts.login', { username: 'pharmacist', password: TEST_PASSWORD }).ok).toBe(false);
    expect(fx.call(anon, 'accounts.login', { username: 'pharmacist', password: 'n3w-password' }).ok).toBe(true);
    const logged = fx.station.raw.prepare("SELECT columns FROM change_log WHERE table_name = 'accounts' ORDER BY rowid DESC LIMIT 1").get() as { columns: string };
    expect(Object.keys(JSON.parse(logged.columns)).sort()).toEqual(['password_hash', 'updated_at']);
  });

  it('logs out: the token no longer works', () => {
    fx = createFixture();
    const me = fx.login('admin');
    fx.ok(me, 'accounts.logout', {});
    expect(dispatchSync(fx.station, me, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a disabled account', () => {
    fx = createFixture();
    fx.station.raw.prepare("UPDATE accounts SET active = 0 WHERE username = 'doctor2'").run();
    expect(fx.call(anon, 'accounts.login', { username: 'doctor2', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
  });
});
