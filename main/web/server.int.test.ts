import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createFixture, TEST_PASSWORD, type Fixture } from '../station/testing';
import { MAX_FRAME_BYTES } from './frames';
import { startWebHost, type WebHost } from './server';

let fx: Fixture;
let host: WebHost;
let origin: string;

interface Msg { id?: unknown; result?: { ok: boolean; value?: Record<string, unknown>; error?: { code: string; details?: Record<string, unknown> } }; event?: string; payload?: unknown }

function connect(headers: Record<string, string> = { Origin: origin }): Promise<{ ws: WebSocket; next: () => Promise<Msg>; call: (name: string, input?: unknown) => Promise<Msg['result']> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers });
    const inbox: Msg[] = [];
    const waiters: ((m: Msg) => void)[] = [];
    let id = 0;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Msg;
      const w = waiters.shift();
      if (w) w(m); else inbox.push(m);
    });
    const next = () => new Promise<Msg>((ok) => { const m = inbox.shift(); if (m) ok(m); else waiters.push(ok); });
    const call = async (name: string, input: unknown = {}) => {
      const myId = ++id;
      ws.send(JSON.stringify({ id: myId, name, input }));
      for (;;) {
        const m = await next();
        if (m.id === myId) return m.result;
      }
    };
    ws.on('open', () => resolve({ ws, next, call }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

beforeAll(async () => {
  fx = createFixture();
  const dir = join(fx.dir, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(fx.dir, 'secret.txt'), 'do not serve');
  host = await startWebHost({ station: fx.station, staticDir: dir, port: 0, sweepEveryMs: 50 });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  fx.close();
});

describe('web host: static files', () => {
  it('serves the renderer with a strict CSP, the page for app routes, 404 for missing assets and nothing outside', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).toContain('<title>desk</title>');
    expect((await fetch(`${origin}/display`)).status).toBe(200);
    expect((await fetch(`${origin}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a Host that is not an address or localhost (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((ok) => {
      request({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: `evil.example:${host.port}` } }, (res) => { res.resume(); ok(res.statusCode); }).end();
    });
    expect(status).toBe(421);
  });
});

describe('web host: the API over WebSocket', () => {
  it('refuses a socket from another origin or without one', async () => {
    await expect(connect({ Origin: 'http://evil.example' })).rejects.toThrow('status 403');
    await expect(connect({})).rejects.toThrow('status 403');
  });

  it('logs in on the connection, keeps the token on the server side, and logs out', async () => {
    const c = await connect();
    expect(await c.call('accounts.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const login = await c.call('accounts.login', { username: 'reception', password: TEST_PASSWORD });
    // The page gets a resume ticket in `token`, never the station's own session token.
    expect(login).toMatchObject({ ok: true, value: { username: 'reception' } });
    const ticket = login?.value?.['token'];
    expect(typeof ticket === 'string' && ticket.length >= 40).toBe(true);
    expect(fx.station.sessions.get(String(ticket), fx.station.now())).toBeUndefined();
    expect(await c.call('accounts.me')).toMatchObject({ ok: true, value: { username: 'reception', lockedAt: null } });
    // Another connection does not share the session.
    const other = await connect();
    expect(await other.call('accounts.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await c.call('accounts.logout')).toMatchObject({ ok: true });
    expect(await c.call('accounts.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    c.ws.close();
    other.ws.close();
  });

  it('answers bad frames with a structured error and keeps the connection', async () => {
    const c = await connect();
    c.ws.send('{nope');
    expect(await c.next()).toMatchObject({ id: null, result: { ok: false, error: { code: 'VALIDATION', details: { reason: 'malformed_json' } } } });
    c.ws.send(JSON.stringify({ id: 3, name: 5 }));
    expect(await c.next()).toMatchObject({ id: 3, result: { ok: false, error: { details: { reason: 'malformed_frame' } } } });
    c.ws.send(JSON.stringify({ id: 4, name: 'x', input: 'y'.repeat(MAX_FRAME_BYTES) }));
    expect(await c.next()).toMatchObject({ id: null, result: { ok: false, error: { details: { reason: 'frame_too_large' } } } });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next()).toMatchObject({ result: { ok: false, error: { details: { reason: 'binary_frame' } } } });
    expect(await c.call('no.such')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    c.ws.close();
  });

  it('pushes station events to logged-in connections only, and session.locked to the session that locked', async () => {
    const a = await connect();
    const b = await connect();
    const anon = await connect();
    await a.call('accounts.login', { username: 'reception', password: TEST_PASSWORD });
    await b.call('accounts.login', { username: 'doctor', password: TEST_PASSWORD });
    fx.station.emit('notice', { id: 'n1', kind: 'info', message: 'hello', at: 1 });
    expect(await a.next()).toEqual({ event: 'notice', payload: { id: 'n1', kind: 'info', message: 'hello', at: 1 } });
    expect(await b.next()).toMatchObject({ event: 'notice' });
    // Lock a's session only; the sweep (every 50 ms) or the lock itself tells a, not b.
    await a.call('accounts.lock');
    fx.station.emit('session.locked', { at: 2 });
    expect(await a.next()).toEqual({ event: 'session.locked', payload: { at: 2 } });
    fx.station.emit('sync.status', { online: true, pending: 0, lastSyncAt: null, refused: null });
    expect(await b.next()).toMatchObject({ event: 'sync.status' });
    // The anonymous socket got nothing: its first message is the answer to its own call.
    expect(await anon.call('accounts.me')).toMatchObject({ ok: false });
    // A desk logging in after the last report is told the sync state at once.
    fx.station.emit('sync.status', { online: false, pending: 4, lastSyncAt: 7, refused: { code: 'CERT_MISMATCH', message: 'not the pinned certificate' } });
    expect(await b.next()).toMatchObject({ event: 'sync.status', payload: { pending: 4 } });
    const late = await connect();
    await late.call('accounts.login', { username: 'cashier', password: TEST_PASSWORD });
    expect(await late.next()).toEqual({ event: 'sync.status', payload: fx.station.syncStatus });
    expect(fx.station.syncStatus?.refused?.code).toBe('CERT_MISMATCH');
    for (const c of [a, b, anon, late]) c.ws.close();
    fx.station.syncStatus = null; // the next tests log in and expect their own events first
  });

  it('locks an idle session by the sweep, tells its socket, and unlocks with the password', async () => {
    const c = await connect();
    await c.call('accounts.login', { username: 'cashier', password: TEST_PASSWORD });
    const before = fx.station.sessions.sweep(fx.station.now()).length;
    expect(before).toBe(0);
    fx.advance(fx.station.settings.idleLockMs + 1_000);
    const msg = await c.next();
    expect(msg).toMatchObject({ event: 'session.locked' });
    expect(await c.call('accounts.me')).toMatchObject({ ok: true, value: { username: 'cashier' } });
    expect(await c.call('patients.search', { q: 'x' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await c.call('accounts.unlock', { password: TEST_PASSWORD })).toMatchObject({ ok: true });
    c.ws.close();
  });
});

describe('web host: sessions the station ends', () => {
  it("tells a socket its session ended when its account is disabled (that socket only), and its next call says why", async () => {
    const c = await connect();
    const other = await connect();
    await c.call('accounts.login', { username: 'doctor2', password: TEST_PASSWORD });
    await other.call('accounts.login', { username: 'reception', password: TEST_PASSWORD });
    fx.station.raw.prepare("UPDATE accounts SET active = 0 WHERE username = 'doctor2'").run();
    fx.station.emit('data.changed', { tables: ['accounts'] }); // as sync's apply does
    // Events the station sends everyone (data.changed) may come first; the session end follows.
    let msg = await c.next();
    while (msg.event !== 'session.ended') msg = await c.next();
    expect(msg).toMatchObject({ event: 'session.ended', payload: { code: 'ACCOUNT_DISABLED', reason: 'account_disabled' } });
    expect(await c.call('patients.search', { q: 'x' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await other.call('accounts.me')).toMatchObject({ ok: true, value: { username: 'reception' } });
    fx.station.raw.prepare("UPDATE accounts SET active = 1 WHERE username = 'doctor2'").run();
    c.ws.close();
    other.ws.close();
  });

  it('counts wrong passwords against the socket peer address, not the account everywhere', async () => {
    const c = await connect();
    expect(await c.call('accounts.login', { username: 'pharmacist', password: 'wrong-pw-1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(fx.station.throttle.get('ws:127.0.0.1', 'pharmacist')?.failures).toBe(1);
    expect(fx.station.throttle.get('local', 'pharmacist')).toBeUndefined();
    c.ws.close();
  });
});
