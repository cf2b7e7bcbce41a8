/**
 * Test helpers for hub administration: a whole hub (sync server, admin station seeded with the
 * fixture's small clinic) on loopback over PGlite, and workstations paired with it that log in
 * and call procedures through the async dispatch, as the UI does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Input, Output, ProcedureName, Result } from '../api/contract';
import { dispatch } from '../station/dispatch';
import type { Station } from '../station/station';
import { seedClinic, TEST_PASSWORD, TEST_START } from '../station/testing';
import type { SyncClient } from '../sync/client';
import { pairStation } from '../sync/pair';
import { connected, emptyStation } from '../sync/testing';
import { PgliteStore } from './pglite-store';
import { startClinicHub, type ClinicHub, type ClinicHubOptions } from './run';
import { TEST_STATION_KEY } from '../station/keys.testing';

export interface TestClinicHub {
  clinic: ClinicHub;
  store: PgliteStore;
  dir: string;
  clock: { t: number };
  ids: ReturnType<typeof seedClinic>;
  /** Restarts the hub process's parts on the same store, admin file and port (the store stays open). */
  restart: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * A paired hub with the fixture's clinic written at its admin station and published, for tests on a copy of `template`. Its scheduled jobs exist (jobs.list, runNow, and
 * the runs missed while it was stopped, at a restart) but are not looked for on a timer unless
 * `opts.jobs` says so: a job firing between a test's steps would make it depend on the wall clock.
 */
export async function startTestClinicHub(template: Blob | File, opts: { web?: { staticDir: string; tls?: boolean; anyRole?: boolean }; portal?: ClinicHubOptions['portal']; jobs?: ClinicHubOptions['jobs'] } = {}): Promise<TestClinicHub> {
  const store = await PgliteStore.open({ loadDataDir: template });
  const dir = mkdtempSync(join(tmpdir(), 'clinic-hub-'));
  const clock = { t: TEST_START };
  const start = (port = 0) => startClinicHub({
    store, adminFile: join(dir, 'admin.sqlite'), adminKey: TEST_STATION_KEY, now: () => clock.t, validateOutput: true, port,
    jobs: opts.jobs ?? { pollMs: 24 * 3_600_000 },
    ...(opts.web ? { web: { port: 0, ...opts.web } } : {}),
    ...(opts.portal ? { portal: { ...opts.portal, port: port === 0 ? opts.portal.port : t.clinic.portal?.port ?? 0 } } : {}),
  });
  const t: TestClinicHub = {
    clinic: await start(), store, dir, clock, ids: undefined as unknown as ReturnType<typeof seedClinic>,
    restart: async () => {
      const { port } = t.clinic.hub;
      await t.clinic.close();
      t.clinic = await start(port);
    },
    close: async () => {
      await t.clinic.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  t.ids = seedClinic(t.clinic.admin.station);
  await t.clinic.admin.flush();
  return t;
}

export interface TestWorkstation {
  station: Station;
  client: SyncClient;
  login: (username: string) => Promise<{ token: string }>;
  call: <N extends ProcedureName>(caller: { token: string | null }, name: N, input: Input<N>) => Promise<Result<Output<N>>>;
  close: () => Promise<void>;
}

/** A new workstation, paired with a code from the hub, bootstrapped and syncing. */
export async function pairedWorkstation(t: TestClinicHub, device: string): Promise<TestWorkstation> {
  const ws = emptyStation(device, t.clock);
  const { code } = await t.clinic.hub.issuePairingCode();
  const paired = await pairStation(ws.station, t.clinic.hub.url, code);
  if (!paired.ok) throw new Error(`pairing ${device}: ${paired.error.code}`);
  const client = await connected(ws.station, t.clinic.hub);
  const call: TestWorkstation['call'] = (caller, name, input) => dispatch(ws.station, caller, name, input);
  return {
    station: ws.station, client, call,
    login: async (username) => {
      const r = await call({ token: null }, 'accounts.login', { username, password: TEST_PASSWORD });
      if (!r.ok) throw new Error(`login ${username}: ${JSON.stringify(r.error)}`);
      return { token: r.value.token };
    },
    close: async () => {
      await client.stop();
      ws.close();
    },
  };
}
