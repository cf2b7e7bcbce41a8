/**
 * The hub's job runner: each job has a cron pattern (in the clinic's time zone) and a run; the
 * runner looks every `pollMs` for jobs that are due and runs each under its lease
 * (main/hub/jobs/store.ts), so a job never runs twice at once, whether two ticks of one process
 * or two hub processes on one PostgreSQL database meet. A job whose slot passed while the hub was
 * off is due when it starts, and runs once (not once per missed slot). An admin may run a job
 * now (`runNow`): refused JOB_RUNNING while it runs anywhere.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { Sql } from '../log-rows';
import { nextSlotAfter } from './schedule';
import { JobStore, type JobResult, type JobRow } from './store';

export interface JobContext {
  now: () => number;
  log: (line: string) => void;
}

export interface JobDefinition {
  name: string;
  /** A cron pattern (minute hour day month weekday), in the clinic's time zone. */
  schedule: string;
  /** Does the work; answers a one-line summary of what it did (shown on the admin screen). A throw is the run's failure. */
  run(ctx: JobContext): Promise<string>;
}

export interface JobStatus {
  name: string;
  schedule: string;
  nextDueAt: number;
  running: boolean;
  lastStartedAt: number | null;
  lastFinishedAt: number | null;
  lastResult: JobResult | null;
  lastDetail: string | null;
  runs: number;
}

export interface JobRunnerOptions {
  sql: Sql;
  jobs: readonly JobDefinition[];
  now?: () => number;
  timeZone: () => Promise<string>;
  log?: (line: string) => void;
  /** How often due jobs are looked for (default 30 s). */
  pollMs?: number;
  /** How long a lease holds without renewal (default 10 min); renewed every third of it while the job runs. */
  leaseMs?: number;
}

export class JobRunner {
  readonly owner = randomUUID();
  private readonly store: JobStore;
  private readonly jobs: Map<string, JobDefinition>;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly leaseMs: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly opts: JobRunnerOptions) {
    this.store = new JobStore(opts.sql);
    this.jobs = new Map(opts.jobs.map((j) => [j.name, j]));
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => undefined);
    this.leaseMs = opts.leaseMs ?? 10 * 60_000;
  }

  /** Adds rows for new jobs, runs what is due (missed while the hub was off), then looks again every `pollMs`. */
  async start(): Promise<void> {
    const tz = await this.opts.timeZone();
    for (const job of this.jobs.values()) await this.store.ensure(job.name, nextSlotAfter(job.schedule, this.now(), tz));
    await this.tick();
    this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.log(`jobs: ${String(err)}`)), this.opts.pollMs ?? 30_000);
    this.timer.unref();
  }

  /** Starts every due job this process can take the lease of (does not wait for them: `idle`). */
  tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        for (const row of await this.store.all()) {
          const job = this.jobs.get(row.name);
          if (!job || this.closed || row.nextDueAt > this.now()) continue;
          await this.launch(job, false);
        }
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  /** Runs a job now, whatever its schedule; resolves when it has finished. JOB_RUNNING while it runs (here or in another hub process). */
  async runNow(name: string): Promise<JobStatus> {
    const job = this.jobs.get(name);
    if (!job) throw new DomainError('NOT_FOUND', `no job ${name}`, { field: 'name' });
    const run = await this.launch(job, true);
    if (!run) throw new DomainError('JOB_RUNNING', `the job ${name} is running; it can be run again once it has finished`, { name });
    await run.done;
    return (await this.status()).find((s) => s.name === name)!;
  }

  async status(): Promise<JobStatus[]> {
    const rows = new Map((await this.store.all()).map((r) => [r.name, r]));
    const now = this.now();
    return [...this.jobs.values()].map((job) => {
      const r: JobRow | undefined = rows.get(job.name);
      return {
        name: job.name, schedule: job.schedule, nextDueAt: r?.nextDueAt ?? now,
        running: r !== undefined && r.leaseUntil !== null && r.leaseUntil > now,
        lastStartedAt: r?.lastStartedAt ?? null, lastFinishedAt: r?.lastFinishedAt ?? null,
        lastResult: r?.lastResult ?? null, lastDetail: r?.lastDetail ?? null, runs: r?.runs ?? 0,
      };
    });
  }

  /** Resolves when every run this process started has finished. */
  async idle(): Promise<void> {
    while (this.ticking || this.inFlight.size > 0) {
      await this.ticking;
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Stops looking for due jobs and waits for the runs under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  /**
   * Takes the lease and starts the run; null: someone holds it (or, scheduled, it is no longer
   * due). The run comes back wrapped: an async function returning a promise would wait for it.
   */
  private async launch(job: JobDefinition, force: boolean): Promise<{ done: Promise<void> } | null> {
    const started = this.now();
    if (!(await this.store.acquire(job.name, this.owner, started, started + this.leaseMs, force))) return null;
    const run = this.execute(job);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return { done: run };
  }

  private async execute(job: JobDefinition): Promise<void> {
    const renew = setInterval(() => {
      void this.store.renew(job.name, this.owner, this.now() + this.leaseMs).catch(() => undefined);
    }, Math.max(1000, Math.floor(this.leaseMs / 3)));
    renew.unref();
    let result: JobResult = 'ok';
    let detail: string;
    try {
      detail = await job.run({ now: this.now, log: this.log });
    } catch (err) {
      result = 'failed';
      detail = err instanceof Error ? err.message : String(err);
      this.log(`job ${job.name} failed: ${detail}`);
    } finally {
      clearInterval(renew);
    }
    const at = this.now();
    const tz = await this.opts.timeZone();
    await this.store.finish(job.name, this.owner, at, result, detail, nextSlotAfter(job.schedule, at, tz));
  }
}
