/**
 * The admin's kiosk list and revoke at a real hub over real HTTPS (devices.kiosks,
 * devices.revokeKiosk): a kiosk enrolled with the admin's token is listed (issued by and at, last
 * used once it has called, never the token); revoked, its existing cookie is refused at once on
 * its next call (UNAUTHENTICATED, audited) and the revoke is audited; a wrong password, an unknown
 * or already revoked name and a non-admin are refused and write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../station/dispatch';
import { logInAs, TEST_PASSWORD } from '../../station/testing';
import { hubTemplate } from '../../sync/hooks.testing';
import { adminChecksums, PatientPhone, refusalRows, startPortalHub } from './portal.testing';

const template = hubTemplate();
let t: Awaited<ReturnType<typeof startPortalHub>>;

async function asAdmin<N extends 'devices.issueKioskToken' | 'devices.kiosks' | 'devices.revokeKiosk'>(name: N, input: Record<string, unknown>) {
  const st = t.clinic.admin.station;
  return dispatch(st, logInAs(st, 'admin'), name, input as never);
}

async function enrolled(name: string): Promise<PatientPhone> {
  const issued = await asAdmin('devices.issueKioskToken', { name, confirmPassword: TEST_PASSWORD });
  if (!issued.ok) throw new Error(JSON.stringify(issued.error));
  const kiosk = new PatientPhone(t.portalUrl, t.clinic.hub.certificate);
  await kiosk.ok('portal.kioskEnroll', { token: issued.value.token });
  return kiosk;
}

beforeAll(async () => { t = await startPortalHub(template()); });
afterAll(() => t?.close());

describe("the admin's kiosks", () => {
  it('lists each kiosk issued (newest first) with who issued it, when, its last use, and never a token', async () => {
    const kiosk = await enrolled('lobby');
    // Its first kiosk call notes its last use.
    expect(await kiosk.call('portal.kioskFind', { identity: { barcode: 'NOPE0001' } })).toMatchObject({ ok: false, error: { code: 'IDENTITY_NOT_MATCHED' } });
    const list = await asAdmin('devices.kiosks', {});
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    const lobby = list.value.kiosks.find((k) => k.name === 'lobby');
    expect(lobby).toEqual({
      name: 'lobby', issuedBy: t.ids.accounts.admin, issuedByName: expect.any(String), issuedAt: expect.any(Number),
      lastUsedAt: expect.any(Number), revokedAt: null,
    });
    expect(lobby!.issuedByName.length).toBeGreaterThan(0);
    expect(JSON.stringify(list.value)).not.toMatch(/token/i);
  });

  it("revokes a kiosk: its cookie is refused at once on its next call (UNAUTHENTICATED), audited; the list shows it revoked", async () => {
    const kiosk = await enrolled('entrance');
    expect(await kiosk.call('portal.kioskFind', { identity: { barcode: 'NOPE0002' } })).toMatchObject({ error: { code: 'IDENTITY_NOT_MATCHED' } });
    expect(await asAdmin('devices.revokeKiosk', { name: 'entrance', confirmPassword: TEST_PASSWORD })).toEqual({ ok: true, value: { ok: true } });
    const next = await kiosk.call('portal.kioskFind', { identity: { barcode: 'NOPE0002' } });
    expect(next).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String), details: { reason: 'kiosk_revoked' } } });
    expect(await kiosk.call('portal.kioskCheckIn', { identity: { barcode: 'NOPE0002' }, appointmentId: '0190a0a0-0000-7000-8000-000000000000' }))
      .toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const audit = t.clinic.admin.station.raw.prepare("SELECT action, account_id, detail FROM audit_log WHERE entity = 'kiosk' AND entity_id = 'entrance' ORDER BY at, id").all();
    expect(audit).toEqual([
      { action: 'create', account_id: t.ids.accounts.admin, detail: null },
      { action: 'void', account_id: t.ids.accounts.admin, detail: 'kiosk revoked' },
    ]);
    expect((await refusalRows(t)).map((r) => r.detail)).toEqual(expect.arrayContaining([expect.stringContaining('revoked or unknown kiosk cookie')]));
    const list = await asAdmin('devices.kiosks', {});
    expect(list.ok && list.value.kiosks.find((k) => k.name === 'entrance')?.revokedAt).toEqual(expect.any(Number));
  });

  it('refuses a wrong password, an unknown or already revoked name, a blank name and a non-admin, writing nothing', async () => {
    const kiosk = await enrolled('upstairs');
    const st = t.clinic.admin.station;
    const before = adminChecksums(t, { exceptAudit: true });
    const kiosksBefore = await asAdmin('devices.kiosks', {});
    const auditBefore = st.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE action <> 'refuse'").get();
    expect(await asAdmin('devices.revokeKiosk', { name: 'upstairs', confirmPassword: 'wrong-password-1' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await asAdmin('devices.revokeKiosk', { name: 'nowhere', confirmPassword: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'name', reason: 'no_kiosk' } } });
    expect(await asAdmin('devices.revokeKiosk', { name: 'entrance', confirmPassword: TEST_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'name' } } });
    expect(await asAdmin('devices.revokeKiosk', { name: '   ', confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'name' } } });
    expect(await asAdmin('devices.revokeKiosk', { name: 'x'.repeat(41), confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'name' } } });
    for (const role of ['reception', 'doctor'] as const) {
      expect(await dispatch(st, logInAs(st, role), 'devices.revokeKiosk', { name: 'upstairs', confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await dispatch(st, logInAs(st, role), 'devices.kiosks', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // Refusals are audited as such; nothing else is written, no kiosk revoked.
    expect(adminChecksums(t, { exceptAudit: true })).toEqual(before);
    expect(st.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE action <> 'refuse'").get()).toEqual(auditBefore);
    expect(await asAdmin('devices.kiosks', {})).toEqual(kiosksBefore);
    // The kiosk still works.
    expect(await kiosk.call('portal.kioskFind', { identity: { barcode: 'NOPE0003' } })).toMatchObject({ error: { code: 'IDENTITY_NOT_MATCHED' } });
  });
});
