/**
 * The hub's job runner on a real PGlite store (main/hub/jobs/runner.ts): a job runs when due and
 * not before, once however many ticks meet, a run missed while the hub was off runs once at the
 * next start, "run now" is refused while a run is under way, and a failed job is recorded with
 * its reason without holding the others back.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { PgliteStore } from '../pglite-store';
import { gatedJob } from './jobs.testing';
import { JobRunner, type JobDefinition } from './runner';
import { JobStore } from './store';

const TZ = 'Asia/Shanghai';
/** 2026-11-23 09:00 in Shanghai. */
const T0 = Date.parse('2026-11-23T01:00:00Z');
/** The 03:00 Shanghai slot after T0: 2026-11-24 03:00 local. */
const NEXT_3AM = Date.parse('2026-11-23T19:00:00Z');

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
});
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function openStore(): Promise<PgliteStore> {
  const store = await PgliteStore.open({ loadDataDir: template });
  cleanups.push(() => store.close());
  return store;
}

function runner(store: PgliteStore, clock: { t: number }, jobs: JobDefinition[]): JobRunner {
  const r = new JobRunner({ sql: store.hubOnly, jobs, now: () => clock.t, timeZone: async () => TZ, pollMs: 3_600_000 });
  cleanups.push(() => r.close());
  return r;
}

describe('JobRunner', () => {
  it('schedules a new job for its next slot, runs it once when due however many ticks meet, then schedules the next', async () => {
    const store = await openStore();
    const clock = { t: T0 };
    const job = gatedJob('nightly');
    const r = runner(store, clock, [job]);
    await r.start();
    expect(job.entered()).toBe(0);
    expect((await r.status())[0]).toMatchObject({ name: 'nightly', nextDueAt: NEXT_3AM, running: false, lastResult: null, runs: 0 });

    clock.t = NEXT_3AM - 1;
    await r.tick();
    expect(job.entered()).toBe(0);

    clock.t = NEXT_3AM + 5_000;
    await Promise.all([r.tick(), r.tick(), r.tick()]);
    await job.started();
    expect((await r.status())[0]?.running).toBe(true);
    await r.tick();
    job.release();
    await r.idle();
    expect(job.entered()).toBe(1);
    expect((await r.status())[0]).toMatchObject({
      running: false, lastStartedAt: NEXT_3AM + 5_000, lastFinishedAt: NEXT_3AM + 5_000, lastResult: 'ok', lastDetail: 'run 1', runs: 1,
      nextDueAt: NEXT_3AM + 86_400_000,
    });
    await r.tick();
    await r.idle();
    expect(job.entered()).toBe(1);
  });

  it('runs a job whose slot passed while the hub was off once at the next start, not once per missed slot', async () => {
    const store = await openStore();
    const clock = { t: T0 };
    const first = gatedJob('nightly');
    await runner(store, clock, [first]).start();
    await cleanups.pop()!(); // the hub stops before the slot

    clock.t = NEXT_3AM + 3 * 86_400_000 + 60_000; // off for three nights
    const job = gatedJob('nightly');
    job.release();
    const again = runner(store, clock, [job]);
    await again.start();
    await again.idle();
    expect(job.entered()).toBe(1);
    expect((await again.status())[0]).toMatchObject({ lastResult: 'ok', runs: 1, nextDueAt: NEXT_3AM + 4 * 86_400_000 });
  });

  it('runs a job now on request, and refuses JOB_RUNNING while it runs; an unknown job is NOT_FOUND', async () => {
    const store = await openStore();
    const clock = { t: T0 };
    const job = gatedJob('nightly');
    const r = runner(store, clock, [job]);
    await r.start();
    const running = r.runNow('nightly');
    await job.started();
    const second = await r.runNow('nightly').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DomainError);
    expect((second as DomainError).code).toBe('JOB_RUNNING');
    job.release();
    expect(await running).toMatchObject({ name: 'nightly', lastResult: 'ok', runs: 1, nextDueAt: NEXT_3AM });
    expect(job.entered()).toBe(1);
    const unknown = await r.runNow('no-such-job').catch((e: unknown) => e);
    expect((unknown as DomainError).code).toBe('NOT_FOUND');
  });

  it('records a failed run with its reason and runs the other jobs all the same', async () => {
    const store = await openStore();
    const clock = { t: T0 };
    const broken = gatedJob('broken', '0 3 * * *', 'provider key refused');
    const fine = gatedJob('fine');
    broken.release();
    fine.release();
    const r = runner(store, clock, [broken, fine]);
    await r.start();
    clock.t = NEXT_3AM;
    await r.tick();
    await r.idle();
    const status = new Map((await r.status()).map((s) => [s.name, s]));
    expect(status.get('broken')).toMatchObject({ lastResult: 'failed', lastDetail: 'provider key refused', runs: 1, running: false, nextDueAt: NEXT_3AM + 86_400_000 });
    expect(status.get('fine')).toMatchObject({ lastResult: 'ok', runs: 1 });
  });

  it('takes over a job whose runner died holding it once the lease has passed, not before', async () => {
    const store = await openStore();
    const clock = { t: T0 };
    const job = gatedJob('nightly');
    job.release();
    const r = runner(store, clock, [job]);
    await r.start();
    clock.t = NEXT_3AM;
    // Another hub process took the job and died with it.
    expect(await new JobStore(store.hubOnly).acquire('nightly', 'dead-process', clock.t, clock.t + 600_000, false)).toBe(true);
    await r.tick();
    await r.idle();
    expect(job.entered()).toBe(0);
    expect((await r.status())[0]?.running).toBe(true);
    clock.t += 600_000;
    await r.tick();
    await r.idle();
    expect(job.entered()).toBe(1);
    expect((await r.status())[0]).toMatchObject({ running: false, lastResult: 'ok' });
  });
});
