/**
 * A workstation's core: its SQLite replica, its identity (device code) and clock, its log-in
 * sessions and its events. Runs under plain Node; Electron and the web host are transports.
 */
import { EventEmitter } from 'node:events';
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../db/open';
import type { Conversion } from '../../db/cipher';
import type { EventName, Result, StationEvents } from '../api/contract';
import { hlcParse, hlcToString, hlcZero } from '../domain/hlc';
import { isDeviceCode } from '../domain/numbers';
import { loadSettings, type ClinicSettings } from './settings';
import { sessionEnd, type AccountStanding, type SessionEnd } from './session-policy';
import { Sessions, type Session } from './sessions';
import { PasswordThrottle } from './throttle';
import type { Role } from '../domain/enums';
import type { ClockState } from './writer';
import type { HubHandlers } from './handler';

/** A call of an `at: 'hub'` procedure, forwarded by a workstation with the person token the hub gave its session. */
export interface HubCall {
  procedure: string;
  input: unknown;
  token: string;
}

/** What the hub signed for a person whose password it checked (main/hub/person-token.ts). */
export interface HubToken {
  token: string;
  expiresAt: number;
}

/** A refusal a station running at the hub reports (its admin station: main/hub/refusals.ts audits it). */
export interface StationRefusal {
  kind: 'call' | 'web';
  device: string;
  accountId: string | null;
  subject: string;
  code: string;
  reason: string;
}

/**
 * A workstation's way to the hub for `at: 'hub'` procedures; set by the sync client while it runs
 * (main/sync/client.ts), so dispatch needs no socket code. Answers HUB_UNREACHABLE itself when
 * the hub cannot be asked.
 */
export interface HubLink {
  call(req: HubCall): Promise<Result<unknown>>;
  /** A person's password, checked at the hub: its token, or why not (HUB_UNREACHABLE after `timeoutMs`). */
  auth(req: { username: string; password: string }, timeoutMs?: number): Promise<Result<HubToken>>;
}

/** Quiet time after the last change before the WAL is checkpointed. */
const IDLE_CHECKPOINT_MS = 300;
/** SQLite's own checkpoint, only for long bursts of writes: 8,000 pages (~32 MB; its default is 1,000). */
const AUTO_CHECKPOINT_PAGES = 8000;

export interface StationOptions {
  file: string;
  /** The file's 256-bit key (main/station/keys.ts stationKeyFor; tests: TEST_STATION_KEY). */
  key: Buffer;
  /** Device code for a new database (the hub assigns one at pairing); ignored once set. */
  device?: string;
  now?: () => number;
  /** Let this station write master data: an in-process hub, or the demo seeder. */
  allowMasterData?: boolean;
  /** Check every output against its zod schema (on in tests; costs time on big outputs). */
  validateOutput?: boolean;
  /**
   * The handlers of the hub's procedures (`at: 'hub'`), given by the hub to its own admin station
   * (main/hub/handlers.ts): this station then runs them instead of forwarding them.
   */
  hubHandlers?: HubHandlers;
}

export class Station {
  readonly raw: Database.Database;
  readonly db: Db;
  readonly device: string;
  readonly clock: ClockState;
  readonly sessions: Sessions;
  /** Wrong passwords per source and username (main/station/throttle.ts). */
  readonly throttle = new PasswordThrottle();
  readonly now: () => number;
  readonly allowMasterData: boolean;
  readonly validateOutput: boolean;
  /** Set when this start encrypted a replica written before encryption (for the log). */
  readonly converted: Conversion | null;
  /** The hub's procedures, when this station runs them (the hub's admin station); null at a workstation. */
  readonly hubHandlers: HubHandlers | null;
  /**
   * Set by the hub process on its own admin station: the hub's store, which the hub's handlers
   * read (main/hub/services/hub-context.ts). Opaque here: the station never looks inside.
   */
  hub: unknown = null;
  /** Set by the sync client on a workstation: where `at: 'hub'` procedures are forwarded. */
  hubLink: HubLink | null = null;
  /**
   * Which commits are synced to disk before the answer (SQLite `synchronous = FULL`): 'money' (the
   * default) the contract's `durable` commands (money and stock), 'all' every command, 'none' none
   * (WAL's NORMAL everywhere; the benchmarks compare the three, bench/RESULTS.md).
   */
  commitSync: 'money' | 'all' | 'none' = 'money';
  /** Set on the hub's admin station while its hub runs: where dispatch reports a refused step-up. */
  reportRefusal: ((r: StationRefusal) => void) | null = null;
  private readonly emitter = new EventEmitter();
  private cachedSettings: ClinicSettings;
  private readonly seqStmt: Database.Statement<[string], { value: number }>;
  private readonly metaStmt: Database.Statement<[string, string]>;
  private readonly standingStmt: Database.Statement<[string], { active: number; roles: string }>;

