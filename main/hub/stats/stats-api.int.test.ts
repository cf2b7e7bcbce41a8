/**
 * The `stats.*` procedures through dispatch at a station holding the hub's store (as the hub's
 * admin station does): admin only, HUB_UNREACHABLE without a store, zod refusals, the figures
 * of the hand-made dataset, and the CSV / XLSX export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../station/dispatch';
import type { Fixture } from '../../station/testing';
import { createHubFixture } from '../services/hub-fixture.testing';
import { parseCsv } from '../../tabular/csv';
import { parseXlsx } from '../../tabular/xlsx';
import type { TestHub } from '../../sync/testing';
import { eachHubStore } from '../stores.testing';
import { D1, D3, seedStatsDataset } from './testing';

describe.each(eachHubStore())('stats.* on %s', (_engine, open) => {
  let hub: TestHub;
  let fx: Fixture;
  let admin: { token: string };
  beforeAll(async () => {
    hub = await open();
    await seedStatsDataset(hub.store);
    fx = createHubFixture();
    fx.station.hub = hub.store;
    admin = fx.login('admin');
  });
  afterAll(async () => {
    fx.close();
    await hub.close();
  });

  it('answers the figures to an admin; refuses every other role', async () => {
    const r = await dispatch(fx.station, admin, 'stats.registrations', { from: D1, to: D3 });
    expect(r.ok && r.value.rows.map((x) => x.registrations)).toEqual([4, 5, 4]);
    const d = await dispatch(fx.station, admin, 'stats.dashboard', { date: D3 });
    expect(d.ok && [d.value.registrations, d.value.waitingNow, d.value.incomeNetFen, d.value.noShows]).toEqual([4, 2, 3000, 1]);
    const top = await dispatch(fx.station, admin, 'stats.topDiagnoses', { from: D1, to: D3, limit: 1 });
    expect(top.ok && top.value.rows).toEqual([{ icd10: 'I10', text: '高血压', visits: 4, primaryVisits: 2 }]);
    for (const user of ['reception', 'doctor', 'cashier', 'pharmacist'] as const) {
      const refused = await dispatch(fx.station, fx.login(user), 'stats.incomeByDay', { from: D1, to: D3 });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses bad ranges with the field named', async () => {
    expect(await dispatch(fx.station, admin, 'stats.incomeByMethod', { from: '2026-02-30', to: D3 }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_DATE', details: { field: 'from' } } });
    expect(await dispatch(fx.station, admin, 'stats.waits', { from: D3, to: D1 }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'to', reason: 'before_from' } } });
    expect(await dispatch(fx.station, admin, 'stats.noShows', { from: '2025-01-01', to: D3 }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'to', reason: 'range_too_long' } } });
    expect(await dispatch(fx.station, admin, 'stats.visitsByDoctor', { from: 'yesterday', to: D3 }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatch(fx.station, admin, 'stats.export', { from: D1, to: D3, statistic: 'everything' as 'waits', format: 'csv' }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('exports a statistic as CSV (BOM, money in yuan) and as XLSX', async () => {
    const csv = await dispatch(fx.station, admin, 'stats.export', { statistic: 'incomeByMethod', from: D1, to: D3, format: 'csv' });
    if (!csv.ok) throw new Error(JSON.stringify(csv.error));
    expect(csv.value.fileName).toBe(`stats-incomeByMethod-${D1}-${D3}.csv`);
    const text = Buffer.from(csv.value.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    // cash 60 yuan paid, 15 refunded (see stats.int.test.ts).
    const table = [
      ['method', 'paidYuan', 'refundedYuan', 'netYuan', 'payments', 'refunds'],
      ['cash', '60', '15', '45', '4', '1'], ['card', '40', '0', '40', '2', '0'],
      ['qr', '230', '40', '190', '3', '1'], ['insurance', '20', '0', '20', '1', '0'],
    ];
    expect(parseCsv(text)).toEqual(table);
    const xlsx = await dispatch(fx.station, admin, 'stats.export', { statistic: 'incomeByMethod', from: D1, to: D3, format: 'xlsx' });
    if (!xlsx.ok) throw new Error(JSON.stringify(xlsx.error));
    expect(xlsx.value.fileName).toBe(`stats-incomeByMethod-${D1}-${D3}.xlsx`);
    expect(await parseXlsx(Buffer.from(xlsx.value.base64, 'base64'))).toEqual(table);
    // A per-day statistic ends with its total; an empty one still has its header.
    const waits = await dispatch(fx.station, admin, 'stats.export', { statistic: 'waits', from: D1, to: D3, format: 'csv' });
    expect(waits.ok && parseCsv(Buffer.from(waits.value.base64, 'base64').toString('utf8')).at(-1)).toEqual(['total', '11', '1200000', '2400000']);
    const none = await dispatch(fx.station, admin, 'stats.export', { statistic: 'visitsByDoctor', from: '2020-01-01', to: '2020-01-01', format: 'csv' });
    expect(none.ok && parseCsv(Buffer.from(none.value.base64, 'base64').toString('utf8'))).toEqual([['doctorName', 'departmentName', 'visits', 'firstVisits', 'followUps']]);
  });

  it('answers HUB_UNREACHABLE where there is no hub store', async () => {
    fx.station.hub = null;
    try {
      expect(await dispatch(fx.station, admin, 'stats.dashboard', {})).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    } finally {
      fx.station.hub = hub.store;
    }
  });
});
