/** Test helpers for the job runner: a job that counts its runs and can be held open until released. */
import type { JobDefinition } from './runner';

export interface GatedJob extends JobDefinition {
  /** How many times `run` was entered. */
  readonly entered: () => number;
  /** Resolves once a run is under way. */
  readonly started: () => Promise<void>;
  /** Lets the runs under way (and later ones) finish. */
  release(): void;
}

/** A job on `schedule` whose runs wait for `release()` (or, with `fail`, throw that message once released). */
export function gatedJob(name: string, schedule = '0 3 * * *', fail?: string): GatedJob {
  let entered = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let onStart: (() => void) | null = null;
  let startedOnce = false;
  const started = new Promise<void>((resolve) => (onStart = resolve));
  return {
    name, schedule,
    run: async () => {
      entered += 1;
      if (!startedOnce) {
        startedOnce = true;
        onStart?.();
      }
      await gate;
      if (fail !== undefined) throw new Error(fail);
      return `run ${entered}`;
    },
    entered: () => entered,
    started: () => started,
    release: () => open(),
  };
}
