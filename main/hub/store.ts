/**
 * The hub's change store: the change log (the source of truth, one global sequence) and the
 * current rows materialised from it with the same merge code the stations use. An interface,
 * so PostgreSQL (`--database postgres://…`) can sit behind it next to PGlite.
 */
import type { ColumnValue, RowState } from '../sync/merge';
import type { ChangeT, SequencedChangeT } from '../sync/protocol';
import type { Sql } from './log-rows';
import type { ProjectionStats } from './projection';

export interface AppendResult {
  /** The seq of every change of the batch, new or already known. */
  acks: { id: string; seq: number }[];
  /** The changes new to the hub, in seq order (what to broadcast). */
  fresh: SequencedChangeT[];
}

export interface PageResult {
  changes: SequencedChangeT[];
  /** Highest seq returned (or the asked cursor when none). */
  cursor: number;
  more: boolean;
}

export interface PairedDevice {
  device: string;
  credentialHash: string;
  pairedAt: number;
  revokedAt: number | null;
}

/** A paired device as the admin's device list shows it. */
export interface DeviceStatus {
  device: string;
  pairedAt: number;
  revokedAt: number | null;
  /** When the device last said hello, pushed or pulled (kept at most once a minute), null: never since pairing. */
  lastSeenAt: number | null;
  /** Changes waiting on the device, as it last reported them. */
  pending: number | null;
  /** How far the device's clock ran ahead of the hub's (negative: behind) at its last hello, ms; null: not told. */
  clockSkewMs: number | null;
}

/** Something the hub found that a person must look at (merge two patients, move a booking). */
export interface ReviewTask {
  /** Stable key, e.g. "duplicate_patient:<id number>": finding it again updates the same task. */
  key: string;
  kind: 'duplicate_patient' | 'session_overbooked' | 'merged_patient_rows' | 'bill_overpaid' | 'prescription_dispensed_twice' | 'record_two_desks' | 'stock_below_zero'
    | 'refused_change';
  details: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  /** Set when the hub sees the problem gone (a patient merged, a booking cancelled). */
  resolvedAt: number | null;
}

/**
 * Reads of what the hub projects from its log: each row's merged state and the typed tables.
 * On the store itself they first wait until every change appended so far is projected.
 */
export interface HubReads {
  /** The materialised row (merge of every change of it). */
  row(table: string, rowId: string): Promise<RowState | undefined>;
  /** Every materialised row of a table, by row id. */
  rows(table: string): Promise<Map<string, RowState>>;
  /** Materialised rows of a table whose merged `column` equals `value`. */
  rowsWhere(table: string, column: string, value: ColumnValue): Promise<Map<string, RowState>>;
  /** A read query on the hub's own tables (typed tables of main/hub/pg-schema.ts): statistics, admin lists. */
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** What detection reads and writes (main/hub/detect.ts): the projection as it stands, and the review tasks. */
export type DetectionStore = HubReads & Pick<HubStore, 'getTask' | 'putTask' | 'tasks'>;

export interface HubStore extends HubReads {
  /**
   * Gives each change not seen before the next sequence number, atomically; a change id already
   * stored keeps its seq (resending is safe). The rows are merged after, by the projection
   * (main/hub/projection.ts).
   */
  append(changes: readonly ChangeT[], receivedAt: number): Promise<AppendResult>;
  /**
   * Changes with seq > cursor, in seq order, at most `limit`. With `exceptDevice`, that device's
   * own changes are left out (the cursor still moves past them).
   */
  after(cursor: number, limit: number, opts?: { exceptDevice?: string }): Promise<PageResult>;
  /**
   * The bootstrap snapshot's page after `cursor`, up to `upto` (main/hub/snapshot.ts): superseded
   * updates left out, so a page may carry fewer changes than `limit` (even none) while `cursor`
   * moves on by up to `limit` seqs.
   */
  snapshotAfter(cursor: number, upto: number, limit: number): Promise<PageResult>;
  lastSeq(): Promise<number>;
  /** The ids of the logged changes of these rows, by rowKey(table, rowId) (main/sync/merge.ts); rows without any are left out. */
  changeIdsOf(rows: readonly { table: string; rowId: string }[]): Promise<Map<string, Set<string>>>;
  /** Which of these rows the log holds an insert of, as rowKey(table, rowId) (a pushed row's parents: main/hub/push-parents.ts). */
  insertedRows(rows: readonly { table: string; rowId: string }[]): Promise<Set<string>>;
  /** Resolves once every change up to `seq` is projected, without hurrying the projection. */
  projected(seq: number): Promise<void>;
  /**
   * Says an append is on its way (a push being read and checked): until the answer is called,
   * the projection waits for it as for an append under way, so a burst is handed on first.
   */
  holdProjection(): () => void;
  /** Projects every change appended so far, now. */
  caughtUp(): Promise<void>;
  /** The same reads as the store's, without waiting for the projection (detection, after `projected`). */
  readonly asProjected: HubReads;
  /** How far the projection has got, and its work since the store opened. */
  projectionStats(): ProjectionStats;
  getTask(key: string): Promise<ReviewTask | undefined>;
  putTask(task: ReviewTask): Promise<void>;
  /** Tasks, open ones first then by key. */
  tasks(opts?: { openOnly?: boolean }): Promise<ReviewTask[]>;
  /** Hub settings (pairing code, hub id). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  getDevice(device: string): Promise<PairedDevice | undefined>;
  putDevice(d: PairedDevice): Promise<void>;
  /** Every paired device (revoked ones too), by device code. */
  devices(): Promise<DeviceStatus[]>;
  /** Notes that a device was seen, and its waiting changes when it told them (null: keep the last known). */
  touchDevice(device: string, seenAt: number, pending: number | null): Promise<void>;
  /** Notes how far the device's clock is off the hub's (at its hello). */
  setClockSkew(device: string, skewMs: number): Promise<void>;
  /** Statements on the hub's own unreplicated tables (the patient portal's: main/hub/portal/store.ts). */
  readonly hubOnly: Sql;
  /** Lets a projection under way finish (the rest waits for the next open), then closes. */
  close(): Promise<void>;
}
