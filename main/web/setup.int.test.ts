/**
 * First-run setup (`setup.*`) against real parts: a new clinic runs a real hub in this process
 * (PGlite, socket.io over TLS), another fresh station joins it by address and pairing code; bad
 * input of every kind is refused with a field and leaves the station unset and retryable.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, ProcedureName } from '../api/contract';
import { freePort } from '../hub/postgres-testing';
import { dispatch } from '../station/dispatch';
import { Station } from '../station/station';
import { createFixture } from '../station/testing';
import { storedCredential } from '../sync/pair';
import { until } from '../sync/testing';
import { HostSetupRuntime, offerSetup } from './setup-runtime';
import { TEST_STATION_KEY } from '../station/keys.testing';

const dir = mkdtempSync(join(tmpdir(), 'clinic-setup-'));
const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const f of closers.splice(0).reverse()) await f();
  rmSync(dir, { recursive: true, force: true });
});

interface Desk { station: Station; runtime: HostSetupRuntime; hubDir: string }

async function freshDesk(name: string, hubPort?: number, hubHost = '127.0.0.1'): Promise<Desk> {
  const station = new Station({ key: TEST_STATION_KEY, file: join(dir, `${name}.sqlite`) });
  const hubDir = join(dir, `${name}-hub`);
  const runtime = offerSetup(station, {
    hubDataDir: hubDir, hubHost, hubPort: hubPort ?? await freePort(), log: () => undefined, discoverMs: 1_500, pairTimeoutMs: 3_000,
  });
  closers.push(() => station.close(), () => runtime.close());
  return { station, runtime, hubDir };
}

const call = <N extends ProcedureName>(station: Station, name: N, input: Input<N>) => dispatch(station, { token: null }, name, input);
const meta = (s: Station) => s.raw.prepare('SELECT key, value FROM station_meta WHERE key NOT IN (?, ?) ORDER BY key').all('device_code', 'hlc');

const ADMIN = { clinicName: '康宁诊所', clinicNameEn: 'Kangning Clinic', username: 'boss', displayName: '王院长', password: 'Clinic2026boss' };

let a: Desk;
beforeAll(async () => {
  // On every interface: the hub announces itself on the LAN (mDNS), and the second desk finds it.
  a = await freshDesk('a', undefined, '0.0.0.0');
}, 60_000);

describe('setup.status', () => {
  it('is needed on a fresh station with a runtime, and closed where there is none or accounts exist', async () => {
    expect(await call(a.station, 'setup.status', {})).toEqual({ ok: true, value: { needed: true, reason: null, device: a.station.device, storage: null } });
    const bare = new Station({ key: TEST_STATION_KEY, file: join(dir, 'bare.sqlite') });
    closers.push(() => bare.close());
    expect(await call(bare, 'setup.status', {})).toMatchObject({ ok: true, value: { needed: false, reason: 'no_runtime' } });
    expect(await call(bare, 'setup.joinHub', { address: '127.0.0.1', code: '123456' }))
      .toMatchObject({ ok: false, error: { code: 'SETUP_CLOSED', details: { reason: 'no_runtime' } } });
    const fx = createFixture();
    closers.push(() => fx.close());
    offerSetup(fx.station, { hubDataDir: join(dir, 'fx-hub'), hubHost: '127.0.0.1', hubPort: 1, log: () => undefined });
    expect(await call(fx.station, 'setup.status', {})).toMatchObject({ ok: true, value: { needed: false, reason: 'has_accounts' } });
    expect(await call(fx.station, 'setup.newClinic', ADMIN)).toMatchObject({ ok: false, error: { code: 'SETUP_CLOSED', details: { reason: 'has_accounts' } } });
    expect(existsSync(join(dir, 'fx-hub'))).toBe(false);
  });
});

describe('a new clinic, then a second desk joins it', () => {
  it('refuses a weak password and a bad username before starting anything', async () => {
    const weak = await call(a.station, 'setup.newClinic', { ...ADMIN, password: 'short1' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD', details: { field: 'password', reason: 'too_short' } } });
    const noDigit = await call(a.station, 'setup.newClinic', { ...ADMIN, password: 'onlyletters' });
    expect(noDigit).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD', details: { field: 'password', reason: 'no_digit' } } });
    const badName = await call(a.station, 'setup.newClinic', { ...ADMIN, username: 'Boss Man' });
    expect(badName).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'username' } } });
    const noClinic = await call(a.station, 'setup.newClinic', { ...ADMIN, clinicName: '  ' });
    expect(noClinic).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'clinicName' } } });
    expect(meta(a.station)).toEqual([]);
    expect(existsSync(a.hubDir)).toBe(false);
    expect(await call(a.station, 'setup.status', {})).toMatchObject({ ok: true, value: { needed: true } });
  });

  it('starts the hub here with the first admin, names the clinic, pairs with itself; then setup is closed', async () => {
    const r = await call(a.station, 'setup.newClinic', ADMIN);
    // Listening on the LAN (0.0.0.0), this desk still reaches its own hub over loopback.
    expect(r).toMatchObject({ ok: true, value: { username: 'boss', hubUrl: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) } });
    expect(storedCredential(a.station)).not.toBeNull();
    expect(existsSync(a.hubDir)).toBe(true);
    expect(a.station.settings.clinicName).toBe('康宁诊所');
    expect(a.station.settings.clinicNameEn).toBe('Kangning Clinic');
    const login = await call(a.station, 'accounts.login', { username: 'boss', password: ADMIN.password });
    expect(login).toMatchObject({ ok: true, value: { username: 'boss', displayName: '王院长', roles: ['admin'] } });

    expect(await call(a.station, 'setup.status', {})).toMatchObject({ ok: true, value: { needed: false, reason: 'in_process_hub' } });
    for (const [name, input] of [
      ['setup.newClinic', ADMIN], ['setup.joinHub', { address: '127.0.0.1', code: '123456' }], ['setup.discover', {}],
    ] as const) {
      expect(await call(a.station, name, input), name).toMatchObject({ ok: false, error: { code: 'SETUP_CLOSED', details: { reason: 'in_process_hub' } } });
    }
    // An admin at the new desk reaches the hub's administration (the hub runs in this process).
    const token = login.ok ? login.value.token : '';
    const settings = await dispatch(a.station, { token }, 'org.settings', {});
    expect(settings).toMatchObject({ ok: true, value: { clinicName: '康宁诊所' } });
  }, 120_000);

  it('a second desk: bad addresses and codes are refused by field; unreachable and wrong codes leave it unset; the right code joins', async () => {
    const b = await freshDesk('b');
    for (const address of ['', 'not an address', 'http://10.0.0.1:5190/path', '10.0.0.1:99999', 'ftp://10.0.0.1', 'https://user@10.0.0.1']) {
      expect(await call(b.station, 'setup.joinHub', { address, code: '123456' }), address)
        .toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'address' } } });
    }
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      expect(await call(b.station, 'setup.joinHub', { address: '127.0.0.1', code }), code)
        .toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'code' } } });
    }
    const nobody = await freePort();
    expect(await call(b.station, 'setup.joinHub', { address: `127.0.0.1:${nobody}`, code: '123456' }))
      .toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE', details: { field: 'address', reason: 'setup_address' } } });
    expect(meta(b.station)).toEqual([]);

    const hub = a.runtime.inProcess!.clinic.hub;
    const found = await call(b.station, 'setup.discover', {});
    const onLan = found.ok ? found.value.hubs.find((h) => h.hubId === hub.id) : undefined;
    expect(onLan).toMatchObject({ url: expect.stringMatching(new RegExp(`^https://[\\d.]+:${hub.port}$`)), fingerprint: hub.fingerprint });
    const address = `127.0.0.1:${hub.port}`;
    const { code } = await hub.issuePairingCode();
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await call(b.station, 'setup.joinHub', { address, code: wrong }))
      .toMatchObject({ ok: false, error: { code: 'BAD_PAIRING_CODE', details: { field: 'code' } } });
    expect(meta(b.station)).toEqual([]);
    expect(await call(b.station, 'setup.status', {})).toMatchObject({ ok: true, value: { needed: true } });
    // A fingerprint other than the hub's (a spoofed LAN announcement) is refused.
    const spoofed = Array.from({ length: 32 }, () => 'AB').join(':');
    expect(await call(b.station, 'setup.joinHub', { address, code, fingerprint: spoofed }))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'address', reason: 'cert_mismatch' } } });
    expect(meta(b.station)).toEqual([]);

    // Picked from the LAN list: its address and the fingerprint it announced.
    const joined = await call(b.station, 'setup.joinHub', { address: onLan!.url, code, fingerprint: onLan!.fingerprint });
    expect(joined).toMatchObject({ ok: true, value: { synced: true, hubUrl: onLan!.url } });
    expect(await call(b.station, 'setup.status', {})).toMatchObject({ ok: true, value: { needed: false, reason: 'paired' } });
    expect(await call(b.station, 'accounts.login', { username: 'boss', password: ADMIN.password })).toMatchObject({ ok: true, value: { displayName: '王院长' } });
    expect(b.station.settings.clinicName).toBe('康宁诊所');
    expect(await call(b.station, 'setup.joinHub', { address, code })).toMatchObject({ ok: false, error: { code: 'SETUP_CLOSED', details: { reason: 'paired' } } });
  }, 120_000);
});

describe('a new clinic that cannot start', () => {
  it('leaves the station unset and its data folder gone; a retry once the port is free succeeds, one at a time', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((ok) => blocker.listen(port, '127.0.0.1', ok));
    const c = await freshDesk('c', port);
    const failed = await call(c.station, 'setup.newClinic', ADMIN);
    expect(failed).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'port_in_use' } } });
    expect(meta(c.station)).toEqual([]);
    expect(existsSync(c.hubDir)).toBe(false);
    expect(c.station.raw.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    expect(await call(c.station, 'setup.status', {})).toMatchObject({ ok: true, value: { needed: true } });
    await new Promise<void>((ok) => blocker.close(() => ok()));

    const [first, second] = await Promise.all([call(c.station, 'setup.newClinic', ADMIN), call(c.station, 'setup.newClinic', ADMIN)]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'SETUP_CLOSED', details: { reason: 'in_progress' } } });
    expect(await call(c.station, 'accounts.login', { username: 'boss', password: ADMIN.password })).toMatchObject({ ok: true });

    // A later start of a host with no start-up of its own (the Electron main): the hub comes back in this process, the sync with it.
    await c.runtime.close();
    const again = offerSetup(c.station, { hubDataDir: c.hubDir, hubHost: '127.0.0.1', hubPort: await freePort(), log: () => undefined });
    closers.push(() => again.close());
    await again.resume();
    expect(again.inProcess).not.toBeNull();
    await until(() => again.sync?.state.online === true && again.sync.state.lastSyncAt !== null, 30_000);
    expect(await call(c.station, 'setup.status', {})).toMatchObject({ ok: true, value: { needed: false, reason: 'in_process_hub' } });
  }, 120_000);
});
