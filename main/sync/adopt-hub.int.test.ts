/** A station meeting a restored or rebuilt hub (another hub id) starts over: cursor 0, own changes resent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../station/testing';
import { adoptHub, getCursor, markAcked, pendingChanges, pendingCount, setCursor } from './local';

let fx: Fixture;
beforeAll(() => {
  fx = createFixture({ device: 'A1' });
});
afterAll(() => fx.close());

describe('adoptHub', () => {
  it('first hub: remembered, nothing reset; same hub: nothing; another hub: cursor 0 and own changes unsent', () => {
    const own = pendingChanges(fx.station, 100_000);
    markAcked(fx.station, own.map((c, i) => ({ id: c.id, seq: i + 1 })));
    // A change that came from another desk, with the old hub's seq.
    fx.station.raw.prepare(`INSERT INTO change_log (id, hlc, device, table_name, row_id, op, columns, seq)
      VALUES ('0190a000-0000-7000-8000-0000000000ff', '0000000000001-0000-Z9', 'Z9', 'patients', 'x', 'update', '{}', 99999)`).run();
    setCursor(fx.station, 99999);
    expect(pendingCount(fx.station)).toBe(0);

    expect(adoptHub(fx.station, 'hub-one')).toBe(false);
    expect(getCursor(fx.station)).toBe(99999);
    expect(adoptHub(fx.station, 'hub-one')).toBe(false);
    expect(pendingCount(fx.station)).toBe(0);

    expect(adoptHub(fx.station, 'hub-two')).toBe(true);
    expect(getCursor(fx.station)).toBe(0);
    expect(pendingCount(fx.station)).toBe(own.length);
    const remote = fx.station.raw.prepare("SELECT seq FROM change_log WHERE device = 'Z9'").get() as { seq: number };
    expect(remote.seq).toBe(99999);
    expect(adoptHub(fx.station, 'hub-two')).toBe(false);
  });
});
