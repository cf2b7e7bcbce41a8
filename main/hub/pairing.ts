/**
 * Pairing (DESIGN.md "Security"): the hub shows a one-time 6-digit code; a workstation that
 * gives it gets a device credential (random, stored at the hub only as a sha256) and presents it
 * in every hello. The admin can revoke a device; the hub refuses unpaired and revoked devices.
 * The socket is TLS with the hub's own certificate (main/hub/tls.ts), pinned by the station at
 * pairing (main/sync/pin.ts).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { HelloT, PairT, SyncErrorT } from '../sync/protocol';
import type { HubStore } from './store';

/** How long a pairing code stays valid. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
const CODE_KEY = 'pairing_code';

function hash(credential: string): string {
  return createHash('sha256').update(credential).digest('hex');
}

/** A new one-time code (replaces any earlier one), for the hub's screen. */
export async function issuePairingCode(store: HubStore, now: number): Promise<{ code: string; expiresAt: number }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = now + PAIRING_CODE_TTL_MS;
  await store.setMeta(CODE_KEY, JSON.stringify({ code, expiresAt }));
  return { code, expiresAt };
}

/** Checks the code, uses it up, and records the device with a new credential. */
export async function pairDevice(store: HubStore, req: PairT, now: number): Promise<{ credential: string } | { error: SyncErrorT }> {
  const stored = await store.getMeta(CODE_KEY);
  const current = stored ? (JSON.parse(stored) as { code: string; expiresAt: number }) : undefined;
  const a = Buffer.from(req.code);
  const b = Buffer.from(current?.code ?? '------');
  if (!current || current.expiresAt < now || a.length !== b.length || !timingSafeEqual(a, b)) {
    return { error: { code: 'BAD_PAIRING_CODE', message: 'wrong or expired pairing code: ask the hub for a new one' } };
  }
  const existing = await store.getDevice(req.device);
  if (existing && existing.revokedAt === null) {
    return { error: { code: 'DEVICE_TAKEN', message: `device code ${req.device} is already paired with this hub` } };
  }
  await store.setMeta(CODE_KEY, JSON.stringify({ code: '', expiresAt: 0 }));
  const credential = randomBytes(32).toString('base64url');
  await store.putDevice({ device: req.device, credentialHash: hash(credential), pairedAt: now, revokedAt: null });
  return { credential };
}

/** For startHub's `authorize`: a paired, unrevoked device with its own credential. */
export async function checkCredential(store: HubStore, hello: HelloT): Promise<SyncErrorT | null> {
  const d = await store.getDevice(hello.device);
  if (!d || hello.credential === null) return { code: 'UNPAIRED', message: `device ${hello.device} is not paired with this hub: pair it with the code shown on the hub` };
  if (d.revokedAt !== null) return { code: 'REVOKED', message: `device ${hello.device} was revoked at the hub` };
  const a = Buffer.from(hash(hello.credential), 'hex');
  const b = Buffer.from(d.credentialHash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { code: 'UNPAIRED', message: `wrong credential for device ${hello.device}` };
  return null;
}

export async function revokeDevice(store: HubStore, device: string, now: number): Promise<boolean> {
  const d = await store.getDevice(device);
  if (!d) return false;
  await store.putDevice({ ...d, revokedAt: now });
  return true;
}
