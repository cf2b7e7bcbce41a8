/**
 * The hub store's SQL, once, for both PostgreSQL engines: PGlite (embedded, a data folder) and a
 * PostgreSQL server (`--database postgres://…`, main/hub/postgres-store.ts). The change log is
 * the source of truth; `hub_rows` holds each row's merged state as jsonb (table_name, row_id →
 * RowState), kept by main/sync/merge.ts, stored without the versions its insert holds
 * (main/hub/row-state-pack.ts).
 *
 * Sequence numbers are max(seq) + 1, … inside the append transaction, which first takes a
 * transaction-scoped advisory lock: appends are serialised across every connection and process,
 * so seqs have no gaps and commit in seq order (a pull can never skip a change that commits later
 * with a lower number).
 *
 * An append writes the log alone. hub_rows and the typed tables (main/hub/pg-schema.ts) follow
 * in transactions of their own (main/hub/projection.ts); the store's reads of them first wait
 * until every change appended so far is projected.
 */
import { rowKey, type ColumnValue, type RowState } from '../sync/merge';
import type { ChangeT, SequencedChangeT } from '../sync/protocol';
import type { AppendResult, DeviceStatus, HubReads, HubStore, PageResult, PairedDevice, ReviewTask } from './store';
import { fromRow, lastSeqIn, LOG_SQL, type Big, type ChangeRow, type Sql } from './log-rows';
import { PlannerStats } from './planner-stats';
import { prepareProjection, Projector, type ProjectionStats, type ProjectorOptions } from './projection';
import { unpackState } from './row-state-pack';
import { compactChange } from './snapshot';
import { prepareRollups } from './stats/rollups';
import { prepareTypedTables } from './typed-tables';
import { PORTAL_DDL } from './portal/store';
import { EQUIPMENT_DDL, ONLINE_PAYMENT_DDL, PORTAL_RATINGS_DDL } from './pg-schema';
import { JOBS_DDL } from './jobs/store';
import { MESSAGES_DDL } from './messages/store';

export type { Sql } from './log-rows';

export const HUB_DDL = `
CREATE TABLE IF NOT EXISTS hub_changes (
  seq bigint PRIMARY KEY,
  id text NOT NULL UNIQUE,
  hlc text NOT NULL,
  device text NOT NULL,
  table_name text NOT NULL,
  row_id text NOT NULL,
  op text NOT NULL,
  columns jsonb NOT NULL,
  received_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_changes_row ON hub_changes (table_name, row_id);
CREATE TABLE IF NOT EXISTS hub_rows (
  table_name text NOT NULL,
  row_id text NOT NULL,
  state jsonb NOT NULL,
  PRIMARY KEY (table_name, row_id)
);
-- What detection looks rows up by (main/hub/detect.ts).
CREATE INDEX IF NOT EXISTS hub_rows_session ON hub_rows (table_name, (state->'values'->'session_id'))
  WHERE table_name IN ('appointments', 'visits');
CREATE INDEX IF NOT EXISTS hub_rows_id_number ON hub_rows ((state->'values'->'id_number')) WHERE table_name = 'patients';
CREATE TABLE IF NOT EXISTS hub_tasks (
  key text PRIMARY KEY,
  kind text NOT NULL,
  details jsonb NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  resolved_at bigint
);
CREATE TABLE IF NOT EXISTS hub_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS hub_devices (
  device text PRIMARY KEY,
  credential_hash text NOT NULL,
  paired_at bigint NOT NULL,
  revoked_at bigint
);
ALTER TABLE hub_devices ADD COLUMN IF NOT EXISTS last_seen_at bigint;
ALTER TABLE hub_devices ADD COLUMN IF NOT EXISTS pending bigint;
ALTER TABLE hub_devices ADD COLUMN IF NOT EXISTS clock_skew_ms bigint;
${PORTAL_DDL}
${PORTAL_RATINGS_DDL}
${ONLINE_PAYMENT_DDL}
${JOBS_DDL}
${MESSAGES_DDL}
${EQUIPMENT_DDL}`;

/** Arbitrary but fixed: the advisory lock every append holds until it commits. */
const APPEND_LOCK = 7_265_530;

