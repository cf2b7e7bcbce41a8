/**
 * The hub: a socket.io server (loopback unless told otherwise) that sequences the stations'
 * changes, answers pulls after a cursor and broadcasts new changes to the other stations.
 * Protocol: main/sync/protocol.ts. Every message is checked with zod; a station must say hello
 * (device, credential, schema version) before anything else, and a station on another schema
 * version is refused — its changes wait on the station until one side is updated.
 * A push is taken by main/hub/push-handler.ts: every change checked first, the refused ones answered
 * with their reason, audited and made review tasks; the rest of the batch taken.
 * Changes enter the log one way, `publish` (a station's push, or the hub's own admin station):
 * appended, broadcast to the stations, checked by detection, told to in-process followers.
 * A paired station's 'call' (an `at: 'hub'` procedure) goes to the call handler the admin
 * station installs (main/hub/admin-station.ts).
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import {
  Auth, Call, Hello, PROTOCOL_VERSION, Pull, describeIssues, refusal, schemaVersion as localSchemaVersion,
  type AuthAnswerT, type BroadcastT, type CallAnswerT, type CallT, type ChangeT, type HelloAnswerT, type HelloT, type PullAnswerT,
  type SequencedChangeT, type SyncErrorT,
} from '../sync/protocol';
import type { ErrorBody } from '../domain/errors';
import { pushOn } from './push-handler';
import { registerHubControl } from './control';
import { detectAfterAppend } from './detect';
import { pairingDesk } from './pair-handler';
import { checkCredential, issuePairingCode, revokeDevice, voidPairingCode } from './pairing';
import type { AppendResult, DetectionStore, HubStore } from './store';
import { LoginThrottle } from './login-throttle';
import { Refusals, type Refusal, type RefusalListener } from './refusals';
import { hubIdentity, type HubIdentity } from './tls';

/** Runs a paired station's 'call' (the admin station's); `device` is the calling station. */
export type CallHandler = (call: CallT, device: string) => Promise<CallAnswerT>;
/** Checks a person's password for a paired station (the admin station's people): a person token or a refusal. */
export type AuthHandler = (username: string, password: string, device: string) => Promise<
  { ok: true; token: string; accountId: string; expiresAt: number } | { ok: false; error: ErrorBody; accountId: string | null }
>;

/** Last seen is written at most this often per device (and when its waiting-changes count changes). */
export const SEEN_EVERY_MS = 60_000;

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
  /**
   * Master data (staff, accounts, rosters, catalog, settings: main/station/tables.ts) is written
   * at the hub's admin station and replicated read-only; a station's change of it is refused
   * (READ_ONLY_TABLE), the rest of its push taken. `true` accepts it (tests whose fixture
   * station seeds the clinic and pushes it).
   */
  masterDataFromStations?: boolean;
  /** The TLS key and certificate; default: the hub's own, made on first run and kept in the store. */
  identity?: HubIdentity;
  now?: () => number;
  log?: (line: string) => void;
}

