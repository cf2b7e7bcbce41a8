/**
 * Attacks on pairing, against a real hub (PGlite, socket.io over TLS on loopback) and real
 * station files: guessing the code (void after a few failures from all sources, each source
 * slowed, every failure audited at the hub's admin station), a code that nobody asked for, and a
 * look-alike hub at the address the station was told (its own server with another certificate,
 * or a TLS relay in front of the real hub) that must neither pair the station nor learn the code.
 */
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { pairStation, storedCredential } from '../sync/pair';
import { storedPin } from '../sync/pin';
import { answerStation } from '../sync/pake';
import { emptyStation } from '../sync/testing';
import { startTestClinicHub, type TestClinicHub } from './admin.testing';
import { MAX_PAIRING_TRIES } from './pairing';
import { FIRST_DELAY_MS } from './pairing-throttle';
import { cleanupsAfterEach, hubTemplate } from '../sync/hooks.testing';
import { makeHubIdentity } from './tls';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

async function hub(): Promise<TestClinicHub> {
  const t = await startTestClinicHub(template());
  cleanups.push(t.close);
  return t;
}

function station(device: string) {
  const s = emptyStation(device);
  cleanups.push(s.close);
  return s.station;
}

/** The hub's audit rows of refused pairings, oldest first. */
function pairRefusals(t: TestClinicHub): { procedure: string; detail: string; device: string }[] {
  return t.clinic.admin.station.raw
    .prepare("SELECT procedure, detail, device FROM audit_log WHERE action = 'refuse' AND entity = 'pair' ORDER BY at, rowid")
    .all() as { procedure: string; detail: string; device: string }[];
}

const otherCode = (code: string, i: number): string => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

describe('pairing codes cannot be guessed', () => {
  it('no code exists at hub start, nor after a restart: a pairing is refused and audited', async () => {
    const t = await hub();
    const s = station('N1');
    const r = await pairStation(s, t.clinic.hub.url, '123456');
    expect(r.ok ? null : r.error).toMatchObject({ code: 'BAD_PAIRING_CODE', message: expect.stringMatching(/no valid pairing code/) });
    expect(storedCredential(s)).toBeNull();

    const { code } = await t.clinic.hub.issuePairingCode();
    await t.restart();
    const again = await pairStation(s, t.clinic.hub.url, code);
    expect(again.ok ? null : again.error.code).toBe('BAD_PAIRING_CODE');
    expect(storedCredential(s)).toBeNull();
    expect(pairRefusals(t).map((a) => a.procedure)).toEqual(['BAD_PAIRING_CODE', 'BAD_PAIRING_CODE']);
    expect(pairRefusals(t)[0]!.device).toBe('N1');
  }, 120_000);

  it('20 wrong codes from 20 addresses void the code: the right one is then refused; each failure is audited with its source', async () => {
    const t = await hub();
    const { code } = await t.clinic.hub.issuePairingCode();
    const guesser = station('G1');
    const answers: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const r = await pairStation(guesser, t.clinic.hub.url, otherCode(code, i), { localAddress: `127.0.0.${10 + i}` });
      answers.push(r.ok ? 'ok' : r.error.message);
    }
    expect(answers.slice(0, MAX_PAIRING_TRIES - 1).every((m) => /^wrong pairing code \(/.test(m))).toBe(true);
    expect(answers[MAX_PAIRING_TRIES - 1]).toMatch(/the code is now void after 5 failed tries/);
    expect(answers.slice(MAX_PAIRING_TRIES).every((m) => /no valid pairing code/.test(m))).toBe(true);

    const s = station('R1');
    const right = await pairStation(s, t.clinic.hub.url, code, { localAddress: '127.0.0.99' });
    expect(right.ok ? null : right.error.code).toBe('BAD_PAIRING_CODE');
    expect(storedCredential(s)).toBeNull();
    expect(await t.store.getDevice('R1')).toBeUndefined();

    const audited = pairRefusals(t);
    expect(audited).toHaveLength(21);
    expect(audited.every((a) => a.procedure === 'BAD_PAIRING_CODE')).toBe(true);
    expect(audited[0]!.detail).toContain('(from 127.0.0.10)');
    expect(audited[19]!.detail).toContain('(from 127.0.0.29)');
    expect(audited[20]!.detail).toContain('(from 127.0.0.99)');
    // A new code asked for by an admin works again.
    const fresh = await t.clinic.hub.issuePairingCode();
    expect((await pairStation(s, t.clinic.hub.url, fresh.code, { localAddress: '127.0.0.99' })).ok).toBe(true);
  }, 180_000);

  it('a source that keeps failing is slowed (refused until its wait is over) while another source pairs at once', async () => {
    const t = await hub();
    const { code } = await t.clinic.hub.issuePairingCode();
    const attacker = station('A1');
    const from = { localAddress: '127.0.0.40' };
    expect((await pairStation(attacker, t.clinic.hub.url, otherCode(code, 0), from)).ok).toBe(false);
    expect((await pairStation(attacker, t.clinic.hub.url, otherCode(code, 1), from)).ok).toBe(false);
    // Now it waits, even with the right code (the hub's clock does not move unless the test moves it).
    const slowed = await pairStation(attacker, t.clinic.hub.url, code, from);
    expect(slowed.ok ? null : slowed.error).toMatchObject({ code: 'PAIRING_THROTTLED', message: expect.stringMatching(/try again in 1 s/) });
    expect(storedCredential(attacker)).toBeNull();

    const desk = station('D1');
    expect((await pairStation(desk, t.clinic.hub.url, code, { localAddress: '127.0.0.41' })).ok).toBe(true);
    expect(storedCredential(desk)).not.toBeNull();

    expect(pairRefusals(t).map((a) => a.procedure)).toEqual(['BAD_PAIRING_CODE', 'BAD_PAIRING_CODE', 'PAIRING_THROTTLED']);
    // Once its wait is over the source is heard again (the code is used up by now).
    t.clock.t += FIRST_DELAY_MS;
    const later = await pairStation(attacker, t.clinic.hub.url, code, from);
    expect(later.ok ? null : later.error.message).toMatch(/no valid pairing code/);
  }, 120_000);
});

