/**
 * lookup.ratings at a real hub (PGlite, real HTTPS patient port, socket.io over TLS on loopback):
 * patients rate finished visits in the patient app; the admin lists the ratings with comments by
 * doctor and date range, paged, with each doctor's average, and the read is audited. Bad filters
 * are refused and write nothing; a desk's credential alone and a non-admin person get nothing
 * (the credential's attempts are audited as refusals).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { addDays } from '../../domain/dates';
import { dispatch } from '../../station/dispatch';
import { logInAs, TODAY } from '../../station/testing';
import { storedCredential } from '../../sync/pair';
import { PROTOCOL_VERSION, schemaVersion } from '../../sync/protocol';
import { rawSocket, until } from '../../sync/testing';
import { hubTemplate } from '../../sync/hooks.testing';
import { pairedWorkstation, type TestWorkstation } from '../admin.testing';
import { adminChecksums, registered, startPortalHub } from '../portal/portal.testing';
import { seenVisit } from '../portal/records.testing';

const template = hubTemplate();
let t: Awaited<ReturnType<typeof startPortalHub>>;
let visits: { a: string; b: string; c: string };

async function ratings(input: Record<string, unknown>) {
  const st = t.clinic.admin.station;
  return dispatch(st, logInAs(st, 'admin'), 'lookup.ratings', input as never);
}

beforeAll(async () => {
  t = await startPortalHub(template());
  const [p1, p2, p3] = [await registered(t, 401), await registered(t, 402), await registered(t, 403)];
  visits = {
    a: seenVisit(t, p1.memberId, 'a', { finish: true }).visitId,
    b: seenVisit(t, p2.memberId, 'b', { finish: true }).visitId,
    c: seenVisit(t, p3.memberId, 'c', { finish: true, doctor: 'doctor2' }).visitId,
  };
  await t.clinic.admin.flush();
  await p1.phone.ok('portal.rate', { visitId: visits.a, stars: 5, comment: '耐心细致' });
  await p2.phone.ok('portal.rate', { visitId: visits.b, stars: 2, comment: '' });
  await p3.phone.ok('portal.rate', { visitId: visits.c, stars: 4, comment: '等候时间有点长' });
}, 120_000);
afterAll(() => t?.close());

describe('patients’ ratings for the admin', () => {
  it('lists every rating of the range newest first with its comment, and each doctor’s average; audited as a read', async () => {
    const r = await ratings({ from: TODAY, to: TODAY });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.rows.map((x) => x.visitId).sort()).toEqual(Object.values(visits).sort());
    expect(r.value.rows.find((x) => x.visitId === visits.a)).toMatchObject({ visitDate: TODAY, doctorId: t.ids.staff.doctor, stars: 5, comment: '耐心细致', doctorName: expect.any(String) });
    const times = r.value.rows.map((x) => x.createdAt);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(r.value.nextCursor).toBeNull();
    expect(r.value.doctors).toEqual(expect.arrayContaining([
      expect.objectContaining({ doctorId: t.ids.staff.doctor, average: 3.5, count: 2, comments: 1 }),
      expect.objectContaining({ doctorId: t.ids.staff.doctor2, average: 4, count: 1, comments: 1 }),
    ]));
    expect(r.value.doctors).toHaveLength(2);
    const audit = t.clinic.admin.station.raw.prepare("SELECT account_id, action, entity_id, detail FROM audit_log WHERE entity = 'lookup' AND entity_id = 'ratings'").all();
    expect(audit).toEqual([{ account_id: t.ids.accounts.admin, action: 'read', entity_id: 'ratings', detail: expect.stringContaining(`"from":"${TODAY}"`) }]);
  });

  it('filters by doctor and to comments only, outside the range finds nothing, and pages without losing or repeating a row', async () => {
    const one = await ratings({ from: TODAY, to: TODAY, doctorId: t.ids.staff.doctor });
    expect(one.ok && one.value.rows.map((x) => x.visitId).sort()).toEqual([visits.a, visits.b].sort());
    expect(one.ok && one.value.doctors).toEqual([expect.objectContaining({ doctorId: t.ids.staff.doctor, average: 3.5, count: 2 })]);
    const comments = await ratings({ from: TODAY, to: TODAY, commentsOnly: true });
    expect(comments.ok && comments.value.rows.map((x) => x.visitId).sort()).toEqual([visits.a, visits.c].sort());
    const before = await ratings({ from: addDays(TODAY, -30), to: addDays(TODAY, -1) });
    expect(before.ok && before.value).toEqual({ rows: [], nextCursor: null, doctors: [] });

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await ratings({ from: TODAY, to: TODAY, limit: 1, cursor });
      if (!page.ok) throw new Error(JSON.stringify(page.error));
      seen.push(...page.value.rows.map((x) => x.visitId));
      cursor = page.value.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('refuses bad filters with the field at fault, writing nothing (not even an audit row)', async () => {
    const before = adminChecksums(t);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ from: TODAY, to: addDays(TODAY, -1) }, 'VALIDATION', 'to'],
      [{ from: '2026-02-30', to: TODAY }, 'INVALID_DATE', 'from'],
      [{ from: 'today', to: TODAY }, 'VALIDATION', 'from'],
      [{ from: addDays(TODAY, -400), to: TODAY }, 'VALIDATION', 'to'],
      [{ from: TODAY, to: TODAY, doctorId: '0190a0a0-0000-7000-8000-000000000000' }, 'VALIDATION', 'doctorId'],
      [{ from: TODAY, to: TODAY, cursor: 'not a cursor!' }, 'VALIDATION', 'cursor'],
      [{ from: TODAY, to: TODAY, cursor: Buffer.from(JSON.stringify(['audit', 1, 'x'])).toString('base64url') }, 'VALIDATION', 'cursor'],
      [{ from: TODAY, to: TODAY, limit: 0 }, 'VALIDATION', 'limit'],
      [{ from: TODAY, to: TODAY, commentsOnly: 'yes' }, 'VALIDATION', 'commentsOnly'],
    ];
    for (const [input, code, field] of cases) {
      expect(await ratings(input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code, details: { field } } });
    }
    expect(adminChecksums(t)).toEqual(before);
  });

  it('a desk credential alone and a non-admin person get nothing; the credential’s attempts are audited as refusals', async () => {
    const desk: TestWorkstation = await pairedWorkstation(t, 'A1');
    try {
      const socket: Socket = rawSocket(t.clinic.hub, { reconnection: false });
      await new Promise<void>((ok, fail) => { socket.once('connect', () => ok()); socket.once('connect_error', fail); });
      const emit = (payload: unknown) => socket.timeout(10_000).emitWithAck('call', payload) as Promise<unknown>;
      expect(await socket.timeout(10_000).emitWithAck('hello', {
        protocol: PROTOCOL_VERSION, device: desk.station.device, credential: storedCredential(desk.station), schemaVersion: schemaVersion(),
      })).toMatchObject({ ok: true });
      const input = { from: TODAY, to: TODAY };
      expect(await emit({ procedure: 'lookup.ratings', input })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await emit({ procedure: 'lookup.ratings', input, accountId: t.ids.accounts.admin })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      for (const role of ['reception', 'doctor'] as const) {
        const who = await desk.login(role);
        expect(await desk.call(who, 'lookup.ratings', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        const token = desk.station.sessions.get(who.token, desk.station.now())?.hubToken?.token;
        expect(token).toBeDefined();
        expect(await emit({ procedure: 'lookup.ratings', input, token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      socket.disconnect();
      const raw = t.clinic.admin.station.raw;
      // The credential-only calls are refusals in the audit trail (the non-admin's are role refusals, answered FORBIDDEN).
      await until(() => (raw.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'refuse' AND entity_id = 'lookup.ratings' AND procedure = 'UNAUTHENTICATED'`).get() as { n: number }).n >= 2);
      // Only the admin's own reads of the earlier tests are audited as reads of the ratings.
      expect(raw.prepare(`SELECT DISTINCT account_id FROM audit_log WHERE entity = 'lookup' AND entity_id = 'ratings'`).all()).toEqual([{ account_id: t.ids.accounts.admin }]);
      // The admin at the desk reads them through the hub.
      const admin = await desk.login('admin');
      const r = await desk.call(admin, 'lookup.ratings', input);
      expect(r.ok && r.value.rows).toHaveLength(3);
    } finally {
      await desk.close();
    }
  }, 120_000);
});
