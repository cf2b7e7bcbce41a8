/**
 * The pairing code as a password-authenticated key exchange (SPAKE2 of RFC 9382 on P-256, with
 * its key confirmation), bound to the hub's TLS certificate. Neither side ever sends the code or
 * anything an eavesdropper could test guesses of the code against offline: what goes over the
 * wire is a masked public share and a MAC. Each side learns only whether the other knew the code
 * AND saw the same certificate fingerprint: a look-alike hub (another certificate) gets one guess
 * at the code per pairing the station tries, and a man in the middle who relays the messages
 * between the station and the real hub makes both MACs fail (the station's transcript holds the
 * look-alike's fingerprint, the hub's its own). The real hub voids a code after a few failures
 * (main/hub/pairing.ts), so online guessing ends there.
 *
 *   station: x random, X = x·G + w·M   ──share X──▶   hub: y random, Y = y·G + w·N
 *   hub: K = y·(X − w·M)    ◀──share Y, hub MAC──    station: K = x·(Y − w·N)
 *   (K = x·y·G on both sides only when both used the same code)
 *   station checks the hub MAC, ──station MAC──▶ hub checks it, then hands out the credential.
 *
 * w is a hash of the code (reduced mod n); the transcript (RFC 9382 §3.3) names the device (A)
 * and the certificate fingerprint (B), and both MAC keys come from it through HKDF.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { p256 } from '@noble/curves/nist';

const Point = p256.ProjectivePoint;
type PointT = InstanceType<typeof Point>;
const ORDER = p256.CURVE.n;
/** RFC 9382 §6, P-256: fixed points whose discrete logs nobody knows. */
const M = Point.fromHex('02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f');
const N = Point.fromHex('03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49');
const CONTEXT = 'clinic-desk pairing v2';

/** A public share on the wire: a compressed P-256 point, hex. */
export const SHARE_PATTERN = /^0[23][0-9a-f]{64}$/;
/** A confirmation MAC on the wire: HMAC-SHA256, hex. */
export const MAC_PATTERN = /^[0-9a-f]{64}$/;

function bytesToNumber(b: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
}

/** w: the code hashed (wide, so reduction mod n has no bias), never 0. */
export function passwordScalar(code: string): bigint {
  const wide = createHash('sha512').update(`${CONTEXT}\0${code}`).digest();
  return (bytesToNumber(wide) % (ORDER - 1n)) + 1n;
}

function randomScalar(): bigint {
  return bytesToNumber(p256.utils.randomPrivateKey()) % ORDER || 1n;
}

/** Parses a peer's share: a valid point, not the identity (noble checks both). Null if not. */
function shareOf(hex: string): PointT | null {
  if (!SHARE_PATTERN.test(hex)) return null;
  try {
    const p = Point.fromHex(hex);
    p.assertValidity();
    return p.equals(Point.ZERO) ? null : p;
  } catch {
    return null;
  }
}

function lengthPrefixed(parts: readonly Buffer[]): Buffer {
  return Buffer.concat(parts.flatMap((p) => {
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(p.length));
    return [len, p];
  }));
}

interface Keys { station: Buffer; hub: Buffer; transcript: Buffer }

/** RFC 9382 §3.3/§4: TT = A‖B‖X‖Y‖K‖w, Ka = second half of H(TT), KcA‖KcB = HKDF(Ka). */
function confirmationKeys(device: string, fingerprint: string, x: string, y: string, k: PointT, w: bigint): Keys {
  const transcript = lengthPrefixed([
    Buffer.from(`station ${device}`), Buffer.from(`hub ${fingerprint.toUpperCase()}`),
    Buffer.from(x, 'hex'), Buffer.from(y, 'hex'), Buffer.from(k.toRawBytes(false)),
    Buffer.from(w.toString(16).padStart(64, '0'), 'hex'),
  ]);
  const ka = createHash('sha256').update(transcript).digest().subarray(16);
  const kc = Buffer.from(hkdfSync('sha256', ka, Buffer.alloc(0), `ConfirmationKeys${CONTEXT}`, 32));
  return { station: kc.subarray(0, 16), hub: kc.subarray(16), transcript };
}

const mac = (key: Buffer, transcript: Buffer): string => createHmac('sha256', key).update(transcript).digest('hex');

/** Compares two hex MACs in constant time (false for anything malformed). */
export function macEquals(a: string, b: string): boolean {
  if (!MAC_PATTERN.test(a) || !MAC_PATTERN.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/** The station's side: its share now; given the hub's answer, the MAC it sends and whether the hub's is right. */
export function startStation(code: string, device: string): {
  share: string;
  finish(fingerprintSeen: string, hubShare: string, hubMac: string): { stationMac: string; hubProved: boolean } | null;
} {
  const w = passwordScalar(code);
  const x = randomScalar();
  const share = Point.BASE.multiply(x).add(M.multiply(w)).toHex(true);
  return {
    share,
    finish: (fingerprintSeen, hubShare, hubMac) => {
      const y = shareOf(hubShare);
      if (!y) return null;
      const k = y.subtract(N.multiply(w)).multiply(x);
      const keys = confirmationKeys(device, fingerprintSeen, share, hubShare, k, w);
      return { stationMac: mac(keys.station, keys.transcript), hubProved: macEquals(mac(keys.hub, keys.transcript), hubMac) };
    },
  };
}

/**
 * The hub's side, for a station's share: the hub's share and MAC to answer with, and the check
 * of the station's MAC to come. Null when the station's share is not a valid point.
 */
export function answerStation(code: string, device: string, ownFingerprint: string, stationShare: string): {
  share: string;
  hubMac: string;
  stationProved(stationMac: string): boolean;
} | null {
  const xPoint = shareOf(stationShare);
  if (!xPoint) return null;
  const w = passwordScalar(code);
  const y = randomScalar();
  const share = Point.BASE.multiply(y).add(N.multiply(w)).toHex(true);
  const k = xPoint.subtract(M.multiply(w)).multiply(y);
  const keys = confirmationKeys(device, ownFingerprint, stationShare, share, k, w);
  const expected = mac(keys.station, keys.transcript);
  return { share, hubMac: mac(keys.hub, keys.transcript), stationProved: (stationMac) => macEquals(expected, stationMac) };
}
