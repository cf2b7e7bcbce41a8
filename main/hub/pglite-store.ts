/**
 * HubStore on PGlite (embedded PostgreSQL) in a data folder. The change log is the source of
 * truth; `hub_rows` holds each row's merged state as jsonb (table_name, row_id → RowState),
 * kept by main/sync/merge.ts. (A typed drizzle pg schema of the clinic's tables is for later.)
 *
 * Sequence numbers are given out by this process in one serialised transaction per batch
 * (max(seq) + 1, …), so there are no gaps and a pull can never skip a change that commits
 * later with a lower number. A PostgreSQL store must keep that property (lock or advisory lock).
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mergeChange, rowKey, type ColumnValue, type RowState } from '../sync/merge';
import type { ChangeT, SequencedChangeT } from '../sync/protocol';
import type { AppendResult, HubStore, PageResult, PairedDevice, ReviewTask } from './store';

const DDL = `
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
`;

interface ChangeRow {
  seq: number | bigint;
  id: string;
  hlc: string;
  device: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update';
  columns: Record<string, string | number | null>;
}

function fromRow(r: ChangeRow): SequencedChangeT {
  return { seq: Number(r.seq), id: r.id, hlc: r.hlc, device: r.device, table: r.table_name, rowId: r.row_id, op: r.op, columns: r.columns };
}

export class PgliteStore implements HubStore {
  private queue: Promise<unknown> = Promise.resolve();
  private constructor(readonly db: PGlite) {}

  /** Opens (creating if needed) the store: a folder, or in memory from a dumped data dir (tests). */
  static async open(opts: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<PgliteStore> {
    const db = opts.loadDataDir ? new PGlite({ loadDataDir: opts.loadDataDir }) : new PGlite(opts.dataDir);
    await db.waitReady;
    await db.exec(DDL);
    return new PgliteStore(db);
  }

  /** A fresh in-memory store's data dir, to start each test from (initdb costs seconds; loading does not). */
  static async template(): Promise<Blob | File> {
    const s = await PgliteStore.open();
    const dump = await s.db.dumpDataDir('none');
    await s.close();
    return dump;
  }

  /** One writer at a time: sequence numbers must be given out in commit order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  append(changes: readonly ChangeT[], receivedAt: number): Promise<AppendResult> {
    return this.serial(() => this.db.transaction(async (tx) => {
      const ids = [...new Set(changes.map((c) => c.id))];
      const known = new Map<string, number>();
      for (const r of (await tx.query<{ id: string; seq: number | bigint }>('SELECT id, seq FROM hub_changes WHERE id = ANY($1::text[])', [ids])).rows) {
        known.set(r.id, Number(r.seq));
      }
      let seq = await lastSeqIn(tx);
      const fresh: SequencedChangeT[] = [];
      for (const c of changes) {
        if (known.has(c.id)) continue;
        seq += 1;
        known.set(c.id, seq);
        fresh.push({ ...c, seq });
      }
      if (fresh.length > 0) {
        await tx.query(
          `INSERT INTO hub_changes (seq, id, hlc, device, table_name, row_id, op, columns, received_at)
           SELECT x.seq, x.id, x.hlc, x.device, x.table_name, x.row_id, x.op, x.columns, $2
           FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, id text, hlc text, device text, table_name text, row_id text, op text, columns jsonb)`,
          [JSON.stringify(fresh.map((c) => ({ seq: c.seq, id: c.id, hlc: c.hlc, device: c.device, table_name: c.table, row_id: c.rowId, op: c.op, columns: c.columns }))), receivedAt],
        );
        await this.materialise(tx, fresh);
      }
      return { acks: changes.map((c) => ({ id: c.id, seq: known.get(c.id)! })), fresh };
    }));
  }

  private async materialise(tx: Transaction, fresh: readonly SequencedChangeT[]): Promise<void> {
    const keys = new Map<string, { table_name: string; row_id: string }>();
    for (const c of fresh) keys.set(rowKey(c.table, c.rowId), { table_name: c.table, row_id: c.rowId });
    const states = new Map<string, RowState>();
    const current = await tx.query<{ table_name: string; row_id: string; state: RowState }>(
      `SELECT r.table_name, r.row_id, r.state FROM hub_rows r
       JOIN jsonb_to_recordset($1::jsonb) AS k(table_name text, row_id text) ON k.table_name = r.table_name AND k.row_id = r.row_id`,
      [JSON.stringify([...keys.values()])],
    );
    for (const r of current.rows) states.set(rowKey(r.table_name, r.row_id), r.state);
    for (const c of fresh) {
      const key = rowKey(c.table, c.rowId);
      states.set(key, mergeChange(states.get(key), c));
    }
    await tx.query(
      `INSERT INTO hub_rows (table_name, row_id, state)
       SELECT x.table_name, x.row_id, x.state FROM jsonb_to_recordset($1::jsonb) AS x(table_name text, row_id text, state jsonb)
       ON CONFLICT (table_name, row_id) DO UPDATE SET state = excluded.state`,
      [JSON.stringify([...keys.entries()].map(([key, k]) => ({ ...k, state: states.get(key) })))],
    );
  }

  async after(cursor: number, limit: number): Promise<PageResult> {
    const res = await this.db.query<ChangeRow>(
      'SELECT seq, id, hlc, device, table_name, row_id, op, columns FROM hub_changes WHERE seq > $1 ORDER BY seq LIMIT $2',
      [cursor, limit + 1],
    );
    const more = res.rows.length > limit;
    const changes = res.rows.slice(0, limit).map(fromRow);
    return { changes, cursor: changes.length > 0 ? changes[changes.length - 1]!.seq : cursor, more };
  }

  lastSeq(): Promise<number> {
    return lastSeqIn(this.db);
  }

  async row(table: string, rowId: string): Promise<RowState | undefined> {
    const res = await this.db.query<{ state: RowState }>('SELECT state FROM hub_rows WHERE table_name = $1 AND row_id = $2', [table, rowId]);
    return res.rows[0]?.state;
  }

  async rows(table: string): Promise<Map<string, RowState>> {
    const res = await this.db.query<{ row_id: string; state: RowState }>('SELECT row_id, state FROM hub_rows WHERE table_name = $1', [table]);
    return new Map(res.rows.map((r) => [r.row_id, r.state]));
  }

  async rowsWhere(table: string, column: string, value: ColumnValue): Promise<Map<string, RowState>> {
    // The column name is spelled out (checked) so the expression indexes above can serve.
    if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`not a column name: ${column}`);
    const res = await this.db.query<{ row_id: string; state: RowState }>(
      `SELECT row_id, state FROM hub_rows WHERE table_name = $1 AND state->'values'->'${column}' = $2::jsonb`,
      [table, JSON.stringify(value)],
    );
    return new Map(res.rows.map((r) => [r.row_id, r.state]));
  }

  async getTask(key: string): Promise<ReviewTask | undefined> {
    const r = (await this.db.query<TaskRow>('SELECT * FROM hub_tasks WHERE key = $1', [key])).rows[0];
    return r && fromTaskRow(r);
  }

  async putTask(t: ReviewTask): Promise<void> {
    await this.db.query(
      `INSERT INTO hub_tasks (key, kind, details, created_at, updated_at, resolved_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE SET details = excluded.details, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at`,
      [t.key, t.kind, JSON.stringify(t.details), t.createdAt, t.updatedAt, t.resolvedAt],
    );
  }

  async tasks(opts: { openOnly?: boolean } = {}): Promise<ReviewTask[]> {
    const res = await this.db.query<TaskRow>(
      `SELECT * FROM hub_tasks ${opts.openOnly ? 'WHERE resolved_at IS NULL' : ''} ORDER BY resolved_at IS NOT NULL, key`,
    );
    return res.rows.map(fromTaskRow);
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.db.query<{ value: string }>('SELECT value FROM hub_meta WHERE key = $1', [key])).rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.query('INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async getDevice(device: string): Promise<PairedDevice | undefined> {
    const r = (await this.db.query<{ device: string; credential_hash: string; paired_at: number | bigint; revoked_at: number | bigint | null }>(
      'SELECT * FROM hub_devices WHERE device = $1', [device],
    )).rows[0];
    return r && { device: r.device, credentialHash: r.credential_hash, pairedAt: Number(r.paired_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) };
  }

  async putDevice(d: PairedDevice): Promise<void> {
    await this.db.query(
      `INSERT INTO hub_devices (device, credential_hash, paired_at, revoked_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (device) DO UPDATE SET credential_hash = excluded.credential_hash, paired_at = excluded.paired_at, revoked_at = excluded.revoked_at`,
      [d.device, d.credentialHash, d.pairedAt, d.revokedAt],
    );
  }

  async close(): Promise<void> {
    await this.queue;
    await this.db.close();
  }
}

interface TaskRow {
  key: string;
  kind: ReviewTask['kind'];
  details: Record<string, unknown>;
  created_at: number | bigint;
  updated_at: number | bigint;
  resolved_at: number | bigint | null;
}

function fromTaskRow(r: TaskRow): ReviewTask {
  return {
    key: r.key, kind: r.kind, details: r.details, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  };
}

async function lastSeqIn(q: Pick<PGlite, 'query'> | Transaction): Promise<number> {
  const r = (await q.query<{ m: number | bigint | null }>('SELECT max(seq) AS m FROM hub_changes')).rows[0];
  return r?.m === null || r?.m === undefined ? 0 : Number(r.m);
}
