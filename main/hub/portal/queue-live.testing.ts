/** A patient's live-queue socket in tests: real socket.io over the patient port's HTTPS, with the phone's cookie, recording what it receives. */
import { io, type Socket } from 'socket.io-client';
import { pinnedTls, pinOf } from '../../sync/pin';
import type { LiveEvents } from './queue-live';
import { LIVE_PATH } from './queue-live';

export interface LiveSocket {
  socket: Socket;
  queues: LiveEvents['queue'][];
  calls: LiveEvents['called'][];
  /** Resolves with the first 'queue' (received already or later) that `check` accepts. */
  nextQueue(check: (q: LiveEvents['queue']) => boolean): Promise<LiveEvents['queue']>;
  nextCall(check: (c: LiveEvents['called']) => boolean): Promise<LiveEvents['called']>;
  close(): void;
}

function waiter<T>(list: T[], socket: Socket, event: string) {
  return (check: (x: T) => boolean): Promise<T> => new Promise((resolve) => {
    const seen = list.find(check);
    if (seen) return resolve(seen);
    const on = (x: T): void => {
      if (!check(x)) return;
      socket.off(event, on);
      resolve(x);
    };
    socket.on(event, on);
  });
}

export function liveSocket(portalUrl: string, certificate: string, cookie: string | null, headers: Record<string, string> = {}): LiveSocket {
  const socket = io(portalUrl, {
    path: LIVE_PATH, transports: ['websocket'], reconnection: false, ...pinnedTls(pinOf(certificate)),
    extraHeaders: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
  });
  const queues: LiveEvents['queue'][] = [];
  const calls: LiveEvents['called'][] = [];
  socket.on('queue', (q: LiveEvents['queue']) => queues.push(q));
  socket.on('called', (c: LiveEvents['called']) => calls.push(c));
  return { socket, queues, calls, nextQueue: waiter(queues, socket, 'queue'), nextCall: waiter(calls, socket, 'called'), close: () => socket.close() };
}

/** The refusal of a socket the patient port does not let in: its connect_error. */
export function refusedWith(s: LiveSocket): Promise<{ message: string; data?: unknown }> {
  return new Promise((resolve, reject) => {
    s.socket.once('connect', () => reject(new Error('the socket was let in')));
    s.socket.once('connect_error', (err: Error & { data?: unknown }) => resolve({ message: err.message, data: err.data }));
  });
}
