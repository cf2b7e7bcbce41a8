/**
 * A workstation's core: its SQLite replica, its identity (device code) and clock, its log-in
 * sessions and its events. Runs under plain Node; Electron and the web host are transports.
 */
import { EventEmitter } from 'node:events';
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../db/open';
import type { EventName, StationEvents } from '../api/contract';
import { hlcParse, hlcToString, hlcZero } from '../domain/hlc';
import { isDeviceCode } from '../domain/numbers';
import { loadSettings, type ClinicSettings } from './settings';
import { Sessions } from './sessions';
import type { ClockState } from './writer';
import type { HubStore } from '../hub/store';

export interface StationOptions {
  file: string;
  /** Device code for a new database (the hub assigns one at pairing); ignored once set. */
  device?: string;
  now?: () => number;
  /** Let this station write master data: an in-process hub, or the demo seeder. */
  allowMasterData?: boolean;
  /** Check every output against its zod schema (on in tests; costs time on big outputs). */
  validateOutput?: boolean;
}

export class Station {
  readonly raw: Database.Database;
  readonly db: Db;
  readonly device: string;
  readonly clock: ClockState;
  readonly sessions: Sessions;
  readonly now: () => number;
  readonly allowMasterData: boolean;
  readonly validateOutput: boolean;
  /** Set by the hub process on its own admin station: hub procedures run here, against this store. */
  hub: HubStore | null = null;
  private readonly emitter = new EventEmitter();
  private cachedSettings: ClinicSettings;
  private readonly seqStmt: Database.Statement<[string], { value: number }>;
  private readonly metaStmt: Database.Statement<[string, string]>;

  constructor(opts: StationOptions) {
    const { raw, db } = openDatabase(opts.file);
    this.raw = raw;
    this.db = db;
    this.now = opts.now ?? Date.now;
    this.allowMasterData = opts.allowMasterData ?? false;
    this.validateOutput = opts.validateOutput ?? true;
    this.metaStmt = raw.prepare('INSERT INTO station_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.seqStmt = raw.prepare(
      'INSERT INTO sequences(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    );
    this.device = this.meta('device_code') ?? this.initDevice(opts.device);
    const hlc = this.meta('hlc');
    this.clock = { hlc: hlc ? { ...hlcParse(hlc), device: this.device } : hlcZero(this.device) };
    this.cachedSettings = loadSettings(db);
    this.sessions = new Sessions(() => this.cachedSettings.idleLockMs);
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

  /** Persist the clock after a transaction that ticked it. */
  saveClock(): void {
    this.metaStmt.run('hlc', hlcToString(this.clock.hlc));
  }

  on<E extends EventName>(event: E, fn: (payload: StationEvents[E]) => void): () => void {
    this.emitter.on(event, fn);
    return () => this.emitter.off(event, fn);
  }

  emit<E extends EventName>(event: E, payload: StationEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  /** Lock idle sessions and tell the UI; transports call this on a timer. */
  sweepSessions(): void {
    for (const s of this.sessions.sweep(this.now())) this.emit('session.locked', { at: s.lockedAt ?? this.now() });
  }

  close(): void {
    this.raw.close();
  }
}
