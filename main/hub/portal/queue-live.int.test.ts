/**
 * The patient's live queue over real socket.io on the hub's patient port (HTTPS, the hub's
 * certificate), driven by a real paired desk: the desk checks patients in and the doctor calls,
 * the changes sync to the hub, and each patient's socket sees its own members' positions change
 * ("ahead" drops, "called") and nothing of anyone else's. Sockets without a valid session, or
 * from a page of another site, are refused and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubTemplate } from '../../sync/hooks.testing';
import { until } from '../../sync/testing';
import { pairedWorkstation, type TestWorkstation } from '../admin.testing';
import { patientsWithSessions, refusalRows, startPortalHub, type PatientPhone } from './portal.testing';
import { liveSocket, refusedWith, type LiveSocket } from './queue-live.testing';

const template = hubTemplate();
let t: Awaited<ReturnType<typeof startPortalHub>>;
let desk: TestWorkstation;
let people: { phone: PatientPhone; memberId: string }[];
const sockets: LiveSocket[] = [];

function live(cookie: string | null, headers: Record<string, string> = {}): LiveSocket {
  const s = liveSocket(t.portalUrl, t.clinic.hub.certificate, cookie, headers);
  sockets.push(s);
  return s;
}

beforeAll(async () => {
  t = await startPortalHub(template());
  people = await patientsWithSessions(t, 3, 700);
  desk = await pairedWorkstation(t, 'B1');
  await until(() => people.every((p) => desk.station.raw.prepare('SELECT 1 FROM patients WHERE id = ?').get(p.memberId) !== undefined));
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await desk?.close();
  await t?.close();
});

describe('my queue position, live', () => {
  it('a desk checks in and calls: my socket sees "ahead" drop and then "called"; another account sees nothing of mine', async () => {
    const [other, me, third] = people as [typeof people[0], typeof people[0], typeof people[0]];
    const reception = await desk.login('reception');
    const doctor = await desk.login('doctor');
    const walkIn = async (patientId: string) => {
      const r = await desk.call(reception, 'frontdesk.walkIn', {
        patientId, sessionId: t.ids.sessions.todayAfternoon, payment: { method: 'cash', tenderedFen: 1500, idempotencyKey: `walk-${patientId}` },
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.visit;
    };
    const first = await walkIn(other.memberId);
    const mine = await walkIn(me.memberId);
    await walkIn(third.memberId);
    await desk.client.syncNow();

    const meLive = live(me.phone.cookie);
    const otherLive = live(other.phone.cookie);
    const before = await meLive.nextQueue((q) => q.items.some((i) => i.visitId === mine.id));
    expect(before.items).toEqual([expect.objectContaining({
      visitId: mine.id, memberId: me.memberId, queueNo: mine.queueNo, doctorName: '李明', roomName: '诊室1', state: 'waiting', ahead: 1,
    })]);
    expect(await me.phone.ok('portal.queue', {})).toEqual(before);

    const call = await desk.call(doctor, 'queue.call', {});
    expect(call.ok && call.value.id).toBe(first.id);
    await desk.client.syncNow();
    await meLive.nextQueue((q) => q.items[0]?.ahead === 0 && q.items[0].state === 'waiting');
    const otherCalled = await otherLive.nextCall((c) => c.visitId === first.id);
    expect(otherCalled).toMatchObject({ memberId: other.memberId, queueNo: first.queueNo, roomName: '诊室1', callCount: 1 });

    for (const step of ['queue.start', 'queue.finish'] as const) {
      const r = await desk.call(doctor, step, { visitId: first.id });
      expect(r.ok).toBe(true);
    }
    expect((await desk.call(doctor, 'queue.call', {})).ok).toBe(true);
    await desk.client.syncNow();
    const called = await meLive.nextCall((c) => c.visitId === mine.id);
    expect(called).toMatchObject({ memberId: me.memberId, queueNo: mine.queueNo, doctorName: '李明', roomName: '诊室1' });
    await meLive.nextQueue((q) => q.items[0]?.state === 'called');
    await otherLive.nextQueue((q) => q.items[0]?.state === 'done');

    // Everything each socket received was its own account's.
    expect(otherLive.queues.flatMap((q) => q.items.map((i) => i.memberId))).toEqual(expect.arrayContaining([other.memberId]));
    expect(new Set(otherLive.queues.flatMap((q) => q.items.map((i) => i.memberId)))).toEqual(new Set([other.memberId]));
    expect(otherLive.calls.map((c) => c.memberId)).toEqual([other.memberId]);
    expect(new Set(meLive.queues.flatMap((q) => q.items.map((i) => i.memberId)))).toEqual(new Set([me.memberId]));
    expect(meLive.calls.map((c) => c.visitId)).toEqual([mine.id]);
  });

  it('refuses a socket without a session, with an unknown one, and from another site, and audits them', async () => {
    const none = await refusedWith(live(null));
    expect(none.data).toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = await refusedWith(live('cd_portal=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(forged.data).toMatchObject({ code: 'UNAUTHENTICATED' });
    const elsewhere = await refusedWith(live(people[0]!.phone.cookie, { Origin: 'https://evil.example' }));
    expect(elsewhere.data).toBeUndefined();
    const rows = (await refusalRows(t)).filter((r) => r.entity_id === 'live queue');
    expect(rows.map((r) => r.detail)).toEqual([
      expect.stringContaining('without a session'), expect.stringContaining('ended or unknown session'),
    ]);
  });

  it('drops a socket once its session has ended (log-out), at the next change', async () => {
    const [, , third] = people as [typeof people[0], typeof people[0], typeof people[0]];
    const s = live(third.phone.cookie);
    await s.nextQueue(() => true);
    const gone = new Promise<string>((resolve) => s.socket.once('disconnect', (reason) => resolve(reason)));
    await third.phone.ok('portal.logout', {});
    const doctor = await desk.login('doctor');
    expect((await desk.call(doctor, 'queue.call', {})).ok).toBe(true);
    await desk.client.syncNow();
    expect(await gone).toBe('io server disconnect');
  });
});
