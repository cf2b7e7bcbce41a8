/**
 * The hub: a socket.io server (loopback unless told otherwise) that sequences the stations'
 * changes, answers pulls after a cursor and broadcasts new changes to the other stations.
 * Protocol: main/sync/protocol.ts. Every message is checked with zod; a station must say hello
 * (device, credential, schema version) before anything else, and a station on another schema
 * version is refused — its changes wait on the station until one side is updated.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import {
  Broadcast, Hello, PROTOCOL_VERSION, Pair, Pull, Push, describeIssues, refusal, schemaVersion as localSchemaVersion,
  type BroadcastT, type HelloAnswerT, type PairAnswerT, type HelloT, type PullAnswerT, type PushAnswerT, type SyncErrorT,
} from '../sync/protocol';
import { detectAfterAppend } from './detect';
import { checkCredential, issuePairingCode, pairDevice, revokeDevice } from './pairing';
import type { HubStore } from './store';

export interface HubOptions {
  store: HubStore;
  /** Default 127.0.0.1: the LAN must be asked for explicitly. */
  host?: string;
  /** 0: any free port. */
  port?: number;
  /** Defaults to the number of migrations this build carries. */
  schemaVersion?: number;
  /**
   * Checks a station's hello; null = let it in. Default: a paired, unrevoked device with its
   * credential (main/hub/pairing.ts). `open: true` lets every device in (tests of other things).
   */
  authorize?: (hello: HelloT) => Promise<SyncErrorT | null>;
  open?: boolean;
  now?: () => number;
  log?: (line: string) => void;
}

export interface Hub {
  readonly port: number;
  readonly url: string;
  readonly io: Server;
  /** A new one-time pairing code to show on the hub. */
  issuePairingCode(): Promise<{ code: string; expiresAt: number }>;
  /** Resolves when detection of every batch so far is done (tests, shutdown). */
  settled(): Promise<void>;
  /** Revokes a device's credential and drops its connections. */
  revoke(device: string): Promise<boolean>;
  /** Disconnects every station and stops listening (the store stays open: its owner closes it). */
  close(): Promise<void>;
}

const ROOM = 'stations';
type Ack<T> = (answer: T) => void;

export async function startHub(opts: HubOptions): Promise<Hub> {
  const { store } = opts;
  const version = opts.schemaVersion ?? localSchemaVersion();
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  const http = createServer();
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 20e6, cors: undefined });
  const hubId = (await store.getMeta('hub_id')) ?? (await initHubId(store));
  /** Detection runs after each batch, one at a time, off the push's answer path. */
  let detections: Promise<void> = Promise.resolve();
  const authorize = opts.authorize ?? (opts.open ? async () => null : (h: HelloT) => checkCredential(store, h));

  io.on('connection', (socket: Socket) => {
    const ackOf = <T>(fn: unknown): Ack<T> => (typeof fn === 'function' ? (fn as Ack<T>) : () => undefined);

    socket.on('hello', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<HelloAnswerT>(fn);
      const hello = Hello.safeParse(payload);
      if (!hello.success) return ack(refusal('BAD_MESSAGE', describeIssues(hello.error)));
      const h = hello.data;
      if (h.protocol !== PROTOCOL_VERSION) {
        return ack(refusal('PROTOCOL_MISMATCH', `station speaks sync protocol ${h.protocol}, hub ${PROTOCOL_VERSION}`));
      }
      if (h.schemaVersion !== version) {
        log(`refused ${h.device}: schema ${h.schemaVersion} ≠ ${version}`);
        return ack(refusal('SCHEMA_MISMATCH',
          `station database schema ${h.schemaVersion}, hub schema ${version}: update the ${h.schemaVersion < version ? 'station' : 'hub'}; changes wait on the station until then`));
      }
      try {
        const denied = await authorize(h);
        if (denied) return ack({ ok: false, error: denied });
        socket.data.device = h.device;
        await socket.join(ROOM);
        log(`hello ${h.device}`);
        ack({ ok: true, hub: hubId, schemaVersion: version, lastSeq: await store.lastSeq(), serverTime: now() });
      } catch (err) {
        ack(refusal('HUB_ERROR', err instanceof Error ? err.message : String(err)));
      }
    });

    socket.on('pair', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<PairAnswerT>(fn);
      const pair = Pair.safeParse(payload);
      if (!pair.success) return ack(refusal('BAD_MESSAGE', describeIssues(pair.error)));
      if (pair.data.protocol !== PROTOCOL_VERSION) {
        return ack(refusal('PROTOCOL_MISMATCH', `station speaks sync protocol ${pair.data.protocol}, hub ${PROTOCOL_VERSION}`));
      }
      try {
        const r = await pairDevice(store, pair.data, now());
        if ('error' in r) return ack({ ok: false, error: r.error });
        log(`paired ${pair.data.device}`);
        ack({ ok: true, hub: hubId, credential: r.credential });
      } catch (err) {
        ack(refusal('HUB_ERROR', err instanceof Error ? err.message : String(err)));
      }
    });

    socket.on('push', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<PushAnswerT>(fn);
      if (!socket.data.device) return ack(refusal('HELLO_REQUIRED', 'say hello first'));
      const push = Push.safeParse(payload);
      if (!push.success) return ack(refusal('BAD_MESSAGE', describeIssues(push.error)));
      const foreign = push.data.changes.find((c) => c.device !== socket.data.device);
      if (foreign) return ack(refusal('BAD_MESSAGE', `device ${String(socket.data.device)} may push only its own changes, not ${foreign.device}'s`));
      try {
        const { acks, fresh } = await store.append(push.data.changes, now());
        ack({ ok: true, acks });
        if (fresh.length > 0) {
          const msg: BroadcastT = Broadcast.parse({ changes: fresh });
          socket.to(ROOM).emit('changes', msg);
          detections = detections
            .then(() => detectAfterAppend(store, fresh, now()))
            .catch((err: unknown) => log(`detection failed: ${err instanceof Error ? err.message : String(err)}`));
        }
      } catch (err) {
        ack(refusal('HUB_ERROR', err instanceof Error ? err.message : String(err)));
      }
    });

    socket.on('pull', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<PullAnswerT>(fn);
      if (!socket.data.device) return ack(refusal('HELLO_REQUIRED', 'say hello first'));
      const pull = Pull.safeParse(payload);
      if (!pull.success) return ack(refusal('BAD_MESSAGE', describeIssues(pull.error)));
      try {
        const page = await store.after(pull.data.after, pull.data.limit);
        ack({ ok: true, ...page });
      } catch (err) {
        ack(refusal('HUB_ERROR', err instanceof Error ? err.message : String(err)));
      }
    });
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    io,
    settled: () => detections,
    issuePairingCode: () => issuePairingCode(store, now()),
    revoke: async (device) => {
      const done = await revokeDevice(store, device, now());
      for (const s of await io.in(ROOM).fetchSockets()) {
        if (s.data.device !== device) continue;
        s.emit('refused', { code: 'REVOKED', message: `device ${device} was revoked at the hub` } satisfies SyncErrorT);
        s.disconnect(true);
      }
      return done;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        io.disconnectSockets(true);
        void io.close(() => resolve());
        // Do not wait for idle keep-alive or half-open connections to time out.
        http.closeAllConnections();
      });
      await detections;
    },
  };
}

async function initHubId(store: HubStore): Promise<string> {
  const id = crypto.randomUUID();
  await store.setMeta('hub_id', id);
  return id;
}
