/**
 * Durability of money (issue: a power cut can undo a payment whose receipt was printed). Commands
 * that take or return money or move stock are `durable` in the contract, and dispatch commits them
 * with `synchronous = FULL`. This test works a clinic flow through the real procedures, watches
 * which tables each command wrote, and holds the contract to it: every command that wrote a money
 * or stock ledger is durable; the connection is back at NORMAL after each, failed ones included.
 */
import { describe, expect, it } from 'vitest';
import { procedures, type ProcedureName } from '../api/contract';
import { durableCall } from '../api/define';
import { dispatchSync } from './dispatch';
import { createFixture } from './testing';

const LEDGERS = new Set(['payments', 'refunds', 'stock_movements', 'day_closes']);

describe('money commands are durable', () => {
  it('every command that writes a money or stock ledger commits with synchronous = FULL, and NORMAL is restored', () => {
    const fx = createFixture();
    try {
      const wrote = new Map<string, Set<string>>();
      let current = '';
      fx.station.on('data.changed', ({ tables }) => {
        const set = wrote.get(current) ?? new Set<string>();
        for (const t of tables) set.add(t);
        wrote.set(current, set);
      });
      const as = (user: Parameters<typeof fx.login>[0]) => fx.login(user);
      const inputs = new Map<string, unknown[]>();
      const call = <N extends ProcedureName>(user: Parameters<typeof fx.login>[0], name: N, input: unknown) => {
        current = name;
        inputs.set(name, [...(inputs.get(name) ?? []), input]);
        const r = dispatchSync(fx.station, as(user), name, input);
        expect(Number(fx.station.raw.pragma('synchronous', { simple: true }))).toBe(1); // NORMAL again
        if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
        return r.value as never;
      };
      const patient = (call('reception', 'patients.register', { name: '钱多', phone: '13800138000' }) as { patient: { id: string } }).patient.id;
      const { visit } = call('reception', 'frontdesk.walkIn', { patientId: patient, doctorId: fx.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: 'd-1' } }) as { visit: { id: string } };
      call('doctor2', 'queue.start', { visitId: visit.id });
      const rx = call('doctor2', 'prescriptions.create', { visitId: visit.id }) as { id: string };
      const line = call('doctor2', 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'tid', route: 'po', days: 3 }) as { items: { id: string }[] };
      call('doctor2', 'prescriptions.issue', { prescriptionId: rx.id });
      call('doctor2', 'queue.finish', { visitId: visit.id });
      const bill = (call('cashier', 'billing.build', { visitId: visit.id }) as { bill: { id: string; dueFen: number } }).bill;
      const paid = call('cashier', 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.dueFen, idempotencyKey: 'd-2' }) as { payment: { id: string } };
      call('cashier', 'billing.refund', { billId: bill.id, amountFen: 100, reason: '多收', paymentId: paid.payment.id, idempotencyKey: 'd-3' });
      call('pharmacist', 'pharmacy.dispense', { prescriptionId: rx.id });
      call('pharmacist', 'pharmacy.returnItem', { itemId: line.items[0]!.id, quantity: 1, reason: '患者退回' });
      call('pharmacist', 'pharmacy.receive', { drugId: fx.ids.drugs.ibuprofen, batchNo: 'IBU-9', expiryDate: '2028-01-31', costFen: 100, quantity: 10 });
      call('pharmacist', 'pharmacy.adjust', { batchId: fx.ids.batches.ibuprofen, quantity: -1, reason: '破损' });
      const other = (call('reception', 'patients.register', { name: '孙少', phone: '13800138001' }) as { patient: { id: string } }).patient.id;
      const waiting = call('reception', 'frontdesk.walkIn', { patientId: other, doctorId: fx.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: 'd-4' } }) as { visit: { id: string } };
      call('reception', 'frontdesk.cancelVisit', { visitId: waiting.visit.id, reason: '患者离开' });
      call('cashier', 'billing.closeDay', {});

      const ledgerWriters = [...wrote].filter(([, tables]) => [...tables].some((t) => LEDGERS.has(t))).map(([name]) => name).sort();
      expect(ledgerWriters).toEqual(['billing.closeDay', 'billing.pay', 'billing.refund', 'frontdesk.cancelVisit', 'frontdesk.walkIn',
        'pharmacy.adjust', 'pharmacy.dispense', 'pharmacy.receive', 'pharmacy.returnItem']);
      // Every call of a ledger writer here wrote a ledger, and each was durable (walk-ins took their fee at once).
      for (const name of ledgerWriters) {
        for (const input of inputs.get(name) ?? []) expect(durableCall(procedures[name as ProcedureName], input), name).toBe(true);
      }
      // A check-in or walk-in that only bills the fee writes no ledger, and is not synced for nothing.
      expect(durableCall(procedures['frontdesk.walkIn'], { patientId: patient })).toBe(false);
      expect(durableCall(procedures['frontdesk.checkIn'], { appointmentId: 'x', payment: { method: 'cash', idempotencyKey: 'k' } })).toBe(true);
      expect(durableCall(procedures['patients.search'], { q: 'x' })).toBe(false);
      // A refused durable command leaves the connection at NORMAL too.
      current = 'billing.pay';
      expect(dispatchSync(fx.station, as('cashier'), 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 1, idempotencyKey: 'd-5' }).ok).toBe(false);
      expect(Number(fx.station.raw.pragma('synchronous', { simple: true }))).toBe(1);
    } finally {
      fx.close();
    }
  });
});
