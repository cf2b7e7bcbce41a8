/**
 * What the first-run setup needs from the process that hosts the station (the web host, the
 * Electron main): starting a hub in this process, pairing, starting the sync client. The station
 * core only declares it; the host installs its implementation (main/web/setup-runtime.ts) on its
 * station, and the `setup.*` handlers reach it through the request's database.
 */
import type Database from 'better-sqlite3';
import type { Station } from '../station';

export interface FoundHubInfo {
  name: string;
  url: string;
  hubId: string;
  fingerprint: string;
}

export interface NewClinicRequest {
  clinicName: string;
  clinicNameEn: string;
  username: string;
  displayName: string;
  password: string;
}

/**
 * The host's side of the setup. Each action either completes or leaves the station unset (and
 * throws a DomainError with `details.field` where a field is to blame).
 */
export interface SetupRuntime {
  /** True while a newClinic or joinHub is running. */
  readonly busy: boolean;
  discover(): Promise<FoundHubInfo[]>;
  newClinic(req: NewClinicRequest): Promise<{ hubUrl: string }>;
  /** `address`: as typed (or found on the LAN); `fingerprint`: the certificate it must present, when known. */
  joinHub(req: { address: string; code: string; fingerprint?: string }): Promise<{ hubUrl: string; synced: boolean }>;
}

const runtimes = new WeakMap<Database.Database, SetupRuntime>();

/** Called by the host once it can set the station up; a station without one never offers the setup. */
export function installSetupRuntime(station: Station, runtime: SetupRuntime): void {
  runtimes.set(station.raw, runtime);
}

export function setupRuntimeOf(raw: Database.Database): SetupRuntime | null {
  return runtimes.get(raw) ?? null;
}