export const SQL = {
  ...LOG_SQL,
  lockAppend: `SELECT pg_advisory_xact_lock(${APPEND_LOCK})`,
  knownIds: 'SELECT id, seq FROM hub_changes WHERE id = ANY($1::text[])',
  /** Through hub_changes_row: the changes of the rows ($1 tables and $2 row ids, pairwise). */
  changeIdsOf: `SELECT c.table_name, c.row_id, c.id FROM unnest($1::text[], $2::text[]) AS k(table_name, row_id)
    JOIN hub_changes c ON c.table_name = k.table_name AND c.row_id = k.row_id`,
  /**
   * One lookup of the hub_changes_row index per row asked: the lateral LIMIT 1 keeps the planner
   * from a hash join over the whole log (which it picks when the log's statistics are stale).
   */
  insertedRows: `SELECT k.table_name, k.row_id FROM unnest($1::text[], $2::text[]) AS k(table_name, row_id)
    CROSS JOIN LATERAL (SELECT 1 FROM hub_changes c WHERE c.table_name = k.table_name AND c.row_id = k.row_id AND c.op = 'insert' LIMIT 1) AS found`,
  insertChanges: `INSERT INTO hub_changes (seq, id, hlc, device, table_name, row_id, op, columns, received_at)
    SELECT x.seq, x.id, x.hlc, x.device, x.table_name, x.row_id, x.op, x.columns, $2
    FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, id text, hlc text, device text, table_name text, row_id text, op text, columns jsonb)`,
  /** A page of other devices' changes after $1, up to $2 (the log's end when the read began). */
  afterExcept: `SELECT seq, id, hlc, device, table_name, row_id, op, columns FROM hub_changes
    WHERE seq > $1 AND seq <= $2 AND device <> $3 ORDER BY seq LIMIT $4`,
  /** A page of the log up to $2 with each change's row state beside it (main/hub/snapshot.ts). */
  snapshotAfter: `SELECT c.seq, c.id, c.hlc, c.device, c.table_name, c.row_id, c.op, c.columns, r.state FROM hub_changes c
    LEFT JOIN hub_rows r ON r.table_name = c.table_name AND r.row_id = c.row_id
    WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq LIMIT $3`,
  row: 'SELECT state FROM hub_rows WHERE table_name = $1 AND row_id = $2',
  rows: 'SELECT row_id, state FROM hub_rows WHERE table_name = $1',
  /** The column name is spelled out (checked by the caller) so the expression indexes above can serve. */
  rowsWhere: (column: string) => `SELECT row_id, state FROM hub_rows WHERE table_name = $1 AND state->'values'->'${column}' = $2::jsonb`,
  getTask: 'SELECT * FROM hub_tasks WHERE key = $1',
  putTask: `INSERT INTO hub_tasks (key, kind, details, created_at, updated_at, resolved_at) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (key) DO UPDATE SET details = excluded.details, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at`,
  tasks: (openOnly: boolean) => `SELECT * FROM hub_tasks ${openOnly ? 'WHERE resolved_at IS NULL' : ''} ORDER BY resolved_at IS NOT NULL, key`,
  getDevice: 'SELECT * FROM hub_devices WHERE device = $1',
  putDevice: `INSERT INTO hub_devices (device, credential_hash, paired_at, revoked_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (device) DO UPDATE SET credential_hash = excluded.credential_hash, paired_at = excluded.paired_at, revoked_at = excluded.revoked_at`,
  devices: 'SELECT device, paired_at, revoked_at, last_seen_at, pending, clock_skew_ms FROM hub_devices ORDER BY device',
  setClockSkew: 'UPDATE hub_devices SET clock_skew_ms = $2 WHERE device = $1',
  touchDevice: 'UPDATE hub_devices SET last_seen_at = $2, pending = coalesce($3, pending) WHERE device = $1',
} as const;

interface TaskRow {
  key: string;
  kind: ReviewTask['kind'];
  details: Record<string, unknown>;
  created_at: Big;
  updated_at: Big;
  resolved_at: Big | null;
}

function fromTaskRow(r: TaskRow): ReviewTask {
  return {
    key: r.key, kind: r.kind, details: r.details, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  };
}

/** HubStore over any PostgreSQL engine: subclasses say how to query and how to run a transaction. */
export abstract class SqlHubStore implements HubStore {
  /** Queries outside a transaction. */
  protected abstract get sql(): Sql;
  /** Runs `fn` in one transaction (committed when it resolves, rolled back when it throws). */
  protected abstract transaction<T>(fn: (q: Sql) => Promise<T>): Promise<T>;
  /** Closes the engine (the projection has stopped). */
  protected abstract closeEngine(): Promise<void>;
  private projector: Projector | undefined;
  private readonly plannerStats = new PlannerStats({ query: (text, params) => this.sql.query(text, params) });

  /**
   * Called by each engine's open, after HUB_DDL: creates the typed tables, and fills them from
   * hub_rows when they were last filled for another shape, or never (a hub data folder made
   * before they existed); makes the statistics' roll-ups for what is there (main/hub/stats/rollups.ts); reads how far the projection got and starts it on what is left (a
   * crash between an append and its projection). Holds the append lock, so no append runs
   * meanwhile (nor another hub process opening the same database).
   */
  protected async prepare(opts: ProjectorOptions = {}): Promise<void> {
    const projectedTo = await this.transaction(async (tx) => {
      await tx.query(SQL.lockAppend);
      const refilled = await prepareTypedTables(tx);
      await prepareRollups(tx, { rebuild: refilled !== null });
      return prepareProjection(tx);
    });
    this.projector = new Projector((fn) => this.transaction(fn), projectedTo, opts);
    const end = await this.lastSeq();
    // Failures reach whoever reads next (the same projection runs again for them).
    if (projectedTo < end) void this.projector.catchUp(end).catch(() => undefined);
  }

