/**
 * A station's sync client: says hello to the hub, pushes unsent changes in batches and marks
 * them with the hub's seq, pulls everything after its cursor, applies live broadcasts, and
 * reconnects by itself. Reports `sync.status` {online, pending, lastSyncAt, setAside, clockOffsetMs}
 * through the station. One sync run at a time; runs are triggered by connecting, by local changes,
 * by broadcasts, and after a timeout or a hub error while connected by a retry with backoff.
 * A push or pull the hub answers late is waited for, not sent again (askPatiently).
 * Changes the hub refuses are set aside with their reason (main/sync/local.ts setAside): the push
 * moves past them and they show in the header. At hello the desk measures its clock against the
 * hub's (main/sync/clock.ts).
 * While it runs it is the station's hub link: `at: 'hub'` procedures go to the hub as 'call's.
 */
import { io, type Socket } from 'socket.io-client';
import type { Result } from '../api/contract';
import type { HubCall, HubLink, HubToken, Station } from '../station/station';
import { applyRemoteChanges } from './apply';
import { askHub } from './ask';
import { storedCredential } from './pair';
import { isCertificateError, normaliseHubUrl, pinnedTls, storedPin, type HubPin } from './pin';
import { CLOCK_SKEW_BOUND_MS, clockCorrection, measureOffset } from './clock';
import { adoptHub, bootstrapUpto, getCursor, pendingChanges, pendingCount, setAside, setAsideChanges, setBootstrapUpto } from './local';
import {
  AuthAnswer, Broadcast, CallAnswer, HelloAnswer, PROTOCOL_VERSION, PullAnswer, PushAnswer, SyncError, schemaVersion as localSchemaVersion,
  type ChangeT, type RefusedChangeT, type SequencedChangeT, type SyncErrorT,
} from './protocol';

/** Push batches on their way at once: the next one travels while the hub appends the last. */
const PUSH_WINDOW = 2;
/**
 * A push or pull not answered within `timeoutMs` while the socket stays up is waited for up to this
 * many times longer before it is sent again: a busy hub still appends what it took, and sending the
 * same batch again would only queue it behind the first (under load, a backlog that never drains).
 */
export const LATE_ANSWER_FACTOR = 8;

export interface SyncClientOptions {
  url: string;
  /** Default: the one stored at pairing (main/sync/pair.ts). */
  credential?: string | null;
  /** The hub's certificate to accept; default: the one pinned at pairing (main/sync/pin.ts). */
  pin?: HubPin | null;
  /** Changes per push and per pull (≤ MAX_BATCH). */
  batchSize?: number;
  schemaVersion?: number;
  /** How long to wait for an answer before treating the connection as broken. */
  timeoutMs?: number;
  reconnectDelayMs?: number;
  /** After a timeout or a hub error while still connected: the first retry's delay, doubled each time up to `retryDelayMaxMs`. */
  retryDelayMs?: number;
  retryDelayMaxMs?: number;
  /** How long a forwarded `at: 'hub'` call may take before it answers HUB_UNREACHABLE. */
  callTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface SyncState {
  online: boolean;
  pending: number;
  lastSyncAt: number | null;
  /** Why the hub refused us (schema mismatch, unpaired…), until a later run succeeds. */
  error: SyncErrorT | null;
  /** The hub's clock minus ours at the last hello, ms (null: not measured yet). */
  clockOffsetMs: number | null;
}

function unreachable(message: string): Result<never> {
  return { ok: false, error: { code: 'HUB_UNREACHABLE', message } };
}

export class SyncClient implements HubLink {
  private socket: Socket | undefined;
  private ready = false;
  private chain: Promise<void> = Promise.resolve();
  private scheduled = false;
  private readonly off: (() => void)[] = [];
  readonly state: SyncState = { online: false, pending: 0, lastSyncAt: null, error: null, clockOffsetMs: null };
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = 0;
  constructor(readonly station: Station, private readonly opts: SyncClientOptions) {}

  private get batch(): number {
    return this.opts.batchSize ?? 500;
  }

