/**
 * A station joins the hub once: it sends the code shown on the hub and keeps the device
 * credential it gets back (station_meta, never replicated); the sync client presents it.
 */
import { io } from 'socket.io-client';
import type { Station } from '../station/station';
import { adoptHub, getMeta, setMeta } from './local';
import { PairAnswer, PROTOCOL_VERSION, type PairAnswerT } from './protocol';

const CREDENTIAL_KEY = 'hub_credential';

export function storedCredential(station: Station): string | null {
  return getMeta(station, CREDENTIAL_KEY) ?? null;
}

/** Pairs this station with the hub at `url`; on success the credential is stored. */
export async function pairStation(station: Station, url: string, code: string, opts: { timeoutMs?: number } = {}): Promise<PairAnswerT> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, timeout: opts.timeoutMs ?? 10_000 });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    const answer = PairAnswer.parse(
      await socket.timeout(opts.timeoutMs ?? 10_000).emitWithAck('pair', { protocol: PROTOCOL_VERSION, device: station.device, code }),
    );
    if (answer.ok) {
      station.raw.transaction(() => {
        setMeta(station, CREDENTIAL_KEY, answer.credential);
        // Another hub than before (rebuilt, restored): cursor from the start, our changes sent again.
        adoptHub(station, answer.hub);
        setMeta(station, 'hub_url', url);
      }).immediate();
    }
    return answer;
  } finally {
    socket.disconnect();
  }
}
