/**
 * The hub's own station: a SQLite replica in the hub's data folder that may write master data
 * (allowMasterData) and reads the hub's store (`station.hub`). Administration runs here — calls
 * forwarded by paired workstations, and the browser on the hub's web host.
 *
 * It follows the hub's log in-process: on opening it applies every change after its cursor (all
 * of them on the first run: bootstrap), then every batch the hub appends, whoever pushed it. Its
 * own commands' change-log entries are published through the hub exactly as a station's push
 * (appended, broadcast, detected) as soon as they commit. One job at a time, in order.
 * After each batch it applies it settles queue numbers two desks gave while apart
 * (main/hub/queue-clashes.ts); at opening it sweeps today's.
 */
import { existsSync } from 'node:fs';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Result } from '../api/contract';
import { dispatchAs } from '../station/dispatch';
import { Station } from '../station/station';
import { applyRemoteChanges } from '../sync/apply';
import { auditLog } from '../../db/schema';
import { Writer } from '../station/writer';
import { hubHandlers } from './handlers';
import { HubPeople, personTokenSecret } from './people';
import type { Refusal } from './refusals';
import { getCursor, markAcked, pendingChanges, pendingCount } from '../sync/local';
import { MAX_BATCH, type CallT, type ChangeT, type SequencedChangeT } from '../sync/protocol';
import { localDate } from '../domain/dates';
import { doctorDaysOf, doctorDaysOn, settleQueueNumbers } from './queue-clashes';
import type { Hub } from './server';
import type { AppendResult, HubStore } from './store';

export interface AdminStationOptions {
  store: HubStore;
  /** The admin station's SQLite file (created on the first run). */
  file: string;
  /** Its key (main/station/keys.ts). */
  key: Buffer;
  now?: () => number;
  validateOutput?: boolean;
  log?: (line: string) => void;
}

/** The device code a new admin station asks for; another is drawn when a workstation has it. */
export const ADMIN_DEVICE = 'HUB';

export class AdminStation {
  private chain: Promise<void> = Promise.resolve();
  private publisher: ((changes: readonly ChangeT[]) => Promise<AppendResult>) | null = null;
  private readonly offs: (() => void)[] = [];
  private flushing = false;
  /** The running hub's refusal channel once attached (refused calls are audited through it). */
  private refuse: ((r: Omit<Refusal, 'at'>) => void) | null = null;

  private constructor(
    readonly station: Station, readonly store: HubStore, readonly people: HubPeople, private readonly log: (line: string) => void,
  ) {}

  /** Opens (or creates) the admin station and brings it up to the store's last change. */
  static async open(opts: AdminStationOptions): Promise<AdminStation> {
    const { store } = opts;
    const now = opts.now ?? Date.now;
    const device = existsSync(opts.file) ? undefined : await freeDeviceCode(store);
    const station = new Station({
      file: opts.file, key: opts.key, now, allowMasterData: true, hubHandlers, ...(device ? { device } : {}),
      ...(opts.validateOutput !== undefined ? { validateOutput: opts.validateOutput } : {}),
    });
    station.hub = store;
    // Reserve the code in the device table, so no workstation can pair under it.
    if (!(await store.getDevice(station.device))) {
      await store.putDevice({ device: station.device, credentialHash: createHash('sha256').update(randomBytes(32)).digest('hex'), pairedAt: now(), revokedAt: null });
    }
    const admin = new AdminStation(station, store, new HubPeople(station, await personTokenSecret(store)), opts.log ?? (() => undefined));
    await admin.catchUp();
    // A clash left by a hub stopped between applying a batch and settling it.
    settleQueueNumbers(station, doctorDaysOn(station.raw, localDate(now(), station.settings.timeZone)));
    await admin.flush();
    admin.offs.push(station.on('data.changed', () => {
      if (!admin.flushing && pendingCount(station) > 0) void admin.flush();
    }));
    return admin;
  }

  get device(): string {
    return this.station.device;
  }

  /** Follows the hub's log, publishes through it, and answers its stations' 'call's. */
  attach(hub: Hub): void {
    this.publisher = (changes) => hub.publish(changes);
    this.offs.push(hub.onAppended((fresh) => void this.enqueue(() => this.live(fresh))));
    hub.handleCalls((call, device) => this.call(call, device));
    hub.handleAuth((username, password, device) => this.people.login(username, password, device));
    this.refuse = (r) => hub.refuse(r);
    this.station.reportRefusal = (r) => hub.refuse(r);
    this.offs.push(() => {
      hub.handleCalls(null);
      hub.handleAuth(null);
      this.refuse = null;
      this.station.reportRefusal = null;
    });
    this.offs.push(hub.onRefused((r) => void this.enqueue(async () => this.auditRefusal(r))));
    void this.enqueue(() => this.catchUpNow());
    void this.flush();
  }