  private get projection(): Projector {
    if (!this.projector) throw new Error('the hub store was not prepared');
    return this.projector;
  }

  async append(changes: readonly ChangeT[], receivedAt: number): Promise<AppendResult> {
    const projection = this.projection;
    projection.appendStarted();
    let fresh = false;
    try {
      const result = await this.appendToLog(changes, receivedAt);
      fresh = result.fresh.length > 0;
      return result;
    } finally {
      projection.appendEnded(fresh);
    }
  }

  private appendToLog(changes: readonly ChangeT[], receivedAt: number): Promise<AppendResult> {
    return this.transaction(async (tx) => {
      await tx.query(SQL.lockAppend);
      const ids = [...new Set(changes.map((c) => c.id))];
      const known = new Map<string, number>();
      for (const r of (await tx.query<{ id: string; seq: Big }>(SQL.knownIds, [ids])).rows) known.set(r.id, Number(r.seq));
      let seq = await lastSeqIn(tx);
      const fresh: SequencedChangeT[] = [];
      for (const c of changes) {
        if (known.has(c.id)) continue;
        seq += 1;
        known.set(c.id, seq);
        fresh.push({ ...c, seq });
      }
      if (fresh.length > 0) {
        await tx.query(SQL.insertChanges, [
          JSON.stringify(fresh.map((c) => ({ seq: c.seq, id: c.id, hlc: c.hlc, device: c.device, table_name: c.table, row_id: c.rowId, op: c.op, columns: c.columns }))),
          receivedAt,
        ]);
      }
      return { acks: changes.map((c) => ({ id: c.id, seq: known.get(c.id)! })), fresh };
    });
  }

  async after(cursor: number, limit: number, opts: { exceptDevice?: string } = {}): Promise<PageResult> {
    if (opts.exceptDevice !== undefined) return this.afterExcept(cursor, limit, opts.exceptDevice);
    const res = await this.sql.query<ChangeRow>(SQL.after, [cursor, limit + 1]);
    const more = res.rows.length > limit;
    const changes = res.rows.slice(0, limit).map(fromRow);
    return { changes, cursor: changes.length > 0 ? changes[changes.length - 1]!.seq : cursor, more };
  }

  /**
   * Other devices' changes only: the cursor moves past the asker's own as well. Bounded by the
   * log's end read first (every seq up to it has committed: appends commit in seq order), so a
   * page that is not full ends exactly there.
   */
  private async afterExcept(cursor: number, limit: number, device: string): Promise<PageResult> {
    const end = await lastSeqIn(this.sql);
    if (end <= cursor) return { changes: [], cursor, more: false };
    await this.plannerStats.current(end);
    const res = await this.sql.query<ChangeRow>(SQL.afterExcept, [cursor, end, device, limit + 1]);
    const more = res.rows.length > limit;
    const changes = res.rows.slice(0, limit).map(fromRow);
    return { changes, cursor: more ? changes[changes.length - 1]!.seq : end, more };
  }

  /** Each change's row state comes from the projection, which must have reached `upto`. */
  async snapshotAfter(cursor: number, upto: number, limit: number): Promise<PageResult> {
    await this.projection.catchUp(upto);
    await this.plannerStats.current(upto);
    const res = await this.sql.query<ChangeRow & { state: RowState | null }>(SQL.snapshotAfter, [cursor, upto, limit]);
    const last = res.rows.length > 0 ? Number(res.rows[res.rows.length - 1]!.seq) : Math.max(cursor, upto);
    const changes: SequencedChangeT[] = [];
    for (const r of res.rows) {
      const kept = compactChange(fromRow(r), r.state ? unpackState(r.state) : undefined);
      if (kept) changes.push(kept);
    }
    return { changes, cursor: last, more: last < upto };
  }

  lastSeq(): Promise<number> {
    return lastSeqIn(this.sql);
  }

  projected(seq: number): Promise<void> {
    return this.projection.projected(seq);
  }

  holdProjection(): () => void {
    const projection = this.projection;
    projection.appendStarted();
    let held = true;
    return () => {
      if (held) projection.appendEnded(false);
      held = false;
    };
  }

  async caughtUp(): Promise<void> {
    await this.projection.catchUp(await this.lastSeq());
  }

  projectionStats(): ProjectionStats {
    return this.projection.figures();
  }

  /** The hub's own unreplicated tables (the patient portal's accounts, main/hub/portal/store.ts): no projection wait. */
  get hubOnly(): Sql {
    return this.sql;
  }

