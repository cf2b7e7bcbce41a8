/**
 * The `lookup.*` procedures through dispatch at a station holding the hub's store (as the hub's
 * admin station does), on PGlite and PostgreSQL: what each list finds, keyset paging through
 * every row once in a stable order, each call audited as a read, bad filters refused with their
 * field and nothing written, other roles refused, and the CSV / XLSX export of a whole list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Output } from '../../api/contract';
import { dispatch } from '../../station/dispatch';
import { TODAY, TOMORROW, type Fixture } from '../../station/testing';
import { parseCsv } from '../../tabular/csv';
import { parseXlsx } from '../../tabular/xlsx';
import type { TestHub } from '../../sync/testing';
import { createHubFixture } from '../services/hub-fixture.testing';
import { eachHubStore } from '../stores.testing';
import { encodeCursor } from './cursor';
import { APPT, AUDIT_ROWS, BILL, EARLIER, PAT, PAY, seedLookups, VIS } from './testing';

type Caller = { token: string };
const LISTS = ['lookup.patients', 'lookup.appointments', 'lookup.visits', 'lookup.money', 'lookup.dayCloses', 'lookup.audit', 'lookup.export'] as const;

describe.each(eachHubStore())('lookup.* on %s', (_engine, open) => {
  let hub: TestHub;
  let fx: Fixture;
  let admin: Caller;
  const goodInput = (): { [N in (typeof LISTS)[number]]: Input<N> } => ({
    'lookup.patients': { query: '张' },
    'lookup.appointments': { from: TODAY, to: TODAY },
    'lookup.visits': { from: TODAY, to: TODAY },
    'lookup.money': { kind: 'payments', from: TODAY, to: TODAY },
    'lookup.dayCloses': { date: TODAY },
    'lookup.audit': { from: TODAY, to: TODAY },
    'lookup.export': { list: 'visits', filter: { from: TODAY, to: TODAY }, format: 'csv' },
  });
  const lookupAudits = () => fx.station.raw.prepare(`SELECT account_id AS accountId, action, entity, entity_id AS entityId, patient_id AS patientId, detail
    FROM audit_log WHERE entity = 'lookup' ORDER BY at, rowid`).all() as { accountId: string; action: string; entityId: string; patientId: string | null; detail: string }[];
  const call = async <N extends (typeof LISTS)[number]>(name: N, input: Input<N>): Promise<Output<N>> => {
    const r = await dispatch(fx.station, admin, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  beforeAll(async () => {
    hub = await open();
    fx = createHubFixture();
    fx.station.hub = hub.store;
    await seedLookups(fx, hub.store);
    admin = fx.login('admin');
  });
  afterAll(async () => {
    fx.close();
    await hub.close();
  });

  it('refuses every lookup to every role but the admin, and audits nothing for them', async () => {
    const before = lookupAudits().length;
    for (const user of ['reception', 'doctor', 'cashier', 'pharmacist', 'frontcash'] as const) {
      const caller = fx.login(user);
      for (const name of LISTS) {
        expect(await dispatch(fx.station, caller, name, goodInput()[name] as never), `${user} ${name}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    for (const name of LISTS) {
      expect(await dispatch(fx.station, { token: null }, name, goodInput()[name] as never)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(lookupAudits()).toHaveLength(before);
  });

  it('finds patients by name, pinyin, last digits of the phone, record number and ID document number; merged duplicates left out', async () => {
    const names = async (query: string) => (await call('lookup.patients', { query })).rows.map((r) => r.name);
    expect(await names('张三')).toEqual(['张三', '张三丰']);
    expect(await names('zs')).toEqual(['张三', '张三丰']);
    expect(await names('zhangsanf')).toEqual(['张三丰']);
    expect(await names('2222')).toEqual(['张三丰']);
    expect(await names('r0003')).toEqual(['李四']);
    expect(await names('e12345678')).toEqual(['李四']); // a passport number, as the desk's search finds it
    expect(await names('王五')).toEqual([]);
    expect(await names('%')).toEqual([]);
    const zhang = (await call('lookup.patients', { query: '张三', limit: 1 })).rows[0];
    expect(zhang).toMatchObject({ id: PAT.zhang, visits: 2, lastVisitDate: TODAY });
  });

  it('lists appointments by session date, department, doctor, status and source, page by page', async () => {
    const { departments, staff } = fx.ids;
    const ids = async (input: Input<'lookup.appointments'>) => (await call('lookup.appointments', input)).rows.map((r) => r.id).sort();
    expect(await ids({ from: TODAY, to: TOMORROW })).toEqual([APPT.a1, APPT.a2, APPT.a3, APPT.a4, APPT.a5].sort());
    expect(await ids({ from: TODAY, to: TODAY, departmentId: departments.paeds })).toEqual([APPT.a3]);
    expect(await ids({ from: TODAY, to: TOMORROW, doctorId: staff.doctor, status: 'confirmed' })).toEqual([APPT.a1, APPT.a4].sort());
    expect(await ids({ from: TODAY, to: TOMORROW, source: 'online' })).toEqual([APPT.a2, APPT.a4].sort());
    // Two at a time: every row once, in (date, session, id) order, then no cursor.
    const seen: Output<'lookup.appointments'>['rows'] = [];
    let cursor: string | null = null;
    do {
      const page: Output<'lookup.appointments'> = await call('lookup.appointments', { from: TODAY, to: TOMORROW, limit: 2, cursor });
      expect(page.rows.length).toBeLessThanOrEqual(2);
      seen.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((r) => r.id).sort()).toEqual([APPT.a1, APPT.a2, APPT.a3, APPT.a4, APPT.a5].sort());
    expect(seen.map((r) => r.date)).toEqual([TODAY, TODAY, TODAY, TODAY, TOMORROW]);
    const a4 = seen.at(-1)!;
    expect(a4).toMatchObject({ patientName: '张三', departmentName: '内科', doctorName: '李明', status: 'confirmed', source: 'online' });
  });

  it("lists visits of a date or of one patient, and audits a patient's visits against that patient", async () => {
    const { staff } = fx.ids;
    const today = await call('lookup.visits', { from: TODAY, to: TODAY });
    expect(today.rows.map((r) => r.id).sort()).toEqual([VIS.v1, VIS.v2, VIS.v4].sort());
    expect((await call('lookup.visits', { from: TODAY, to: TODAY, doctorId: staff.doctor, status: 'cancelled' })).rows.map((r) => r.id)).toEqual([VIS.v4]);
    const his = await call('lookup.visits', { patientId: PAT.zhang });
    expect(his.rows.map((r) => [r.date, r.id])).toEqual([[EARLIER, VIS.v3], [TODAY, VIS.v1]]);
    expect(lookupAudits().at(-1)).toMatchObject({ accountId: fx.ids.accounts.admin, action: 'read', entityId: 'visits', patientId: PAT.zhang });
  });

  it('lists payments, refunds and bills by clinic-local day, method, cashier and day-close state; and the day closes of a date', async () => {
    const { accounts } = fx.ids;
    const money = async (input: Input<'lookup.money'>) => (await call('lookup.money', input)).rows.map((r) => r.id);
    // 23:30 local is TODAY though UTC says the same day; 00:10 local TOMORROW is UTC TODAY but not listed on TODAY.
    expect(await money({ kind: 'payments', from: TODAY, to: TODAY })).toEqual([PAY.p1, PAY.p2, PAY.p3]);
    expect(await money({ kind: 'payments', from: TOMORROW, to: TOMORROW })).toEqual([PAY.p4]);
    expect(await money({ kind: 'payments', from: TODAY, to: TOMORROW, method: 'cash', cashierId: accounts.cashier, status: 'open' })).toEqual([PAY.p3, PAY.p4]);
    expect(await money({ kind: 'payments', from: TODAY, to: TODAY, status: 'closed' })).toEqual([PAY.p1]);
    expect(await money({ kind: 'bills', from: TODAY, to: TODAY, status: 'open' })).toEqual([BILL.b2]);
    const refunds = await call('lookup.money', { kind: 'refunds', from: TODAY, to: TODAY });
    expect(refunds.rows).toMatchObject([{ kind: 'refunds', amountFen: 500, cashierName: '陈静', patientName: '张三', status: 'open' }]);
    const closes = await call('lookup.dayCloses', { date: TODAY });
    expect(closes.rows).toMatchObject([{ cashierName: '陈静', paymentCount: 1, paidFen: 1500, netFen: 1500 }]);
    expect((await call('lookup.dayCloses', { date: TOMORROW })).rows).toEqual([]);
  });

  it('pages the audit trail newest first through every row once, by person, patient, desk and action', async () => {
    const { accounts } = fx.ids;
    const all: Output<'lookup.audit'>['rows'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Output<'lookup.audit'> = await call('lookup.audit', { from: TODAY, to: TODAY, accountId: accounts.reception, limit: 200, cursor });
      all.push(...page.rows);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    const readsByReception = Math.floor(AUDIT_ROWS / 2);
    expect(pages).toBe(Math.ceil(readsByReception / 200));
    expect(all).toHaveLength(readsByReception);
    expect(new Set(all.map((r) => r.id)).size).toBe(readsByReception);
    expect(all.every((r, i) => i === 0 || r.at < all[i - 1]!.at)).toBe(true);
    expect(all[0]).toMatchObject({ personName: '王芳', username: 'reception', device: 'A1', action: 'read', patientName: '张三' });
    const byDesk = await call('lookup.audit', { from: TODAY, to: TODAY, device: 'B2', action: 'update', patientId: PAT.li, limit: 5 });
    expect(byDesk.rows).toHaveLength(5);
    expect(byDesk.rows.every((r) => r.device === 'B2' && r.action === 'update' && r.patientName === '李四' && r.personName === '李明')).toBe(true);
    expect((await call('lookup.audit', { from: TODAY, to: TODAY, device: 'B2', action: 'read' })).rows).toEqual([]);
  });

  it('audits each lookup as a read of what was looked up', async () => {
    const before = lookupAudits().length;
    await call('lookup.money', { kind: 'refunds', from: TODAY, to: TODAY, method: 'cash' });
    const rows = lookupAudits();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ accountId: fx.ids.accounts.admin, action: 'read', entityId: 'money', patientId: null });
    expect(JSON.parse(rows.at(-1)!.detail)).toEqual({ kind: 'refunds', from: TODAY, to: TODAY, method: 'cash', page: 'first' });
  });

  it('refuses bad filters with the field named and writes nothing', async () => {
    const before = lookupAudits().length;
    const refused = async (name: (typeof LISTS)[number], input: unknown) => dispatch(fx.station, admin, name, input as never);
    expect(await refused('lookup.appointments', { from: TODAY, to: EARLIER })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'to', reason: 'before_from' } } });
    expect(await refused('lookup.audit', { from: '2025-01-01', to: TODAY })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'to', reason: 'range_too_long' } } });
    expect(await refused('lookup.visits', { from: TODAY, to: TODAY, departmentId: PAT.li })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'departmentId', reason: 'unknown' } } });
    expect(await refused('lookup.appointments', { from: TODAY, to: TODAY, doctorId: PAT.li })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'doctorId' } } });
    expect(await refused('lookup.visits', { from: TODAY })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'to', reason: 'required' } } });
    expect(await refused('lookup.money', { kind: 'bills', from: TODAY, to: TODAY, status: 'closed' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'status' } } });
    expect(await refused('lookup.money', { kind: 'payments', from: TODAY, to: TODAY, method: 'bit coin!' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await refused('lookup.visits', { from: TODAY, to: TODAY, cursor: encodeCursor('audit', [1, 'x']) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'cursor' } } });
    expect(await refused('lookup.audit', { from: TODAY, to: TODAY, cursor: "') OR 1=1 --" })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'cursor' } } });
    expect(await refused('lookup.audit', { from: TODAY, to: TODAY, limit: 100000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await refused('lookup.export', { list: 'audit', filter: { from: TODAY, to: EARLIER }, format: 'csv' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'to' } } });
    expect(lookupAudits()).toHaveLength(before);
  });

  it('exports a whole list read page by page as CSV and XLSX, money in yuan and times clinic-local', async () => {
    const csv = await call('lookup.export', { list: 'audit', filter: { from: TODAY, to: TODAY }, format: 'csv' });
    expect(csv.rows).toBe(AUDIT_ROWS);
    expect(csv.fileName).toBe(`lookup-audit-${TODAY}.csv`);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const table = parseCsv(text);
    expect(table[0]).toEqual(['at', 'personName', 'username', 'device', 'action', 'entity', 'entityId', 'patientName', 'procedure', 'detail']);
    expect(table).toHaveLength(AUDIT_ROWS + 1);
    expect(table[1]!.slice(0, 5)).toEqual([`${TODAY} 08:20`, '李明', 'doctor', 'B2', 'update']);
    const xlsx = await call('lookup.export', { list: 'money', filter: { kind: 'payments', from: TODAY, to: TODAY }, format: 'xlsx' });
    const sheet = await parseXlsx(Buffer.from(xlsx.base64, 'base64'));
    expect(sheet[0]).toContain('amountYuan');
    expect(sheet.slice(1).map((r) => [r[1], r[5]])).toEqual([[`${TODAY} 09:00`, '15'], [`${TODAY} 10:00`, '15'], [`${TODAY} 23:30`, '5']]);
    expect(lookupAudits().at(-1)).toMatchObject({ action: 'read', entityId: 'export:money' });
  });

  it('answers HUB_UNREACHABLE where there is no hub store, and audits nothing', async () => {
    const before = lookupAudits().length;
    fx.station.hub = null;
    try {
      expect(await dispatch(fx.station, admin, 'lookup.audit', { from: TODAY, to: TODAY })).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    } finally {
      fx.station.hub = hub.store;
    }
    expect(lookupAudits()).toHaveLength(before);
  });
});