/** A look-alike hub: a socket.io server with another certificate that records what a station sends it and claims success. */
async function lookAlikeHub(guess: string) {
  const identity = makeHubIdentity('Clinic desk hub');
  const http = createHttpsServer({ key: identity.key, cert: identity.cert });
  const io = new Server(http, { serveClient: false });
  const seen: { event: string; payload: unknown }[] = [];
  let guessed: boolean | null = null;
  io.on('connection', (socket) => {
    let check: ((mac: string) => boolean) | null = null;
    socket.on('pair', (payload: { device: string; share: string }, ack: (a: unknown) => void) => {
      seen.push({ event: 'pair', payload });
      const answer = answerStation(guess, payload.device, identity.fingerprint, payload.share)!;
      check = answer.stationProved;
      ack({ ok: true, share: answer.share, mac: answer.hubMac });
    });
    socket.on('pair-confirm', (payload: { mac: string }, ack: (a: unknown) => void) => {
      seen.push({ event: 'pair-confirm', payload });
      guessed = check ? check(payload.mac) : null;
      ack({ ok: true, hub: 'look-alike', credential: 'c'.repeat(43) });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const close = () => new Promise<void>((r) => { io.close(() => r()); http.closeAllConnections(); });
  cleanups.push(close);
  return { url: `https://127.0.0.1:${(http.address() as AddressInfo).port}`, seen, guessed: () => guessed, fingerprint: identity.fingerprint };
}

/** A TLS relay with its own certificate in front of the real hub (a man in the middle). */
async function relayTo(port: number) {
  const identity = makeHubIdentity('Clinic desk hub');
  const sockets = new Set<TLSSocket>();
  const server = createTlsServer({ key: identity.key, cert: identity.cert }, (client) => {
    const up = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    sockets.add(client).add(up);
    client.pipe(up).pipe(client);
    const end = () => { client.destroy(); up.destroy(); };
    client.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the code also authenticates the hub', () => {
  it('a look-alike hub with another certificate is refused, though it claims success, and never sees the code', async () => {
    const t = await hub();
    const { code } = await t.clinic.hub.issuePairingCode();
    const fake = await lookAlikeHub(otherCode(code, 0));
    const s = station('L1');
    const r = await pairStation(s, fake.url, code);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'BAD_PAIRING_CODE', message: expect.stringMatching(/did not prove it knows this code/) });
    expect(storedCredential(s)).toBeNull();
    expect(storedPin(s)).toBeNull();
    // What it got: a share and a MAC, never the code; its one guess per pairing was checked and failed.
    expect(fake.seen.map((m) => m.event)).toEqual(['pair', 'pair-confirm']);
    expect(Object.keys(fake.seen[0]!.payload as object).sort()).toEqual(['device', 'protocol', 'share']);
    expect(Object.keys(fake.seen[1]!.payload as object)).toEqual(['mac']);
    expect(JSON.stringify(fake.seen)).not.toContain(code);
    expect(fake.guessed()).toBe(false);
    // The station then pairs with the real hub with the same code.
    expect((await pairStation(s, t.clinic.hub.url, code)).ok).toBe(true);
    expect(storedPin(s)!.fingerprint).toBe(t.clinic.hub.fingerprint);
  }, 120_000);

  it('a relay presenting another certificate in front of the real hub is refused by both ends; the hub audits it', async () => {
    const t = await hub();
    const { code } = await t.clinic.hub.issuePairingCode();
    const relay = await relayTo(t.clinic.hub.port);
    const s = station('M1');
    const r = await pairStation(s, relay, code);
    expect(r.ok ? null : r.error.code).toBe('BAD_PAIRING_CODE');
    expect(storedCredential(s)).toBeNull();
    expect(await t.store.getDevice('M1')).toBeUndefined();
    expect(pairRefusals(t)).toEqual([expect.objectContaining({ procedure: 'BAD_PAIRING_CODE', device: 'M1' })]);
    // The relayed try counted against the code; the station still pairs directly, with the real certificate.
    expect((await pairStation(s, t.clinic.hub.url, code)).ok).toBe(true);
    expect(storedPin(s)!.fingerprint).toBe(t.clinic.hub.fingerprint);
  }, 120_000);
});
