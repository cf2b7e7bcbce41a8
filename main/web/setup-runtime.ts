/**
 * The host's side of the first-run setup (main/station/services/setup-runtime.ts): a new clinic
 * starts the hub in this process (main/hub/in-process.ts) with its first admin, names the clinic
 * and pairs with itself; joining pairs with a hub on the LAN. Both then start the sync client and
 * wait for the first sync, so the log-in that follows finds its account. A failure leaves the
 * station unset (no credential, no hub setting, the new hub's data folder removed) and retryable.
 * Used by the web host (main/web/run.ts) and the Electron main.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { accounts, staff } from '../../db/schema';
import { DomainError } from '../domain/errors';
import { browseHubs } from '../hub/discovery';
import { inProcessHubDir, startInProcessHub, type InProcessHub } from '../hub/in-process';
import { withMasterWriter } from '../station/master';
import type { FoundHubInfo, NewClinicRequest, SetupRuntime } from '../station/services/setup-runtime';
import { installSetupRuntime } from '../station/services/setup-runtime';
import { setupClosedReason } from '../station/services/setup';
import type { Station } from '../station/station';
import { SyncClient } from '../sync/client';
import { storedHubUrl } from '../sync/connect';
import { pairStation, storedCredential } from '../sync/pair';

export interface HostSetupOptions {
  /** A new clinic's hub data folder; when it exists and is not empty, "-2", "-3"… is appended. */
  hubDataDir: string;
  hubHost: string;
  hubPort: number;
  log: (line: string) => void;
  /** How long the LAN is listened to for hubs (default 1.5 s). */
  discoverMs?: number;
  /** How long to wait for the first sync after pairing (default 30 s). */
  firstSyncMs?: number;
  /** How long to wait for a hub to answer a pairing (default 10 s). */
  pairTimeoutMs?: number;
}

/** station_meta keys the pairing and the in-process hub write; removed again when a setup fails. */
const SETUP_META_KEYS = ['hub_credential', 'hub_cert', 'hub_id', 'hub_url', 'hub_mode', 'hub_data', 'sync_cursor'];

