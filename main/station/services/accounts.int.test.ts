import { afterEach, describe, expect, it } from 'vitest';
import { accounts } from '../../../db/schema';
import type { Caller } from '../dispatch';
import { dispatchSync } from '../dispatch';
import { withMasterWriter } from '../master';
import { hashPasswordAsync } from '../password';
import { createFixture, TEST_PASSWORD, TEST_START, type Fixture } from '../testing';

let fx: Fixture;
afterEach(() => fx?.close());

const anon = { token: null };
const window = { token: null, source: 'window' };
const stranger = { token: null, source: 'ws:10.0.0.66' };
const login = (caller: Caller, username: string, password: string) => fx.callAsync(caller, 'accounts.login', { username, password });
const failuresRow = (username: string) =>
  fx.station.raw.prepare('SELECT count FROM login_failures WHERE username = ?').get(username) as { count: number } | undefined;

describe('log-in', () => {
  it('logs in with the right password and tells who is logged in and when the session ends', async () => {
    fx = createFixture();
    const r = await login(anon, 'doctor', TEST_PASSWORD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ username: 'doctor', displayName: '李明', roles: ['doctor'], device: 'A1', endsAt: TEST_START + 12 * 3_600_000 });
    const me = fx.ok({ token: r.value.token }, 'accounts.me', {});
    expect(me.staffId).toBe(fx.ids.staff.doctor);
    expect(me.lockedAt).toBeNull();
    expect(me.endsAt).toBe(TEST_START + 12 * 3_600_000);
  });

  it('refuses a wrong password and an unknown name with the same error', async () => {
    fx = createFixture();
    const a = await login(anon, 'doctor', 'wrong-pass1');
    const b = await login(anon, 'nobody', 'wrong-pass1');
    expect(a).toEqual({ ok: false, error: { code: 'BAD_CREDENTIALS', message: 'wrong username or password' } });
    expect(b).toEqual(a);
  });

  it('checks the password off the event loop: through dispatchSync it is refused, not run', () => {
    fx = createFixture();
    expect(dispatchSync(fx.station, anon, 'accounts.login', { username: 'doctor', password: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { procedure: 'accounts.login' } } });
    expect(fx.station.sessions.all()).toHaveLength(0);
  });

  it("a stranger's wrong passwords hold back that source only: the desk's own window still logs in", async () => {
    fx = createFixture();
    const max = fx.station.settings.maxLoginFailures;
    for (let i = 0; i < max; i++) {
      expect(await login(stranger, 'cashier', 'nope-nope1')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    // The stranger is held back now, even with the right password …
    const held = await login(stranger, 'cashier', TEST_PASSWORD);
    expect(held).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', details: { scope: 'source', retryAt: TEST_START + 1_000 } } });
    // … while the cashier at the desk logs in (and unlocks, below) with the right password.
    const own = await login(window, 'cashier', TEST_PASSWORD);
    expect(own.ok).toBe(true);
    // The delay doubles with each further failure of that source.
    fx.advance(1_000);
    expect(await login(stranger, 'cashier', 'nope-nope2')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await login(stranger, 'cashier', 'nope-nope3')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', details: { retryAt: fx.clock.t + 2_000 } } });
    // A held-back attempt costs no hash and is not counted again.
    expect(fx.station.throttle.get('ws:10.0.0.66', 'cashier')).toEqual({ failures: max + 1, lastFailureAt: fx.clock.t });
  });

  it('many failing sources together: each one that fails is held back at once, a source that has not failed is not', async () => {
    fx = createFixture();
    const max = fx.station.settings.maxLoginFailures;
    // 10 sources × 5 wrong passwords = the account alarm (10 × maxLoginFailures).
    for (let s = 0; s < 10; s++) {
      for (let i = 0; i < max; i++) await login({ token: null, source: `ws:10.0.1.${s}` }, 'pharmacist', 'guess-0000');
    }
    expect(failuresRow('pharmacist')?.count).toBe(10 * max);
    const fresh = { token: null, source: 'ws:10.0.2.1' };
    expect(await login(fresh, 'pharmacist', 'guess-1111')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await login(fresh, 'pharmacist', 'guess-2222')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect((await login(window, 'pharmacist', TEST_PASSWORD)).ok).toBe(true);
    // A success clears the username's count.
    expect(failuresRow('pharmacist')).toBeUndefined();
  });

  it('refuses a disabled account', async () => {
    fx = createFixture();
    fx.station.raw.prepare("UPDATE accounts SET active = 0 WHERE username = 'doctor2'").run();
    expect(await login(anon, 'doctor2', TEST_PASSWORD)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
  });

  it('six log-ins at once do not block the event loop: a timer set after them fires before the first is answered', async () => {
    fx = createFixture();
    // A production-cost argon2id hash (the fixture's scrypt is made cheap for tests).
    const hash = await hashPasswordAsync('Real-cost2026');
    withMasterWriter(fx.station, (w) => w.update(accounts, fx.ids.accounts.reception, { passwordHash: hash }));
    const order: string[] = [];
    const logins = Array.from({ length: 6 }, (_, i) =>
      login({ token: null, source: `ws:10.0.3.${i}` }, 'reception', 'Real-cost2026').then((r) => { order.push(`login ${r.ok}`); }));
    setImmediate(() => order.push('timer'));
    await Promise.all(logins);
    expect(order[0]).toBe('timer');
    expect(order.slice(1)).toEqual(Array.from({ length: 6 }, () => 'login true'));
  });
});

describe('sessions', () => {
  it('refuses every procedure but log-in without a session', () => {
    fx = createFixture();
    expect(fx.call(anon, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(fx.call({ token: 'forged' }, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('locks an idle session; only the password unlocks it', async () => {
    fx = createFixture();
    const me = fx.login('reception');
    fx.advance(fx.station.settings.idleLockMs + 1);
    expect(fx.call(me, 'patients.search', { q: '张' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(fx.ok(me, 'accounts.me', {}).lockedAt).not.toBeNull();
    expect(await fx.callAsync(me, 'accounts.unlock', { password: 'wrong-pass1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', details: { field: 'password' } } });
    expect(await fx.callAsync(me, 'accounts.unlock', { password: TEST_PASSWORD })).toEqual({ ok: true, value: { ok: true } });
    expect(fx.ok(me, 'accounts.me', {}).lockedAt).toBeNull();
  });

  it('locks on request and on the station sweep, telling the UI', async () => {
    fx = createFixture();
    const me = fx.login('reception');
    const events: number[] = [];
    fx.station.on('session.locked', (e) => events.push(e.at));
    fx.advance(fx.station.settings.idleLockMs + 5);
    fx.station.sweepSessions();
    expect(events).toHaveLength(1);
    expect((await fx.callAsync(me, 'accounts.unlock', { password: TEST_PASSWORD })).ok).toBe(true);
    fx.ok(me, 'accounts.lock', {});
    expect(fx.call(me, 'accounts.me', {})).toMatchObject({ ok: true });
    expect(fx.call(me, 'patients.search', { q: '王' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('20 wrong unlocks: the session ends at the fifth, and the UI is told once', async () => {
    fx = createFixture();
    const me = { ...fx.login('reception'), source: 'window' };
    const ended: unknown[] = [];
    fx.station.sessions.onEnd((token, e) => { if (token === me.token) ended.push(e); });
    fx.ok(me, 'accounts.lock', {});
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await fx.callAsync(me, 'accounts.unlock', { password: `wrong-${i}-pw` });
      codes.push(r.ok ? 'ok' : `${r.error.code}${r.error.details?.['reason'] ? `:${String(r.error.details['reason'])}` : ''}`);
    }
    const max = fx.station.settings.maxLoginFailures;
    expect(codes.slice(0, max - 1)).toEqual(Array.from({ length: max - 1 }, () => 'BAD_CREDENTIALS'));
    expect(codes[max - 1]).toBe('UNAUTHENTICATED:too_many_password_failures');
    // Later calls with the ended session's token are told why it ended.
    expect(codes.slice(max)).toEqual(Array.from({ length: 20 - max }, () => 'UNAUTHENTICATED:too_many_password_failures'));
    expect(ended).toEqual([{ code: 'UNAUTHENTICATED', reason: 'too_many_password_failures', message: expect.any(String), at: fx.clock.t }]);
    // Even the right password does not bring the session back; the person logs in again.
    expect(await fx.callAsync(me, 'accounts.unlock', { password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(failuresRow('reception')?.count).toBe(max);
  });

  it('ends a session at the longest session time, whatever its activity; the setting is a clinic setting', () => {
    fx = createFixture();
    withMasterWriter(fx.station, (w) => w.setSetting('idleLockMs', 24 * 3_600_000)); // no idle lock in the way
    fx.station.reloadSettings();
    const me = fx.login('cashier');
    for (let h = 0; h < 11; h++) {
      fx.advance(3_600_000);
      expect(fx.call(me, 'patients.search', { q: '王' }).ok).toBe(true);
    }
    fx.advance(3_600_000 - 1);
    expect(fx.call(me, 'patients.search', { q: '王' }).ok).toBe(true);
    fx.advance(1);
    expect(fx.call(me, 'patients.search', { q: '王' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'session_expired' } } });
    expect(fx.call(me, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // A shorter shift: sessions older than it end at their next call, and the sweep ends them too.
    const later = fx.login('cashier');
    const ended: string[] = [];
    fx.station.sessions.onEnd((_t, e) => ended.push(e.reason));
    withMasterWriter(fx.station, (w) => w.setSetting('maxSessionMs', 2 * 3_600_000));
    fx.station.reloadSettings();
    expect(fx.ok(later, 'accounts.me', {}).endsAt).toBe(fx.clock.t + 2 * 3_600_000);
    fx.advance(2 * 3_600_000);
    fx.station.sweepSessions();
    expect(ended).toEqual(['session_expired']);
    expect(fx.call(later, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('log-out', () => {
  it('logs out: the token no longer works', () => {
    fx = createFixture();
    const me = fx.login('admin');
    fx.ok(me, 'accounts.logout', {});
    expect(dispatchSync(fx.station, me, 'accounts.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
