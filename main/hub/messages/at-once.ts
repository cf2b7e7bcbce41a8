/**
 * Stop-clinic and booking messages queued the moment the hub has the change, not at the next
 * minute: every batch the hub appends that touches appointments or roster sessions — a session
 * stopped at the hub, a booking or cancellation on the patient app, a desk's booking arriving by
 * sync — starts, shortly after (batches close together make one run), the same idempotent
 * queueing the 'messages.queue' job does (queueAppointmentMessages: once per dedupe key, so the
 * job, kept as the catch-up, adds nothing twice). When something is queued and due, the sender is nudged
 * (the 'messages.send' job run now), so a reachable provider has it within seconds; a send
 * already running is left alone and this one is tried again a moment later.
 */
import { DomainError } from '../../domain/errors';
import type { SequencedChangeT } from '../../sync/protocol';
import type { AdminStation } from '../admin-station';
import type { JobRunner } from '../jobs/runner';
import { queueAppointmentMessages } from './appointment-messages';
import type { OutboxStore } from './store';

const TABLES = new Set(['appointments', 'roster_sessions']);

export interface AtOnceOptions {
  onAppended: (fn: (fresh: SequencedChangeT[]) => void) => () => void;
  admin: AdminStation;
  outbox: OutboxStore;
  runner: JobRunner;
  sendJob: string;
  now: () => number;
  log?: (line: string) => void;
  /** How long after a batch the queueing runs (default 200 ms). */
  delayMs?: number;
}

export interface AtOnce {
  /** Resolves once every run started so far has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function queueMessagesAtOnce(opts: AtOnceOptions): AtOnce {
  const { admin, outbox, runner, now } = opts;
  const log = opts.log ?? (() => undefined);
  const delay = opts.delayMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const send = async (tries: number): Promise<void> => {
    try {
      await runner.runNow(opts.sendJob);
    } catch (err) {
      // The minute's send is running (here or in another hub process): it may have read the due list before this message.
      if (!stopped && tries > 1 && err instanceof DomainError && err.code === 'JOB_RUNNING') {
        await new Promise((ok) => setTimeout(ok, 2_000));
        if (!stopped) await send(tries - 1);
      } else if (!stopped) {
        log(`messages: the nudged send failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  const run = async () => {
    if (stopped) return;
    try {
      const { queued } = await queueAppointmentMessages(admin, outbox, now());
      // What it queued, or what another queued a moment before (the minute job, an admin's run now), goes now.
      if (!stopped && (queued > 0 || (await outbox.due(now(), 1)).length > 0)) await send(3);
    } catch (err) {
      if (!stopped) log(`messages: queueing at once failed (the minute job catches up): ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const off = opts.onAppended((fresh) => {
    if (stopped || timer || !fresh.some((c) => TABLES.has(c.table))) return;
    timer = setTimeout(() => {
      timer = undefined;
      chain = chain.then(run);
    }, delay);
  });

  return {
    idle: async () => {
      while (timer) await new Promise((ok) => setTimeout(ok, delay));
      await chain;
    },
    stop: async () => {
      stopped = true;
      off();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await chain;
    },
  };
}
