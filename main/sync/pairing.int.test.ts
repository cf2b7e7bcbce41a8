/** Pairing: the hub refuses unpaired and revoked devices; a pairing code works once. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgliteStore } from '../hub/pglite-store';
import { createFixture } from '../station/testing';
import { pendingCount } from './local';
import { pairStation, storedCredential } from './pair';
import { client, connected, emptyStation, replicatedChecksums, startTestHub, until } from './testing';

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function setup() {
  const th = await startTestHub(template, { open: false });
  cleanups.push(th.close);
  const fx = createFixture({ device: 'A1' });
  cleanups.push(fx.close);
  return { th, fx };
}

describe('pairing', () => {
  it('an unpaired station is refused and its changes wait; after pairing with the code it syncs', async () => {
    const { th, fx } = await setup();
    const before = pendingCount(fx.station);
    const c = client(fx.station, th.hub);
    cleanups.push(() => c.stop());
    c.start();
    await until(() => c.state.error !== null);
    expect(c.state.error?.code).toBe('UNPAIRED');
    expect(await th.store.lastSeq()).toBe(0);
    await c.stop();

    const { code } = await th.hub.issuePairingCode();
    const answer = await pairStation(fx.station, th.hub.url, code);
    expect(answer.ok).toBe(true);
    expect(storedCredential(fx.station)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const c2 = await connected(fx.station, th.hub);
    cleanups.push(() => c2.stop());
    expect(pendingCount(fx.station)).toBe(0);
    expect(await th.store.lastSeq()).toBe(before);
  });

  it('a code works once, a wrong code is refused, and a second device with the same code is refused', async () => {
    const { th, fx } = await setup();
    const { code } = await th.hub.issuePairingCode();
    const wrong = code === '000000' ? '000001' : '000000';
    const bad = await pairStation(fx.station, th.hub.url, wrong);
    expect(bad.ok ? null : bad.error.code).toBe('BAD_PAIRING_CODE');
    expect(storedCredential(fx.station)).toBeNull();
    expect((await pairStation(fx.station, th.hub.url, code)).ok).toBe(true);
    const b = emptyStation('B1', fx.clock);
    cleanups.push(b.close);
    const reused = await pairStation(b.station, th.hub.url, code);
    expect(reused.ok ? null : reused.error.code).toBe('BAD_PAIRING_CODE');
    // A device code already paired cannot be taken over with a new code.
    const again = await th.hub.issuePairingCode();
    const imposter = emptyStation('A1', fx.clock);
    cleanups.push(imposter.close);
    const taken = await pairStation(imposter.station, th.hub.url, again.code);
    expect(taken.ok ? null : taken.error.code).toBe('DEVICE_TAKEN');
  });

  it('a wrong credential is refused; a revoked device is dropped and refused on reconnect', async () => {
    const { th, fx } = await setup();
    expect((await pairStation(fx.station, th.hub.url, (await th.hub.issuePairingCode()).code)).ok).toBe(true);
    const forged = client(fx.station, th.hub, { credential: 'x'.repeat(43) });
    cleanups.push(() => forged.stop());
    forged.start();
    await until(() => forged.state.error !== null);
    expect(forged.state.error?.code).toBe('UNPAIRED');
    await forged.stop();

    const b = emptyStation('B1', fx.clock);
    cleanups.push(b.close);
    expect((await pairStation(b.station, th.hub.url, (await th.hub.issuePairingCode()).code)).ok).toBe(true);
    const a = await connected(fx.station, th.hub);
    cleanups.push(() => a.stop());
    const cb = await connected(b.station, th.hub);
    cleanups.push(() => cb.stop());
    expect(replicatedChecksums(b.station)).toEqual(replicatedChecksums(fx.station));

    expect(await th.hub.revoke('B1')).toBe(true);
    await until(() => cb.state.error?.code === 'REVOKED');
    expect(cb.state.online).toBe(false);
    expect(await th.hub.revoke('Z9')).toBe(false);
  });
});
