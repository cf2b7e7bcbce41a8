/** A station pairs once with a code, then finds its hub again on the next start without being told. */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { PgliteStore } from '../hub/pglite-store';
import { Station } from '../station/station';
import { dispatch, dispatchSync } from '../station/dispatch';
import { createFixture, TEST_PASSWORD } from '../station/testing';
import { connectToHub, storedHubUrl } from './connect';
import { pendingCount } from './local';
import { startTestHub, until } from './testing';
import { TEST_STATION_KEY } from '../station/keys.testing';

let template: Blob | File;
beforeAll(async () => { template = await PgliteStore.template(); });
const cleanups: (() => unknown)[] = [];
afterEach(async () => { for (const f of cleanups.splice(0).reverse()) await f(); });

it('pairs with the code, syncs, and on a restart reconnects to the stored hub', async () => {
  const th = await startTestHub(template, { open: false });
  cleanups.push(th.close);
  const fx = createFixture({ device: 'C3' });
  cleanups.push(fx.close);

  expect(await connectToHub(fx.station, {})).toBeNull(); // no hub known: a standalone station
  await expect(connectToHub(fx.station, { pairCode: '123456' })).rejects.toThrow(/hub address/);
  await expect(connectToHub(fx.station, { url: th.hub.url, pairCode: '000000' })).rejects.toThrow(/BAD_PAIRING_CODE/);

  const { code } = await th.hub.issuePairingCode();
  const first = await connectToHub(fx.station, { url: th.hub.url, pairCode: code });
  expect(first).not.toBeNull();
  await until(() => pendingCount(fx.station) === 0);
  await first!.stop();
  expect(storedHubUrl(fx.station)).toBe(th.hub.url);

  // Restart: the same file, no options — it finds the hub and pushes what was written meanwhile.
  const file = `${fx.dir}/station.sqlite`;
  fx.station.close();
  const again = new Station({ key: TEST_STATION_KEY, file, now: () => fx.clock.t, allowMasterData: true });
  cleanups.push(() => again.close());
  const before = await th.store.lastSeq();
  const login = await dispatch(again, { token: null }, 'accounts.login', { username: 'reception', password: TEST_PASSWORD });
  if (!login.ok) throw new Error(login.error.code);
  expect(dispatchSync(again, { token: login.value.token }, 'patients.register', { name: '周八' }).ok).toBe(true);
  const second = await connectToHub(again, {});
  expect(second).not.toBeNull();
  cleanups.push(() => second!.stop());
  await until(() => pendingCount(again) === 0);
  expect(await th.store.lastSeq()).toBeGreaterThan(before);
});
