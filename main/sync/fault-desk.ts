/**
 * A front desk in a process of its own, for the desk-kill fault runs (main/sync/desk-kills.ts),
 * which SIGKILL it at a random moment and check the file it leaves:
 *   tsx main/sync/fault-desk.ts <sqlite file> <json: DeskPlan>
 * Runs real commands through dispatch (async, as the transports call it) in a loop (register a patient, a walk-in paid in cash, an
 * update of the patient, an exam ordered and its bill paid) and prints one line per command only
 * after it returned ok — a reported commit:
 *   ok patient <id> | ok visit <visitId> <paymentId> | ok address <patientId> <value> | ok paid <billId> <paymentId>
 * Exits with code 3 at the first refused command (the parent reports its output).
 */
import type { Input, Output, ProcedureName } from '../api/contract';
import { spelled } from '../domain/testing';
import { dispatch } from '../station/dispatch';
import { TEST_STATION_KEY } from '../station/keys.testing';
import { Station } from '../station/station';
import { TEST_PASSWORD } from '../station/testing';
import type { DeskPlan } from './desk-kills';

const [file, planJson] = process.argv.slice(2);
if (!file || !planJson) throw new Error('usage: fault-desk.ts <sqlite file> <json plan>');
const plan = JSON.parse(planJson) as DeskPlan;
const started = Date.now();
// The fixture's roster is of its test day: the desk's clock starts there, later at each run.
const station = new Station({ key: TEST_STATION_KEY, file, now: () => plan.clockStart + (Date.now() - started) });

type Caller = { token: string | null };
async function ok<N extends ProcedureName>(caller: Caller, name: N, input: Input<N>): Promise<Output<N>> {
  const r = await dispatch(station, caller, name, input);
  if (!r.ok) {
    console.error(`refused ${name}: ${JSON.stringify(r.error)}`);
    process.exit(3);
  }
  return r.value;
}
const login = async (username: string): Promise<Caller> => ({ token: (await ok({ token: null }, 'accounts.login', { username, password: TEST_PASSWORD })).token });

const reception = await login('reception');
const doctor = await login('doctor2');
const cashier = await login('cashier');
console.log('ready');
for (let i = 0; ; i++) {
  const tag = `${plan.run}-${i}`;
  const { patient } = await ok(reception, 'patients.register', { name: `断电${spelled(tag)}` });
  console.log(`ok patient ${patient.id}`);
  const walkIn = await ok(reception, 'frontdesk.walkIn', { patientId: patient.id, sessionId: plan.sessionId, payment: { method: 'cash', idempotencyKey: `w-${tag}` } });
  console.log(`ok visit ${walkIn.visit.id} ${walkIn.payment?.id ?? '-'}`);
  const address = `地址 ${tag}`;
  await ok(reception, 'patients.update', { id: patient.id, address });
  console.log(`ok address ${patient.id} ${address}`);
  await ok(doctor, 'queue.start', { visitId: walkIn.visit.id });
  await ok(doctor, 'consultation.orderExam', { visitId: walkIn.visit.id, examItemId: plan.examItemId });
  const { bill } = await ok(cashier, 'billing.build', { visitId: walkIn.visit.id });
  if (!bill) throw new Error('no bill to pay');
  const paid = await ok(cashier, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.dueFen, idempotencyKey: `b-${tag}` });
  console.log(`ok paid ${bill.id} ${paid.payment.id}`);
}
