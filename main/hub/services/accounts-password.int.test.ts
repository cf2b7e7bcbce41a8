/**
 * Changing one's own password, at the hub's admin station (the procedure runs at the hub: see
 * main/hub/change-password.int.test.ts for the whole path from a desk).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../station/dispatch';
import { createFixture, TEST_PASSWORD, type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';

let fx: Fixture;
afterEach(() => fx?.close());

const anon = { token: null };
const window = { token: null, source: 'window' };
const login = (caller: Caller, username: string, password: string) => fx.callAsync(caller, 'accounts.login', { username, password });
const failuresRow = (username: string) =>
  fx.station.raw.prepare('SELECT count FROM login_failures WHERE username = ?').get(username) as { count: number } | undefined;

describe('password change', () => {
  it('changes the password: the old one stops working, the new hash is argon2id, the change is logged for the hub', async () => {
    fx = createHubFixture();
    const me = fx.login('pharmacist');
    expect(await fx.callAsync(me, 'accounts.changePassword', { currentPassword: 'bad-old-pw1', newPassword: 'n3w-password' }))
      .toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', details: { field: 'currentPassword' } } });
    expect(await fx.callAsync(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'short' }))
      .toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    expect(await fx.callAsync(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'n3w-password' })).toEqual({ ok: true, value: { ok: true } });
    expect((await login(anon, 'pharmacist', TEST_PASSWORD)).ok).toBe(false);
    expect((await login(anon, 'pharmacist', 'n3w-password')).ok).toBe(true);
    const row = fx.station.raw.prepare("SELECT password_hash AS h FROM accounts WHERE username = 'pharmacist'").get() as { h: string };
    expect(row.h.startsWith('$argon2id$')).toBe(true);
    const logged = fx.station.raw.prepare("SELECT columns FROM change_log WHERE table_name = 'accounts' ORDER BY rowid DESC LIMIT 1").get() as { columns: string };
    expect(Object.keys(JSON.parse(logged.columns)).sort()).toEqual(['password_hash', 'updated_at']);
  });

  it('counts wrong current passwords like log-ins: held against the source, and too many end the session', async () => {
    fx = createHubFixture();
    const me = { ...fx.login('doctor'), source: 'window' };
    const max = fx.station.settings.maxLoginFailures;
    for (let i = 1; i < max; i++) {
      expect(await fx.callAsync(me, 'accounts.changePassword', { currentPassword: `guess-${i}-pw`, newPassword: 'n3w-password' }))
        .toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
      expect(failuresRow('doctor')?.count).toBe(i);
    }
    expect(fx.station.throttle.get('window', 'doctor')?.failures).toBe(max - 1);
    expect(await fx.callAsync(me, 'accounts.changePassword', { currentPassword: 'guess-last-pw', newPassword: 'n3w-password' }))
      .toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'too_many_password_failures' } } });
    expect(fx.call(me, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Nothing was written: the password is the old one.
    fx.advance(60_000);
    expect((await login(window, 'doctor', TEST_PASSWORD)).ok).toBe(true);
  });
});


describe('at a workstation', () => {
  it('is not run at a desk: without a hub connection it answers HUB_UNREACHABLE and writes nothing', async () => {
    fx = createFixture();
    const me = fx.login('pharmacist');
    expect(await fx.callAsync(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'n3w-password' }))
      .toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect((await login(anon, 'pharmacist', TEST_PASSWORD)).ok).toBe(true);
  });
});
