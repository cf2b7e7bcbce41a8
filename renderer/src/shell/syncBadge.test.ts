import { describe, expect, it } from 'vitest';
import { skewParts, syncBadge } from './syncBadge';

const base = { online: false, pending: 0, lastSyncAt: null, refused: null };

describe('the sync badge', () => {
  it('says unknown, synced, offline or how many wait', () => {
    expect(syncBadge(null)).toMatchObject({ tone: 'gray', label: 'shell.sync.unknown' });
    expect(syncBadge({ ...base, online: true })).toMatchObject({ tone: 'teal', label: 'shell.sync.online', refused: null });
    expect(syncBadge(base)).toMatchObject({ tone: 'orange', label: 'shell.sync.offline' });
    expect(syncBadge({ ...base, pending: 3 })).toMatchObject({ tone: 'orange', label: 'shell.sync.pending', count: 3 });
  });

  it('turns red with the reason when the hub refuses the desk, but not for a passing hub error', () => {
    expect(syncBadge({ ...base, pending: 2, refused: { code: 'CERT_MISMATCH', message: 'x' } }))
      .toEqual({ tone: 'red', label: 'shell.sync.refused', refused: 'CERT_MISMATCH', count: 2, setAside: 0, clockOffMs: null });
    expect(syncBadge({ ...base, refused: { code: 'HUB_ERROR', message: 'timeout' } })).toMatchObject({ tone: 'orange', refused: null });
    // Online again: an old refusal no longer shows.
    expect(syncBadge({ ...base, online: true, refused: { code: 'SCHEMA_MISMATCH', message: 'x' } })).toMatchObject({ tone: 'teal', refused: null });
  });
});

describe('changes the hub refused, and the clock', () => {
  const latest = [{ id: 'c1', table: 'accounts', rowId: 'a1', op: 'update' as const, code: 'READ_ONLY_TABLE', reason: 'x' }];
  it('says how many changes were refused while the rest syncs; a desk refused whole says that first', () => {
    expect(syncBadge({ ...base, online: true, pending: 4, setAside: { count: 2, latest } }))
      .toEqual({ tone: 'red', label: 'shell.sync.setAside', count: 2, refused: null, setAside: 2, clockOffMs: null });
    expect(syncBadge({ ...base, online: true, setAside: { count: 0, latest: [] } })).toMatchObject({ label: 'shell.sync.online', setAside: 0 });
    expect(syncBadge({ ...base, refused: { code: 'REVOKED', message: 'x' }, setAside: { count: 2, latest } }))
      .toMatchObject({ label: 'shell.sync.refused', refused: 'REVOKED', setAside: 2 });
  });
  it("tells how far this PC's clock is off, only when it is off beyond the bound (the station says so)", () => {
    expect(syncBadge({ ...base, online: true, clockOffsetMs: -86_400_000 }).clockOffMs).toBe(86_400_000);
    expect(syncBadge({ ...base, online: true, clockOffsetMs: 3_600_000 }).clockOffMs).toBe(-3_600_000);
    expect(syncBadge({ ...base, online: true, clockOffsetMs: 0 }).clockOffMs).toBeNull();
    expect(syncBadge({ ...base, online: true, clockOffsetMs: null }).clockOffMs).toBeNull();
  });
  it('puts a clock difference in days, hours and minutes', () => {
    expect(skewParts(86_400_000)).toEqual([{ unit: 'd', count: 1 }]);
    expect(skewParts(-(26 * 3_600_000 + 5 * 60_000))).toEqual([{ unit: 'd', count: 1 }, { unit: 'h', count: 2 }]);
    expect(skewParts(3 * 60_000 + 20_000)).toEqual([{ unit: 'm', count: 3 }]);
    expect(skewParts(10_000)).toEqual([{ unit: 'm', count: 0 }]);
  });
});
