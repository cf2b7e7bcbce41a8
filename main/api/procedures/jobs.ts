/**
 * The hub's scheduled jobs, for the admin: each with its schedule, next and last run and result,
 * and running one now. They run at the hub (main/hub/jobs); a workstation forwards them.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Instant } from '../schemas';

export const JobView = z.object({
  name: z.string(),
  /** Cron pattern in the clinic's time zone. */
  schedule: z.string(),
  nextDueAt: Instant,
  /** Held by a hub process now. */
  running: z.boolean(),
  lastStartedAt: Instant.nullable(),
  lastFinishedAt: Instant.nullable(),
  lastResult: z.enum(['ok', 'failed']).nullable(),
  /** What the last run did, or why it failed. */
  lastDetail: z.string().nullable(),
  runs: z.number().int().nonnegative(),
});
export type JobViewT = z.infer<typeof JobView>;

export const jobsProcedures = {
  'jobs.list': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: "The hub's scheduled jobs: schedule, next run, last run and its result, whether one runs now.",
    input: z.object({}),
    output: z.object({ jobs: z.array(JobView) }),
  }),
  'jobs.runNow': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: 'Run a job now, whatever its schedule; answers once it has finished (JOB_RUNNING while it runs anywhere).',
    input: z.object({ name: z.string().min(1).max(64) }),
    output: JobView,
  }),
} as const;
