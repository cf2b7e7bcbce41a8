/**
 * The equipment tables on a real PostgreSQL server (a hub started with `--database`): made by the
 * store's open like the hub's other tables, the asset number unique however two writers race, an
 * import's upsert all or nothing, a maintenance entry and the item's dates written together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresHubStore } from '../postgres-store';
import { startPostgres, type TestPostgres } from '../postgres-testing';
import { DuplicateAssetNo, EquipmentStore, type EquipmentFields } from './store';

let server: TestPostgres;
let store: PostgresHubStore;
beforeAll(async () => {
  server = await startPostgres();
  store = await PostgresHubStore.open(await server.createDatabase());
}, 120_000);
afterAll(async () => {
  await store?.close();
  await server?.stop();
});

const item = (assetNo: string, over: Partial<EquipmentFields> = {}): EquipmentFields => ({
  assetNo, name: '监护仪', model: '', manufacturer: '', serialNo: '', departmentId: null, status: 'in_use', purchaseDate: null,
  lastMaintenanceDate: null, nextMaintenanceDue: null, intervalMonths: null, notes: '', ...over,
});
const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('equipment on PostgreSQL', () => {
  it('keeps one item per asset number, even when two writers race', async () => {
    const eq = new EquipmentStore(store.hubOnly);
    const race = await Promise.allSettled([eq.create(id(1), item('EQ-1'), 1, 'a'), eq.create(id(2), item('EQ-1'), 2, 'b')]);
    expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(race.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(DuplicateAssetNo) as unknown });
    expect((await eq.list()).map((e) => e.assetNo)).toEqual(['EQ-1']);
  });

  it('an upsert creates and updates together, or — a taken asset number on a new id — writes nothing', async () => {
    const eq = new EquipmentStore(store.hubOnly);
    const [known] = await eq.list();
    await eq.upsert([{ id: known!.id, fields: item('EQ-1', { model: 'M2' }) }, { id: id(3), fields: item('EQ-2', { nextMaintenanceDue: '2026-01-01' }) }], 10, 'c');
    expect((await eq.list()).map((e) => [e.assetNo, e.model, e.createdBy, e.updatedBy])).toEqual([['EQ-1', 'M2', known!.createdBy, 'c'], ['EQ-2', '', 'c', 'c']]);
    const before = await eq.list();
    // EQ-3 is new; the second row's id is EQ-1's under another asset number: the whole statement fails.
    await expect(eq.upsert([{ id: id(4), fields: item('EQ-3') }, { id: known!.id, fields: item('EQ-4') }], 11, 'd')).rejects.toBeInstanceOf(DuplicateAssetNo);
    expect(await eq.list()).toEqual(before);
  });

  it('writes a maintenance entry with the item’s new dates; lists what is due', async () => {
    const eq = new EquipmentStore(store.hubOnly);
    const two = (await eq.list({ q: 'eq-2' }))[0]!;
    expect(await eq.overdueCount('2026-11-23')).toBe(1);
    expect((await eq.list({ dueBy: '2026-01-01' })).map((e) => e.assetNo)).toEqual(['EQ-2']);
    await eq.addMaintenance({ id: id(9), equipmentId: two.id, date: '2026-11-20', kind: 'routine', note: '', nextDue: null, by: 'e', createdAt: 20 },
      { lastMaintenanceDate: '2026-11-20', nextMaintenanceDue: '2027-05-20' });
    expect(await eq.get(two.id)).toMatchObject({ lastMaintenanceDate: '2026-11-20', nextMaintenanceDue: '2027-05-20', updatedBy: 'e', updatedAt: 20 });
    expect(await eq.maintenance(two.id)).toEqual([{ id: id(9), equipmentId: two.id, date: '2026-11-20', kind: 'routine', note: '', nextDue: null, by: 'e', createdAt: 20 }]);
    expect(await eq.overdueCount('2026-11-23')).toBe(0);
  });
});