  /** The reads without waiting for the projection. */
  readonly asProjected: HubReads = {
    query: <T>(text: string, params?: unknown[]) => this.sql.query<T>(text, params),
    row: async (table, rowId) => {
      const stored = (await this.sql.query<{ state: RowState }>(SQL.row, [table, rowId])).rows[0]?.state;
      return stored && unpackState(stored);
    },
    rows: async (table) => {
      const res = await this.sql.query<{ row_id: string; state: RowState }>(SQL.rows, [table]);
      return new Map(res.rows.map((r) => [r.row_id, unpackState(r.state)]));
    },
    rowsWhere: async (table, column, value) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`not a column name: ${column}`);
      const res = await this.sql.query<{ row_id: string; state: RowState }>(SQL.rowsWhere(column), [table, JSON.stringify(value)]);
      return new Map(res.rows.map((r) => [r.row_id, unpackState(r.state)]));
    },
  };

  async query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    await this.caughtUp();
    return this.asProjected.query<T>(text, params);
  }

  async row(table: string, rowId: string): Promise<RowState | undefined> {
    await this.caughtUp();
    return this.asProjected.row(table, rowId);
  }

  async rows(table: string): Promise<Map<string, RowState>> {
    await this.caughtUp();
    return this.asProjected.rows(table);
  }

  async rowsWhere(table: string, column: string, value: ColumnValue): Promise<Map<string, RowState>> {
    await this.caughtUp();
    return this.asProjected.rowsWhere(table, column, value);
  }

  async close(): Promise<void> {
    await this.projector?.close();
    await this.closeEngine();
  }

  async getTask(key: string): Promise<ReviewTask | undefined> {
    const r = (await this.sql.query<TaskRow>(SQL.getTask, [key])).rows[0];
    return r && fromTaskRow(r);
  }

  async putTask(t: ReviewTask): Promise<void> {
    await this.sql.query(SQL.putTask, [t.key, t.kind, JSON.stringify(t.details), t.createdAt, t.updatedAt, t.resolvedAt]);
  }

  async tasks(opts: { openOnly?: boolean } = {}): Promise<ReviewTask[]> {
    return (await this.sql.query<TaskRow>(SQL.tasks(opts.openOnly ?? false))).rows.map(fromTaskRow);
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.sql.query<{ value: string }>(SQL.getMeta, [key])).rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.sql.query(SQL.setMeta, [key, value]);
  }

  async getDevice(device: string): Promise<PairedDevice | undefined> {
    const r = (await this.sql.query<{ device: string; credential_hash: string; paired_at: Big; revoked_at: Big | null }>(SQL.getDevice, [device])).rows[0];
    return r && { device: r.device, credentialHash: r.credential_hash, pairedAt: Number(r.paired_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) };
  }

  async putDevice(d: PairedDevice): Promise<void> {
    await this.sql.query(SQL.putDevice, [d.device, d.credentialHash, d.pairedAt, d.revokedAt]);
  }

  async devices(): Promise<DeviceStatus[]> {
    const res = await this.sql.query<{ device: string; paired_at: Big; revoked_at: Big | null; last_seen_at: Big | null; pending: Big | null; clock_skew_ms: Big | null }>(SQL.devices);
    const num = (v: Big | null) => (v === null ? null : Number(v));
    return res.rows.map((r) => ({
      device: r.device, pairedAt: Number(r.paired_at), revokedAt: num(r.revoked_at), lastSeenAt: num(r.last_seen_at), pending: num(r.pending),
      clockSkewMs: num(r.clock_skew_ms),
    }));
  }

  async setClockSkew(device: string, skewMs: number): Promise<void> {
    await this.sql.query(SQL.setClockSkew, [device, Math.round(skewMs)]);
  }

  async changeIdsOf(rows: readonly { table: string; rowId: string }[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (rows.length === 0) return out;
    const res = await this.sql.query<{ table_name: string; row_id: string; id: string }>(SQL.changeIdsOf, [rows.map((r) => r.table), rows.map((r) => r.rowId)]);
    for (const r of res.rows) {
      const key = rowKey(r.table_name, r.row_id);
      let ids = out.get(key);
      if (!ids) out.set(key, (ids = new Set()));
      ids.add(r.id);
    }
    return out;
  }

  async insertedRows(rows: readonly { table: string; rowId: string }[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const res = await this.sql.query<{ table_name: string; row_id: string }>(SQL.insertedRows, [rows.map((r) => r.table), rows.map((r) => r.rowId)]);
    return new Set(res.rows.map((r) => rowKey(r.table_name, r.row_id)));
  }

  async touchDevice(device: string, seenAt: number, pending: number | null): Promise<void> {
    await this.sql.query(SQL.touchDevice, [device, seenAt, pending]);
  }
}
