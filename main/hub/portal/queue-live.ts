/**
 * The patient's live queue on the patient port: a socket.io endpoint (path /live/) beside the
 * JSON API. A socket is let in only with a valid patient session cookie at the handshake and
 * from a page of this very host (a socket without one is refused and audited); it joins its
 * account alone and is sent that account's members' positions, never anyone else's. Whenever
 * the hub's admin replica applies changes to visits (a desk's check-in, call, start, finish
 * synced to the hub, or a check-in at the hub), the connected accounts' positions are read again
 * (their members' visits at once, each doctor's line once) and sent to each account when they changed, with a 'called' notice when a member has been called (again).
 * A socket whose session has ended (log-out, expiry) is dropped at the next change.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { QueueView } from '../../api/patient-contract';
import { DomainError } from '../../domain/errors';
import type { PortalDeps } from './context';
import { tokenFromCookies } from './cookies';
import { queuePositions, queuePositionsOf, type QueuePosition } from './queue-reads';
import { secretHash } from './store';

export const LIVE_PATH = '/live/';

/** What the server sends: 'queue' (the account's positions), 'called' (a member was called). */
export interface LiveEvents {
  queue: z.input<typeof QueueView>;
  called: Pick<QueuePosition, 'visitId' | 'memberId' | 'memberName' | 'queueNo' | 'doctorName' | 'roomName' | 'callCount'>;
}

interface SocketData { accountId: string; sessionHash: string }

export interface QueueLive {
  /** Reads every connected account's positions again (tests; the admin replica's changes call it). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

function sameHost(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function attachQueueLive(http: HttpServer, deps: PortalDeps, log: (line: string) => void): QueueLive {
  const io = new Server(http, { path: LIVE_PATH, serveClient: false, cors: undefined, maxHttpBufferSize: 4096, allowRequest: (req, cb) => cb(null, sameHost(req.headers.origin, req.headers.host)) });
  /** What each account was last sent (to send only changes, and to notice calls). */
  const sent = new Map<string, LiveEvents['queue']>();
  const station = deps.admin.station;
  const reader = { raw: station.raw, now: deps.now, settings: station.settings };

  const positionsOf = async (accountId: string): Promise<LiveEvents['queue']> => {
    const members = (await deps.portal.members(accountId)).map((m) => m.patientId);
    return queuePositions({ ...reader, settings: station.settings }, members);
  };

  io.use((socket, next) => {
    const source = socket.handshake.address;
    const token = tokenFromCookies(socket.handshake.headers.cookie);
    const refuse = (reason: string): void => {
      deps.refuse({ kind: 'web', device: 'portal', accountId: null, subject: 'live queue', code: 'UNAUTHENTICATED', reason, source });
      const err = new Error('log in first') as Error & { data?: unknown };
      err.data = new DomainError('UNAUTHENTICATED', 'log in first').toBody();
      next(err);
    };
    if (token === null) return refuse('a live-queue socket without a session');
    const sessionHash = secretHash(token);
    deps.portal.sessionAccount(sessionHash, deps.now()).then((accountId) => {
      if (accountId === undefined) return refuse('a live-queue socket with an ended or unknown session');
      (socket.data as SocketData) = { accountId, sessionHash };
      next();
    }, (err: unknown) => next(err instanceof Error ? err : new Error(String(err))));
  });

  io.on('connection', (socket: Socket) => {
    const { accountId } = socket.data as SocketData;
    // Nothing a patient sends is listened to: the socket only receives.
    void socket.join(`account:${accountId}`);
    positionsOf(accountId).then((q) => {
      sent.set(accountId, q);
      socket.emit('queue', q);
    }, (err: unknown) => log(`live queue: ${err instanceof Error ? err.message : String(err)}`));
  });

  let running: Promise<void> = Promise.resolve();
  let again = false;
  const refreshNow = async (): Promise<void> => {
    const sockets = await io.fetchSockets();
    const accounts = new Set<string>();
    for (const s of sockets) {
      const data = s.data as SocketData;
      if ((await deps.portal.sessionAccount(data.sessionHash, deps.now())) !== data.accountId) {
        s.disconnect(true);
        continue;
      }
      accounts.add(data.accountId);
    }
    for (const accountId of [...sent.keys()]) if (!accounts.has(accountId)) sent.delete(accountId);
    const membersOf = new Map<string, string[]>();
    for (const accountId of accounts) membersOf.set(accountId, (await deps.portal.members(accountId)).map((m) => m.patientId));
    // One read of every waiting member's visit and of each doctor's line, not one per account.
    const positions = queuePositionsOf({ ...reader, settings: station.settings }, membersOf);
    for (const [accountId, q] of positions) {
      const before = sent.get(accountId);
      if (before && JSON.stringify(before) === JSON.stringify(q)) continue;
      sent.set(accountId, q);
      const room = io.to(`account:${accountId}`);
      room.emit('queue', q);
      for (const p of q.items) {
        const was = before?.items.find((b) => b.visitId === p.visitId);
        if (p.state === 'called' && p.callCount > (was?.callCount ?? 0)) {
          const called: LiveEvents['called'] = {
            visitId: p.visitId, memberId: p.memberId, memberName: p.memberName, queueNo: p.queueNo, doctorName: p.doctorName, roomName: p.roomName, callCount: p.callCount,
          };
          room.emit('called', called);
        }
      }
    }
  };
  /** One refresh at a time; changes arriving meanwhile make one more. */
  const refresh = (): Promise<void> => {
    if (again) return running;
    again = true;
    running = running.then(() => {
      again = false;
      return refreshNow();
    }).catch((err: unknown) => log(`live queue: ${err instanceof Error ? err.message : String(err)}`));
    return running;
  };
  const off = station.on('data.changed', ({ tables }) => {
    if (tables.includes('visits') || tables.includes('rooms') || tables.includes('roster_sessions')) void refresh();
  });

  return {
    refresh,
    close: async () => {
      off();
      await running;
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
