/**
 * The station's side of the hub's TLS (DESIGN.md "Security"): at pairing the station reads the
 * hub's certificate, and from then on talks only to a hub presenting exactly that certificate
 * (its SHA-256 fingerprint), whatever address it is reached at. The certificate is kept in
 * station_meta beside the credential. Hub addresses are normalised to https://host:port.
 */
import { X509Certificate } from 'node:crypto';
import { connect, type PeerCertificate } from 'node:tls';
import type { Station } from '../station/station';
import { getMeta } from './local';

export const DEFAULT_HUB_PORT = 5190;
export const HUB_CERT_KEY = 'hub_cert';

export interface HubPin {
  /** PEM of the hub's self-signed certificate. */
  cert: string;
  fingerprint: string;
}

/** What the station pinned at pairing; null before pairing. */
export function storedPin(station: Station): HubPin | null {
  const cert = getMeta(station, HUB_CERT_KEY);
  return cert ? pinOf(cert) : null;
}

export function pinOf(certPem: string): HubPin {
  return { cert: certPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
}

/** A typed address ("192.168.1.10", "hub.local:5190", "http://…", "https://…") as https://host:port. */
export function normaliseHubUrl(address: string): string {
  const text = address.trim();
  if (text === '') throw new Error('the hub address is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`not a hub address: ${address}`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) throw new Error(`not a hub address: ${address}`);
  if (url.pathname !== '/' || url.search || url.hash || url.username) throw new Error(`a hub address is a host and a port, not ${address}`);
  const port = url.port === '' ? DEFAULT_HUB_PORT : Number(url.port);
  return `https://${url.hostname}:${port}`;
}

/** A DER certificate as PEM. */
export function certificatePem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** Error code a pinned connection fails with when the hub shows another certificate. */
export const CERT_MISMATCH = 'CERT_MISMATCH';

/** TLS options of a socket.io-client connection that accepts only the pinned certificate. */
export function pinnedTls(pin: HubPin): { ca: string; rejectUnauthorized: true; checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined } {
  return {
    ca: pin.cert,
    rejectUnauthorized: true,
    // The pin replaces name checks: the hub is known by its certificate, not by its address.
    checkServerIdentity: (_host, cert) => (cert.fingerprint256 === pin.fingerprint
      ? undefined
      : Object.assign(new Error(`the hub's certificate ${cert.fingerprint256} is not the one pinned at pairing`), { code: CERT_MISMATCH })),
  };
}

/** Whether a connection error was the hub showing a certificate other than the pinned one. */
export function isCertificateError(err: unknown): boolean {
  const codes = new Set([CERT_MISMATCH, 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_SIGNATURE_FAILURE']);
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === 'object' && !seen.has(e); ) {
    seen.add(e);
    const o = e as { code?: unknown; error?: unknown; description?: unknown; cause?: unknown };
    if (typeof o.code === 'string' && codes.has(o.code)) return true;
    e = o.description ?? o.error ?? o.cause;
  }
  return false;
}

/**
 * Reads the certificate the hub at `url` presents, without trusting it yet (pairing: the pin
 * is taken from here, and the pairing itself then runs pinned to it).
 */
export function fetchHubCertificate(url: string, timeoutMs = 10_000, localAddress?: string): Promise<HubPin> {
  const { hostname, port } = new URL(url);
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port), rejectUnauthorized: false, timeout: timeoutMs, ...(localAddress ? { localAddress } : {}) });
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.once('timeout', () => fail(new Error(`no answer from ${url} within ${Math.round(timeoutMs / 1000)} s`)));
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate(false).raw;
      socket.end();
      if (!raw) return fail(new Error(`${url} presented no certificate`));
      resolve(pinOf(certificatePem(raw)));
    });
  });
}
