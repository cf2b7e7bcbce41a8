import { describe, expect, it } from 'vitest';
import { syncBadge } from './syncBadge';

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
      .toEqual({ tone: 'red', label: 'shell.sync.refused', refused: 'CERT_MISMATCH', count: 2 });
    expect(syncBadge({ ...base, refused: { code: 'HUB_ERROR', message: 'timeout' } })).toMatchObject({ tone: 'orange', refused: null });
    // Online again: an old refusal no longer shows.
    expect(syncBadge({ ...base, online: true, refused: { code: 'SCHEMA_MISMATCH', message: 'x' } })).toMatchObject({ tone: 'teal', refused: null });
  });
});