export interface Hub {
  /** The hub's id (stations notice a new one: main/sync/local.ts adoptHub). */
  readonly id: string;
  readonly port: number;
  /** https://host:port — stations pin `certificate` at pairing. */
  readonly url: string;
  /** PEM of the certificate the hub presents, and its SHA-256 fingerprint. */
  readonly certificate: string;
  readonly fingerprint: string;
  readonly io: Server;
  /** A new one-time pairing code, for an admin who asked for one (none exists otherwise). */
  issuePairingCode(): Promise<{ code: string; expiresAt: number }>;
  /** Resolves when every batch so far is projected and checked by detection (tests, shutdown). */
  settled(): Promise<void>;
  /** Revokes a device's credential and drops its connections. */
  revoke(device: string): Promise<boolean>;
  /**
   * Appends changes made at the hub itself (its admin station) and hands them out exactly as a
   * station's push: broadcast, detection, followers. `from` is the socket not to echo them to.
   */
  publish(changes: readonly ChangeT[], from?: Socket): Promise<AppendResult>;
  /** Told every batch new to the log, in the order appended (the admin station follows the log). */
  onAppended(fn: (fresh: SequencedChangeT[]) => void): () => void;
  /** Where paired stations' 'call's go; null: answered HUB_UNREACHABLE. */
  handleCalls(fn: CallHandler | null): void;
  /** Where paired stations' 'auth's go (a person's password); null: answered HUB_UNREACHABLE. */
  handleAuth(fn: AuthHandler | null): void;
  /** Device codes connected now (said hello). */
  connectedDevices(): Promise<string[]>;
  /** Told everything the hub refuses (the admin station audits it: main/hub/refusals.ts). */
  onRefused(fn: RefusalListener): () => void;
  /** Reports a refusal (logged, then told to the listeners). */
  refuse(refusal: Omit<Refusal, 'at'>): void;
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
  const identity = opts.identity ?? await hubIdentity(store);
  const http = createServer({ key: identity.key, cert: identity.cert });
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 20e6, cors: undefined });
  const hubId = await hubIdOf(store);
  /** Detection runs after each batch, one at a time, off the push's answer path. */
  let detections: Promise<void> = Promise.resolve();
  const detectionStore: DetectionStore = {
    ...store.asProjected, getTask: (k) => store.getTask(k), putTask: (t) => store.putTask(t), tasks: (o) => store.tasks(o),
  };
  const authorize = opts.authorize ?? (opts.open ? async () => null : (h: HelloT) => checkCredential(store, h));
  const followers = new Set<(fresh: SequencedChangeT[]) => void>();
  let calls: CallHandler | null = null;
  let auth: AuthHandler | null = null;
  /** Wrong passwords per device: a desk cannot guess at the hub's speed. */
  const throttle = new LoginThrottle();
  const refusals = new Refusals();
  const refuse = (r: Omit<Refusal, 'at'>): void => refusals.report({ ...r, at: now() }, log);
  // No code unless an admin asks for one after this start.
  await voidPairingCode(store);
  const pairOn = pairingDesk({ store, hubId, fingerprint: identity.fingerprint, now, log, refuse, masterDataFromStations: opts.masterDataFromStations ?? false });

  const publish = async (changes: readonly ChangeT[], from?: Socket): Promise<AppendResult> => {
    const result = await store.append(changes, now());
    const { fresh } = result;
    if (fresh.length > 0) {
      // Built from a push that was checked, with the store's seqs: not parsed again.
      const msg: BroadcastT = { changes: fresh };
      (from ? from.to(ROOM) : io.to(ROOM)).emit('changes', msg);
      // Detection reads the projection once it holds this batch, without hurrying it in a burst.
      const last = fresh[fresh.length - 1]!.seq;
      detections = detections
        .then(() => store.projected(last))
        .then(() => detectAfterAppend(detectionStore, fresh, now()))
        .catch((err: unknown) => log(`detection failed: ${err instanceof Error ? err.message : String(err)}`));
      for (const fn of followers) fn(fresh);
    }
    return result;
  };

  /** Last seen and waiting changes, written at most once a minute unless the count changed; never in the way of sync. */
  const seen = new Map<string, { at: number; pending: number | null }>();
  const touch = (device: string, pending: number | undefined): void => {
    const at = now();
    const last = seen.get(device);
    const count = pending ?? null;
    if (last && at - last.at < SEEN_EVERY_MS && (count === null || count === last.pending)) return;
    seen.set(device, { at, pending: count ?? last?.pending ?? null });
    store.touchDevice(device, at, count).catch((err: unknown) => log(`last seen of ${device}: ${err instanceof Error ? err.message : String(err)}`));
  };

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
        touch(h.device, h.pending);
        if (h.clock !== undefined) {
          store.setClockSkew(h.device, h.clock - now()).catch((err: unknown) => log(`clock of ${h.device}: ${err instanceof Error ? err.message : String(err)}`));
        }
        ack({ ok: true, hub: hubId, schemaVersion: version, lastSeq: await store.lastSeq(), serverTime: now() });
      } catch (err) {
        ack(refusal('HUB_ERROR', err instanceof Error ? err.message : String(err)));
      }
    });

    pairOn(socket);

    pushOn({ store, now, masterDataFromStations: opts.masterDataFromStations ?? false, publish, refuse, touch, log }, socket);

    socket.on('pull', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<PullAnswerT>(fn);
      if (!socket.data.device) return ack(refusal('HELLO_REQUIRED', 'say hello first'));
      const pull = Pull.safeParse(payload);
      if (!pull.success) return ack(refusal('BAD_MESSAGE', describeIssues(pull.error)));
      // A station catching up is handed its pages before the projection goes on.
      const release = store.holdProjection();
      try {
        const { after, limit, upto, others } = pull.data;
        // Never past the log's end: a cursor beyond it would skip what comes next.
        const page = upto !== undefined ? await store.snapshotAfter(after, Math.min(upto, await store.lastSeq()), limit)
          : await store.after(after, limit, others ? { exceptDevice: String(socket.data.device) } : {});
        ack({ ok: true, ...page });
        touch(String(socket.data.device), undefined);
      } catch (err) {
        ack(refusal('HUB_ERROR', err instanceof Error ? err.message : String(err)));
      } finally {
        release();
      }
    });

    socket.on('auth', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<AuthAnswerT>(fn);
      if (!socket.data.device) return ack({ ok: false, error: { code: 'HUB_UNREACHABLE', message: 'say hello to the hub first' } });
      const device = String(socket.data.device);
      const req = Auth.safeParse(payload);
      if (!req.success) return ack({ ok: false, error: { code: 'VALIDATION', message: describeIssues(req.error) } });
      if (!auth) return ack({ ok: false, error: { code: 'HUB_UNREACHABLE', message: 'this hub runs no admin station' } });
      const until = throttle.blockedUntil(device, now());
      if (until !== null) {
        refuse({ kind: 'login', device, accountId: null, subject: req.data.username, code: 'TOO_MANY_ATTEMPTS', reason: 'too many wrong passwords from this device', source: socket.handshake.address });
        return ack({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', message: 'too many wrong passwords from this workstation: wait a minute', details: { until } } });
      }
      try {
        const answer = await auth(req.data.username, req.data.password, device);
        if (answer.ok) {
          throttle.succeeded(device);
          return ack(answer);
        }
        if (answer.error.code === 'BAD_CREDENTIALS') throttle.failed(device, now());
        refuse({ kind: 'login', device, accountId: answer.accountId, subject: req.data.username, code: answer.error.code, reason: answer.error.message, source: socket.handshake.address });
        ack({ ok: false, error: answer.error });
      } catch (err) {
        log(`auth from ${device} failed: ${err instanceof Error ? err.message : String(err)}`);
        ack({ ok: false, error: { code: 'INTERNAL', message: 'internal error at the hub' } });
      }
    });

    socket.on('call', async (payload: unknown, fn: unknown) => {
      const ack = ackOf<CallAnswerT>(fn);
      if (!socket.data.device) return ack({ ok: false, error: { code: 'HUB_UNREACHABLE', message: 'say hello to the hub first' } });
      const call = Call.safeParse(payload);
      if (!call.success) return ack({ ok: false, error: { code: 'VALIDATION', message: describeIssues(call.error) } });
      if (!calls) return ack({ ok: false, error: { code: 'HUB_UNREACHABLE', message: 'this hub runs no admin station' } });
      try {
        ack(await calls(call.data, String(socket.data.device)));
      } catch (err) {
        log(`call ${call.data.procedure} failed: ${err instanceof Error ? err.message : String(err)}`);
        ack({ ok: false, error: { code: 'INTERNAL', message: 'internal error at the hub' } });
      }
    });
  });

  const connectedDevices = async (): Promise<string[]> =>
    [...new Set((await io.in(ROOM).fetchSockets()).map((s) => String(s.data.device)))].sort();
  const revoke = async (device: string): Promise<boolean> => {
    const done = await revokeDevice(store, device, now());
    for (const s of await io.in(ROOM).fetchSockets()) {
      if (s.data.device !== device) continue;
      s.emit('refused', { code: 'REVOKED', message: `device ${device} was revoked at the hub` } satisfies SyncErrorT);
      s.disconnect(true);
    }
    return done;
  };
  const unregister = registerHubControl(store, { revoke, connectedDevices });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    id: hubId,
    port,
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    certificate: identity.cert,
    fingerprint: identity.fingerprint,
    io,
    settled: async () => {
      // Projected now rather than when the appends pause; then every batch's detection.
      for (;;) {
        const pending = detections;
        await store.caughtUp();
        await pending;
        if (pending === detections) return;
      }
    },
    issuePairingCode: () => issuePairingCode(store, now()),
    revoke,
    publish,
    onAppended: (fn) => {
      followers.add(fn);
      return () => followers.delete(fn);
    },
    handleCalls: (fn) => { calls = fn; },
    handleAuth: (fn) => { auth = fn; },
    connectedDevices,
    onRefused: (fn) => refusals.on(fn),
    refuse,
    close: async () => {
      unregister();
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

/** The hub's identity, made on first use: stations remember which hub they paired with. */
export async function hubIdOf(store: HubStore): Promise<string> {
  const known = await store.getMeta('hub_id');
  if (known) return known;
  const id = crypto.randomUUID();
  await store.setMeta('hub_id', id);
  return id;
}
