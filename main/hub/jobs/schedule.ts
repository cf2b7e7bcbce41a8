/**
 * When a job is next due: its cron pattern read in the clinic's time zone (croner), the first
 * slot strictly after `from`. Pure apart from croner's arithmetic; no timers.
 */
import { Cron } from 'croner';

/** UTC ms of the pattern's first slot after `from` in `timeZone`; throws on a pattern with none. */
export function nextSlotAfter(pattern: string, from: number, timeZone: string): number {
  const cron = new Cron(pattern, { timezone: timeZone, paused: true });
  try {
    const next = cron.nextRun(new Date(from));
    if (!next) throw new Error(`the schedule ${pattern} has no run after ${new Date(from).toISOString()}`);
    return next.getTime();
  } finally {
    cron.stop();
  }
}
