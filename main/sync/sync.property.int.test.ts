/**
 * Property: three stations run random commands while mostly disconnected, and sync with the hub
 * in a random order at random moments (so changes are delivered in many different orders).
 * After everyone has synced twice, every replicated table has the same checksum everywhere, and
 * the hub's materialised rows and its typed tables agree with the stations' rows. Medical records
 * (unique per visit) are written at random desks, so two desks often insert the same one while
 * apart: one row everywhere, and one review task at the hub per record inserted at two desks or
 * more. On both hub engines.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { medicalRecords, patients, stockMovements, visits } from '../../db/schema';
import { keyedId } from '../station/keyed-id';
import { dispatchSync } from '../station/dispatch';
import { createFixture, logInAs, TODAY } from '../station/testing';
import { eachHubStore } from '../hub/stores.testing';
import { typedRowDifferences } from '../hub/typed-rows.testing';
import type { Station } from '../station/station';
import { REPLICATED_NAMES, connected, emptyStation, replicatedChecksums, writeAs } from './testing';

const STORES = eachHubStore();

const who = fc.integer({ min: 0, max: 2 });
const command = fc.oneof(
  fc.record({ kind: fc.constant('newPatient' as const), at: who, name: fc.constantFrom('张三', '李四', '王五') }),
  fc.record({
    kind: fc.constant('editPatient' as const), at: who, pick: fc.nat(),
    column: fc.constantFrom('name' as const, 'phone' as const, 'address' as const),
    value: fc.constantFrom('甲', '乙', '丙', '13800000000'),
  }),
  fc.record({
    kind: fc.constant('visitStatus' as const), at: who, pick: fc.nat(),
    status: fc.constantFrom('waiting' as const, 'in_consultation' as const, 'cancelled' as const, 'awaiting_payment' as const, 'discharged' as const),
  }),
  fc.record({ kind: fc.constant('feeStatus' as const), at: who, pick: fc.nat(), fee: fc.constantFrom('unpaid' as const, 'paid' as const, 'refunded' as const) }),
  fc.record({ kind: fc.constant('newVisit' as const), at: who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('stock' as const), at: who, quantity: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ kind: fc.constant('sync' as const), at: who }),
  // Through the real command path (dispatch → service → Writer), as a receptionist at that desk.
  fc.record({ kind: fc.constant('register' as const), at: who, name: fc.constantFrom('赵六', '钱七'), phone: fc.constantFrom('13800138000', '13912345678', null) }),
  fc.record({ kind: fc.constant('procUpdate' as const), at: who, pick: fc.nat(), address: fc.constantFrom('北京', '上海', null) }),
  // A visit's medical record (unique per visit, keyed by it): written at whichever desks, so two
  // desks often make the same row while apart; the first write at a desk inserts it, later ones update.
  fc.record({
    kind: fc.constant('record' as const), at: who, pick: fc.nat(),
    column: fc.constantFrom('complaint' as const, 'findings' as const, 'plan' as const), value: fc.constantFrom('咳嗽', '发热', '头痛', ''),
  }),
);
const step = fc.record({ command, advanceMs: fc.constantFrom(0, 0, 1, 500, 3000) });

function ids(station: Station, table: string): string[] {
  return (station.raw.prepare(`SELECT id FROM "${table}" ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
}

describe.each(STORES)('sync: random commands in random delivery order converge (hub on %s)', (_name, hubOf) => {
  it('every replicated table ends identical on every station, and at the hub', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), fc.array(who, { minLength: 3, maxLength: 3 }), async (steps, finalOrder) => {
      const th = await hubOf();
      const fx = createFixture({ device: 'A1' });
      const others = [emptyStation('B1', fx.clock), emptyStation('C1', fx.clock)];
      const stations = [fx.station, others[0]!.station, others[1]!.station];
      let n = 0;
      /** Record id → the desks that inserted it. */
      const inserters = new Map<string, Set<string>>();
      try {
        // Bootstrap everyone, with one patient and visit known to all.
        const pid = writeAs(fx.station, (w) => w.insert(patients, { recordNo: 'A1-000000', name: '起始', sex: 'M', pinyinFull: 'qs', pinyinInitials: 'qs' }));
        writeAs(fx.station, (w) => w.insert(visits, {
          patientId: pid, visitDate: TODAY, doctorId: fx.ids.staff.doctor, departmentId: fx.ids.departments.internal, queueNo: 'A1-000',
          queueOrder: 0, visitType: 'first', status: 'waiting', feeFen: 1500, feeStatus: 'unpaid', checkedInAt: fx.clock.t,
        }));
        for (const s of stations) await (await connected(s, th.hub)).stop();
        const tokens = stations.map((s) => logInAs(s, 'reception'));

        for (const { command: c, advanceMs } of steps) {
          fx.advance(advanceMs);
          const s = stations[c.at]!;
          n += 1;
          switch (c.kind) {
            case 'newPatient':
              writeAs(s, (w) => w.insert(patients, { recordNo: `${s.device}-${String(n).padStart(6, '0')}`, name: c.name, sex: 'U', pinyinFull: 'x', pinyinInitials: 'x' }));
              break;
            case 'editPatient': {
              const all = ids(s, 'patients');
              writeAs(s, (w) => w.update(patients, all[c.pick % all.length]!, { [c.column]: c.value }));
              break;
            }
            case 'visitStatus': {
              const all = ids(s, 'visits');
              writeAs(s, (w) => w.update(visits, all[c.pick % all.length]!, { status: c.status }));
              break;
            }
            case 'feeStatus': {
              const all = ids(s, 'visits');
              writeAs(s, (w) => w.update(visits, all[c.pick % all.length]!, { feeStatus: c.fee }));
              break;
            }
            case 'newVisit': {
              const all = ids(s, 'patients');
              writeAs(s, (w) => w.insert(visits, {
                patientId: all[c.pick % all.length]!, visitDate: TODAY, doctorId: fx.ids.staff.doctor2, departmentId: fx.ids.departments.paeds,
                queueNo: `${s.device}-${String(n).padStart(3, '0')}`, queueOrder: n, visitType: 'first', status: 'waiting', feeFen: 2000, feeStatus: 'unpaid', checkedInAt: fx.clock.t,
              }));
              break;
            }
            case 'stock':
              writeAs(s, (w) => w.insert(stockMovements, {
                drugId: fx.ids.drugs.ibuprofen, batchId: fx.ids.batches.ibuprofen, kind: 'adjust', quantity: c.quantity,
                byAccount: fx.ids.accounts.pharmacist, createdAt: fx.clock.t,
              }));
              break;
            case 'register': {
              const r = dispatchSync(s, tokens[c.at]!, 'patients.register', { name: c.name, phone: c.phone });
              expect(r.ok, JSON.stringify(r)).toBe(true);
              break;
            }
            case 'procUpdate': {
              const all = ids(s, 'patients');
              const r = dispatchSync(s, tokens[c.at]!, 'patients.update', { id: all[c.pick % all.length]!, address: c.address });
              expect(r.ok, JSON.stringify(r)).toBe(true);
              break;
            }
            case 'record': {
              const all = ids(s, 'visits');
              const visitId = all[c.pick % all.length]!;
              const id = keyedId('medical_records', visitId);
              const mine = s.raw.prepare('SELECT id FROM medical_records WHERE id = ?').get(id);
              if (mine) {
                writeAs(s, (w) => w.update(medicalRecords, id, { [c.column]: c.value }));
              } else {
                const v = s.raw.prepare('SELECT patient_id AS p, doctor_id AS d FROM visits WHERE id = ?').get(visitId) as { p: string; d: string };
                writeAs(s, (w) => w.insert(medicalRecords, { id, visitId, patientId: v.p, doctorId: v.d, status: 'draft', [c.column]: c.value }));
                inserters.set(id, new Set([...(inserters.get(id) ?? []), s.device]));
              }
              break;
            }
            case 'sync':
              await (await connected(s, th.hub)).stop();
              break;
          }
        }
        // Everyone syncs, in a random order, twice round.
        for (let round = 0; round < 2; round++) {
          for (const i of [...finalOrder, 0, 1, 2]) await (await connected(stations[i]!, th.hub)).stop();
        }
        const expected = replicatedChecksums(fx.station);
        for (const s of stations.slice(1)) expect(replicatedChecksums(s)).toEqual(expected);
        // The hub's merged rows are the stations' rows.
        for (const table of ['patients', 'visits', 'stock_movements']) {
          const hubRows = await th.store.rows(table);
          expect(hubRows.size).toBe(ids(fx.station, table).length);
          for (const [rowId, state] of hubRows) {
            const row = fx.station.raw.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(rowId) as Record<string, unknown>;
            for (const [col, value] of Object.entries(state.values)) expect(row[col]).toEqual(value);
          }
        }
        // One row per visit everywhere; one review task per record two desks or more inserted.
        const records = ids(fx.station, 'medical_records');
        expect(records.sort()).toEqual([...inserters.keys()].sort());
        await th.hub.settled();
        const tasks = (await th.store.tasks({ openOnly: true })).filter((t) => t.kind === 'record_two_desks').map((t) => t.key).sort();
        expect(tasks).toEqual([...inserters].filter(([, d]) => d.size > 1).map(([id]) => `record_two_desks:${id}`).sort());
        // And the typed tables, every one, column by column.
        expect(await typedRowDifferences(fx.station, th.store, REPLICATED_NAMES)).toEqual([]);
        expect(REPLICATED_NAMES).toContain('patients');
      } finally {
        await th.close();
        fx.close();
        for (const o of others) o.close();
      }
    }), { numRuns: 8, endOnFailure: true });
  }, 240_000);
});
