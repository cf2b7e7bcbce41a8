/**
 * Medical equipment (equipment.*) at a real hub (PGlite, its admin station, socket.io over TLS on
 * loopback): items made, changed, retired and maintained, read back with filters; bad input
 * refused at its field and writing nothing; a file with bad rows reports every one and writes
 * nothing, a good file creates and updates; the export read back. Attacks: a non-admin, and a
 * desk's credential alone, are refused.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Output } from '../../api/contract';
import { dispatch } from '../../station/dispatch';
import { logInAs } from '../../station/testing';
import { parseCsv, toCsv, type Cell } from '../../tabular/csv';
import { parseXlsx, toXlsx } from '../../tabular/xlsx';
import { storedCredential } from '../../sync/pair';
import { PROTOCOL_VERSION, schemaVersion } from '../../sync/protocol';
import { rawSocket } from '../../sync/testing';
import { hubTemplate } from '../../sync/hooks.testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub } from '../admin.testing';

const template = hubTemplate();
let t: TestClinicHub;
beforeAll(async () => { t = await startTestClinicHub(template()); }, 60_000);
afterAll(() => t?.close());

type Name = 'equipment.list' | 'equipment.get' | 'equipment.create' | 'equipment.update' | 'equipment.setStatus' | 'equipment.addMaintenance' | 'equipment.import' | 'equipment.export';
const as = <N extends Name>(username: string, name: N, input: Input<N>) => {
  const st = t.clinic.admin.station;
  return dispatch(st, logInAs(st, username), name, input);
};
async function ok<N extends Name>(name: N, input: Input<N>): Promise<Output<N>> {
  const r = await as('admin', name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value;
}
const rows = async () => (await t.store.hubOnly.query<Record<string, unknown>>('SELECT * FROM equipment ORDER BY asset_no')).rows;
const logRows = async () => (await t.store.hubOnly.query<Record<string, unknown>>('SELECT * FROM equipment_maintenance ORDER BY id')).rows;
const audits = () => t.clinic.admin.station.raw.prepare("SELECT action, entity_id AS id, detail FROM audit_log WHERE entity = 'equipment' ORDER BY at, rowid").all() as { action: string; id: string; detail: string }[];
const csv64 = (cells: Cell[][]) => Buffer.from(toCsv(cells), 'utf8').toString('base64');

const HEADER = ['资产编号', '名称', '型号', '生产厂家', '序列号', '科室编码', '状态', '购置日期', '上次维护日期', '下次维护日期', '维护周期(月)', '备注'];

describe('items of equipment', () => {
  let ecg: Output<'equipment.create'>;
  it('creates an item (asset number tidied), reads it back and audits it', async () => {
    ecg = await ok('equipment.create', {
      assetNo: ' eq-0001 ', name: '心电图机', model: 'ECG-1200', manufacturer: '深圳迈瑞', serialNo: 'SN123', departmentId: t.ids.departments.internal,
      purchaseDate: '2024-03-01', lastMaintenanceDate: '2026-05-01', nextMaintenanceDue: '2026-11-01', intervalMonths: 6,
    });
    expect(ecg).toMatchObject({
      assetNo: 'EQ-0001', status: 'in_use', departmentName: '内科', departmentNameEn: 'Internal Medicine', dueInDays: -22, overdue: true,
      createdBy: expect.any(String) as string, createdAt: t.clock.t,
    });
    expect(await ok('equipment.get', { id: ecg.id })).toEqual({ item: ecg, maintenance: [] });
    expect(audits()).toEqual([{ action: 'create', id: ecg.id, detail: 'EQ-0001 心电图机' }]);
  });

  it('refuses a taken asset number (any case), bad dates, an unknown department and a bad asset number at the field, writing nothing', async () => {
    const before = [await rows(), audits()];
    const base = { assetNo: 'EQ-0002', name: '监护仪' };
    const refusals: [Input<'equipment.create'>, string, string, string][] = [
      [{ ...base, assetNo: 'Eq-0001' }, 'CONFLICT', 'assetNo', 'duplicate_asset_no'],
      [{ ...base, assetNo: '设备1' }, 'VALIDATION', 'assetNo', 'bad_asset_no'],
      [{ ...base, purchaseDate: '2027-01-01' }, 'VALIDATION', 'purchaseDate', 'in_future'],
      [{ ...base, purchaseDate: '2025-01-01', nextMaintenanceDue: '2024-12-31' }, 'VALIDATION', 'nextMaintenanceDue', 'before_purchase'],
      [{ ...base, lastMaintenanceDate: '2026-06-01', nextMaintenanceDue: '2026-05-31' }, 'VALIDATION', 'nextMaintenanceDue', 'before_last'],
      [{ ...base, purchaseDate: '2026-02-30' }, 'VALIDATION', 'purchaseDate', 'not_a_date'],
      [{ ...base, departmentId: '01900000-0000-7000-8000-000000000000' }, 'VALIDATION', 'departmentId', 'unknown_department'],
    ];
    for (const [input, code, field, reason] of refusals) {
      expect(await as('admin', 'equipment.create', input)).toMatchObject({ ok: false, error: { code, details: { field, reason } } });
    }
    expect(await as('admin', 'equipment.create', { ...base, purchaseDate: '2026/01/01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'purchaseDate' } } });
    expect(await as('admin', 'equipment.create', { ...base, intervalMonths: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'intervalMonths' } } });
    expect(await as('admin', 'equipment.create', { assetNo: 'EQ-0002', name: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'name' } } });
    expect([await rows(), audits()]).toEqual(before);
  });

  it('updates fields, refusing a taken asset number; the status moves in use → repair → retired, and no further', async () => {
    const other = await ok('equipment.create', { assetNo: 'EQ-0002', name: '监护仪', departmentId: t.ids.departments.paeds });
    expect(await as('admin', 'equipment.update', { id: other.id, assetNo: 'eq-0001' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'assetNo' } } });
    expect(await as('admin', 'equipment.update', { id: other.id, purchaseDate: '2030-01-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'purchaseDate', reason: 'in_future' } } });
    t.clock.t += 1000;
    const moved = await ok('equipment.update', { id: other.id, model: 'uMEC12', notes: '床旁', purchaseDate: '2025-06-01' });
    expect(moved).toMatchObject({ assetNo: 'EQ-0002', model: 'uMEC12', notes: '床旁', departmentName: '儿科', updatedAt: t.clock.t });
    expect((await ok('equipment.setStatus', { id: other.id, status: 'repair' })).status).toBe('repair');
    expect((await ok('equipment.setStatus', { id: other.id, status: 'retired' })).status).toBe('retired');
    expect(await as('admin', 'equipment.setStatus', { id: other.id, status: 'in_use' })).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION', details: { field: 'status' } } });
    expect(await as('admin', 'equipment.addMaintenance', { id: other.id, date: '2026-11-20', kind: 'routine' })).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(await as('admin', 'equipment.setStatus', { id: '01900000-0000-7000-8000-000000000000', status: 'repair' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'id' } } });
    expect(audits().filter((a) => a.id === other.id).map((a) => a.detail)).toEqual(['EQ-0002 监护仪', 'model, purchaseDate, notes', 'status in_use → repair', 'status repair → retired']);
  });

  it('records maintenance: the log, the last date, the next due from the interval or as given; a date ahead of today is refused', async () => {
    expect(await as('admin', 'equipment.addMaintenance', { id: ecg.id, date: '2026-11-24', kind: 'routine' }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'date', reason: 'in_future' } } });
    expect(await logRows()).toEqual([]);
    const r = await ok('equipment.addMaintenance', { id: ecg.id, date: '2026-11-20', kind: 'calibration', note: '校准导联' });
    expect(r.item).toMatchObject({ lastMaintenanceDate: '2026-11-20', nextMaintenanceDue: '2027-05-20', overdue: false, dueInDays: 178 });
    expect(r.maintenance).toEqual([{ id: expect.any(String) as string, date: '2026-11-20', kind: 'calibration', note: '校准导联', nextDue: null, by: expect.any(String) as string, createdAt: t.clock.t }]);
    const r2 = await ok('equipment.addMaintenance', { id: ecg.id, date: '2026-11-23', kind: 'repair', nextDue: '2026-12-15' });
    expect(r2.item).toMatchObject({ lastMaintenanceDate: '2026-11-23', nextMaintenanceDue: '2026-12-15', dueInDays: 22 });
    expect(r2.maintenance.map((m) => m.kind)).toEqual(['repair', 'calibration']);
    expect(await logRows()).toHaveLength(2);
  });

  it('lists by department, status, text and maintenance due, with the overdue count', async () => {
    await ok('equipment.create', { assetNo: 'EQ-0003', name: '雾化器', model: 'NE-C28', serialNo: 'OMR-77', departmentId: t.ids.departments.paeds, nextMaintenanceDue: '2026-11-10' });
    const list = (input: Input<'equipment.list'>) => ok('equipment.list', input);
    const all = await list({});
    expect(all.items.map((i) => i.assetNo)).toEqual(['EQ-0001', 'EQ-0002', 'EQ-0003']);
    expect(all).toMatchObject({ today: '2026-11-23', overdueCount: 1 });
    expect((await list({ departmentId: t.ids.departments.paeds })).items.map((i) => i.assetNo)).toEqual(['EQ-0002', 'EQ-0003']);
    expect((await list({ status: 'retired' })).items.map((i) => i.assetNo)).toEqual(['EQ-0002']);
    expect((await list({ q: 'omr' })).items.map((i) => i.assetNo)).toEqual(['EQ-0003']);
    expect((await list({ q: '心电' })).items.map((i) => i.assetNo)).toEqual(['EQ-0001']);
    expect((await list({ q: '%' })).items).toEqual([]);
    expect((await list({ overdue: true })).items.map((i) => i.assetNo)).toEqual(['EQ-0003']);
    expect((await list({ dueWithinDays: 21 })).items.map((i) => i.assetNo)).toEqual(['EQ-0003']);
    expect((await list({ dueWithinDays: 22 })).items.map((i) => i.assetNo)).toEqual(['EQ-0001', 'EQ-0003']);
    expect(await as('admin', 'equipment.list', { dueWithinDays: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'dueWithinDays' } } });
  });
});

describe('import and export', () => {
  it('a file with bad rows reports every bad row (row, field, reason) and writes nothing', async () => {
    const before = [await rows(), audits()];
    const file = csv64([
      HEADER,
      ['EQ-0100', 'B超机', 'DC-30', '迈瑞', 'S1', 'NK', '在用', '2025-01-01', '', '2026-12-01', '12', ''],
      ['', '无编号', '', '', '', '', '', '', '', '', '', ''],
      ['EQ-0101', '血压计', '', '', '', 'XX', '坏了', '2025-13-01', '', '', 'abc', ''],
      ['EQ-0100', '重复', '', '', '', '', '', '', '', '', '', ''],
      ['EQ-0102', '离心机', '', '', '', '', '', '2025-06-01', '', '2025-05-01', '', ''],
      ['EQ-0002', '监护仪', '', '', '', '', '在用', '', '', '', '', ''],
    ]);
    const r = await as('admin', 'equipment.import', { format: 'csv', base64: file });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('IMPORT_INVALID');
    const problems = (r.error.details?.['rows'] as { row: number; field: string; code: string }[]).map((p) => [p.row, p.field, p.code]);
    expect(problems).toEqual([
      [2, 'assetNo', 'DUPLICATE_IN_FILE'],
      [3, 'assetNo', 'REQUIRED'],
      [4, 'departmentCode', 'UNKNOWN_DEPARTMENT'], [4, 'status', 'UNKNOWN_VALUE'], [4, 'purchaseDate', 'INVALID_DATE'], [4, 'intervalMonths', 'NOT_A_WHOLE_NUMBER'],
      [5, 'assetNo', 'DUPLICATE_IN_FILE'],
      [6, 'nextMaintenanceDue', 'BEFORE_PURCHASE'],
      [7, 'status', 'ILLEGAL_TRANSITION'],
    ]);
    expect(r.error.details?.['badRows']).toBe(6);
    expect([await rows(), audits()]).toEqual(before);
  });

  it('a good file (XLSX, English headers) creates new asset numbers and updates known ones; a dry run writes nothing', async () => {
    const header = ['Asset number', 'Name', 'Model', 'Department code', 'Status', 'Purchase date', 'Next maintenance due', 'Maintenance interval (months)'];
    const file = (await toXlsx('equipment', [
      header,
      ['EQ-0100', 'B超机', 'DC-30', 'NK', 'in use', '2025/1/1', '2026-12-01', 12],
      ['eq-0003', '雾化器', 'NE-C30', 'EK', 'in repair', '', '2026-11-10', ''],
    ])).toString('base64');
    const before = [await rows(), audits()];
    expect(await ok('equipment.import', { format: 'xlsx', base64: file, dryRun: true })).toEqual({ dryRun: true, rows: 2, created: 1, updated: 1, unchanged: 0 });
    expect([await rows(), audits()]).toEqual(before);
    expect(await ok('equipment.import', { format: 'xlsx', base64: file })).toEqual({ dryRun: false, rows: 2, created: 1, updated: 1, unchanged: 0 });
    const items = (await ok('equipment.list', {})).items;
    expect(items.find((i) => i.assetNo === 'EQ-0100')).toMatchObject({ name: 'B超机', model: 'DC-30', departmentName: '内科', status: 'in_use', purchaseDate: '2025-01-01', intervalMonths: 12 });
    // Columns the file lacks (serial number) are kept; those it has are set.
    expect(items.find((i) => i.assetNo === 'EQ-0003')).toMatchObject({ model: 'NE-C30', serialNo: 'OMR-77', status: 'repair' });
    expect(audits().slice(-2).map((a) => [a.action, a.detail])).toEqual([['create', 'EQ-0100 B超机 (import)'], ['update', 'import: model, status']]);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: the export reads back in the import's columns, and imports back unchanged`, async () => {
      const file = await ok('equipment.export', { format, lang: 'zh' });
      expect(file.fileName).toBe(`equipment-2026-11-23.${format}`);
      const bytes = Buffer.from(file.base64, 'base64');
      const table = format === 'csv' ? parseCsv(bytes.toString('utf8')) : await parseXlsx(bytes);
      expect(table[0]).toEqual(HEADER);
      expect(table.slice(1).map((r) => r[0])).toEqual(['EQ-0001', 'EQ-0002', 'EQ-0003', 'EQ-0100']);
      expect(table[1]).toEqual(['EQ-0001', '心电图机', 'ECG-1200', '深圳迈瑞', 'SN123', 'NK', '在用', '2024-03-01', '2026-11-23', '2026-12-15', '6', '']
        .slice(0, format === 'xlsx' ? 11 : 12)); // XLSX drops the empty cells at a row's end
      expect(table[2]?.[6]).toBe('已报废');
      const before = [await rows(), audits().length];
      expect(await ok('equipment.import', { format, base64: file.base64 })).toEqual({ dryRun: false, rows: 4, created: 0, updated: 0, unchanged: 4 });
      expect([await rows(), audits().length]).toEqual(before);
    });
  }
});

describe('who may', () => {
  it('a non-admin is refused every equipment call, writing nothing', async () => {
    const before = [await rows(), audits()];
    for (const user of ['reception', 'doctor', 'cashier']) {
      expect(await as(user, 'equipment.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await as(user, 'equipment.create', { assetNo: 'EQ-9999', name: '偷放的设备' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await as(user, 'equipment.import', { format: 'csv', base64: csv64([HEADER, ['EQ-9998', 'x']]) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect([await rows(), audits()]).toEqual(before);
  });

  it('from a desk: the admin is forwarded to the hub; a desk credential alone, or a receptionist’s token, runs nothing', async () => {
    const desk = await pairedWorkstation(t, 'D1');
    try {
      const admin = await desk.login('admin');
      const listed = await desk.call(admin, 'equipment.list', {});
      expect(listed).toMatchObject({ ok: true, value: { today: '2026-11-23' } });
      const reception = await desk.login('reception');
      expect(await desk.call(reception, 'equipment.create', { assetNo: 'EQ-9999', name: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

      const before = await rows();
      const socket: Socket = rawSocket(t.clinic.hub, { reconnection: false });
      try {
        await new Promise<void>((res, rej) => { socket.once('connect', () => res()); socket.once('connect_error', rej); });
        const emit = (event: string, payload: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<unknown>;
        expect(await emit('hello', { protocol: PROTOCOL_VERSION, device: 'D1', credential: storedCredential(desk.station), schemaVersion: schemaVersion() })).toMatchObject({ ok: true });
        const forged = { procedure: 'equipment.create', accountId: t.ids.accounts.admin, input: { assetNo: 'EQ-6666', name: '伪造' } };
        expect(await emit('call', forged)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'missing' } } });
        const token = desk.station.sessions.get(reception.token, desk.station.now())!.hubToken!.token;
        expect(await emit('call', { ...forged, token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect(await emit('call', { procedure: 'equipment.export', input: { format: 'csv' }, token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      } finally {
        socket.disconnect();
      }
      expect(await rows()).toEqual(before);
    } finally {
      await desk.close();
    }
  }, 60_000);
});
