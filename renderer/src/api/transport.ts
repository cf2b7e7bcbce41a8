/**
 * How the renderer reaches the station: the Electron preload bridge when it is there
 * (`window.clinic`), else a WebSocket to the web host. Both carry the same untyped frames;
 * `client.ts` puts the contract's types on top.
 */
import type { EventName, Result, StationEvents } from '../../../main/api/contract';
import { socketTransport } from './socket';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  call(name: string, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, fn: (payload: StationEvents[E]) => void): () => void;
  /** The link itself (a WebSocket can drop; IPC is always open). */
  onConnection(fn: (state: ConnectionState) => void): () => void;
}

/** What the preload exposes, exactly. */
export interface ClinicBridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, fn: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    clinic?: ClinicBridge;
  }
}

function ipcTransport(bridge: ClinicBridge): Transport {
  return {
    kind: 'ipc',
    call: async (name, input) => (await bridge.call(name, input)) as Result<unknown>,
    on: (event, fn) => bridge.on(event, (p) => fn(p as never)),
    onConnection: (fn) => { fn('open'); return () => undefined; },
  };
}

let chosen: Transport | null = null;

export function transport(): Transport {
  if (!chosen) {
    chosen = window.clinic
      ? ipcTransport(window.clinic)
      : socketTransport(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`);
  }
  return chosen;
}
