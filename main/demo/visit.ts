/**
 * One visit of the history, start to finish: check-in with the registration fee, the
 * consultation (record, diagnoses, exams, prescription), the cashier, the pharmacy, sometimes
 * an observation bed. On the demo's today, whatever lies after "now" has not happened yet:
 * the visit is left waiting, in consultation, awaiting payment or awaiting its drugs.
 */
import {
  admissions, billItems, bills, diagnoses, examOrders, medicalRecords, prescriptionItems, prescriptions, visits,
} from '../../db/schema';
import { computeBillSplit, type ChargeLine } from '../domain/billing';
import type { PriorityReason, VisitStatus } from '../domain/enums';
import { prescriptionNo } from '../domain/numbers';
import { queueNo } from '../domain/queue-numbers';
import { computeQuantity } from '../domain/prescribing';
import type { DrugRef } from './catalog';
import type { DiagnosisSpec } from './data/diagnoses';
import type { History, PatientState, Plan } from './history-types';
import { recordText } from './record-text';

const MIN = 60_000;

/** Drugs for a diagnosis: one per tag, in stock, suited to the patient's age and allergies. */
function chooseDrugs(h: History, dx: DiagnosisSpec, p: PatientState, date: string): { drug: DrugRef; quantity: number }[] {
  const { rng } = h;
  const out: { drug: DrugRef; quantity: number }[] = [];
  for (const raw of dx.drugs) {
    const optional = raw.endsWith('?');
    if (optional && rng.chance(0.5)) continue;
    let pool = h.catalog.drugsByTag.get(optional ? raw.slice(0, -1) : raw) ?? [];
    const child = p.age < 14;
    const forAge = pool.filter((d) => d.spec.tags.includes('peds') === child);
    if (forAge.length > 0) pool = forAge;
    if (p.row.allergies?.includes('青霉素')) pool = pool.filter((d) => !/西林/.test(d.spec.name));
    if (p.row.allergies?.includes('头孢')) pool = pool.filter((d) => !d.spec.name.includes('头孢'));
    const candidates = pool.filter((d) => !out.some((o) => o.drug.id === d.id));
    for (let tries = 0; tries < 4 && candidates.length > 0; tries++) {
      const drug = rng.pick(candidates);
      const s = drug.spec;
      const quantity = computeQuantity({
        dosePerTake: s.dose, frequency: s.frequency, days: s.days, dosePerPackage: s.dosesPerUnit,
        quantity: s.frequency === 'prn' ? 1 : undefined,
      });
      if (h.stock.available(drug, date) >= quantity) {
        out.push({ drug, quantity });
        break;
      }
    }
  }
  return out;
}

