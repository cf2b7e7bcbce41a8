/**
 * Discovery on the LAN: a hub listening beyond loopback announces itself over mDNS; a new
 * station finds it (its address, id and certificate fingerprint) and pairs with what it found.
 * Real multicast on this machine's network interfaces.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupsAfterEach, hubTemplate } from '../sync/hooks.testing';
import { pairStation } from '../sync/pair';
import { emptyStation } from '../sync/testing';
import { withMasterWriter } from '../station/master';
import { browseHubs, toFoundHub } from './discovery';
import { PgliteStore } from './pglite-store';
import { startClinicHub } from './run';
import { TEST_STATION_KEY } from '../station/keys.testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

async function lanHub(announce?: boolean) {
  const store = await PgliteStore.open({ loadDataDir: template() });
  const dir = mkdtempSync(join(tmpdir(), 'clinic-disc-'));
  const clinic = await startClinicHub({ store, adminFile: join(dir, 'admin.sqlite'), adminKey: TEST_STATION_KEY, host: '0.0.0.0', port: 0, ...(announce === undefined ? {} : { announce }) });
  cleanups.push(async () => { await clinic.close(); await store.close(); rmSync(dir, { recursive: true, force: true }); });
  return clinic;
}

describe('finding the hub on the LAN', () => {
  it('a hub on the LAN is found with its address, id and fingerprint, and a station pairs with what it found', async () => {
    const { hub } = await lanHub();
    const found = (await browseHubs({ timeoutMs: 2_000 })).filter((h) => h.hubId === hub.id);
    expect(found).toHaveLength(1);
    const [me] = found;
    expect(me!.fingerprint).toBe(hub.fingerprint);
    expect(me!.url).toMatch(new RegExp(`^https://\\d+\\.\\d+\\.\\d+\\.\\d+:${hub.port}$`));
    expect(me!.name).toContain(hub.id.slice(0, 8));
    const s = emptyStation('D1');
    cleanups.push(s.close);
    const answer = await pairStation(s.station, me!.url, (await hub.issuePairingCode()).code, { fingerprint: me!.fingerprint });
    expect(answer).toMatchObject({ ok: true, hub: hub.id });
  });

  it('a hub told not to announce is not found; once closed, an announced hub is gone', async () => {
    const quiet = await lanHub(false);
    const loud = await lanHub(true);
    let ids = (await browseHubs({ timeoutMs: 1_500 })).map((h) => h.hubId);
    expect(ids).toContain(loud.hub.id);
    expect(ids).not.toContain(quiet.hub.id);
    await loud.close();
    ids = (await browseHubs({ timeoutMs: 1_500 })).map((h) => h.hubId);
    expect(ids).not.toContain(loud.hub.id);
  });

  it('a clinic named after its hub started (as the first-run wizard does) is announced under the new name', async () => {
    const { hub, admin } = await lanHub(true);
    expect((await browseHubs({ timeoutMs: 1_500 })).find((h) => h.hubId === hub.id)?.name).toMatch(/^Clinic \(/);
    withMasterWriter(admin.station, (w) => {
      w.setSetting('clinicName', '仁心诊所');
      w.setSetting('clinicNameEn', 'Renxin Clinic');
    });
    let names: string[] = [];
    for (let i = 0; i < 3 && !names.some((n) => n.startsWith('Renxin Clinic')); i++) {
      names = (await browseHubs({ timeoutMs: 1_500 })).filter((h) => h.hubId === hub.id).map((h) => h.name);
    }
    expect(names).toEqual([`Renxin Clinic (${hub.id.slice(0, 8)})`]);
  });

  it('answers that are not a hub of ours are ignored', () => {
    const base = { name: 'x', port: 5190, addresses: ['192.168.1.10'], referer: { address: '192.168.1.10', family: 'IPv4' as const, port: 5353, size: 1 } };
    expect(toFoundHub({ ...base, txt: { hub: 'h1', fp: 'AA' } })).toEqual({ name: 'x', url: 'https://192.168.1.10:5190', hubId: 'h1', fingerprint: 'AA' });
    expect(toFoundHub({ ...base, txt: { hub: 'h1' } })).toBeNull();
    expect(toFoundHub({ ...base, txt: {} })).toBeNull();
    expect(toFoundHub({ ...base, addresses: ['fe80::1'], referer: { address: 'fe80::1', family: 'IPv6' as const, port: 5353, size: 1 }, txt: { hub: 'h1', fp: 'AA' } })).toBeNull();
  });
});