  /**
   * Runs a workstation's `at: 'hub'` call as the person its token proves (checked here: signed by
   * this hub, for this device, not expired, the account known and active, its roles from this
   * replica), then publishes what it wrote before answering. Anything else runs nothing and is
   * refused and audited.
   */
  async call(req: CallT, device: string): Promise<Result<unknown>> {
    const who = this.people.authenticate(req.token, device);
    if (!who.ok) {
      const reason = typeof who.error.details?.['reason'] === 'string' ? ` (${who.error.details['reason']})` : '';
      this.refuse?.({ kind: 'call', device, accountId: who.accountId, subject: req.procedure, code: who.error.code, reason: `${who.error.message}${reason}` });
      return { ok: false, error: who.error };
    }
    const result = await dispatchAs(this.station, who.account, device, req.procedure, req.input);
    await this.flush();
    return result;
  }

  /**
   * Writes what the hub refused to the audit log (replicated like any audit row): the account it
   * claimed (or 'anonymous'), the device it came from, what and why.
   */
  auditRefusal(r: Refusal): void {
    const st = this.station;
    const write = new Writer({ db: st.db, device: st.device, clock: st.clock, now: st.now, allowMasterData: true });
    st.raw.transaction(() => {
      write.insert(auditLog, {
        at: r.at, accountId: r.accountId ?? 'anonymous', device: r.device.slice(0, 16), action: 'refuse',
        entity: r.kind, entityId: r.subject.slice(0, 200), patientId: null, procedure: r.code,
        detail: `${r.reason}${r.source ? ` (from ${r.source})` : ''}`.slice(0, 1000),
      });
      st.saveClock();
    }).immediate();
    st.emit('data.changed', { tables: ['audit_log'] });
  }

  /** Applies every change of the store after this station's cursor. */
  catchUp(): Promise<void> {
    return this.enqueue(() => this.catchUpNow());
  }

  /** Publishes this station's unsent changes (resolves once they are in the log). */
  flush(): Promise<void> {
    return this.enqueue(() => this.push());
  }

  /** Resolves when every queued job has run. */
  idle(): Promise<void> {
    return this.chain;
  }

  async close(): Promise<void> {
    for (const off of this.offs.splice(0)) off();
    await this.chain;
    this.publisher = null;
    this.station.close();
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn).then(() => this.report(), (err: unknown) => {
      this.log(`admin station: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.chain = run;
    return run;
  }

  /** The hub is its own hub: the header of a browser on the hub's web host shows it in sync. */
  private report(): void {
    this.station.emit('sync.status', { online: this.publisher !== null, pending: pendingCount(this.station), lastSyncAt: this.station.now(), refused: null });
  }

  private async catchUpNow(): Promise<void> {
    const doctorDays = new Set<string>();
    for (;;) {
      const cursor = getCursor(this.station);
      const page = await this.store.after(cursor, MAX_BATCH);
      if (page.changes.length > 0 || page.cursor !== cursor) applyRemoteChanges(this.station, page.changes, { cursor: page.cursor });
      for (const d of doctorDaysOf(this.station.raw, page.changes)) doctorDays.add(d);
      if (!page.more) break;
    }
    this.settleQueues(doctorDays);
  }

  /** Renumbers queue numbers that clash among the visits of these doctors and days (published by the next flush). */
  private settleQueues(doctorDays: Set<string>): void {
    if (doctorDays.size === 0) return;
    const done = settleQueueNumbers(this.station, doctorDays);
    if (done.length > 0) this.log(`queue numbers settled: ${done.map((r) => `${r.from} → ${r.to}`).join(', ')}`);
  }

  /** A batch the hub appended: applied at once when it follows the cursor, else the gap is read from the store. */
  private async live(fresh: SequencedChangeT[]): Promise<void> {
    const sorted = [...fresh].sort((a, b) => a.seq - b.seq);
    const contiguous = sorted.every((c, i) => i === 0 || c.seq === sorted[i - 1]!.seq + 1);
    if (contiguous && sorted[0]!.seq === getCursor(this.station) + 1) {
      applyRemoteChanges(this.station, sorted, { cursor: sorted[sorted.length - 1]!.seq });
      this.settleQueues(doctorDaysOf(this.station.raw, sorted));
      return;
    }
    if (sorted[sorted.length - 1]!.seq > getCursor(this.station)) await this.catchUpNow();
  }

  private async push(): Promise<void> {
    this.flushing = true;
    try {
      for (;;) {
        const changes = pendingChanges(this.station, MAX_BATCH);
        if (changes.length === 0) return;
        const { acks } = await (this.publisher ? this.publisher(changes) : this.store.append(changes, this.station.now()));
        markAcked(this.station, acks);
      }
    } finally {
      this.flushing = false;
    }
  }
}

async function freeDeviceCode(store: HubStore): Promise<string> {
  if (!(await store.getDevice(ADMIN_DEVICE))) return ADMIN_DEVICE;
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const code = `H${alphabet[randomInt(32)]}${alphabet[randomInt(32)]}`;
    if (!(await store.getDevice(code))) return code;
  }
}
