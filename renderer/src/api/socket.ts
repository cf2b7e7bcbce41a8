/**
 * The WebSocket transport to the web host: `{id, name, input}` out, `{id, result}` and
 * `{event, payload}` in. Reconnects with back-off; calls made while the link is down wait for
 * it (a session lives on the connection, so after a reconnect the user logs in again).
 */
import type { EventName, Result, StationEvents } from '../../../main/api/contract';
import type { ConnectionState, Transport } from './transport';

interface Pending {
  resolve: (r: Result<unknown>) => void;
  frame: string;
}

const CALL_TIMEOUT_MS = 30_000;

export function socketTransport(url: string): Transport {
  let ws: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retry = 0;
  const pending = new Map<number, Pending>();
  const queued: number[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (s: ConnectionState) => {
    state = s;
    for (const fn of stateListeners) fn(s);
  };

  const failAll = (message: string) => {
    for (const [id, p] of pending) {
      p.resolve({ ok: false, error: { code: 'INTERNAL', message, details: { reason: 'connection_lost' } } });
      pending.delete(id);
    }
    queued.length = 0;
  };

  const connect = () => {
    setState('connecting');
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      retry = 0;
      setState('open');
      for (const id of queued.splice(0)) {
        const p = pending.get(id);
        if (p) socket.send(p.frame);
      }
    };
    socket.onmessage = (msg) => {
      let data: { id?: unknown; result?: Result<unknown>; event?: string; payload?: unknown };
      try {
        data = JSON.parse(String(msg.data)) as typeof data;
      } catch {
        return;
      }
      if (typeof data.event === 'string') {
        for (const fn of listeners.get(data.event) ?? []) fn(data.payload);
        return;
      }
      if (typeof data.id === 'number' && data.result) {
        const p = pending.get(data.id);
        pending.delete(data.id);
        p?.resolve(data.result);
      }
    };
    socket.onclose = () => {
      ws = null;
      failAll('the connection to the station was lost');
      setState('closed');
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 250 * 2 ** retry);
    };
  };
  connect();

  return {
    kind: 'websocket',
    call: (name, input) =>
      new Promise<Result<unknown>>((resolve) => {
        const id = nextId++;
        const frame = JSON.stringify({ id, name, input: input ?? {} });
        const timer = setTimeout(() => {
          if (!pending.delete(id)) return;
          resolve({ ok: false, error: { code: 'INTERNAL', message: 'the station did not answer', details: { reason: 'timeout' } } });
        }, CALL_TIMEOUT_MS);
        pending.set(id, { frame, resolve: (r) => { clearTimeout(timer); resolve(r); } });
        if (ws && state === 'open') ws.send(frame);
        else queued.push(id);
      }),
    on: <E extends EventName>(event: E, fn: (payload: StationEvents[E]) => void) => {
      const set = listeners.get(event) ?? new Set();
      const wrapped = (p: unknown) => fn(p as StationEvents[E]);
      set.add(wrapped);
      listeners.set(event, set);
      return () => { set.delete(wrapped); };
    },
    onConnection: (fn) => {
      stateListeners.add(fn);
      fn(state);
      return () => { stateListeners.delete(fn); };
    },
  };
}
