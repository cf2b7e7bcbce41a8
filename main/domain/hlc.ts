/**
 * Hybrid logical clock (Kulkarni et al.). A timestamp is physical ms + a counter + the device
 * that made it, serialised so that string order is causal order:
 *   "001764000000000-0000-A1"  (15-digit ms, 4 hex counter, device code)
 * Pure: the wall clock is passed in.
 */
export interface Hlc {
  readonly ms: number;
  readonly counter: number;
  readonly device: string;
}

export const MAX_COUNTER = 0xffff;
/** How far a remote clock may run ahead of ours before we refuse it (1 minute). */
export const MAX_DRIFT_MS = 60_000;

export class ClockError extends Error {}

export function hlcZero(device: string): Hlc {
  return { ms: 0, counter: 0, device };
}

/**
 * The next timestamp for a local event. A full counter (65,536 events within one ms of a clock
 * that stays ahead of the wall clock) moves the physical part on by a millisecond instead of
 * failing: order is kept, and the clock runs at most that much further ahead.
 */
export function hlcTick(last: Hlc, wallMs: number): Hlc {
  if (wallMs > last.ms) return { ms: wallMs, counter: 0, device: last.device };
  if (last.counter >= MAX_COUNTER) return { ms: last.ms + 1, counter: 0, device: last.device };
  return { ms: last.ms, counter: last.counter + 1, device: last.device };
}

/** Our clock after seeing a remote timestamp. */
export function hlcReceive(local: Hlc, remote: Hlc, wallMs: number): Hlc {
  if (remote.ms - wallMs > MAX_DRIFT_MS) {
    throw new ClockError(`remote clock ${remote.ms - wallMs} ms ahead of ours`);
  }
  const ms = Math.max(local.ms, remote.ms, wallMs);
  let counter: number;
  if (ms === local.ms && ms === remote.ms) counter = Math.max(local.counter, remote.counter) + 1;
  else if (ms === local.ms) counter = local.counter + 1;
  else if (ms === remote.ms) counter = remote.counter + 1;
  else counter = 0;
  // A full counter moves the physical part on, as in hlcTick: still after both.
  if (counter > MAX_COUNTER) return { ms: ms + 1, counter: 0, device: local.device };
  return { ms, counter, device: local.device };
}

export function hlcToString(h: Hlc): string {
  return `${String(h.ms).padStart(15, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.device}`;
}

const HLC_RE = /^(\d{15})-([0-9a-f]{4})-(.+)$/;
export function hlcParse(s: string): Hlc {
  const m = HLC_RE.exec(s);
  if (!m) throw new ClockError(`not an HLC timestamp: ${s}`);
  return { ms: Number(m[1]), counter: parseInt(m[2]!, 16), device: m[3]! };
}

/** Total order: ms, then counter, then device code. Same as comparing the strings. */
export function hlcCompare(a: Hlc, b: Hlc): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.device < b.device ? -1 : a.device > b.device ? 1 : 0;
}
