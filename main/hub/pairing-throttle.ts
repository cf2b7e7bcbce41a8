/**
 * How fast one source (a remote address) may try pairing codes at the hub. One mistyped code is
 * free (the person types it again at once); after each further failure the source waits longer
 * before its next try is even looked at: 1 s, 2 s, 4 s… up to 15 min.
 * Another source is not slowed by it (the code itself is void after a few failures from all
 * sources together: main/hub/pairing.ts). A source quiet for an hour past its wait is forgotten.
 * Pure policy with an injected clock; the hub keeps one in memory.
 */
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;
/** Bounded memory under a flood of sources: the oldest entries go first. */
const MAX_SOURCES = 10_000;

/** The wait after `failures` failures from one source. */
export function delayAfter(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - 2, 30));
}

/** "::ffff:127.0.0.1" and "127.0.0.1" are one source. */
export function sourceOf(address: string | undefined): string {
  if (!address) return '?';
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

interface Entry { failures: number; until: number }

export class PairingThrottle {
  private readonly sources = new Map<string, Entry>();

  /** Null when `source` may try now; else how many ms it must still wait. */
  waitFor(source: string, now: number): number | null {
    const e = this.sources.get(source);
    if (!e) return null;
    if (now >= e.until + FORGET_AFTER_MS) {
      this.sources.delete(source);
      return null;
    }
    return now < e.until ? e.until - now : null;
  }

  failed(source: string, now: number): void {
    const failures = (this.sources.get(source)?.failures ?? 0) + 1;
    this.sources.delete(source);
    this.sources.set(source, { failures, until: now + delayAfter(failures) });
    if (this.sources.size > MAX_SOURCES) {
      const oldest = this.sources.keys().next();
      if (!oldest.done) this.sources.delete(oldest.value);
    }
  }

  succeeded(source: string): void {
    this.sources.delete(source);
  }
}
