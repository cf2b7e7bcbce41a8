/**
 * The job runner's hub-only table (PGlite or PostgreSQL; never replicated): per job, when it is
 * next due, its last run and result, and who holds it now. The lease is the whole of "never
 * twice at once": taking it is one UPDATE whose WHERE says the lease is free (and, for a
 * scheduled run, that the job is due), so of two hub processes on one database exactly one row
 * update succeeds (PostgreSQL re-checks the WHERE on the row the other committed). A process
 * that dies holding a lease loses it when `lease_until` passes.
 */
import type { Big, Sql } from '../log-rows';

export const JOBS_DDL = `
CREATE TABLE IF NOT EXISTS hub_jobs (
  name text PRIMARY KEY,
  next_due_at bigint NOT NULL,
  lease_owner text,
  lease_until bigint,
  last_started_at bigint,
  last_finished_at bigint,
  last_result text,
  last_detail text,
  runs bigint NOT NULL DEFAULT 0
);
`;

export type JobResult = 'ok' | 'failed';

export interface JobRow {
  name: string;
  nextDueAt: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastStartedAt: number | null;
  lastFinishedAt: number | null;
  lastResult: JobResult | null;
  lastDetail: string | null;
  runs: number;
}

interface RawJobRow {
  name: string; next_due_at: Big; lease_owner: string | null; lease_until: Big | null; last_started_at: Big | null;
  last_finished_at: Big | null; last_result: JobResult | null; last_detail: string | null; runs: Big;
}

const num = (v: Big | null): number | null => (v === null ? null : Number(v));

function fromRaw(r: RawJobRow): JobRow {
  return {
    name: r.name, nextDueAt: Number(r.next_due_at), leaseOwner: r.lease_owner, leaseUntil: num(r.lease_until),
    lastStartedAt: num(r.last_started_at), lastFinishedAt: num(r.last_finished_at), lastResult: r.last_result,
    lastDetail: r.last_detail, runs: Number(r.runs),
  };
}

/** Each method is one statement, atomic on its own. */
export class JobStore {
  constructor(private readonly sql: Sql) {}

  /** Adds a job not known yet, first due at `dueAt`; a known job keeps its row (a run missed while the hub was off stays due). */
  async ensure(name: string, dueAt: number): Promise<void> {
    await this.sql.query('INSERT INTO hub_jobs (name, next_due_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, dueAt]);
  }

  async all(): Promise<JobRow[]> {
    return (await this.sql.query<RawJobRow>('SELECT * FROM hub_jobs ORDER BY name')).rows.map(fromRaw);
  }

  async get(name: string): Promise<JobRow | undefined> {
    const r = (await this.sql.query<RawJobRow>('SELECT * FROM hub_jobs WHERE name = $1', [name])).rows[0];
    return r && fromRaw(r);
  }

  /**
   * Takes the job's lease until `until` when it is free and (unless `force`, an admin's "run
   * now") the job is due; true: this caller runs it and no one else can until it finishes.
   */
  async acquire(name: string, owner: string, now: number, until: number, force: boolean): Promise<boolean> {
    const r = await this.sql.query<{ name: string }>(
      `UPDATE hub_jobs SET lease_owner = $2, lease_until = $4, last_started_at = $3
       WHERE name = $1 AND (lease_until IS NULL OR lease_until <= $3) AND ($5::boolean OR next_due_at <= $3)
       RETURNING name`,
      [name, owner, now, until, force],
    );
    return r.rows.length === 1;
  }

  /** Extends a lease still held by `owner`; false: it was lost (expired and taken). */
  async renew(name: string, owner: string, until: number): Promise<boolean> {
    const r = await this.sql.query<{ name: string }>(
      'UPDATE hub_jobs SET lease_until = $3 WHERE name = $1 AND lease_owner = $2 RETURNING name', [name, owner, until]);
    return r.rows.length === 1;
  }

  /** Records the run's end and frees the lease, if `owner` still holds it. */
  async finish(name: string, owner: string, at: number, result: JobResult, detail: string, nextDueAt: number): Promise<void> {
    await this.sql.query(
      `UPDATE hub_jobs SET lease_owner = NULL, lease_until = NULL, last_finished_at = $3, last_result = $4, last_detail = $5,
         next_due_at = $6, runs = runs + 1
       WHERE name = $1 AND lease_owner = $2`,
      [name, owner, at, result, detail.slice(0, 2000), nextDueAt],
    );
  }
}
