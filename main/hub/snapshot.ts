/**
 * A new station's bootstrap (DESIGN.md "Offline-first data and sync"): instead of replaying every
 * change the clinic ever made, it gets a snapshot of the log up to the hub's last seq at its first
 * hello, then follows the log from there. The snapshot is the log with what no longer counts left
 * out: an update that won no column of its row's merged state (main/sync/merge.ts) is skipped,
 * and an update is trimmed to the columns it still wins. Inserts are kept whole — a row must be
 * complete when it is first written, whatever later updates bring.
 *
 * Safe at any moment: a change left out was beaten, per column, by a change that is in the log
 * (versions only grow, so what lost once never wins again), and the station gets that change
 * in a later page of the snapshot or from the log after it. Pages go by seq, so a bootstrap cut
 * halfway resumes at the station's cursor, like any pull.
 */
import { versionOf, type RowState } from '../sync/merge';
import type { SequencedChangeT } from '../sync/protocol';

/** The change as the snapshot carries it, or null when nothing of it counts any more. */
export function compactChange(change: SequencedChangeT, state: RowState | undefined): SequencedChangeT | null {
  if (change.op === 'insert' || !state) return change;
  const version = versionOf(change);
  const won = Object.keys(change.columns).filter((k) => state.versions[k] === version);
  if (won.length === 0) return null;
  if (won.length === Object.keys(change.columns).length) return change;
  return { ...change, columns: Object.fromEntries(won.map((k) => [k, change.columns[k]!])) };
}
