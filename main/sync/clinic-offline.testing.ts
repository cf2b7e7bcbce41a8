/**
 * Helpers for the offline clinic-day test (not a test file itself): a desk at a station that
 * calls the real procedures logged in as the fixture's people, and rounds of sync with a hub.
 */
import type { Input, Output, ProcedureName, Result } from '../api/contract';
import type { Hub } from '../hub/server';
import { dispatchSync } from '../station/dispatch';
import type { Station } from '../station/station';
import { createFixture, logInAs, type Fixture, type FixtureUsers } from '../station/testing';
import { hubHandlers } from '../hub/handlers';
import { connected, emptyStation, type TestHub } from './testing';

/** One workstation: people log in there (offline too: accounts are replicated) and call procedures. */
export class DeskAt {
  private readonly tokens = new Map<keyof FixtureUsers, { token: string }>();

  constructor(readonly station: Station) {}

  as(username: keyof FixtureUsers): { token: string } {
    let caller = this.tokens.get(username);
    if (!caller) {
      caller = logInAs(this.station, username);
      this.tokens.set(username, caller);
    }
    return caller;
  }

  call<N extends ProcedureName>(username: keyof FixtureUsers, name: N, input: Input<N>): Result<Output<N>> {
    return dispatchSync(this.station, this.as(username), name, input);
  }

  ok<N extends ProcedureName>(username: keyof FixtureUsers, name: N, input: Input<N>): Output<N> {
    const r = this.call(username, name, input);
    if (!r.ok) throw new Error(`${name} as ${username} at ${this.station.device} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  }

  /** One number from a SQL query on this station's replica. */
  count(sql: string, ...params: unknown[]): number {
    return (this.station.raw.prepare(sql).get(...params) as { n: number }).n;
  }
}

/** Each station in turn connects, syncs fully (push and pull) and disconnects again. */
export async function syncInOrder(hub: Hub, stations: readonly Station[]): Promise<void> {
  for (const s of stations) await (await connected(s, hub)).stop();
}

/**
 * The hub, desk A (the fixture, which also holds the hub's store, as the hub's admin station does)
 * and an empty desk B, both synced once. `sync(s)`: one full sync of a desk, then the hub's checks.
 */
export async function twoDesksOnHub(hubOf: () => Promise<TestHub>, cleanups: (() => unknown)[]): Promise<{
  th: TestHub; fx: Fixture; b: Station; sync: (s: Station) => Promise<void>;
}> {
  const th = await hubOf();
  cleanups.push(th.close);
  const fx = createFixture({ device: 'A1', hubHandlers });
  cleanups.push(fx.close);
  fx.station.hub = th.store;
  const b = emptyStation('B1', fx.clock);
  cleanups.push(b.close);
  const sync = async (s: Station) => {
    await (await connected(s, th.hub)).stop();
    await th.hub.settled();
  };
  await sync(fx.station);
  await sync(b.station);
  return { th, fx, b: b.station, sync };
}
