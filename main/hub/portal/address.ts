/**
 * The patient app's address as the front desk tells a patient: the patient port's URL, with a
 * wildcard listening address (0.0.0.0, ::) named by this PC's first LAN IPv4 address, which a
 * phone on the clinic Wi-Fi can open. Kept per hub store once the port listens; none before.
 */
import { networkInterfaces } from 'node:os';

/** How the patient port is served: the hub's own certificate, the clinic's, or plain HTTP (closed networks only). */
export type PatientPortMode = 'hub_cert' | 'clinic_cert' | 'http';

export interface PatientPort {
  /** What a phone opens (null: a wildcard address and no LAN address to name it by). */
  address: string | null;
  mode: PatientPortMode;
  /** SHA-256 of the certificate phones are shown (null over plain HTTP). */
  fingerprint: string | null;
}

const known = new WeakMap<object, PatientPort>();

/** `url` as a phone can open it: a wildcard host becomes `lanAddress` (null when there is none: no address to give). */
export function phoneAddress(url: string, lanAddress: string | null = firstLanAddress()): string | null {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host !== '0.0.0.0' && host !== '::') return u.origin;
  if (!lanAddress) return null;
  u.hostname = lanAddress;
  return u.origin;
}

function firstLanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    const v4 = list?.find((a) => a.family === 'IPv4' && !a.internal);
    if (v4) return v4.address;
  }
  return null;
}

export function rememberPatientApp(hubStore: object, url: string, served: Omit<PatientPort, 'address'> = { mode: 'http', fingerprint: null }): void {
  known.set(hubStore, { address: phoneAddress(url), ...served });
}

/** The patient app's address for the hub on `hubStore`, or null when it serves none (or cannot name it). */
export function patientAppOf(hubStore: object): string | null {
  return known.get(hubStore)?.address ?? null;
}

/** How the hub on `hubStore` serves the patient app (the admin's Workstations screen), or null when it serves none. */
export function patientPortOf(hubStore: object): PatientPort | null {
  return known.get(hubStore) ?? null;
}
