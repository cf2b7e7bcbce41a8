/** The hub store's device list (devices.list at the hub), on PGlite and on PostgreSQL: last seen and waiting changes. */
import { describe, expect, it } from 'vitest';
import { eachHubStore } from './stores.testing';

describe.each(eachHubStore())('device status (%s)', (_name, start) => {
  it('lists every paired device by code, keeps the last known waiting count when none is told, its clock skew, and keeps status across a re-pairing', async () => {
    const { store, close } = await start();
    try {
      await store.putDevice({ device: 'B1', credentialHash: 'b'.repeat(64), pairedAt: 100, revokedAt: null });
      await store.putDevice({ device: 'A1', credentialHash: 'a'.repeat(64), pairedAt: 200, revokedAt: 250 });
      expect(await store.devices()).toEqual([
        { device: 'A1', pairedAt: 200, revokedAt: 250, lastSeenAt: null, pending: null, clockSkewMs: null },
        { device: 'B1', pairedAt: 100, revokedAt: null, lastSeenAt: null, pending: null, clockSkewMs: null },
      ]);
      await store.touchDevice('B1', 1_000, 12);
      await store.touchDevice('B1', 2_000, null);
      await store.touchDevice('Z9', 3_000, 1); // not paired: nothing to note
      const b = (await store.devices()).find((d) => d.device === 'B1');
      expect(b).toEqual({ device: 'B1', pairedAt: 100, revokedAt: null, lastSeenAt: 2_000, pending: 12, clockSkewMs: null });
      // A desk's clock one day behind the hub's, as told at its hello.
      await store.setClockSkew('B1', -86_400_000);
      expect((await store.devices()).find((d) => d.device === 'B1')?.clockSkewMs).toBe(-86_400_000);
      await store.putDevice({ device: 'B1', credentialHash: 'c'.repeat(64), pairedAt: 5_000, revokedAt: null });
      expect((await store.devices()).map((d) => d.device)).toEqual(['A1', 'B1']);
      expect((await store.devices())[1]).toMatchObject({ pairedAt: 5_000, lastSeenAt: 2_000, pending: 12 });
    } finally {
      await close();
    }
  });
});
