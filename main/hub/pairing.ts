/**
 * Pairing (DESIGN.md "Security"): an admin asks for a one-time 6-digit code (the hub console's
 * `code`, the admin Devices screen, or the first-run wizard for its own station); no code exists
 * otherwise, and a hub start voids any left over. A workstation proves it knows the code by a key
 * exchange bound to the hub's certificate (main/sync/pake.ts), never by sending it, and gets a
 * device credential (random, kept at the hub only as a sha256) that it presents in every hello.
 * Each pairing started counts as a try: after MAX_PAIRING_TRIES that did not pair, from any
 * sources, the code is void. The admin can revoke a device; the hub refuses unpaired and revoked
 * devices. The socket is TLS with the hub's own certificate (main/hub/tls.ts), pinned by the
 * station at pairing (main/sync/pin.ts).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { answerStation } from '../sync/pake';
import type { HelloT, PairT, SyncErrorT } from '../sync/protocol';
import type { HubStore } from './store';

/** How long a pairing code stays valid. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Pairings started with one code that did not pair, from all sources together, before it is void. */
export const MAX_PAIRING_TRIES = 5;
const CODE_KEY = 'pairing_code';
/**
 * The tries of the current code, kept under their own key: a pairing never rewrites the code
 * record, so it cannot undo a new code an admin asks for meanwhile (the admin station writes it).
 */
const TRIES_KEY = 'pairing_tries';

interface StoredCode { code: string; expiresAt: number; tries: number }

function hash(credential: string): string {
  return createHash('sha256').update(credential).digest('hex');
}

async function currentCode(store: HubStore, now: number): Promise<StoredCode | null> {
  const stored = await store.getMeta(CODE_KEY);
  if (!stored) return null;
  const c = JSON.parse(stored) as Partial<StoredCode>;
  if (typeof c.code !== 'string' || c.code === '' || typeof c.expiresAt !== 'number' || c.expiresAt < now) return null;
  const counted = await store.getMeta(TRIES_KEY);
  const t = counted ? (JSON.parse(counted) as Partial<StoredCode>) : {};
  const tries = t.code === c.code && t.expiresAt === c.expiresAt && typeof t.tries === 'number' ? t.tries : 0;
  return { code: c.code, expiresAt: c.expiresAt, tries };
}

/** A new one-time code (replaces any earlier one), for an admin to read out. */
export async function issuePairingCode(store: HubStore, now: number): Promise<{ code: string; expiresAt: number }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = now + PAIRING_CODE_TTL_MS;
  await store.setMeta(CODE_KEY, JSON.stringify({ code, expiresAt, tries: 0 } satisfies StoredCode));
  return { code, expiresAt };
}

/** No code from now on, until an admin asks for one. */
export async function voidPairingCode(store: HubStore): Promise<void> {
  await store.setMeta(CODE_KEY, JSON.stringify({ code: '', expiresAt: 0, tries: 0 } satisfies StoredCode));
}

const noCode = (): SyncErrorT => ({
  code: 'BAD_PAIRING_CODE', message: 'no valid pairing code at the hub (none asked for, expired, used or void after wrong tries): ask an admin for a new one',
});
const wrongCode = (left: number): SyncErrorT => ({
  code: 'BAD_PAIRING_CODE',
  message: left > 0 ? 'wrong pairing code (or the hub was reached through something that is not it): check the code and the address'
    : `wrong pairing code: the code is now void after ${MAX_PAIRING_TRIES} failed tries; ask an admin for a new one`,
});

/** A pairing begun: what the hub answered, and the check of the station's MAC to come. */
export interface PairingSession {
  device: string;
  code: string;
  share: string;
  mac: string;
  stationProved(stationMac: string): boolean;
}

/**
 * Step 1 of a pairing (the hub's answer to 'pair'): counts the try against the code, voiding the
 * code once it has had MAX_PAIRING_TRIES, and answers the station's share. The caller serialises
 * the steps (they read and write the code's try count).
 */
export async function beginPairing(store: HubStore, req: PairT, fingerprint: string, now: number): Promise<PairingSession | { error: SyncErrorT }> {
  const current = await currentCode(store, now);
  if (!current) return { error: noCode() };
  if (current.tries >= MAX_PAIRING_TRIES) {
    await voidPairingCode(store);
    return { error: noCode() };
  }
  const answer = answerStation(current.code, req.device, fingerprint, req.share);
  if (!answer) return { error: { code: 'BAD_MESSAGE', message: 'share: not a point of the curve' } };
  await store.setMeta(TRIES_KEY, JSON.stringify({ ...current, tries: current.tries + 1 } satisfies StoredCode));
  return { device: req.device, code: current.code, share: answer.share, mac: answer.hubMac, stationProved: answer.stationProved };
}

/** A try that will not pair (wrong MAC, or abandoned): void the code once it has had its tries. */
async function failedTry(store: HubStore, session: PairingSession, now: number): Promise<number> {
  const current = await currentCode(store, now);
  if (!current || current.code !== session.code) return 0;
  const left = MAX_PAIRING_TRIES - current.tries;
  if (left <= 0) await voidPairingCode(store);
  return left;
}

/** Step 1 left without step 2 (the station hung up, or started again). */
export async function abandonPairing(store: HubStore, session: PairingSession, now: number): Promise<void> {
  await failedTry(store, session, now);
}

/** Step 2 ('pair-confirm'): checks the station's MAC, uses the code up, records the device with a new credential. */
export async function finishPairing(store: HubStore, session: PairingSession, stationMac: string, now: number): Promise<{ credential: string } | { error: SyncErrorT }> {
  const current = await currentCode(store, now);
  if (!current || current.code !== session.code) return { error: noCode() };
  if (!session.stationProved(stationMac)) return { error: wrongCode(await failedTry(store, session, now)) };
  const existing = await store.getDevice(session.device);
  if (existing && existing.revokedAt === null) {
    await failedTry(store, session, now);
    return { error: { code: 'DEVICE_TAKEN', message: `device code ${session.device} is already paired with this hub` } };
  }
  await voidPairingCode(store);
  const credential = randomBytes(32).toString('base64url');
  await store.putDevice({ device: session.device, credentialHash: hash(credential), pairedAt: now, revokedAt: null });
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
