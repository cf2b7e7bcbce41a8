/**
 * For the tests of money and stock taken twice (not a test file itself): a visit at desk A
 * consulted, prescribed one box of ibuprofen (2200 fen) and billed, waiting for payment.
 */
import type { Fixture } from '../station/testing';
import type { DeskAt } from '../sync/clinic-offline.testing';

export interface BilledRx {
  patientId: string;
  visitId: string;
  rxId: string;
  itemId: string;
  billId: string;
  dueFen: number;
}

export function billedPrescription(fx: Fixture, a: DeskAt, name: string): BilledRx {
  const patientId = a.ok('reception', 'patients.register', { name }).patient.id;
  const { visit } = a.ok('reception', 'frontdesk.walkIn', { patientId, doctorId: fx.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: `reg-${name}` } });
  a.ok('doctor2', 'queue.start', { visitId: visit.id });
  a.ok('doctor2', 'consultation.saveRecord', { visitId: visit.id, complaint: '头痛', findings: '无', plan: '对症' });
  a.ok('doctor2', 'consultation.addDiagnosis', { visitId: visit.id, icd10: 'R51' });
  const rx = a.ok('doctor2', 'prescriptions.create', { visitId: visit.id });
  const line = a.ok('doctor2', 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'tid', route: 'po', days: 3 });
  a.ok('doctor2', 'prescriptions.issue', { prescriptionId: rx.id });
  a.ok('doctor2', 'consultation.sign', { visitId: visit.id });
  a.ok('doctor2', 'queue.finish', { visitId: visit.id });
  const bill = a.ok('cashier', 'billing.build', { visitId: visit.id }).bill;
  if (!bill) throw new Error('billing.build made no bill');
  return { patientId, visitId: visit.id, rxId: rx.id, itemId: line.items[0]!.id, billId: bill.id, dueFen: bill.dueFen };
}
