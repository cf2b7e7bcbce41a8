/**
 * Attacks on the patient port, at a real hub over real HTTPS on loopback: a patient calling every
 * portal procedure (bookings, records, admissions) with another account's member and booking ids (refused as if they did not
 * exist, nothing of theirs in the answer, nothing written, audited); guessing passwords and
 * activation codes (throttled and audited); staff procedures, the sync socket and other sites'
 * pages (refused: only the portal procedures answer on this port).
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubTemplate } from '../../sync/hooks.testing';
import { issueActivationCode } from './codes';
import { adminChecksums, mobile, PATIENT_PASSWORD, phoneOf, refusalRows, registered, startPortalHub } from './portal.testing';
import { admittedVisit, seenVisit } from './records.testing';

const template = hubTemplate();
let t: Awaited<ReturnType<typeof startPortalHub>>;
beforeAll(async () => {
  t = await startPortalHub(template());
});
afterAll(() => t.close());

describe('attacks on the patient port', () => {
  it("refuses every procedure with another account's ids, leaking nothing and writing nothing, and audits it", async () => {
    const victim = await registered(t, 200, '受害人');
    const booking = await victim.phone.ok('portal.book', { memberId: victim.memberId, sessionId: t.ids.sessions.tomorrow });
    const attacker = await registered(t, 201, '攻击者');
    const before = adminChecksums(t, { exceptAudit: true });
    const refusalsBefore = (await refusalRows(t)).length;
    const tries = [
      await attacker.phone.call('portal.book', { memberId: victim.memberId, sessionId: t.ids.sessions.todayAfternoon }),
      await attacker.phone.call('portal.cancel', { appointmentId: booking.id }),
      await attacker.phone.call('portal.reschedule', { appointmentId: booking.id, sessionId: t.ids.sessions.todayAfternoon }),
      await attacker.phone.call('portal.bookings', { memberId: victim.memberId }),
    ];
    for (const r of tries) {
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const text = JSON.stringify(r);
      for (const secret of [victim.memberId, booking.id, '受害人', mobile(200)]) expect(text).not.toContain(secret);
    }
    // An id that exists nowhere is answered exactly alike.
    const missing = await attacker.phone.call('portal.cancel', { appointmentId: '01900000-0000-7000-8000-000000000000' });
    expect(missing).toEqual(tries[1]);
    // Its own lists show nothing of the victim's.
    expect(JSON.stringify(await attacker.phone.ok('portal.bookings', {}))).not.toContain(booking.id);
    expect(JSON.stringify(await attacker.phone.ok('portal.me', {}))).not.toContain(victim.memberId);
    expect(adminChecksums(t, { exceptAudit: true })).toEqual(before);
    const audited = (await refusalRows(t)).slice(refusalsBefore);
    expect(audited.filter((r) => r.entity === 'web' && r.procedure === 'NOT_FOUND').map((r) => r.entity_id).sort())
      .toEqual(['portal.bookings', 'portal.book', 'portal.cancel', 'portal.cancel', 'portal.reschedule'].sort());
    // The victim's booking is untouched.
    expect((await victim.phone.ok('portal.bookings', {})).items).toEqual([expect.objectContaining({ id: booking.id, status: 'pending' })]);
  });

  it("refuses every records procedure and download with another account's ids like missing ones, leaking nothing, writing nothing, auditing each", async () => {
    const victim = await registered(t, 240, '病人甲');
    const seen = seenVisit(t, victim.memberId, 'victim', { finish: true });
    const stay = admittedVisit(t, victim.memberId, 'victim-stay', { bed: 'bed2', doctor: 'doctor2' });
    const attacker = await registered(t, 241, '窥探者');
    const attackerId = (await t.portal.accountByPhone(mobile(241)))!.id;
    await t.clinic.admin.idle();
    const before = adminChecksums(t, { exceptAudit: true });
    const refusalsBefore = (await refusalRows(t)).length;
    const tries = [
      await attacker.phone.call('portal.visits', { memberId: victim.memberId }),
      await attacker.phone.call('portal.visit', { visitId: seen.visitId }),
      await attacker.phone.call('portal.admissions', { memberId: victim.memberId }),
      await attacker.phone.call('portal.document', { document: 'prescription', id: seen.rxId, lang: 'zh-CN' }),
      await attacker.phone.call('portal.document', { document: 'medicalRecord', id: seen.visitId, lang: 'zh-CN' }),
      await attacker.phone.call('portal.document', { document: 'receipt', id: seen.billPaymentId!, lang: 'zh-CN' }),
      await attacker.phone.call('portal.rate', { visitId: seen.visitId, stars: 1, comment: '差' }),
    ];
    const file = await attacker.phone.raw(`/files/portal.document?document=prescription&id=${seen.rxId}`);
    expect(file.status).toBe(404);
    expect(file.headers['content-type']).toMatch(/^application\/json/);
    for (const r of [...tries, JSON.parse(file.body) as unknown]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const text = JSON.stringify(r);
      for (const secret of [victim.memberId, seen.visitId, seen.rxId, seen.rxNo, '病人甲', mobile(240), stay.admissionId, '观察室']) expect(text).not.toContain(secret);
    }
    // Ids that exist nowhere are answered exactly alike.
    const nowhere = '01900000-0000-7000-8000-000000000000';
    expect(await attacker.phone.call('portal.visit', { visitId: nowhere })).toEqual(tries[1]);
    expect(await attacker.phone.call('portal.admissions', { memberId: nowhere })).toEqual(tries[2]);
    expect(await attacker.phone.call('portal.document', { document: 'prescription', id: nowhere, lang: 'zh-CN' })).toEqual(tries[3]);
    expect(await attacker.phone.call('portal.rate', { visitId: nowhere, stars: 1, comment: '' })).toEqual(tries[6]);
    expect(adminChecksums(t, { exceptAudit: true })).toEqual(before);
    expect(await t.portal.ratingsOf([seen.visitId])).toEqual(new Map());
    const audited = (await refusalRows(t)).slice(refusalsBefore).filter((r) => r.entity === 'web' && r.procedure === 'NOT_FOUND');
    expect(audited.map((r) => r.entity_id).sort()).toEqual([
      'portal.visits', 'portal.visit', 'portal.visit', 'portal.admissions', 'portal.admissions', 'portal.document', 'portal.document', 'portal.document', 'portal.document', 'portal.document',
      'portal.rate', 'portal.rate',
    ].sort());
    expect(audited.every((r) => r.account_id === attackerId)).toBe(true);
    // Nothing of the victim's was read on the attacker's behalf.
    expect(t.clinic.admin.station.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE account_id = ? AND action = 'read'").get(attackerId)).toEqual({ n: 0 });
  });

  it('throttles password guessing per phone number and audits every refusal', async () => {
    await registered(t, 210);
    const guesser = phoneOf(t);
    const before = (await refusalRows(t)).length;
    for (let i = 0; i < 5; i += 1) {
      expect(await guesser.call('portal.login', { phone: mobile(210), password: `guess${i}xyz` })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    // Held back now, even with the right password, from anywhere.
    expect(await phoneOf(t).call('portal.login', { phone: mobile(210), password: PATIENT_PASSWORD })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    const rows = (await refusalRows(t)).slice(before);
    expect(rows.filter((r) => r.entity === 'login' && r.procedure === 'BAD_CREDENTIALS')).toHaveLength(5);
    expect(rows.filter((r) => r.entity === 'login' && r.procedure === 'TOO_MANY_ATTEMPTS')).toHaveLength(1);
    expect(rows.every((r) => !r.detail.includes(PATIENT_PASSWORD) && !r.detail.includes('guess'))).toBe(true);
    t.clock.t += 61_000;
    expect(await phoneOf(t).call('portal.login', { phone: mobile(210), password: PATIENT_PASSWORD })).toMatchObject({ ok: true });
  });

  it('throttles activation-code guessing and audits it: after 5 wrong codes even the right one waits', async () => {
    const { memberId } = await registered(t, 220);
    const { code } = await issueActivationCode(t.portal, memberId, t.ids.accounts.reception, t.clock.t);
    const guesser = phoneOf(t);
    const before = (await refusalRows(t)).length;
    for (let i = 0; i < 5; i += 1) {
      expect(await guesser.call('portal.activate', { code: `ABCDE-FGH${'JKMNP'[i]}2`, phone: mobile(221), password: PATIENT_PASSWORD }))
        .toMatchObject({ ok: false, error: { code: 'BAD_ACTIVATION_CODE' } });
    }
    expect(await guesser.call('portal.activate', { code, phone: mobile(221), password: PATIENT_PASSWORD })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    const rows = (await refusalRows(t)).slice(before);
    expect(rows.filter((r) => r.entity === 'web' && r.procedure === 'BAD_ACTIVATION_CODE')).toHaveLength(5);
    expect(rows.filter((r) => r.procedure === 'TOO_MANY_ATTEMPTS')).toHaveLength(1);
    t.clock.t += 61_000;
    // The code was never used up by the guessing: after the wait it still works, once.
    expect(await guesser.call('portal.activate', { code, phone: mobile(221), password: PATIENT_PASSWORD })).toMatchObject({ ok: true });
  });

  it('answers no staff procedure, no sync socket and no other site on the patient port', async () => {
    const { phone } = await registered(t, 230);
    for (const name of ['accounts.login', 'patients.search', 'org.settings', 'stats.overview']) {
      const res = await phone.raw(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'desk2026pw', q: '张' }) });
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    }
    const poll = await phone.raw('/socket.io/?EIO=4&transport=polling');
    expect(poll.status).toBe(404);
    const socket = io(t.portalUrl, { transports: ['polling'], reconnection: false, timeout: 5000, rejectUnauthorized: false });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', () => resolve('refused'));
    });
    socket.close();
    expect(outcome).toBe('refused');
    // A page of another site cannot use the patient's cookie (and the cookie is SameSite=Strict too).
    const cross = await phone.raw('/api/portal.me', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    // A form post (no JSON) is refused; a huge body is refused before it is read.
    expect((await phone.raw('/api/portal.me', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' })).status).toBe(415);
    const huge = await phone.raw('/api/portal.addMember', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(100_000) }) });
    expect(huge.status).toBe(413);
    // A forged cookie is just not a session.
    const forged = phoneOf(t);
    forged.cookie = `cd_portal=${'A'.repeat(43)}`;
    expect(await forged.call('portal.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
