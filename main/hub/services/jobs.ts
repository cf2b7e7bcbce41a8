/**
 * The hub's scheduled jobs (jobs.*): listed and run now through the running hub's job runner
 * (main/hub/jobs/clinic-jobs.ts). Without a hub store, or a hub whose jobs are not running,
 * they answer HUB_UNREACHABLE.
 */
import type { jobsProcedures } from '../../api/procedures/jobs';
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../../station/context';
import { afterCommit, type HandlersFor } from '../../station/handler';
import { jobRunnerFor } from '../jobs/clinic-jobs';
import type { JobRunner } from '../jobs/runner';
import { hubStoreOf } from './hub-context';

function runnerOf(ctx: RequestContext): JobRunner {
  const runner = jobRunnerFor(hubStoreOf(ctx, 'scheduled jobs run'));
  if (!runner) throw new DomainError('HUB_UNREACHABLE', 'the hub runs no scheduled jobs now', { reason: 'no_jobs', procedure: ctx.procedure });
  return runner;
}

export const jobsHandlers = {
  'jobs.list': (ctx) => {
    const runner = runnerOf(ctx);
    return afterCommit(async () => ({ jobs: await runner.status() }));
  },
  'jobs.runNow': (ctx, { name }) => {
    const runner = runnerOf(ctx);
    ctx.audit('update', 'job', name, null);
    return afterCommit(() => runner.runNow(name));
  },
} satisfies HandlersFor<typeof jobsProcedures>;