/** Emits the rows of one planned visit; returns its id. */
export function emitVisit(h: History, plan: Plan): string {
  const { ctx, buf, rng, counters, ledger } = h;
  const { date, session, patient: p, dx } = plan;
  const doctor = session.doctor;
  const now = ctx.now;
  const visitId = ctx.id(plan.checkIn);
  const frontDesk = rng.chance(0.6) ? h.tills.reception1 : h.tills.reception2;
  const cancelled = plan.cancelAt !== null;

  // What has happened by now (always everything, for days before today).
  const started = !cancelled && plan.consultStart <= now;
  const ended = started && plan.consultEnd <= now;

  const diagnosesChosen = ended || started ? [dx, ...plan.extraDx] : [];
  const exams = ended ? dx.exams.filter(([, chance]) => rng.chance(chance)).map(([code]) => h.catalog.exams.get(code)!) : [];
  const drugs = ended && dx.drugs.length > 0 && rng.chance(0.92) ? chooseDrugs(h, dx, p, date) : [];
  const chargesFen = drugs.reduce((s, d) => s + d.drug.spec.priceFen * d.quantity, 0) + exams.reduce((s, e) => s + e.priceFen, 0);
  const paidAt = ended && chargesFen > 0 ? plan.consultEnd + rng.range(3, 18) * MIN : null;
  const paid = paidAt !== null && paidAt <= now;
  const dispensedAt = paidAt === null ? null : paidAt + rng.range(4, 15) * MIN;
  const dispensed = dispensedAt !== null && dispensedAt <= now;

  let status: VisitStatus = 'waiting';
  if (cancelled) status = 'cancelled';
  else if (ended) status = chargesFen === 0 || paid ? 'discharged' : 'awaiting_payment';
  else if (started) status = 'in_consultation';
  const dischargedAt = status !== 'discharged' ? null : paid ? paidAt : plan.consultEnd;
  const lastChange = Math.max(plan.checkIn, ...[plan.cancelAt, started ? plan.consultStart : null, ended ? plan.consultEnd : null, dischargedAt]
    .filter((t): t is number => t !== null && t <= now));

  const priorityReason: PriorityReason | null = plan.priority;
  buf.push(visits, {
    id: visitId, patientId: p.row.id, visitDate: date, sessionId: session.id, appointmentId: plan.appointmentId,
    doctorId: doctor.staffId, departmentId: doctor.deptId,
    queueNo: queueNo(counters.next(`queue|${date}|${doctor.staffId}`)),
    queueOrder: plan.checkIn, visitType: plan.followUpOf ? 'follow_up' : 'first', followUpOf: plan.followUpOf,
    priority: priorityReason !== null, priorityReason, status, feeFen: doctor.feeFen, feeStatus: cancelled ? 'refunded' : 'paid',
    checkedInAt: plan.checkIn, calledAt: started ? plan.consultStart - MIN : null, callCount: started ? (rng.chance(0.1) ? 2 : 1) : 0,
    consultStartedAt: started ? plan.consultStart : null, consultEndedAt: ended ? plan.consultEnd : null, dischargedAt,
    cancelledAt: plan.cancelAt, cancelReason: cancelled ? rng.pick(['患者等候时间过长', '患者临时有事离开', '挂错科室，改挂他科']) : null,
    createdAt: plan.checkIn, updatedAt: lastChange,
  });

  // Registration fee, taken at the desk at check-in.
  const reg = computeBillSplit([{ amountFen: doctor.feeFen, coverage: 'registration' }], p.row.insuranceType);
  const regBill = ctx.id(plan.checkIn);
  buf.push(bills, {
    id: regBill, visitId, patientId: p.row.id, kind: 'registration', status: cancelled ? 'refunded' : 'paid', totalFen: reg.totalFen,
    insuranceFen: reg.insuranceFen, selfPayFen: reg.selfPayFen, paidAt: plan.checkIn, createdAt: plan.checkIn,
    updatedAt: plan.cancelAt ?? plan.checkIn,
  });
  buf.push(billItems, {
    id: ctx.id(plan.checkIn), billId: regBill, kind: 'registration', refId: visitId, description: '挂号费', quantity: 1,
    unitPriceFen: doctor.feeFen, amountFen: doctor.feeFen, insuranceFen: reg.lineInsuranceFen[0]!, createdAt: plan.checkIn,
  });
  const method = ledger.selfPayMethod();
  const regPayment = ledger.pay(frontDesk, regBill, method, doctor.feeFen, date, plan.checkIn);
  if (plan.cancelAt !== null) {
    ledger.refund(frontDesk, regBill, regPayment, method, doctor.feeFen, '未就诊退号', date, plan.cancelAt);
    return visitId;
  }
  if (!started) return visitId;

  // The consultation.
  const doctorAccount = doctor.accountId;
  const recordId = ctx.id(plan.consultStart);
  const text = recordText(rng, dx, p, plan.followUpOf !== null);
  buf.push(medicalRecords, {
    id: recordId, visitId, patientId: p.row.id, doctorId: doctor.staffId, ...text,
    status: ended ? 'signed' : 'draft', signedAt: ended ? plan.consultEnd : null, signedBy: ended ? doctorAccount : null,
    createdAt: plan.consultStart, updatedAt: ended ? plan.consultEnd : plan.consultStart + MIN,
  });
  diagnosesChosen.forEach((d, i) => {
    buf.push(diagnoses, {
      id: ctx.id(plan.consultStart), recordId, visitId, icd10: d.icd10, text: d.name, isPrimary: i === 0, seq: i + 1, removed: false,
      createdAt: plan.consultStart + (i + 2) * MIN, updatedAt: plan.consultStart + (i + 2) * MIN,
    });
  });
  if (!ended) return visitId;

  const charges: (ChargeLine & { kind: 'drug' | 'exam'; refId: string; description: string; quantity: number; unitPriceFen: number })[] = [];
  const examDoneAt = paidAt === null ? null : paidAt + rng.range(15, 60) * MIN;
  for (const e of exams) {
    const orderId = ctx.id(plan.consultEnd - 2 * MIN);
    const done = examDoneAt !== null && examDoneAt <= now;
    buf.push(examOrders, {
      id: orderId, visitId, patientId: p.row.id, examItemId: e.id, orderedBy: doctorAccount,
      status: done ? 'done' : paid ? 'paid' : 'ordered', priceFen: e.priceFen, note: null,
      result: done ? (rng.chance(0.3) ? e.spec.abnormal : e.spec.normal) : null,
      createdAt: plan.consultEnd - 2 * MIN, updatedAt: done ? examDoneAt! : paid ? paidAt! : plan.consultEnd - 2 * MIN,
    });
    charges.push({ kind: 'exam', refId: orderId, description: e.spec.name, quantity: 1, unitPriceFen: e.priceFen, amountFen: e.priceFen, coverage: 'exam' });
  }

  if (drugs.length > 0) {
    const rxId = ctx.id(plan.consultEnd - MIN);
    const rxStatus = dispensed ? 'dispensed' : paid ? 'paid' : 'issued';
    const pharmacist = rng.pick(h.pharmacists);
    buf.push(prescriptions, {
      id: rxId, rxNo: prescriptionNo(doctor.device, date, counters.next(`rx|${doctor.device}|${date}`)), visitId, patientId: p.row.id,
      doctorId: doctor.staffId, status: rxStatus, note: null, issuedAt: plan.consultEnd, reviewedBy: dispensed ? pharmacist : null,
      dispensedAt: dispensed ? dispensedAt : null, dispensedBy: dispensed ? pharmacist : null, cancelledAt: null,
      createdAt: plan.consultEnd - MIN, updatedAt: dispensed ? dispensedAt! : paid ? paidAt! : plan.consultEnd,
    });
    drugs.forEach(({ drug, quantity }, i) => {
      const s = drug.spec;
      const itemId = ctx.id(plan.consultEnd - MIN);
      buf.push(prescriptionItems, {
        id: itemId, prescriptionId: rxId, drugId: drug.id, seq: i + 1, dose: s.dose, doseUnit: s.doseUnit, frequency: s.frequency,
        route: s.route, days: s.frequency === 'st' ? 1 : s.days, quantity, unitPriceFen: s.priceFen, amountFen: s.priceFen * quantity,
        note: null, removed: false, createdAt: plan.consultEnd - MIN, updatedAt: plan.consultEnd - MIN,
      });
      charges.push({
        kind: 'drug', refId: itemId, description: `${s.name} ${s.spec}`, quantity, unitPriceFen: s.priceFen,
        amountFen: s.priceFen * quantity, coverage: s.insuranceClass,
      });
      // Stock is taken now so later prescriptions see it gone; the movement is dated when handed over.
      if (dispensed) h.stock.dispense(drug, quantity, date, dispensedAt!, itemId, pharmacist);
      else h.stock.reserve(drug, quantity);
    });
  }

  if (paid && charges.length > 0) {
    const till = rng.chance(0.85) ? rng.pick([h.tills.cashier1, h.tills.cashier2]) : h.tills.reception2;
    const split = computeBillSplit(charges, p.row.insuranceType);
    const billId = ctx.id(paidAt!);
    buf.push(bills, {
      id: billId, visitId, patientId: p.row.id, kind: 'clinical', status: 'paid', totalFen: split.totalFen,
      insuranceFen: split.insuranceFen, selfPayFen: split.selfPayFen, paidAt, createdAt: paidAt!, updatedAt: paidAt!,
    });
    charges.forEach((c, i) => {
      buf.push(billItems, {
        id: ctx.id(paidAt!), billId, kind: c.kind, refId: c.refId, description: c.description, quantity: c.quantity,
        unitPriceFen: c.unitPriceFen, amountFen: c.amountFen, insuranceFen: split.lineInsuranceFen[i]!, createdAt: paidAt!,
      });
    });
    if (split.insuranceFen > 0) ledger.pay(till, billId, 'insurance', split.insuranceFen, date, paidAt!);
    if (split.selfPayFen > 0) ledger.pay(till, billId, ledger.selfPayMethod(), split.selfPayFen, date, paidAt! + 30_000);
  }

  // An infusion or a short stay in the observation room.
  if (plan.observe && paid) {
    const bed = h.freeBed(doctor.spec.dept, paidAt! + 10 * MIN);
    if (bed) {
      const admittedAt = paidAt! + 10 * MIN;
      const leaveAt = admittedAt + rng.range(90, 240) * MIN;
      const left = leaveAt <= now;
      bed.busyUntil = leaveAt;
      buf.push(admissions, {
        id: ctx.id(admittedAt), patientId: p.row.id, visitId, bedId: bed.id, status: left ? 'discharged' : 'admitted',
        admittedBy: doctorAccount, admittedAt, dischargedAt: left ? leaveAt : null,
        dischargeNote: left ? '输液结束，生命体征平稳，离院' : null, createdAt: admittedAt, updatedAt: left ? leaveAt : admittedAt,
      });
    }
  }
  return visitId;
}
