/**
 * A hub process killed, cut off and frozen at random while two desks write and sync through a
 * cutting proxy: at the end every desk change is in the hub's log exactly once, every operation
 * is at the hub and at both desks once, and the desks are identical. The soak (npm run soak) runs
 * the same harness for 100 faults.
 */
import { describe, expect, it } from 'vitest';
import { runHubFaults } from './hub-faults';

/** Hub restarts start a process with tsx on 2 shared cores: room beyond the default 30 s. */
const TIMEOUT_MS = 300_000;

describe('faults: a hub killed, cut and frozen while two desks write', () => {
  it('9 random faults (SIGKILL and restart, cut, SIGSTOP past the timeout): nothing lost, nothing twice, desks identical', async () => {
    const r = await runHubFaults({ faults: 9, seed: 20261204 });
    expect(r.problems).toEqual([]);
    expect(r.faults).toBe(9);
    // Each three faults are one of each kind.
    expect([r.kills, r.cuts, r.freezes]).toEqual([3, 3, 3]);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.operations).toBeGreaterThan(20);
    expect(r.changes).toBeGreaterThan(r.operations);
  }, TIMEOUT_MS);
});
