/**
 * Patient accounts at a real hub over real HTTPS on loopback: opening one (oneself, a family
 * member, an existing record by the desk's activation code), the session cookie, log-out
 * everywhere, and bad input refused with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubTemplate } from '../../sync/hooks.testing';
import { dispatchAs } from '../../station/dispatch';
import { FIXTURE_USERS } from '../../station/testing';
import { flatText } from '../../documents/testPdf';
import { issueActivationCode } from './codes';
import { adminChecksums, mobile, PATIENT_PASSWORD, phoneOf, registered, residentId, startPortalHub } from './portal.testing';

const template = hubTemplate();
/** One hub for the file (a hub start costs seconds); each test uses phone numbers of its own. */
let shared: Awaited<ReturnType<typeof startPortalHub>>;
beforeAll(async () => {
  shared = await startPortalHub(template());
});
afterAll(() => shared.close());
const hub = async () => shared;

describe('patient accounts', () => {
  it('opens an account with a new record marked registered by the patient, replicated through the hub, and a strict session cookie', async () => {
    const t = await hub();
    const { phone, memberId } = await registered(t, 1, '张三');
    expect(phone.lastSetCookie).toMatch(/HttpOnly/);
    expect(phone.lastSetCookie).toMatch(/SameSite=Strict/);
    expect(phone.lastSetCookie).toMatch(/Secure/);
    const me = await phone.ok('portal.me', {});
    expect(me).toMatchObject({ phoneMasked: expect.stringMatching(/^139\*+/), members: [{ id: memberId, name: '张三', self: true, registeredByPatient: true }] });
    expect(me.members[0]!.idNumberMasked).not.toBe(residentId(1));
    await t.clinic.hub.settled();
    expect((await t.store.row('patients', memberId))?.values).toMatchObject({ name: '张三', id_number: residentId(1), phone: mobile(1) });
    // The password is kept as an argon2id hash, the session token only hashed.
    const acct = await t.portal.accountByPhone(mobile(1));
    expect(acct?.passwordHash).toMatch(/^\$argon2id\$/);
    const token = phone.cookie!.split('=')[1]!;
    expect((await t.store.hubOnly.query<{ n: number }>('SELECT count(*)::int AS n FROM portal_sessions WHERE token_hash = $1', [token])).rows[0]!.n).toBe(0);
  });

  it('links a family member to the existing record when name and ID number match, and makes a new one when the name differs', async () => {
    const t = await hub();
    const { memberId } = await registered(t, 2, '李四');
    const { phone: other } = await registered(t, 3);
    const linked = await other.ok('portal.addMember', { name: '李四', idNumber: residentId(2) });
    expect(linked.members.find((m) => !m.self)).toMatchObject({ id: memberId, registeredByPatient: false });
    expect(await other.call('portal.addMember', { name: '李四', idNumber: residentId(2) })).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
    const child = await other.ok('portal.addMember', { name: '李小四', sex: 'F', birthDate: '2020-05-01' });
    expect(child.members.filter((m) => !m.self)).toHaveLength(2);
    expect(child.members.find((m) => m.name === '李小四')).toMatchObject({ registeredByPatient: true, idNumberMasked: null });
  });

  it('refuses bad details with a structured error and writes nothing', async () => {
    const t = await hub();
    const { phone } = await registered(t, 4);
    const before = adminChecksums(t);
    const anon = phoneOf(t);
    const badId = `${residentId(5).slice(0, 17)}${residentId(5).endsWith('0') ? '1' : '0'}`;
    expect(await anon.call('portal.register', { phone: mobile(5), password: PATIENT_PASSWORD, name: '王五', idNumber: badId }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_ID_NUMBER', details: { field: 'idNumber' } } });
    expect(await anon.call('portal.register', { phone: mobile(5), password: 'short', name: '王五', idNumber: residentId(5) }))
      .toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD', details: { field: 'password' } } });
    expect(await anon.call('portal.register', { phone: '12345', password: PATIENT_PASSWORD, name: '王五', idNumber: residentId(5) }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_PHONE', details: { field: 'phone' } } });
    expect(await anon.call('portal.register', { phone: mobile(4), password: PATIENT_PASSWORD, name: '王五', idNumber: residentId(5) }))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'phone_taken' } } });
    expect(await phone.call('portal.addMember', { name: '王小五', sex: 'M', birthDate: '2099-01-01' }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_DATE', details: { field: 'birthDate' } } });
    expect(await anon.call('portal.register', { phone: mobile(5), password: PATIENT_PASSWORD, name: '王五', idNumber: residentId(5), extra: 1 } as never))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(adminChecksums(t)).toEqual(before);
    expect(await t.portal.accountByPhone(mobile(5))).toBeUndefined();
    expect(await phoneOf(t).call('portal.login', { phone: mobile(5), password: PATIENT_PASSWORD })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });

  it('activates an account for an existing record with a one-time code the front desk issues, which expires', async () => {
    const t = await hub();
    const { memberId } = await registered(t, 6, '赵六');
    const asStaff = (username: 'reception' | 'doctor') => ({ id: t.ids.accounts[username], username, displayName: username, roles: [...FIXTURE_USERS[username]], staffId: null });
    expect(await dispatchAs(t.clinic.admin.station, asStaff('doctor'), 'A1', 'patients.portalCode', { patientId: memberId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const issued = await dispatchAs(t.clinic.admin.station, asStaff('reception'), 'A1', 'patients.portalCode', { patientId: memberId });
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    const { code, patientAppUrl, slip } = issued.value as { code: string; expiresAt: number; patientAppUrl: string | null; slip: { filename: string; pdfBase64: string } };
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // The address a phone opens (the patient port), and the 80 mm slip with the code, read back.
    expect(patientAppUrl).toBe(new URL(t.portalUrl).origin);
    const slipText = flatText(Buffer.from(slip.pdfBase64, 'base64'));
    for (const s of ['手机端激活码', code, '赵*', patientAppUrl!]) expect(slipText).toContain(s);
    expect(slip.filename).toMatch(/^patient-app-code-.+\.pdf$/);
    // Kept only hashed at the hub.
    expect(JSON.stringify((await t.store.hubOnly.query('SELECT * FROM portal_activation_codes')).rows)).not.toContain(code.replace('-', ''));
    const phone = phoneOf(t);
    const me = await phone.ok('portal.activate', { code: code.toLowerCase(), phone: mobile(7), password: PATIENT_PASSWORD });
    expect(me.members).toEqual([expect.objectContaining({ id: memberId, self: true, registeredByPatient: false })]);
    expect(await phoneOf(t).call('portal.activate', { code, phone: mobile(8), password: PATIENT_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'BAD_ACTIVATION_CODE', details: { field: 'code' } } });
    // A new code voids the patient's earlier one not used yet (a slip the patient lost).
    const lost = await issueActivationCode(t.portal, memberId, t.ids.accounts.reception, t.clock.t);
    const late = await issueActivationCode(t.portal, memberId, t.ids.accounts.reception, t.clock.t);
    expect(await phoneOf(t).call('portal.activate', { code: lost.code, phone: mobile(8), password: PATIENT_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'BAD_ACTIVATION_CODE' } });
    const now = t.clock.t;
    t.clock.t += 73 * 3_600_000;
    expect(await phoneOf(t).call('portal.activate', { code: late.code, phone: mobile(8), password: PATIENT_PASSWORD }))
      .toMatchObject({ ok: false, error: { code: 'BAD_ACTIVATION_CODE' } });
    t.clock.t = now;
    expect(await t.portal.accountByPhone(mobile(8))).toBeUndefined();
  });

  it('logs out here, and everywhere: every phone of the account must log in again', async () => {
    const t = await hub();
    const { phone: first } = await registered(t, 9);
    const second = phoneOf(t);
    await second.ok('portal.login', { phone: mobile(9), password: PATIENT_PASSWORD });
    const third = phoneOf(t);
    await third.ok('portal.login', { phone: mobile(9), password: PATIENT_PASSWORD });
    await third.ok('portal.logout', {});
    expect(third.cookie).toBeNull();
    expect(await second.ok('portal.logoutEverywhere', {})).toEqual({ ended: 2 });
    expect(await first.call('portal.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await second.call('portal.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('without TLS (asked for explicitly) the cookie is not marked Secure', async () => {
    const t = await startPortalHub(template(), null);
    try {
      expect(t.portalUrl).toMatch(/^http:/);
      const { phone } = await registered(t, 10);
      expect(phone.lastSetCookie).toMatch(/HttpOnly/);
      expect(phone.lastSetCookie).not.toMatch(/Secure/);
      // The admin's Workstations screen is told it is plain HTTP (it shows the warning), with no fingerprint.
      const admin = { id: t.ids.accounts.admin, username: 'admin', displayName: 'admin', roles: [...FIXTURE_USERS.admin], staffId: null };
      const listed = await dispatchAs(t.clinic.admin.station, admin, 'A1', 'devices.list', {});
      expect(listed.ok && (listed.value as { patientPort: unknown }).patientPort).toEqual({ address: expect.stringMatching(/^http:\/\//) as string, mode: 'http', fingerprint: null });
    } finally {
      await t.close();
    }
  });

  it('refuses a bad or unknown patient id and a bad language for an activation code, issuing and writing nothing', async () => {
    const t = await hub();
    const reception = { id: t.ids.accounts.reception, username: 'reception', displayName: 'reception', roles: [...FIXTURE_USERS.reception], staffId: null };
    const codesBefore = (await t.store.hubOnly.query('SELECT count(*)::int AS n FROM portal_activation_codes')).rows;
    const before = adminChecksums(t);
    for (const input of [{}, { patientId: 'not-an-id' }, { patientId: t.ids.staff.doctor, lang: 'fr' }]) {
      expect(await dispatchAs(t.clinic.admin.station, reception, 'A1', 'patients.portalCode', input as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await dispatchAs(t.clinic.admin.station, reception, 'A1', 'patients.portalCode', { patientId: '01900000-0000-7000-8000-000000000000' }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'patientId' } } });
    expect(adminChecksums(t)).toEqual(before);
    expect((await t.store.hubOnly.query('SELECT count(*)::int AS n FROM portal_activation_codes')).rows).toEqual(codesBefore);
  });
});
