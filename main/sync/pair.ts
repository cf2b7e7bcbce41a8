/**
 * A station joins the hub once: it reads the certificate the hub presents (and checks it against
 * a fingerprint it was given, when it was: found on the LAN, or read off the hub's screen), sends
 * the code shown on the hub over a connection pinned to that certificate, and keeps the device
 * credential it gets back with the pinned certificate (station_meta, never replicated). The sync
 * client presents the credential and accepts only that certificate from then on.
 */
import { io } from 'socket.io-client';
import type { Station } from '../station/station';
import { adoptHub, getMeta, setMeta } from './local';
import { HUB_CERT_KEY, fetchHubCertificate, normaliseHubUrl, pinnedTls, type HubPin } from './pin';
import { PairAnswer, PROTOCOL_VERSION, type PairAnswerT } from './protocol';

const CREDENTIAL_KEY = 'hub_credential';

export function storedCredential(station: Station): string | null {
  return getMeta(station, CREDENTIAL_KEY) ?? null;
}

export interface PairOptions {
  timeoutMs?: number;
  /** The fingerprint the hub should have (from discovery or the hub's screen); another is refused. */
  fingerprint?: string;
}

export type PairResult = PairAnswerT & { url: string; fingerprint?: string };

/**
 * Pairs this station with the hub at `address` (typed or found; normalised to https://host:port);
 * on success the credential, the pinned certificate and the address are stored.
 * Throws when the hub cannot be reached at all.
 */
export async function pairStation(station: Station, address: string, code: string, opts: PairOptions = {}): Promise<PairResult> {
  const url = normaliseHubUrl(address);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const pin: HubPin = await fetchHubCertificate(url, timeoutMs);
  if (opts.fingerprint !== undefined && opts.fingerprint.toUpperCase() !== pin.fingerprint) {
    return { ok: false, url, error: { code: 'CERT_MISMATCH', message: `the hub at ${url} has certificate ${pin.fingerprint}, not the expected ${opts.fingerprint}` } };
  }
  const socket = io(url, { transports: ['websocket'], reconnection: false, timeout: timeoutMs, ...pinnedTls(pin) });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    const answer = PairAnswer.parse(
      await socket.timeout(timeoutMs).emitWithAck('pair', { protocol: PROTOCOL_VERSION, device: station.device, code }),
    );
    if (answer.ok) {
      station.raw.transaction(() => {
        setMeta(station, CREDENTIAL_KEY, answer.credential);
        setMeta(station, HUB_CERT_KEY, pin.cert);
        // Another hub than before (rebuilt, restored): cursor from the start, our changes sent again.
        adoptHub(station, answer.hub);
        setMeta(station, 'hub_url', url);
      }).immediate();
    }
    return { ...answer, url, fingerprint: pin.fingerprint };
  } finally {
    socket.disconnect();
  }
}
