/**
 * Asking the hub over the socket, one way for every question (hello, push, pull, a forwarded
 * call, a password check): emit with an acknowledgement and wait for it. A lost connection fails
 * the question at once; past `timeoutMs` `onSlow` is told (the sync badge shows the hub is slow),
 * and the answer is still awaited up to `patience` × `timeoutMs` (1: no grace), since a busy hub
 * still does what it took and asking again would only queue the same work behind the first.
 */
import type { Socket } from 'socket.io-client';

export interface AskOptions {
  timeoutMs: number;
  /** How many times `timeoutMs` to wait in all (≥ 1). */
  patience: number;
  /** Called once when `timeoutMs` has passed without an answer (only with patience > 1). */
  onSlow?: (timeoutMs: number) => void;
  /** How the question is named in errors ("a push", "the call"). */
  what: string;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export function askHub(socket: Socket | undefined, event: string, payload: unknown, o: AskOptions): Promise<unknown> {
  if (!socket?.connected) return Promise.reject(new Error('not connected'));
  return new Promise<unknown>((resolve, reject) => {
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(slow);
      clearTimeout(hard);
      socket.off('disconnect', lost);
      return true;
    };
    const lost = (): void => {
      if (settle()) reject(new Error(`the connection to the hub was lost during ${o.what}`));
    };
    const slow = o.patience > 1 && o.onSlow ? setTimeout(() => o.onSlow?.(o.timeoutMs), o.timeoutMs) : undefined;
    const hard = setTimeout(() => {
      if (settle()) reject(new Error(`the hub did not answer ${o.what} within ${seconds(o.timeoutMs * o.patience)} s`));
    }, o.timeoutMs * Math.max(1, o.patience));
    socket.on('disconnect', lost);
    socket.emit(event, payload, (raw: unknown) => {
      if (settle()) resolve(raw);
    });
  });
}
