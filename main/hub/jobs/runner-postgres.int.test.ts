/**
 * Two hub processes on one real PostgreSQL database (two stores, two job runners): a due job
 * runs once however their ticks meet, and an admin's "run now" at each while it runs runs it
 * once, the other refused JOB_RUNNING. The test starts Debian's PostgreSQL (main/hub/postgres-testing.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { PostgresHubStore } from '../postgres-store';
import { startPostgres, type TestPostgres } from '../postgres-testing';
import { gatedJob, type GatedJob } from './jobs.testing';
import { JobRunner } from './runner';

const TZ = 'Asia/Shanghai';
const T0 = Date.parse('2026-11-23T01:00:00Z');
const NEXT_3AM = Date.parse('2026-11-23T19:00:00Z');

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

/** One "hub process": its own store (own connection pool) and runner, with its own copy of the job. */
async function hubProcess(url: string, clock: { t: number }, job: GatedJob) {
  const store = await PostgresHubStore.open(url);
  const runner = new JobRunner({ sql: store.hubOnly, jobs: [job], now: () => clock.t, timeZone: async () => TZ, pollMs: 3_600_000 });
  await runner.start();
  return { runner, close: async () => { await runner.close(); await store.close(); } };
}

describe('jobs with two hub processes on one PostgreSQL database', () => {
  it('run a due job once, and a job run now at both once', async () => {
    const url = await server.createDatabase();
    const clock = { t: T0 };
    const jobA = gatedJob('nightly');
    const jobB = gatedJob('nightly');
    const a = await hubProcess(url, clock, jobA);
    const b = await hubProcess(url, clock, jobB);
    try {
      clock.t = NEXT_3AM;
      await Promise.all([a.runner.tick(), b.runner.tick(), a.runner.tick(), b.runner.tick()]);
      await Promise.race([jobA.started(), jobB.started()]);
      await Promise.all([a.runner.tick(), b.runner.tick()]);
      jobA.release();
      jobB.release();
      await Promise.all([a.runner.idle(), b.runner.idle()]);
      expect(jobA.entered() + jobB.entered()).toBe(1);
      expect((await b.runner.status())[0]).toMatchObject({ lastResult: 'ok', runs: 1, nextDueAt: NEXT_3AM + 86_400_000, running: false });

      const jobC = gatedJob('nightly');
      const jobD = gatedJob('nightly');
      const c = await hubProcess(url, clock, jobC);
      const d = await hubProcess(url, clock, jobD);
      try {
        const pc = c.runner.runNow('nightly');
        const pd = d.runner.runNow('nightly');
        const outcomes = Promise.allSettled([pc, pd]);
        const first = await Promise.race([jobC.started().then(() => 'c'), jobD.started().then(() => 'd')]);
        // The other one has been answered, or started too (which the counts below would catch), before the first may finish.
        const [other, otherJob] = first === 'c' ? [pd, jobD] : [pc, jobC];
        await Promise.race([other.catch(() => undefined), otherJob.started()]);
        jobC.release();
        jobD.release();
        const [oc, od] = await outcomes;
        const refused = [oc, od].filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as DomainError);
        expect(refused.map((e) => e.code)).toEqual(['JOB_RUNNING']);
        expect(jobC.entered() + jobD.entered()).toBe(1);
        expect((await c.runner.status())[0]).toMatchObject({ runs: 2, running: false });
      } finally {
        await c.close();
        await d.close();
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