  constructor(opts: StationOptions) {
    const { raw, db, converted } = openDatabase(opts.file, { key: opts.key });
    this.converted = converted;
    this.raw = raw;
    this.db = db;
    this.now = opts.now ?? Date.now;
    this.allowMasterData = opts.allowMasterData ?? false;
    this.validateOutput = opts.validateOutput ?? true;
    this.hubHandlers = opts.hubHandlers ?? null;
    this.metaStmt = raw.prepare('INSERT INTO station_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.seqStmt = raw.prepare(
      'INSERT INTO sequences(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    );
    this.standingStmt = raw.prepare('SELECT active, roles FROM accounts WHERE id = ?');
    this.device = this.meta('device_code') ?? this.initDevice(opts.device);
    const hlc = this.meta('hlc');
    this.clock = { hlc: hlc ? { ...hlcParse(hlc), device: this.device } : hlcZero(this.device), offsetMs: Number(this.meta('clock_offset') ?? 0) || 0 };
    this.cachedSettings = loadSettings(db);
    this.sessions = new Sessions(() => this.cachedSettings.idleLockMs);
    // WAL checkpoints off the command path: SQLite's automatic one runs inside whichever commit
    // fills the WAL (13–25 ms of writing and syncing the database file, bench/RESULTS.md). A
    // passive checkpoint runs instead once the station has been quiet for a moment; the automatic
    // one stays, at a larger size, as the safety net for bulk work.
    raw.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    this.emitter.on('data.changed', () => this.checkpointSoon());
    // A disabled account or new roles (by sync or at this station): its open sessions end now,
    // and the UI holding one is told; every request checks again anyway (dispatch admit).
    this.emitter.on('data.changed', (p: StationEvents['data.changed']) => {
      if (p.tables.includes('accounts') || p.tables.includes('settings')) this.checkSessions();
    });
  }

  private checkpointTimer: ReturnType<typeof setTimeout> | null = null;

  private checkpointSoon(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      if (this.raw.open) this.raw.pragma('wal_checkpoint(PASSIVE)');
    }, IDLE_CHECKPOINT_MS);
    this.checkpointTimer.unref();
  }

  private meta(key: string): string | undefined {
    const row = this.raw.prepare('SELECT value FROM station_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  private initDevice(requested: string | undefined): string {
    if (requested !== undefined && !isDeviceCode(requested)) throw new Error(`not a device code: ${requested}`);
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const code = requested ?? `${alphabet[randomInt(24)]}${alphabet[randomInt(32)]}${alphabet[randomInt(32)]}`;
    this.metaStmt.run('device_code', code);
    return code;
  }

  get settings(): ClinicSettings {
    return this.cachedSettings;
  }

  reloadSettings(): void {
    this.cachedSettings = loadSettings(this.db);
  }

  nextSeq(name: string): number {
    return this.seqStmt.get(name)!.value;
  }

  /** The clock the HLC follows: this PC's, corrected by the offset to the hub's while this one is off (main/sync/clock.ts). */
  hlcNow(): number {
    return this.now() + (this.clock.offsetMs ?? 0);
  }

  /** Follow the hub's clock by `offsetMs` (0: this PC's clock is right); kept across restarts. */
  setClockOffset(offsetMs: number): void {
    this.clock.offsetMs = offsetMs;
    this.metaStmt.run('clock_offset', String(offsetMs));
  }

  /** Persist the clock after a transaction that ticked it. */
  saveClock(): void {
    this.metaStmt.run('hlc', hlcToString(this.clock.hlc));
  }

  on<E extends EventName>(event: E, fn: (payload: StationEvents[E]) => void): () => void {
    this.emitter.on(event, fn);
    return () => this.emitter.off(event, fn);
  }

  emit<E extends EventName>(event: E, payload: StationEvents[E]): void {
    if (event === 'sync.status') this.syncStatus = payload as StationEvents['sync.status'];
    this.emitter.emit(event, payload);
  }

  /** The last sync state reported (a UI that logs in later is told it at once); null: none yet. */
  syncStatus: StationEvents['sync.status'] | null = null;

  /** Lock idle sessions and end those past their time or of a changed account, telling the UI; transports call this on a timer. */
  sweepSessions(): void {
    this.checkSessions();
    for (const s of this.sessions.sweep(this.now())) this.emit('session.locked', { at: s.lockedAt ?? this.now() });
  }

  /** The account as this replica has it now (one primary-key lookup); undefined when there is no such row. */
  accountStanding(accountId: string): AccountStanding | undefined {
    const row = this.standingStmt.get(accountId);
    return row ? { active: row.active === 1, roles: JSON.parse(row.roles) as Role[] } : undefined;
  }

  /** Ends the session if its account or age says so (main/station/session-policy.ts); returns why, or null. */
  checkSession(s: Session, now: number): SessionEnd | null {
    const end = sessionEnd({ createdAt: s.createdAt, roles: s.account.roles }, this.accountStanding(s.account.id), now, this.settings.maxSessionMs);
    if (end) this.sessions.end(s.token, end);
    return end;
  }

  checkSessions(): void {
    const now = this.now();
    for (const s of this.sessions.all()) this.checkSession(s, now);
  }

  close(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.raw.close();
  }
}
