/**
 * Resuming a session after a reload, over the web host's real WebSocket on a real station: the
 * page's resume ticket brings its session back once, as it was (locked stays locked), only while
 * no page holds it, only from where it was held, only within the grace; logged out or ended, never.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RESUME_CALL } from '../api/contract';
import { createFixture, TEST_PASSWORD, type Fixture } from '../station/testing';
import { callFor, newHolder } from './holder';
import { park, RESUME_GRACE_MS } from './resume';
import { startWebHost, type WebHost } from './server';

let fx: Fixture;
let host: WebHost;

type Answer = { ok: boolean; value?: Record<string, unknown>; error?: { code: string; details?: Record<string, unknown> } };
interface Desk { ws: WebSocket; call: (name: string, input?: unknown) => Promise<Answer>; closed: Promise<void> }

function connect(): Promise<Desk> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
    const waiting = new Map<number, (a: Answer) => void>();
    let id = 0;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id?: number; result?: Answer };
      if (typeof m.id === 'number' && m.result) waiting.get(m.id)?.(m.result);
    });
    const call = (name: string, input: unknown = {}) => new Promise<Answer>((ok) => {
      const myId = ++id;
      waiting.set(myId, ok);
      ws.send(JSON.stringify({ id: myId, name, input }));
    });
    const closed = new Promise<void>((ok) => ws.on('close', () => ok()));
    ws.on('open', () => resolve({ ws, call, closed }));
    ws.on('error', reject);
  });
}

/** Log in on a new socket; its resume ticket. */
async function loggedIn(username: string): Promise<{ desk: Desk; ticket: string }> {
  const desk = await connect();
  const login = await desk.call('accounts.login', { username, password: TEST_PASSWORD });
  expect(login.ok).toBe(true);
  return { desk, ticket: String(login.value?.['token']) };
}

/** The page goes away (a reload): the socket closes, and the host has seen it close. */
async function reload(desk: Desk): Promise<void> {
  desk.ws.close();
  await desk.closed;
}

const refusedBecause = (a: Answer) => `${a.error?.code}/${String(a.error?.details?.['reason'])}`;

beforeAll(async () => {
  fx = createFixture();
  const dir = join(fx.dir, 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>desk</title>');
  host = await startWebHost({ station: fx.station, staticDir: dir, port: 0, sweepEveryMs: 60_000 });
});

afterAll(async () => {
  await host.close();
  fx.close();
});

describe('resuming a session after a reload', () => {
  it('brings the session back once with its ticket, and hands the page a new ticket', async () => {
    const { desk, ticket } = await loggedIn('reception');
    await reload(desk);
    const again = await connect();
    let back = await again.call(RESUME_CALL, { ticket });
    // The close may still be on its way to the host: the ticket works as soon as the session is parked.
    for (let i = 0; i < 50 && !back.ok && back.error?.details?.['reason'] === 'resume_unknown'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      back = await again.call(RESUME_CALL, { ticket });
    }
    expect(back).toMatchObject({ ok: true, value: { username: 'reception', lockedAt: null } });
    const next = String(back.value?.['token']);
    expect(next).not.toBe(ticket);
    expect(await again.call('patients.search', { q: '张' })).toMatchObject({ ok: true });
    // Used once: the old ticket is refused, even on yet another socket.
    const third = await connect();
    expect(refusedBecause(await third.call(RESUME_CALL, { ticket }))).toBe('UNAUTHENTICATED/resume_unknown');
    // And the new one is refused while a page holds the session (it is not parked).
    expect(refusedBecause(await third.call(RESUME_CALL, { ticket: next }))).toBe('UNAUTHENTICATED/resume_unknown');
    expect(await third.call('accounts.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    again.ws.close();
    third.ws.close();
  });

  it('does not bring back a session that logged out', async () => {
    const { desk, ticket } = await loggedIn('cashier');
    expect(await desk.call('accounts.logout')).toMatchObject({ ok: true });
    await reload(desk);
    const again = await connect();
    expect(refusedBecause(await again.call(RESUME_CALL, { ticket }))).toBe('UNAUTHENTICATED/resume_unknown');
    expect(await again.call('accounts.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    again.ws.close();
  });

  it('answers a malformed resume with a structured VALIDATION error', async () => {
    const desk = await connect();
    for (const input of [{}, { ticket: '' }, { ticket: 'x'.repeat(500) }, { ticket: 42 }, null]) {
      expect(await desk.call(RESUME_CALL, input)).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'ticket' } } });
    }
    desk.ws.close();
  });
});

describe('what a resumed session is (the holder, on a real station)', () => {
  const login = async (username: string, source: string) => {
    const holder = newHolder(source);
    const r = await callFor(fx.station, holder, 'accounts.login', { username, password: TEST_PASSWORD });
    expect(r.ok).toBe(true);
    return holder;
  };

  it('a locked session comes back locked: only unlock, me and log-out go through', async () => {
    const holder = await login('pharmacist', 'ws:10.0.0.5');
    expect(await callFor(fx.station, holder, 'accounts.lock', {})).toMatchObject({ ok: true });
    park(fx.station, holder.source, holder.ticket!, holder.token!);
    const ticket = holder.ticket!;
    const next = newHolder('ws:10.0.0.5');
    expect(await callFor(fx.station, next, RESUME_CALL, { ticket })).toMatchObject({ ok: true, value: { username: 'pharmacist' } });
    const me = await callFor(fx.station, next, 'accounts.me', {});
    expect(me.ok && me.value).toMatchObject({ lockedAt: expect.any(Number) });
    expect(await callFor(fx.station, next, 'patients.search', { q: '张' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await callFor(fx.station, next, 'accounts.unlock', { password: TEST_PASSWORD })).toMatchObject({ ok: true });
  });

  it('refuses a ticket brought from another address, and keeps it for the right one', async () => {
    const holder = await login('doctor', 'ws:10.0.0.6');
    park(fx.station, holder.source, holder.ticket!, holder.token!);
    const elsewhere = newHolder('ws:10.0.0.99');
    expect(await callFor(fx.station, elsewhere, RESUME_CALL, { ticket: holder.ticket })).toMatchObject({
      ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'resume_other_source' } },
    });
    expect(elsewhere.token).toBeNull();
    expect(await callFor(fx.station, newHolder('ws:10.0.0.6'), RESUME_CALL, { ticket: holder.ticket })).toMatchObject({ ok: true });
  });

  it('ends a session nobody resumed within the grace', async () => {
    const holder = await login('reception', 'ws:10.0.0.7');
    const token = holder.token!;
    park(fx.station, holder.source, holder.ticket!, token);
    fx.advance(RESUME_GRACE_MS + 1);
    expect(await callFor(fx.station, newHolder('ws:10.0.0.7'), RESUME_CALL, { ticket: holder.ticket })).toMatchObject({
      ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'resume_ended' } },
    });
    expect(fx.station.sessions.get(token, fx.station.now())).toBeUndefined();
  });

  it('does not resume a session the station ended meanwhile (too old)', async () => {
    const holder = await login('cashier', 'ws:10.0.0.8');
    park(fx.station, holder.source, holder.ticket!, holder.token!);
    fx.station.sessions.end(holder.token!, { at: fx.station.now(), code: 'UNAUTHENTICATED', message: 'too old', reason: 'session_expired' });
    const r = await callFor(fx.station, newHolder('ws:10.0.0.8'), RESUME_CALL, { ticket: holder.ticket });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'resume_ended' } } });
  });
});