function freshDir(base: string): string {
  const empty = (d: string) => !existsSync(d) || readdirSync(d).length === 0;
  if (empty(base)) return base;
  for (let i = 2; ; i++) if (empty(`${base}-${i}`)) return `${base}-${i}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class HostSetupRuntime implements SetupRuntime {
  private running = false;
  /** What the setup started; the host stops it at exit (close()). */
  inProcess: InProcessHub | null = null;
  sync: SyncClient | null = null;

  constructor(private readonly station: Station, private readonly opts: HostSetupOptions) {}

  get busy(): boolean {
    return this.running;
  }

  discover(): Promise<FoundHubInfo[]> {
    return browseHubs({ timeoutMs: this.opts.discoverMs ?? 1_500 });
  }

  async newClinic(req: NewClinicRequest): Promise<{ hubUrl: string }> {
    return this.exclusive(async () => {
      const dataDir = freshDir(this.opts.hubDataDir);
      const made = !existsSync(dataDir);
      let hub: InProcessHub | null = null;
      try {
        hub = await startInProcessHub(this.station, {
          dataDir, host: this.opts.hubHost, port: this.opts.hubPort,
          firstAdmin: { username: req.username, password: req.password }, log: this.opts.log,
        });
        const admin = hub.clinic.admin;
        withMasterWriter(admin.station, (w) => {
          const account = admin.station.raw.prepare('SELECT id FROM accounts WHERE username = ?').get(req.username) as { id: string } | undefined;
          if (!account) throw new DomainError('INTERNAL', 'the first admin is missing at the new hub');
          const person = w.insert(staff, { name: req.displayName, sex: 'U', position: 'admin' });
          w.update(accounts, account.id, { staffId: person });
          w.setSetting('clinicName', req.clinicName);
          w.setSetting('clinicNameEn', req.clinicNameEn);
        });
        await admin.flush();
      } catch (err) {
        await hub?.close().catch(() => undefined);
        this.forget();
        if (made) rmSync(dataDir, { recursive: true, force: true });
        throw this.hubStartError(err);
      }
      this.inProcess = hub;
      this.opts.log(`new clinic: the hub runs in this process on ${hub.url} (data ${dataDir})`);
      await this.startSync(hub.url, req.username);
      return { hubUrl: hub.url };
    });
  }

  async joinHub(req: { address: string; code: string; fingerprint?: string }): Promise<{ hubUrl: string; synced: boolean }> {
    return this.exclusive(async () => {
      let answer: Awaited<ReturnType<typeof pairStation>>;
      try {
        answer = await pairStation(this.station, req.address, req.code, {
          timeoutMs: this.opts.pairTimeoutMs ?? 10_000, ...(req.fingerprint ? { fingerprint: req.fingerprint } : {}),
        });
      } catch (err) {
        this.forget();
        throw new DomainError('HUB_UNREACHABLE', `no hub answers at ${req.address}: ${messageOf(err)}`, { field: 'address', reason: 'setup_address' });
      }
      if (!answer.ok) {
        this.forget();
        const { code, message } = answer.error;
        if (code === 'BAD_PAIRING_CODE') throw new DomainError('BAD_PAIRING_CODE', message, { field: 'code' });
        if (code === 'PAIRING_THROTTLED') throw new DomainError('BAD_PAIRING_CODE', message, { field: 'code', reason: 'pairing_throttled' });
        if (code === 'DEVICE_TAKEN') throw new DomainError('CONFLICT', message, { field: 'code', reason: 'device_taken' });
        if (code === 'CERT_MISMATCH') throw new DomainError('CONFLICT', message, { field: 'address', reason: 'cert_mismatch' });
        if (code === 'PROTOCOL_MISMATCH') throw new DomainError('CONFLICT', message, { field: 'address', reason: 'protocol' });
        throw new DomainError('HUB_UNREACHABLE', `${code}: ${message}`, { field: 'address', reason: 'setup_address' });
      }
      this.opts.log(`paired with the hub at ${answer.url}`);
      const synced = await this.startSync(answer.url, null);
      return { hubUrl: answer.url, synced };
    });
  }

  /**
   * At a later start, for a host with no start-up of its own (the Electron main; the web host has
   * run.ts): the hub this station runs in-process, if it does, and the sync with its hub.
   */
  async resume(): Promise<void> {
    if (inProcessHubDir(this.station)) {
      this.inProcess = await startInProcessHub(this.station, { host: this.opts.hubHost, port: this.opts.hubPort, log: this.opts.log });
      this.opts.log(`the hub runs in this process on ${this.inProcess.url}`);
    }
    const url = this.inProcess?.url ?? storedHubUrl(this.station);
    if (url && storedCredential(this.station)) {
      this.sync = new SyncClient(this.station, { url, log: this.opts.log });
      this.sync.start();
    }
  }

  /** Stops what the setup started (at the host's exit). */
  async close(): Promise<void> {
    await this.sync?.stop();
    await this.inProcess?.close();
    this.sync = null;
    this.inProcess = null;
  }

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // The handler checked before its transaction committed; checked again here, synchronously.
    const reason = this.running ? 'in_progress' : setupClosedReason(this.station.raw);
    if (reason !== null) throw new DomainError('SETUP_CLOSED', `first-run setup is closed: ${reason}`, { reason });
    this.running = true;
    try {
      return await fn();
    } finally {
      this.running = false;
    }
  }

  /** Syncs with the hub; resolves once the first sync is in (and the account is here, for a new clinic), or after the limit. */
  private async startSync(url: string, username: string | null): Promise<boolean> {
    const client = new SyncClient(this.station, { url, log: this.opts.log });
    client.start();
    this.sync = client;
    const has = this.station.raw.prepare('SELECT 1 FROM accounts WHERE username = ?');
    const deadline = Date.now() + (this.opts.firstSyncMs ?? 30_000);
    while (Date.now() < deadline) {
      if (client.state.lastSyncAt !== null && (username === null || has.get(username) !== undefined)) {
        await client.idle();
        return true;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    this.opts.log(`the first sync with ${url} has not finished yet: it goes on in the background`);
    return false;
  }

  /** Drops what a failed pairing or hub start may have stored: the station stays unset. */
  private forget(): void {
    const del = this.station.raw.prepare('DELETE FROM station_meta WHERE key = ?');
    this.station.raw.transaction(() => { for (const k of SETUP_META_KEYS) del.run(k); }).immediate();
  }

  private hubStartError(err: unknown): unknown {
    if (err instanceof DomainError) {
      // createFirstAdmin blames 'username'; the password policy names no field.
      if (err.code === 'WEAK_PASSWORD') return new DomainError(err.code, err.message, { ...err.details, field: 'password' });
      return err;
    }
    if ((err as { code?: unknown }).code === 'EADDRINUSE') {
      return new DomainError('CONFLICT', `the hub's port ${this.opts.hubPort} is taken on this PC: ${messageOf(err)}`, { reason: 'port_in_use' });
    }
    return err;
  }
}

/** The setup runtime for a host's station, installed so `setup.*` can reach it. */
export function offerSetup(station: Station, opts: HostSetupOptions): HostSetupRuntime {
  const runtime = new HostSetupRuntime(station, opts);
  installSetupRuntime(station, runtime);
  return runtime;
}

/** The default data folder of a new clinic's hub: beside the station's file. */
export function defaultHubDataDir(stationFile: string): string {
  return join(stationFile, '..', 'hub');
}
