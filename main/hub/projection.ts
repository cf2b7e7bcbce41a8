/**
 * The hub's projection of its change log: `hub_rows` (each row's merged state, main/sync/merge.ts)
 * and the typed tables (main/hub/typed-rows.ts). An append writes the log alone, so a station's
 * push is acknowledged and broadcast as soon as its changes have their seqs; the projection
 * follows in transactions of its own, each storing how far it got (`projected_seq` in hub_meta)
 * with the rows it wrote. Merging is idempotent, so after a crash between an append and its
 * projection the hub simply goes on from the stored seq when it opens again.
 *
 * When it runs: once the appends have been quiet for QUIET_MS, so a burst (a station back after a
 * day offline, a rebuild) is taken in and handed on first and projected after, in chunks; but
 * never more than MAX_LAG_MS behind the oldest change waiting, and at once when a reader asks for
 * current rows (`catchUp`). The statistics' daily roll-ups follow the typed tables in the same
 * transactions (main/hub/stats/rollups.ts). Detection waits for its batch (`projected`) without hurrying it.
 */
import { mergeChange, rowKey, type RowState } from '../sync/merge';
import type { SequencedChangeT } from '../sync/protocol';
import { fromRow, lastSeqIn, LOG_SQL, type ChangeRow, type Sql } from './log-rows';
import { packState, unpackState } from './row-state-pack';
import { refreshRollups } from './stats/rollups';
import { upsertTypedRows, type TypedRowInput } from './typed-rows';

export const PROJECTED_META = 'projected_seq';
/** Changes a projection transaction takes at most. */
export const PROJECT_CHUNK = 1000;
/** How long appends must have paused before the projection runs. */
export const QUIET_MS = 250;
/** The longest a change waits for its projection while appends go on. */
export const MAX_LAG_MS = 10_000;
/** Arbitrary but fixed: the advisory lock a projection transaction holds (one projector per database). */
const PROJECT_LOCK = 7_265_532;

const SQL = {
  ...LOG_SQL,
  lock: `SELECT pg_advisory_xact_lock(${PROJECT_LOCK})`,
  currentRows: `SELECT r.table_name, r.row_id, r.state FROM hub_rows r
    JOIN jsonb_to_recordset($1::jsonb) AS k(table_name text, row_id text) ON k.table_name = r.table_name AND k.row_id = r.row_id`,
  upsertRows: `INSERT INTO hub_rows (table_name, row_id, state)
    SELECT x.table_name, x.row_id, x.state FROM jsonb_to_recordset($1::jsonb) AS x(table_name text, row_id text, state jsonb)
    ON CONFLICT (table_name, row_id) DO UPDATE SET state = excluded.state`,
} as const;

/**
 * Run when a store opens, holding the append lock: how far the projection got. A hub made before
 * the projection was taken off the append had every change projected by its append: its log's end.
 */
export async function prepareProjection(tx: Sql): Promise<number> {
  const stored = (await tx.query<{ value: string }>(SQL.getMeta, [PROJECTED_META])).rows[0]?.value;
  if (stored !== undefined) return Number(stored);
  const end = await lastSeqIn(tx);
  await tx.query(SQL.setMeta, [PROJECTED_META, String(end)]);
  return end;
}

/** Projects up to `limit` changes after the stored seq, in the caller's transaction: where it got, and whether that is the log's end. */
export async function projectChunk(tx: Sql, limit: number): Promise<{ to: number; changes: number; done: boolean }> {
  await tx.query(SQL.lock);
  const from = Number((await tx.query<{ value: string }>(SQL.getMeta, [PROJECTED_META])).rows[0]?.value ?? 0);
  const rows = (await tx.query<ChangeRow>(SQL.after, [from, limit])).rows;
  if (rows.length === 0) return { to: from, changes: 0, done: true };
  const changes = rows.map(fromRow);
  await upsertTypedRows(tx, await materialise(tx, changes));
  const to = changes[changes.length - 1]!.seq;
  await tx.query(SQL.setMeta, [PROJECTED_META, String(to)]);
  const done = rows.length < limit;
  // The typed tables' triggers noted which roll-up days changed; once caught up, they are recomputed
  // (a burst's many chunks touching the same days pay once).
  if (done) await refreshRollups(tx);
  return { to, changes: changes.length, done };
}

/** Merges changes into hub_rows; answers the touched rows' new states. */
async function materialise(tx: Sql, changes: readonly SequencedChangeT[]): Promise<TypedRowInput[]> {
  const keys = new Map<string, { table_name: string; row_id: string }>();
  for (const c of changes) keys.set(rowKey(c.table, c.rowId), { table_name: c.table, row_id: c.rowId });
  const states = new Map<string, RowState>();
  const current = await tx.query<{ table_name: string; row_id: string; state: RowState }>(SQL.currentRows, [JSON.stringify([...keys.values()])]);
  for (const r of current.rows) states.set(rowKey(r.table_name, r.row_id), unpackState(r.state));
  for (const c of changes) {
    const key = rowKey(c.table, c.rowId);
    states.set(key, mergeChange(states.get(key), c));
  }
  const touched = [...keys.entries()].map(([key, k]) => ({ table: k.table_name, rowId: k.row_id, state: states.get(key)! }));
  await tx.query(SQL.upsertRows, [JSON.stringify(touched.map((t) => ({ table_name: t.table, row_id: t.rowId, state: packState(t.state) })))]);
  return touched;
}

