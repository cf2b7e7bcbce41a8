/**
 * The hub's side of pairing on one socket ('pair', then 'pair-confirm'; main/sync/protocol.ts).
 * A source (remote address) that failed waits longer before each next try (main/hub/pairing-
 * throttle.ts); every failure is reported on the hub's refusal channel (audited by the admin
 * station) with its source; the code and its try count are kept in the hub store (main/hub/pairing.ts).
 * The steps of all sockets run one at a time: they read and write the code's try count.
 */
import type { Socket } from 'socket.io';
import {
  Pair, PairConfirm, PROTOCOL_VERSION, describeIssues, refusal, type PairAnswerT, type PairChallengeT, type PairT, type SyncErrorT,
} from '../sync/protocol';
import { rowKey } from '../sync/merge';
import { abandonPairing, beginPairing, finishPairing, type PairingSession } from './pairing';
import { PairingThrottle, sourceOf } from './pairing-throttle';
import type { Refusal } from './refusals';
import type { HubStore } from './store';

export interface PairingContext {
  store: HubStore;
  hubId: string;
  /** Of the certificate this hub presents: the key exchange is bound to it. */
  fingerprint: string;
  now: () => number;
  log: (line: string) => void;
  refuse: (r: Omit<Refusal, 'at'>) => void;
  /** Tests whose fixture station seeds the clinic: master data taken from stations, so no pairing is refused for it. */
  masterDataFromStations?: boolean;
}

type Ack<T> = (answer: T) => void;

/**
 * A station that holds master data of its own (a demo, a clinic started on its own) would send
 * it once paired, and this hub refuses master data from stations: unless the hub already holds
 * it (rebuilt from that station), the pairing is refused now, with why and what to do.
 */
export async function masterDataElsewhere(store: HubStore, pair: PairT): Promise<SyncErrorT | null> {
  const own = pair.ownMasterData;
  if (!own) return null;
  const logged = await store.changeIdsOf(own.sample);
  if (own.sample.every((c) => logged.get(rowKey(c.table, c.rowId))?.has(c.id))) return null;
  return {
    code: 'MASTER_DATA_ELSEWHERE',
    message: `this station holds ${own.count} changes of master data (staff, accounts, rosters, catalog, settings) written on it, which this hub does not have: `
      + 'it was set up as a clinic of its own (the demo, or a new clinic). Join this hub from a new station file, or rebuild the hub from this station (npm run hub -- --rebuild-from)',
  };
}

/** One per hub: the throttle and the queue the pairing steps of every socket go through. */
export function pairingDesk(ctx: PairingContext): (socket: Socket) => void {
  const throttle = new PairingThrottle();
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  return (socket: Socket) => {
    const source = sourceOf(socket.handshake.address);
    let session: PairingSession | null = null;
    const ackOf = <T>(fn: unknown): Ack<T> => (typeof fn === 'function' ? (fn as Ack<T>) : () => undefined);
    const fail = (device: string, error: SyncErrorT): { ok: false; error: SyncErrorT } => {
      throttle.failed(source, ctx.now());
      ctx.refuse({ kind: 'pair', device, accountId: null, subject: `pairing of ${device}`, code: error.code, reason: error.message, source });
      return { ok: false, error };
    };
    const abandon = async (why: string): Promise<void> => {
      const left = session;
      session = null;
      if (!left) return;
      await serial(() => abandonPairing(ctx.store, left, ctx.now()));
      fail(left.device, { code: 'BAD_PAIRING_CODE', message: why });
    };

    socket.on('pair', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<PairChallengeT>(fn);
      const pair = Pair.safeParse(payload);
      const claimed = typeof (payload as { device?: unknown } | null)?.device === 'string' ? String((payload as { device: string }).device).slice(0, 16) : '?';
      if (!pair.success) return ack(fail(claimed, { code: 'BAD_MESSAGE', message: describeIssues(pair.error) }));
      if (pair.data.protocol !== PROTOCOL_VERSION) {
        return ack(refusal('PROTOCOL_MISMATCH', `station speaks sync protocol ${pair.data.protocol}, hub ${PROTOCOL_VERSION}`));
      }
      try {
        const elsewhere = ctx.masterDataFromStations ? null : await masterDataElsewhere(ctx.store, pair.data);
        if (elsewhere) {
          // Before the code is tried: this is no wrong code, and the station may pair again from a new file.
          ctx.refuse({ kind: 'pair', device: pair.data.device, accountId: null, subject: `pairing of ${pair.data.device}`, code: elsewhere.code, reason: elsewhere.message, source });
          return ack({ ok: false, error: elsewhere });
        }
        await abandon('pairing started again before it was confirmed');
        const wait = throttle.waitFor(source, ctx.now());
        if (wait !== null) {
          const error: SyncErrorT = { code: 'PAIRING_THROTTLED', message: `too many failed pairings from ${source}: try again in ${Math.ceil(wait / 1000)} s` };
          ctx.refuse({ kind: 'pair', device: pair.data.device, accountId: null, subject: `pairing of ${pair.data.device}`, code: error.code, reason: error.message, source });
          return ack({ ok: false, error });
        }
        const begun = await serial(() => beginPairing(ctx.store, pair.data, ctx.fingerprint, ctx.now()));
        if ('error' in begun) return ack(fail(pair.data.device, begun.error));
        session = begun;
        ack({ ok: true, share: begun.share, mac: begun.mac });
      } catch (err) {
        ack(refusal('HUB_ERROR', err instanceof Error ? err.message : String(err)));
      }
    });

    socket.on('pair-confirm', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<PairAnswerT>(fn);
      const current = session;
      session = null;
      if (!current) return ack(refusal('BAD_MESSAGE', 'send pair first'));
      const confirm = PairConfirm.safeParse(payload);
      try {
        if (!confirm.success) {
          await serial(() => abandonPairing(ctx.store, current, ctx.now()));
          return ack(fail(current.device, { code: 'BAD_MESSAGE', message: describeIssues(confirm.error) }));
        }
        const r = await serial(() => finishPairing(ctx.store, current, confirm.data.mac, ctx.now()));
        if ('error' in r) return ack(fail(current.device, r.error));
        throttle.succeeded(source);
        ctx.log(`paired ${current.device} (${source})`);
        ack({ ok: true, hub: ctx.hubId, credential: r.credential });
      } catch (err) {
        ack(refusal('HUB_ERROR', err instanceof Error ? err.message : String(err)));
      }
    });

    socket.on('disconnect', () => {
      abandon('the station hung up before confirming the pairing').catch((err: unknown) => ctx.log(`pairing: ${err instanceof Error ? err.message : String(err)}`));
    });
  };
}
