/**
 * Changing one's own password, end to end: it runs at the hub (a desk may not write accounts,
 * which are master data; before, the desk wrote it, the hub refused the batch and every change
 * behind it waited for ever while the hub kept the old password). Real hub, two desks, real sockets.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../station/dispatch';
import { TEST_PASSWORD } from '../station/testing';
import { pendingCount } from '../sync/local';
import { until } from '../sync/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from './admin.testing';
import { cleanupsAfterEach, hubTemplate } from '../sync/hooks.testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

async function setup(): Promise<{ t: TestClinicHub; a: TestWorkstation; b: TestWorkstation }> {
  const t = await startTestClinicHub(template());
  cleanups.push(t.close);
  const a = await pairedWorkstation(t, 'A1');
  cleanups.push(a.close);
  const b = await pairedWorkstation(t, 'B1');
  cleanups.push(b.close);
  return { t, a, b };
}

const NEW = 'Frontdesk2027x';
const hashAt = (station: TestWorkstation['station'], username: string) =>
  (station.raw.prepare('SELECT password_hash AS h FROM accounts WHERE username = ?').get(username) as { h: string }).h;

describe('changing a password', () => {
  it('desk A changes it at the hub: the new one logs in at desk B and at the hub, the old one nowhere, and desk A keeps syncing', async () => {
    const { t, a, b } = await setup();
    const me = await a.login('reception');
    expect(await a.call(me, 'accounts.changePassword', { currentPassword: 'wrong-pass1', newPassword: NEW }))
      .toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', details: { field: 'currentPassword' } } });
    expect(await a.call(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'short' }))
      .toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const hubStation = t.clinic.admin.station;
    const oldHash = hashAt(hubStation, 'reception');
    expect(await a.call(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: NEW })).toEqual({ ok: true, value: { ok: true } });

    // Written at the hub, as argon2id, audited as reception at desk A.
    const hubHash = hashAt(hubStation, 'reception');
    expect(hubHash).not.toBe(oldHash);
    expect(hubHash).toMatch(/^\$argon2id\$/);
    expect(hubStation.raw.prepare("SELECT device FROM audit_log WHERE entity = 'accounts' AND entity_id = ? AND action = 'update'").all(t.ids.accounts.reception))
      .toEqual([{ device: 'A1' }]);
    // Replicated to both desks; desk A wrote nothing of it itself.
    await until(() => hashAt(b.station, 'reception') === hubHash && hashAt(a.station, 'reception') === hubHash);
    expect(a.station.raw.prepare("SELECT count(*) n FROM change_log WHERE table_name = 'accounts' AND device = 'A1'").get()).toEqual({ n: 0 });

    const login = (w: TestWorkstation, password: string) => w.call({ token: null }, 'accounts.login', { username: 'reception', password });
    expect(await login(b, NEW)).toMatchObject({ ok: true });
    expect(await login(b, TEST_PASSWORD)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    // At the hub: its check of a desk's log-in, and a browser on its admin port.
    expect(await t.clinic.admin.people.login('reception', NEW, 'B1')).toMatchObject({ ok: true });
    expect(await t.clinic.admin.people.login('reception', TEST_PASSWORD, 'B1')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await dispatch(hubStation, { token: null }, 'accounts.login', { username: 'reception', password: NEW })).toMatchObject({ ok: true });
    expect(await dispatch(hubStation, { token: null }, 'accounts.login', { username: 'reception', password: TEST_PASSWORD })).toMatchObject({ ok: false });

    // Nothing waits behind it at desk A: a patient registered afterwards reaches the hub.
    const registered = await a.call(me, 'patients.register', { name: '改密后', phone: '13900000077' });
    if (!registered.ok) throw new Error(JSON.stringify(registered.error));
    await until(() => pendingCount(a.station) === 0);
    expect(a.client.state.error).toBeNull();
    expect((await t.store.row('patients', registered.value.patient.id))?.values).toMatchObject({ name: '改密后' });
  }, 120_000);

  it('offline, it is refused with a message to change it when the hub can be reached; nothing is written', async () => {
    const { a } = await setup();
    const me = await a.login('reception');
    await a.client.stop();
    const before = hashAt(a.station, 'reception');
    expect(await a.call(me, 'accounts.changePassword', { currentPassword: TEST_PASSWORD, newPassword: NEW }))
      .toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE', details: { reason: 'change_password' } } });
    expect(hashAt(a.station, 'reception')).toBe(before);
    expect(pendingCount(a.station)).toBe(0);
  }, 120_000);
});
