/**
 * A station joins the hub once: it reads the certificate the hub presents (and checks it against
 * a fingerprint it was given, when it was: found on the LAN, or read off the hub's screen), and
 * over a connection pinned to that certificate runs the key exchange keyed by the code an admin
 * asked for (main/sync/pake.ts): the code never goes over the wire, and the hub's MAC, bound to
 * the certificate's fingerprint, shows that this very hub knew the code. A look-alike hub (another
 * certificate, even relaying to the real one) fails it. Only then does the station keep the device
 * credential it got, with the pinned certificate (station_meta, never replicated). The sync client
 * presents the credential and accepts only that certificate from then on.
 */
import { io } from 'socket.io-client';
import type { Station } from '../station/station';
import { MASTER_TABLES } from '../station/tables';
import { adoptHub, getMeta, setMeta } from './local';
import { HUB_CERT_KEY, fetchHubCertificate, normaliseHubUrl, pinnedTls, type HubPin } from './pin';
import { startStation } from './pake';
import { PairAnswer, PairChallenge, PROTOCOL_VERSION, type PairAnswerT } from './protocol';

const CREDENTIAL_KEY = 'hub_credential';

export function storedCredential(station: Station): string | null {
  return getMeta(station, CREDENTIAL_KEY) ?? null;
}

export interface PairOptions {
  timeoutMs?: number;
  /** The fingerprint the hub should have (from discovery or the hub's screen); another is refused. */
  fingerprint?: string;
  /** The local address to connect from (tests of the hub's per-source limits). */
  localAddress?: string;
}

export type PairResult = PairAnswerT & { url: string; fingerprint?: string };

/**
 * Pairs this station with the hub at `address` (typed or found; normalised to https://host:port);
 * on success the credential, the pinned certificate and the address are stored.
 * Throws when the hub cannot be reached at all.
 */
/** The master-data changes this station made itself (not set aside): the first and last ten, and how many. */
export function ownMasterData(station: Station): { ownMasterData?: { count: number; sample: { id: string; table: string; rowId: string }[] } } {
  const tables = [...MASTER_TABLES];
  const where = `device = ? AND refused_code IS NULL AND table_name IN (${tables.map(() => '?').join(', ')})`;
  const { n } = station.raw.prepare(`SELECT count(*) AS n FROM change_log WHERE ${where}`).get(station.device, ...tables) as { n: number };
  if (n === 0) return {};
  const pick = (order: 'ASC' | 'DESC') => station.raw.prepare(`SELECT id, table_name AS "table", row_id AS rowId FROM change_log WHERE ${where} ORDER BY hlc ${order}, id ${order} LIMIT 10`)
    .all(station.device, ...tables) as { id: string; table: string; rowId: string }[];
  const sample = new Map([...pick('ASC'), ...pick('DESC')].map((c) => [c.id, c]));
  return { ownMasterData: { count: n, sample: [...sample.values()] } };
}

export async function pairStation(station: Station, address: string, code: string, opts: PairOptions = {}): Promise<PairResult> {
  const url = normaliseHubUrl(address);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const pin: HubPin = await fetchHubCertificate(url, timeoutMs, opts.localAddress);
  if (opts.fingerprint !== undefined && opts.fingerprint.toUpperCase() !== pin.fingerprint) {
    return { ok: false, url, error: { code: 'CERT_MISMATCH', message: `the hub at ${url} has certificate ${pin.fingerprint}, not the expected ${opts.fingerprint}` } };
  }
  const socket = io(url, {
    transports: ['websocket'], reconnection: false, timeout: timeoutMs, ...pinnedTls(pin),
    ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    const exchange = startStation(code, station.device);
    const challenge = PairChallenge.parse(
      await socket.timeout(timeoutMs).emitWithAck('pair', { protocol: PROTOCOL_VERSION, device: station.device, share: exchange.share, ...ownMasterData(station) }),
    );
    if (!challenge.ok) return { ...challenge, url, fingerprint: pin.fingerprint };
    const done = exchange.finish(pin.fingerprint, challenge.share, challenge.mac);
    if (!done) return { ok: false, url, error: { code: 'BAD_MESSAGE', message: `the hub at ${url} answered with a share that is not a point of the curve` } };
    // Sent even when the hub's MAC is wrong: the real hub (behind a relay) counts and reports the failed try.
    const answer = PairAnswer.parse(await socket.timeout(timeoutMs).emitWithAck('pair-confirm', { mac: done.stationMac }));
    if (!answer.ok) return { ...answer, url, fingerprint: pin.fingerprint };
    // It says yes, but did not prove it knew the code for this certificate: not the hub, whatever it says.
    if (!done.hubProved) {
      return {
        ok: false, url, fingerprint: pin.fingerprint,
        error: { code: 'BAD_PAIRING_CODE', message: `the hub at ${url} (certificate ${pin.fingerprint}) did not prove it knows this code: a wrong code, or not the hub that shows it` },
      };
    }
    station.raw.transaction(() => {
      setMeta(station, CREDENTIAL_KEY, answer.credential);
      setMeta(station, HUB_CERT_KEY, pin.cert);
      // Another hub than before (rebuilt, restored): cursor from the start, our changes sent again.
      adoptHub(station, answer.hub);
      setMeta(station, 'hub_url', url);
    }).immediate();
    return { ...answer, url, fingerprint: pin.fingerprint };
  } finally {
    socket.disconnect();
  }
}
