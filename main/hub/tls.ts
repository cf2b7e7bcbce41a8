/**
 * The hub's own TLS identity (DESIGN.md "Security"): on first run the hub makes an EC P-256 key
 * and a self-signed certificate, kept in its store's meta (so a backup restores the same
 * identity); a station pins the certificate's SHA-256 fingerprint at pairing and refuses any
 * other (main/sync/pin.ts). No CA is involved, so no name checks: the pin is the trust.
 * Node can read certificates but not make them: the few DER structures are written here.
 */
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { certificatePem } from '../sync/pin';
import type { HubStore } from './store';

export interface HubIdentity {
  /** PKCS#8 PEM of the private key. */
  key: string;
  /** PEM of the self-signed certificate. */
  cert: string;
  /** SHA-256 of the certificate, "AB:CD:…" as Node's `fingerprint256` prints it. */
  fingerprint: string;
}

const YEARS_VALID = 30;

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    len = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const v of rest) {
    const groups: number[] = [];
    for (let x = v; ; x = Math.floor(x / 128)) {
      groups.unshift(x & 0x7f);
      if (x < 128) break;
    }
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Buffer.from(out));
}

function positiveInteger(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}

function name(commonName: string): Buffer {
  return seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function extensions(): Buffer {
  const critical = tlv(0x01, Buffer.from([0xff]));
  // basicConstraints CA:TRUE (it is its own trust anchor); keyUsage digitalSignature + keyCertSign.
  const basic = seq(oid('2.5.29.19'), critical, tlv(0x04, seq(tlv(0x01, Buffer.from([0xff])))));
  const usage = seq(oid('2.5.29.15'), critical, tlv(0x04, tlv(0x03, Buffer.from([0x02, 0x84]))));
  const san = seq(oid('2.5.29.17'), tlv(0x04, seq(tlv(0x82, Buffer.from('clinic-desk-hub', 'ascii')))));
  return tlv(0xa3, seq(basic, usage, san));
}

/** A new key and self-signed certificate, valid from yesterday for 30 years. */
export function makeHubIdentity(commonName: string, now: Date = new Date()): HubIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f || 0x01;
  const from = new Date(now.getTime() - 86_400_000);
  const to = new Date(now.getTime());
  to.setUTCFullYear(to.getUTCFullYear() + YEARS_VALID);
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    positiveInteger(serial),
    ECDSA_SHA256,
    name(commonName),
    seq(time(from), time(to)),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions(),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const cert = certificatePem(seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))));
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert, fingerprint: fingerprintOf(cert) };
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** The first 8 bytes of a fingerprint, for people to compare by eye ("AB:CD:EF:01:…"). */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.split(':').slice(0, 8).join(':');
}

/** Whether `identity`'s key belongs to its certificate (a damaged or mixed-up store). */
export function identityMatches(identity: Pick<HubIdentity, 'key' | 'cert'>): boolean {
  return new X509Certificate(identity.cert).checkPrivateKey(createPrivateKey(identity.key));
}

const KEY_META = 'tls_key';
const CERT_META = 'tls_cert';

/** The hub's identity from its store, made and kept there on first run. */
export async function hubIdentity(store: HubStore, commonName = 'Clinic desk hub'): Promise<HubIdentity> {
  const [key, cert] = [await store.getMeta(KEY_META), await store.getMeta(CERT_META)];
  if (key && cert) {
    const known = { key, cert, fingerprint: fingerprintOf(cert) };
    if (!identityMatches(known)) throw new Error('the hub\'s stored TLS key does not match its certificate');
    return known;
  }
  const made = makeHubIdentity(commonName);
  await store.setMeta(KEY_META, made.key);
  await store.setMeta(CERT_META, made.cert);
  return made;
}
