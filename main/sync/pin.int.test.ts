/**
 * Encrypted LAN traffic (DESIGN.md "Security"): the hub makes its own certificate and keeps it;
 * a station pins it at pairing and refuses any other hub — at the same address, or in between.
 */
import { X509Certificate } from 'node:crypto';
import { connect as tlsConnect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { cleanupsAfterEach, hubTemplate } from './hooks.testing';
import { PgliteStore } from '../hub/pglite-store';
import { hubIdentity, identityMatches, makeHubIdentity } from '../hub/tls';
import { createFixture } from '../station/testing';
import { getMeta } from './local';
import { pendingCount } from './local';
import { pairStation, storedCredential } from './pair';
import { HUB_CERT_KEY, fetchHubCertificate, storedPin } from './pin';
import { client, connected, startTestHub, startTestHubOn, until } from './testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

describe('the hub certificate', () => {
  it('is a self-signed P-256 certificate for 30 years, its key matches, and a mixed-up key is caught', () => {
    const id = makeHubIdentity('Clinic desk hub', new Date('2026-11-22T12:00:00Z'));
    const x = new X509Certificate(id.cert);
    expect(x.subject).toBe('CN=Clinic desk hub');
    expect(x.issuer).toBe(x.subject);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(new Date(x.validFrom).toISOString()).toBe('2026-11-21T12:00:00.000Z');
    expect(new Date(x.validTo).toISOString()).toBe('2056-11-22T12:00:00.000Z');
    expect(x.fingerprint256).toBe(id.fingerprint);
    expect(identityMatches(id)).toBe(true);
    expect(identityMatches({ key: makeHubIdentity('other').key, cert: id.cert })).toBe(false);
    expect(makeHubIdentity('Clinic desk hub').fingerprint).not.toBe(id.fingerprint);
  });

  it('is made on first run and kept in the store: the same after a restart, different for another hub', async () => {
    const store = await PgliteStore.open({ loadDataDir: template() });
    cleanups.push(() => store.close());
    const first = await hubIdentity(store);
    expect(await hubIdentity(store)).toEqual(first);
    const th = await startTestHubOn(store);
    expect(th.hub.fingerprint).toBe(first.fingerprint);
    expect(th.hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // What the socket presents is that certificate.
    expect((await fetchHubCertificate(th.hub.url)).fingerprint).toBe(first.fingerprint);
    await th.hub.close();
    const other = await startTestHub(template());
    cleanups.push(other.close);
    expect(other.hub.fingerprint).not.toBe(first.fingerprint);
  });

  it('the sync port speaks only TLS: a plain connection gets nothing', async () => {
    const th = await startTestHub(template());
    cleanups.push(th.close);
    const res = await fetch(`http://127.0.0.1:${th.hub.port}/socket.io/?EIO=4&transport=polling`).then((r) => r.status, (e: unknown) => String(e));
    expect(res).not.toBe(200);
    // And TLS itself works without any CA: the client pins, it does not look names up.
    const authorized = await new Promise<boolean>((resolve, reject) => {
      const s = tlsConnect({ host: '127.0.0.1', port: th.hub.port, ca: th.hub.certificate, checkServerIdentity: () => undefined });
      s.once('secureConnect', () => { resolve(s.authorized); s.destroy(); });
      s.once('error', reject);
    });
    expect(authorized).toBe(true);
  });
});

describe('pinning at pairing', () => {
  it('pairing keeps the certificate the hub showed; the station then syncs with it', async () => {
    const th = await startTestHub(template(), { open: false });
    cleanups.push(th.close);
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    const answer = await pairStation(fx.station, th.hub.url, (await th.hub.issuePairingCode()).code);
    expect(answer).toMatchObject({ ok: true, url: th.hub.url, fingerprint: th.hub.fingerprint });
    expect(getMeta(fx.station, HUB_CERT_KEY)).toBe(th.hub.certificate);
    expect(storedPin(fx.station)?.fingerprint).toBe(th.hub.fingerprint);
    // Connected with the stored pin (no pin handed over by the test).
    const c = await connected(fx.station, th.hub, { pin: undefined });
    cleanups.push(() => c.stop());
    expect(pendingCount(fx.station)).toBe(0);
  });

  it('a hub with another certificate at the paired address is refused: CERT_MISMATCH, nothing exchanged; the real hub is synced again', async () => {
    const real = await startTestHub(template(), { open: false });
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    expect((await pairStation(fx.station, real.hub.url, (await real.hub.issuePairingCode()).code)).ok).toBe(true);
    const port = real.hub.port;
    const realStore = real.store;
    await real.hub.close();
    const pending = pendingCount(fx.station);

    // Someone else's hub, open to anyone, on the same address.
    const impostor = await startTestHub(template(), { port, open: true });
    cleanups.push(impostor.close);
    const c = client(fx.station, impostor.hub, { pin: undefined });
    cleanups.push(() => c.stop());
    c.start();
    await until(() => c.state.error !== null);
    expect(c.state.error?.code).toBe('CERT_MISMATCH');
    expect(c.state.online).toBe(false);
    expect(await impostor.store.lastSeq()).toBe(0);
    expect(pendingCount(fx.station)).toBe(pending);
    await c.stop();
    await impostor.close();

    // The real hub back on its data: the station syncs.
    const back = await startTestHubOn(realStore, { port, open: false });
    cleanups.push(back.close);
    const c2 = await connected(fx.station, back.hub, { pin: undefined });
    cleanups.push(() => c2.stop());
    expect(pendingCount(fx.station)).toBe(0);
    expect(await back.store.lastSeq()).toBe(pending);
  });

  it('pairing with an expected fingerprint refuses a hub with another one, and stores nothing', async () => {
    const th = await startTestHub(template(), { open: false });
    cleanups.push(th.close);
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    const { code } = await th.hub.issuePairingCode();
    const wrong = makeHubIdentity('someone else').fingerprint;
    const refused = await pairStation(fx.station, th.hub.url, code, { fingerprint: wrong });
    expect(refused.ok ? null : refused.error.code).toBe('CERT_MISMATCH');
    expect(storedCredential(fx.station)).toBeNull();
    expect(storedPin(fx.station)).toBeNull();
    // The code was not used up by the refused attempt: the right fingerprint pairs.
    const ok = await pairStation(fx.station, th.hub.url.replace('https://', ''), code, { fingerprint: th.hub.fingerprint.toLowerCase() });
    expect(ok.ok).toBe(true);
  });

  it('a station that never paired does not connect at all; an address with no hub fails clearly', async () => {
    const th = await startTestHub(template(), { open: true });
    cleanups.push(th.close);
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    const c = client(fx.station, th.hub, { pin: null });
    c.start();
    expect(c.state.error?.code).toBe('UNPAIRED');
    await c.stop();
    expect(await th.store.lastSeq()).toBe(0);
    await th.close();
    await expect(pairStation(fx.station, th.hub.url, '123456', { timeoutMs: 2_000 })).rejects.toThrow(/ECONNREFUSED/);
    await expect(pairStation(fx.station, 'not a host name', '123456')).rejects.toThrow(/not a hub address/);
  });
});