  start(): void {
    if (this.socket) return;
    const pin = this.opts.pin !== undefined ? this.opts.pin : storedPin(this.station);
    if (!pin) {
      // Never talk to a hub whose certificate was not pinned: that is what pairing is for.
      this.state.error = { code: 'UNPAIRED', message: 'this station has not paired with a hub (no pinned certificate): pair it with the code shown on the hub' };
      this.report();
      return;
    }
    const url = normaliseHubUrl(this.opts.url);
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: this.opts.reconnectDelayMs ?? 500,
      reconnectionDelayMax: 5_000,
      ...pinnedTls(pin),
    });
    this.socket = socket;
    this.station.hubLink = this;
    socket.on('connect', () => this.enqueue(() => this.hello()));
    socket.on('connect_error', (err: unknown) => {
      if (!isCertificateError(err)) return;
      // Not the hub we paired with (or someone in between): refuse, say so, keep trying — the
      // real hub may come back at this address; changes wait meanwhile.
      this.state.error = { code: 'CERT_MISMATCH', message: `the hub at ${url} presented a certificate other than the one pinned at pairing (${pin.fingerprint.slice(0, 23)}…)` };
      this.opts.log?.(this.state.error.message);
      this.report();
    });
    socket.on('disconnect', () => {
      this.ready = false;
      this.report();
    });
    socket.on('refused', (payload: unknown) => {
      const err = SyncError.safeParse(payload);
      if (err.success) this.refused(err.data);
      this.ready = false;
      this.report();
    });
    socket.on('changes', (payload: unknown) => {
      const msg = Broadcast.safeParse(payload);
      if (msg.success) this.enqueue(() => this.live(msg.data.changes));
    });
    this.off.push(this.station.on('data.changed', () => {
      if (this.ready && pendingCount(this.station) > 0) this.schedule();
    }));
    this.report();
  }

  /** Push and pull until nothing is left (resolves when this run is done; no-op while offline). */
  syncNow(): Promise<void> {
    return this.enqueue(() => this.run());
  }

  /** Resolves when every queued run has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  async stop(): Promise<void> {
    for (const f of this.off.splice(0)) f();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.chain;
    this.socket?.disconnect();
    this.socket = undefined;
    if (this.station.hubLink === this) this.station.hubLink = null;
    this.ready = false;
    this.report();
  }

  /** Runs an `at: 'hub'` procedure at the hub; HUB_UNREACHABLE when offline, refused, or no answer in time. */
  async call(req: HubCall): Promise<Result<unknown>> {
    const socket = this.socket;
    if (!socket?.connected || !this.ready) return unreachable('not connected to the hub');
    let raw: unknown;
    try {
      raw = await askHub(socket, 'call', req, { timeoutMs: this.opts.callTimeoutMs ?? 10_000, patience: 1, what: 'the call' });
    } catch (err) {
      return unreachable(err instanceof Error ? err.message : String(err));
    }
    const answer = CallAnswer.safeParse(raw);
    if (!answer.success) return unreachable('the hub answered something this station does not understand');
    return answer.data.ok ? { ok: true, value: answer.data.value } : { ok: false, error: answer.data.error };
  }

  /** A person's password checked at the hub: the token it signed for this station, or its refusal; HUB_UNREACHABLE when it cannot be asked in time. */
  async auth(req: { username: string; password: string }, timeoutMs = this.opts.callTimeoutMs ?? 10_000): Promise<Result<HubToken>> {
    const socket = this.socket;
    if (!socket?.connected || !this.ready) return unreachable('not connected to the hub');
    let raw: unknown;
    try {
      raw = await askHub(socket, 'auth', req, { timeoutMs, patience: 1, what: 'the password check' });
    } catch (err) {
      return unreachable(err instanceof Error ? err.message : String(err));
    }
    const answer = AuthAnswer.safeParse(raw);
    if (!answer.success) return unreachable('the hub answered something this station does not understand');
    return answer.data.ok ? { ok: true, value: { token: answer.data.token, expiresAt: answer.data.expiresAt } } : { ok: false, error: answer.data.error };
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn).catch((err: unknown) => {
      // A timeout or a dropped connection: the changes stay pending; a retry (still connected) or
      // the next connect sends them.
      this.state.error = { code: 'HUB_ERROR', message: err instanceof Error ? err.message : String(err) };
      this.report();
      this.retryLater();
    });
    this.chain = run;
    return run;
  }

  /**
   * Tries again by itself after a timeout or a hub error while the socket stays up (a hub that
   * was busy or stuck answers later): backoff from `retryDelayMs`, doubled up to `retryDelayMaxMs`,
   * back to the start once a run succeeds. A lost connection is socket.io's to reconnect.
   */
  private retryLater(): void {
    if (this.retryTimer !== undefined || !this.socket) return;
    const base = this.opts.retryDelayMs ?? 1_000;
    this.retryDelay = this.retryDelay === 0 ? base : Math.min(this.retryDelay * 2, this.opts.retryDelayMaxMs ?? 30_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.socket?.connected) return;
      void this.enqueue(() => (this.ready ? this.run() : this.hello()));
    }, this.retryDelay);
    this.retryTimer.unref();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    void this.enqueue(async () => {
      this.scheduled = false;
      await this.run();
    });
  }

  /** Hello: answered within `timeoutMs` or the connection is taken as broken. */
  private ask(event: 'hello', payload: unknown): Promise<unknown> {
    return askHub(this.socket, event, payload, { timeoutMs: this.opts.timeoutMs ?? 10_000, patience: 1, what: `a ${event}` });
  }

  /**
   * A push or a pull: past `timeoutMs` the hub is said to be slow (the sync badge shows it) but
   * the answer is still awaited, up to LATE_ANSWER_FACTOR × `timeoutMs`. (Smaller batches would not
   * help a slow hub: under load its time goes to each request more than to each change.)
   */
  private askPatiently(event: 'push' | 'pull', payload: unknown): Promise<unknown> {
    return askHub(this.socket, event, payload, {
      timeoutMs: this.opts.timeoutMs ?? 10_000, patience: LATE_ANSWER_FACTOR, onSlow: (ms) => this.hubIsSlow(ms), what: `a ${event}`,
    });
  }

  private hubIsSlow(softMs: number): void {
    this.state.error = { code: 'HUB_ERROR', message: `the hub has not answered within ${Math.round(softMs / 100) / 10} s: still waiting for its answer` };
    this.report();
  }

  private async hello(): Promise<void> {
    this.ready = false;
    const sentAt = this.station.now();
    const answer = HelloAnswer.parse(await this.ask('hello', {
      protocol: PROTOCOL_VERSION,
      device: this.station.device,
      credential: this.opts.credential !== undefined ? this.opts.credential : storedCredential(this.station),
      schemaVersion: this.opts.schemaVersion ?? localSchemaVersion(),
      pending: pendingCount(this.station),
      clock: Math.max(0, Math.round(sentAt)),
    }));
    if (!answer.ok) {
      this.state.error = answer.error;
      this.report();
      if (answer.error.code === 'HUB_ERROR') this.retryLater();
      return;
    }
    this.followHubClock(measureOffset(sentAt, this.station.now(), answer.serverTime));
    // Another hub than the one we knew (restored from a backup, rebuilt): start the cursor
    // again and resend our own changes, so it regains whatever it lost.
    if (adoptHub(this.station, answer.hub)) this.opts.log?.(`hub ${answer.hub} is new to this station: pulling from the start, resending own changes`);
    // A new station (or one starting again with a new hub) bootstraps from the hub's snapshot up
    // to the hub's last seq now, then follows the log. Kept across restarts: a cut bootstrap resumes.
    if (getCursor(this.station) === 0 && answer.lastSeq > 0 && bootstrapUpto(this.station) === 0) {
      setBootstrapUpto(this.station, answer.lastSeq);
    }
    this.ready = true;
    this.state.error = null;
    await this.run();
  }

  /** This PC's clock against the hub's: beyond the bound the HLC follows the hub's time (main/sync/clock.ts). */
  private followHubClock(offsetMs: number): void {
    this.state.clockOffsetMs = offsetMs;
    const correction = clockCorrection(offsetMs);
    if (correction !== (this.station.clock.offsetMs ?? 0)) {
      this.station.setClockOffset(correction);
      this.opts.log?.(correction === 0 ? 'this PC\'s clock agrees with the hub\'s again'
        : `this PC's clock is ${Math.round(-offsetMs / 1000)} s off the hub's (more than ${CLOCK_SKEW_BOUND_MS / 1000} s): changes are stamped with the hub's time`);
    }
  }

  private async run(): Promise<void> {
    if (!this.ready) return;
    // Push everything unsent, oldest first; the next batch is on its way while the hub appends
    // this one (the hub appends one station's batches in the order they came).
    const flying: { changes: ChangeT[]; answer: Promise<unknown> }[] = [];
    let last: ChangeT | undefined;
    // Counted once (a count over a long backlog is not free), then kept as batches are acknowledged.
    let unsent = pendingCount(this.station);
    for (;;) {
      while (flying.length < PUSH_WINDOW) {
        const changes = pendingChanges(this.station, this.batch, last);
        if (changes.length === 0) break;
        last = changes[changes.length - 1]!;
        const pending = Math.max(0, unsent - changes.length - flying.reduce((n, f) => n + f.changes.length, 0));
        const answer = this.askPatiently('push', { changes, pending });
        answer.catch(() => undefined); // awaited below, in order; a failure behind the first must not go unhandled
        flying.push({ changes, answer });
      }
      const head = flying.shift();
      if (!head) break;
      const answer = PushAnswer.parse(await head.answer);
      if (!answer.ok) return this.refused(answer.error);
      this.acknowledged(head.changes, answer.acks, answer.refused ?? []);
      unsent = Math.max(0, unsent - head.changes.length);
      this.report(unsent);
    }
    // Pull everything after our cursor: from the snapshot while bootstrapping, then the log. The
    // next page is asked for as soon as this one's cursor is known, so the hub reads it while
    // this one is applied; it is used only if our cursor is then where it was asked from.
    let ahead: { key: string; answer: Promise<unknown> } | null = null;
    for (;;) {
      const after = getCursor(this.station);
      const upto = bootstrapUpto(this.station);
      const snapshot = after < upto;
      if (!snapshot && upto > 0) setBootstrapUpto(this.station, 0);
      const request = { after, limit: this.batch, ...(snapshot ? { upto } : { others: true }) };
      const asked: Promise<unknown> = ahead?.key === JSON.stringify(request) ? ahead.answer : this.askPatiently('pull', request);
      ahead = null;
      const answer = PullAnswer.parse(await asked);
      if (!answer.ok) return this.refused(answer.error);
      if (answer.more) {
        const next = { ...request, after: answer.cursor };
        ahead = { key: JSON.stringify(next), answer: this.askPatiently('pull', next) };
        ahead.answer.catch(() => undefined); // awaited on the next round, or dropped unused
      }
      if (answer.changes.length > 0 || answer.cursor !== after) {
        applyRemoteChanges(this.station, answer.changes, { cursor: answer.cursor });
      }
      if (snapshot && answer.cursor === after) {
        setBootstrapUpto(this.station, 0); // the hub has less than it said (restored meanwhile): follow the log
        continue;
      }
      if (!answer.more && !snapshot) break;
    }
    this.state.lastSyncAt = this.station.now();
    this.state.error = null;
    this.retryDelay = 0;
    this.report();
  }

  /**
   * Pushed changes the hub acknowledged: their seqs stored and their rows merged again, in one
   * transaction — a local write the merge overrules (a status set backwards) converges here, since
   * our pulls leave our own changes out. When the acks follow our cursor without a gap, the cursor
   * moves past them (nothing else can lie between). Changes the hub refused are set aside first,
   * and their rows merged again without them.
   */
  private acknowledged(pushed: readonly ChangeT[], acks: readonly { id: string; seq: number }[], refused: readonly RefusedChangeT[]): void {
    if (refused.length > 0) {
      const mine = new Map(pushed.map((c) => [c.id, c]));
      const known = refused.filter((r) => mine.has(r.id));
      setAside(this.station, known);
      for (const r of known) this.opts.log?.(`the hub refused change ${r.id} (${mine.get(r.id)!.table}): ${r.code} ${r.reason}; set aside`);
      applyRemoteChanges(this.station, [], { remerge: known.map((r) => ({ table: mine.get(r.id)!.table, rowId: mine.get(r.id)!.rowId })) });
    }
    const seqOf = new Map(acks.map((a) => [a.id, a.seq]));
    const sequenced = pushed.filter((c) => seqOf.has(c.id)).map((c) => ({ ...c, seq: seqOf.get(c.id)! }));
    const seqs = [...new Set(sequenced.map((c) => c.seq))].sort((a, b) => a - b);
    const follows = bootstrapUpto(this.station) === 0 && seqs.length > 0 && seqs[0] === getCursor(this.station) + 1
      && seqs.every((q, i) => i === 0 || q === seqs[i - 1]! + 1);
    applyRemoteChanges(this.station, sequenced, { pushed: true, ...(follows ? { cursor: seqs[seqs.length - 1]! } : {}) });
  }

  /** A broadcast: applied at once when it follows our cursor, else a pull fills the gap. */
  private async live(changes: SequencedChangeT[]): Promise<void> {
    if (!this.ready) return;
    const sorted = [...changes].sort((a, b) => a.seq - b.seq);
    const contiguous = sorted.every((c, i) => i === 0 || c.seq === sorted[i - 1]!.seq + 1);
    if (contiguous && sorted[0]!.seq === getCursor(this.station) + 1) {
      applyRemoteChanges(this.station, sorted, { cursor: sorted[sorted.length - 1]!.seq });
      this.state.lastSyncAt = this.station.now();
      this.report();
      return;
    }
    await this.run();
  }

  private refused(error: SyncErrorT): void {
    this.state.error = error;
    if (error.code === 'HELLO_REQUIRED') this.ready = false;
    this.report();
    if (error.code === 'HUB_ERROR' || error.code === 'HELLO_REQUIRED') this.retryLater();
  }

  /** Tells the station's listeners the sync state; `pending` when the caller knows it (else counted). */
  private report(pending?: number): void {
    this.state.online = this.ready;
    this.state.pending = pending ?? pendingCount(this.station);
    this.station.emit('sync.status', {
      online: this.state.online, pending: this.state.pending, lastSyncAt: this.state.lastSyncAt, refused: this.state.error,
      setAside: setAsideChanges(this.station),
      clockOffsetMs: this.state.clockOffsetMs === null ? null : clockCorrection(this.state.clockOffsetMs),
    });
  }
}