/** Cumulative figures of a store's projection since it opened. */
export interface ProjectionStats {
  /** The seq the projection has reached (every change up to it is in hub_rows and the typed tables). */
  projectedTo: number;
  chunks: number;
  changes: number;
  /** Time inside projection transactions. */
  ms: number;
}

/** When the projection runs (defaults: QUIET_MS, MAX_LAG_MS, PROJECT_CHUNK), and where its failures are told. */
export interface ProjectorOptions {
  quietMs?: number;
  maxLagMs?: number;
  chunk?: number;
  log?: (line: string) => void;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** When to project, for one store: told of appends, asked by readers, run one chunk at a time. */
export class Projector {
  private appending = 0;
  private lastAppendAt = 0;
  /** When the oldest change not yet projected was appended (null: none known waiting). */
  private waitingSince: number | null = null;
  private hurry = 0;
  private dirty = false;
  private running: Promise<void> | null = null;
  private closing = false;
  private waiters: Waiter[] = [];
  /** Ends the projection's nap (set while it waits for the appends to pause). */
  private wake: (() => void) | null = null;
  private readonly stats: ProjectionStats;

  constructor(
    private readonly transaction: <T>(fn: (q: Sql) => Promise<T>) => Promise<T>,
    projectedTo: number,
    private readonly opts: ProjectorOptions = {},
  ) {
    this.stats = { projectedTo, chunks: 0, changes: 0, ms: 0 };
  }

  figures(): ProjectionStats {
    return { ...this.stats };
  }

  appendStarted(): void {
    this.appending += 1;
  }

  /** `fresh`: whether the append committed changes new to the log. */
  appendEnded(fresh: boolean): void {
    this.appending -= 1;
    this.lastAppendAt = performance.now();
    if (!fresh) return;
    this.waitingSince ??= this.lastAppendAt;
    this.kick();
  }

  /** Resolves once the projection has reached `seq`, at its own pace. */
  projected(seq: number): Promise<void> {
    if (this.stats.projectedTo >= seq) return Promise.resolve();
    if (this.closing) return Promise.reject(new Error('the hub store is closing: its projection stopped'));
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq, resolve, reject });
      this.kick();
    });
  }

  /** Projects up to `end` (the log's end as a reader found it) now, without waiting for appends to pause. */
  async catchUp(end: number): Promise<void> {
    if (this.stats.projectedTo >= end) return;
    this.hurry += 1;
    this.wake?.();
    try {
      await this.projected(end);
    } finally {
      this.hurry -= 1;
    }
  }

  /** Lets the chunk under way finish; what is left is projected when the store opens again. */
  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    await this.running;
    this.settle(new Error('the hub store closed before its projection got there'));
  }

  private kick(): void {
    this.dirty = true;
    if (this.running || this.closing) return;
    this.running = this.loop()
      .catch((err: unknown) => {
        this.opts.log?.(`projection failed: ${err instanceof Error ? err.message : String(err)}`);
        this.settle(err);
      })
      .finally(() => { this.running = null; });
  }

  private async loop(): Promise<void> {
    while (this.dirty && !this.closing) {
      this.dirty = false;
      for (let done = false; !done;) {
        await this.quiet();
        if (this.closing) return;
        const t = performance.now();
        const r = await this.transaction((tx) => projectChunk(tx, this.opts.chunk ?? PROJECT_CHUNK));
        this.stats.ms += performance.now() - t;
        this.stats.chunks += 1;
        this.stats.changes += r.changes;
        this.stats.projectedTo = Math.max(this.stats.projectedTo, r.to);
        done = r.done;
        if (done && !this.dirty) this.waitingSince = null;
        this.settle();
      }
    }
  }

  /** Waits until appends have paused, unless a reader is waiting, the oldest change has waited too long, or the store closes. */
  private async quiet(): Promise<void> {
    const quietMs = this.opts.quietMs ?? QUIET_MS;
    const maxLagMs = this.opts.maxLagMs ?? MAX_LAG_MS;
    for (;;) {
      // A push that arrived while the last chunk ran is taken in first (PGlite runs on this thread).
      await new Promise((r) => setImmediate(r));
      if (this.hurry > 0 || this.closing) return;
      const now = performance.now();
      if (this.waitingSince !== null && now - this.waitingSince >= maxLagMs) return;
      const idle = now - this.lastAppendAt;
      if (this.appending === 0 && idle >= quietMs) return;
      await this.nap(Math.max(1, quietMs - (this.appending === 0 ? idle : 0)));
    }
  }

  /** Sleeps `ms`, or until a reader hurries or the store closes. */
  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Resolves the waiters the projection has reached; with an error, rejects all of them. */
  private settle(err?: unknown): void {
    const keep: Waiter[] = [];
    for (const w of this.waiters) {
      if (err !== undefined) w.reject(err);
      else if (this.stats.projectedTo >= w.seq) w.resolve();
      else keep.push(w);
    }
    this.waiters = keep;
  }
}
