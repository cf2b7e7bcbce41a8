/**
 * The hub's scheduled jobs and where the running hub keeps its runner (handlers find it through
 * the store they are given, as main/hub/control.ts does for devices). Backups keep their own
 * schedule (main/hub/maintenance.ts, set on the command line).
 */
import { loadSettings } from '../../station/settings';
import type { AdminStation } from '../admin-station';
import { refreshRollups } from '../stats/rollups';
import type { HubStore } from '../store';
import { LAPSE_JOB, lapseAppointments } from './lapse-appointments';
import { JobRunner, type JobDefinition, type JobRunnerOptions } from './runner';
import { queueAppointmentMessages } from '../messages/appointment-messages';
import { queueReminders } from '../messages/reminders';
import { describeSend, sendDueMessages } from '../messages/send';
import { OutboxStore } from '../messages/store';
import { queueMessagesAtOnce, type AtOnce, type AtOnceOptions } from '../messages/at-once';

export const ROLLUPS_JOB = 'stats.rollups';
export const REMINDERS_JOB = 'messages.reminders';
export const SEND_JOB = 'messages.send';
export const QUEUE_JOB = 'messages.queue';

/** The jobs every hub runs. */
export function clinicJobs(store: HubStore, admin: AdminStation): JobDefinition[] {
  const outbox = new OutboxStore(store.hubOnly);
  return [
    {
      name: LAPSE_JOB, schedule: '5 * * * *', // hourly: a morning session's bookings settle at 12:05
      run: async ({ now }) => {
        const { noShows, expired } = await lapseAppointments(admin, now());
        return `${noShows} no-show, ${expired} expired`;
      },
    },
    {
      name: ROLLUPS_JOB, schedule: '30 2 * * *', // nightly; statistics also refresh what they read
      run: async () => `${await refreshRollups(store)} day(s) recomputed`,
    },
    {
      name: REMINDERS_JOB, schedule: '0 18 * * *', // the evening before
      run: async ({ now }) => {
        const { queued, skipped } = await queueReminders(admin, outbox, now());
        return `${queued} queued, ${skipped} left out (opted out or no mobile number)`;
      },
    },
    {
      // Stop-clinic and booking messages, from what the hub has (desk bookings once synced); just before each send.
      name: QUEUE_JOB, schedule: '* * * * *',
      run: async ({ now }) => {
        const { queued, skipped } = await queueAppointmentMessages(admin, outbox, now());
        return `${queued} queued, ${skipped} left out (opted out or no mobile number)`;
      },
    },
    {
      name: SEND_JOB, schedule: '* * * * *',
      run: async ({ now }) => {
        const summary = await sendDueMessages(outbox, now);
        // A key the provider refuses shows as this job failing, with the provider's reason; the messages wait on the call list.
        if (summary.keyFailed) throw new Error(describeSend(summary));
        return describeSend(summary);
      },
    },
  ];
}

const runners = new WeakMap<HubStore, JobRunner>();
const atOnces = new WeakMap<HubStore, AtOnce>();

/** Starts the hub's jobs (due ones at once: missed while the hub was off) and registers the runner for `store`. */
export async function startClinicJobs(
  store: HubStore, admin: AdminStation,
  opts: Omit<JobRunnerOptions, 'sql' | 'jobs' | 'timeZone'> & {
    extra?: readonly JobDefinition[];
    /** The hub's appended batches: stop-clinic and booking messages are then queued at once (main/hub/messages/at-once.ts). */
    onAppended?: AtOnceOptions['onAppended'];
  } = {},
): Promise<{ runner: JobRunner; stop: () => Promise<void> }> {
  const { extra = [], onAppended, ...rest } = opts;
  const runner = new JobRunner({
    ...rest, sql: store.hubOnly, jobs: [...clinicJobs(store, admin), ...extra],
    timeZone: async () => loadSettings(admin.station.db).timeZone,
  });
  runners.set(store, runner);
  await runner.start();
  const atOnce = onAppended && queueMessagesAtOnce({
    onAppended, admin, outbox: new OutboxStore(store.hubOnly), runner, sendJob: SEND_JOB, now: rest.now ?? Date.now, ...(rest.log ? { log: rest.log } : {}),
  });
  if (atOnce) atOnces.set(store, atOnce);
  return {
    runner,
    stop: async () => {
      if (runners.get(store) === runner) runners.delete(store);
      if (atOnce && atOnces.get(store) === atOnce) atOnces.delete(store);
      await atOnce?.stop();
      await runner.close();
    },
  };
}

export function jobRunnerFor(store: HubStore): JobRunner | undefined {
  return runners.get(store);
}

/** The running hub's queueing at once (tests wait for it to be idle). */
export function messagesAtOnceFor(store: HubStore): AtOnce | undefined {
  return atOnces.get(store);
}
