/**
 * Months of clinic days, simulated one session at a time: how many come (by weekday and the
 * doctor's popularity), who comes (children to the paediatrician, chronic patients back every
 * few weeks to their own doctor), in what order the doctor sees them, and what each visit leaves
 * behind. Then the appointments still ahead. Everything is written patients first, then in the
 * order it happened.
 */
import { appointments, patients } from '../../db/schema';
import { addDays, dayOfWeek } from '../domain/dates';
import type { PriorityReason } from '../domain/enums';
import { recordNo } from '../domain/numbers';
import { Buffer } from './buffer';
import type { Catalog } from './catalog';
import { FUTURE_DAYS, type GenContext } from './context';
import { DIAGNOSES, type DiagnosisSpec, type Who } from './data/diagnoses';
import type { Bed, History, PatientState, Plan } from './history-types';
import { Counters, Ledger } from './ledger';
import { PERIOD_HOURS, type Org, type RosterSession } from './org';
import { drawPatient, yearsOld } from './patients';
import { Weighted, type Rng } from './random';
import { Stock } from './stock';
import { emitVisit } from './visit';

const MIN = 60_000;
const DAY = 86_400_000;
/** Share of visits by weekday (Sunday first): Mondays are busy, Sundays quiet. */
const WEEKDAY_LOAD = [0.7, 1.1, 1.0, 0.95, 1.0, 0.95, 0.85];
/** Diagnoses that now and then keep a patient in the observation room for a few hours (fluids, watching). */
const OBSERVED: Record<string, number> = { 'A08.4': 0.12, 'A09.9': 0.1, 'J03.9': 0.08, 'N20.0': 0.3, 'J45.9': 0.1 };

export interface HistorySummary {
  visits: number;
  appointments: number;
  rows: number;
}

interface FollowUp {
  p: PatientState;
  dx: DiagnosisSpec;
  doctorId: string;
  due: string;
  prevVisitId: string;
}

class Pools {
  private readonly by: Record<Who | 'all', PatientState[]> = { any: [], all: [], child: [], adult: [], older: [], female: [], male_older: [] };

  add(p: PatientState): void {
    const { age } = p;
    const female = p.row.sex === 'F';
    this.by.all.push(p);
    if (age < 14) this.by.child.push(p);
    else this.by.adult.push(p);
    if (age >= 50) this.by.older.push(p);
    if (female && age >= 16) this.by.female.push(p);
    if (!female && age >= 50) this.by.male_older.push(p);
  }

  /** A patient for a visit; the first of each pool come more often (the clinic's regulars). */
  pick(rng: Rng, who: Who, dept: string): PatientState {
    let pool: PatientState[];
    if (dept === 'EK') pool = this.by.child;
    else if (who === 'any') pool = rng.chance(0.9) ? this.by.adult : this.by.child;
    else pool = this.by[who];
    if (pool.length === 0) pool = this.by.all;
    return pool[Math.floor(pool.length * rng.next() ** 1.5)]!;
  }
}

export function generateHistory(ctx: GenContext, org: Org, catalog: Catalog, sessions: RosterSession[], patientCount: number): HistorySummary {
  const buf = new Buffer();
  const hctx = ctx.withSink(buf);
  const rng = ctx.rng.fork('history');
  const prng = ctx.rng.fork('patients');
  const now = ctx.now;
  const acct = (username: string) => org.accounts.find((a) => a.username === username)!.id;
  const pharmacists = org.byRole('pharmacist').map((a) => a.id);
  const stock = new Stock(hctx, catalog, pharmacists[0]!);
  const counters = new Counters();
  const beds: Bed[] = org.beds.map((b) => ({ id: b.id, deptCode: b.deptCode, busyUntil: 0 }));
  const h: History = {
    ctx: hctx, buf, rng, counters, catalog, stock, pharmacists,
    ledger: new Ledger(hctx, buf, counters, rng.fork('ledger')),
    tills: {
      reception1: { accountId: acct('reception1'), device: 'R1' }, reception2: { accountId: acct('reception2'), device: 'R2' },
      cashier1: { accountId: acct('cashier1'), device: 'C1' }, cashier2: { accountId: acct('cashier2'), device: 'C2' },
    },
    freeBed: (dept, at) => beds.find((b) => b.deptCode === dept && b.busyUntil <= at) ?? beds.find((b) => b.busyUntil <= at),
  };

  // Patients: most registered in the years before, the rest at their first visit.
  const usedIds = new Set<string>();
  const pools = new Pools();
  const all: PatientState[] = [];
  const historyStartMs = ctx.dayStart(ctx.historyStart);
  for (let i = 0; i < patientCount; i++) {
    const registered = prng.chance(0.6);
    const createdAt = registered ? historyStartMs - prng.range(1, 3 * 365) * DAY + prng.range(8 * 60, 17 * 60) * MIN : 0;
    const row = drawPatient({ rng: prng, today: ctx.today, device: 'R1', seq: i + 1, createdAt, id: registered ? hctx.id(createdAt) : '', usedIds });
    const p: PatientState = { row, age: yearsOld(row.birthDate, ctx.today), registered, conditions: new Set() };
    all.push(p);
    pools.add(p);
  }

  const dxByDept = new Map<string, Weighted<DiagnosisSpec>>();
  for (const code of org.deptIds.keys()) {
    const list = DIAGNOSES.filter((d) => d.depts.includes(code));
    if (list.length > 0) dxByDept.set(code, new Weighted(list.map((d) => [d, d.weight] as const)));
  }
  const chronicOf = new Map<string, DiagnosisSpec[]>();
  const followUps: FollowUp[] = [];
  const byDate = new Map<string, RosterSession[]>();
  for (const s of sessions) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);

  const register = (p: PatientState, at: number) => {
    if (p.registered) return;
    p.registered = true;
    p.row.createdAt = at;
    p.row.updatedAt = at;
    p.row.id = hctx.id(at);
  };

  const appointment = (p: PatientState, s: RosterSession, status: 'completed' | 'no_show' | 'cancelled' | 'pending' | 'confirmed', bookedAt: number, doneAt: number) => {
    const source = rng.pick(['phone', 'phone', 'online', 'counter'] as const);
    const confirmedAt = status === 'pending' ? null : source === 'online' ? Math.min(bookedAt + rng.range(30, 300) * MIN, doneAt) : bookedAt;
    const cancelledAt = status === 'cancelled' ? doneAt : null;
    const id = hctx.id(bookedAt);
    buf.push(appointments, {
      id, patientId: p.row.id, sessionId: s.id, status, source, note: null,
      bookedBy: source === 'online' ? null : rng.chance(0.6) ? h.tills.reception1.accountId : h.tills.reception2.accountId,
      confirmedAt, cancelledAt, cancelReason: cancelledAt ? rng.pick(['症状已缓解', '临时有事', '改约其他时间']) : null,
      rescheduledFrom: null, createdAt: bookedAt, updatedAt: status === 'pending' ? bookedAt : status === 'confirmed' ? confirmedAt! : doneAt,
    });
    return id;
  };

  stock.opening();
  let visitCount = 0;
  let appointmentCount = 0;
  for (let date = ctx.historyStart; date <= ctx.today; date = addDays(date, 1)) {
    if (ctx.at(date, 7 * 60 + 40) <= now) stock.restock(date);
    const seenToday = new Set<string>();
    for (const s of byDate.get(date) ?? []) {
      if (s.stopped) continue;
      const [from, to] = PERIOD_HOURS[s.period];
      const dept = s.doctor.spec.dept;
      const load = rng.around(0.62, 0.35, 0.3, 0.95) * WEEKDAY_LOAD[dayOfWeek(date)]!;
      const n = Math.min(s.capacity, Math.round(s.capacity * load));
      const arrivals = Array.from({ length: n }, () => ctx.at(date, from - 20 + rng.int(to - from - 10))).sort((a, b) => a - b);
      const due = followUps.filter((f) => f.due <= date && (f.doctorId === s.doctor.staffId || (rng.chance(0.2) && f.dx.depts.includes(dept))));
      let doctorFree = ctx.at(date, from);
      for (const checkIn of arrivals) {
        if (checkIn > now) break;
        let follow: FollowUp | undefined;
        if (due.length > 0 && rng.chance(0.45)) {
          follow = due.shift()!;
          followUps.splice(followUps.indexOf(follow), 1);
        }
        const dx = follow?.dx ?? dxByDept.get(dept)!.draw(rng);
        let p = follow?.p ?? pools.pick(rng, dx.who, dept);
        // Once a day per patient (a patient not registered yet has no id, so is never "seen").
        for (let tries = 0; !follow && tries < 8 && seenToday.has(p.row.id); tries++) p = pools.pick(rng, dx.who, dept);
        if (seenToday.has(p.row.id)) continue;
        const booked = rng.chance(0.35);
        const bookedAt = checkIn - rng.range(1, 7) * DAY - rng.range(0, 8 * 60) * MIN;
        register(p, booked ? bookedAt - rng.range(1, 5) * MIN : checkIn - rng.range(2, 10) * MIN);
        seenToday.add(p.row.id);
        const extraDx = [...(chronicOf.get(p.row.id) ?? [])].filter((c) => c !== dx && rng.chance(0.3)).slice(0, 1);
        const consultStart = Math.max(checkIn + rng.range(3, 12) * MIN, doctorFree);
        const cancelAt = rng.chance(0.02) ? checkIn + rng.range(10, 40) * MIN : null;
        const consultEnd = consultStart + rng.range(dept === 'KQ' ? 15 : 5, dept === 'KQ' ? 30 : 14) * MIN;
        if (cancelAt === null || cancelAt > now) doctorFree = consultEnd + MIN;
        const priority: PriorityReason | null = p.age >= 80 && rng.chance(0.7) ? 'elderly' : p.age < 1 && rng.chance(0.3) ? 'infant'
          : rng.chance(0.005) ? rng.pick(['disabled', 'veteran'] as const) : null;
        const appointmentId = booked ? appointment(p, s, 'completed', bookedAt, checkIn) : null;
        if (booked) appointmentCount++;
        const plan: Plan = {
          date, session: s, patient: p, dx, extraDx, checkIn, consultStart, consultEnd,
          cancelAt: cancelAt !== null && cancelAt <= now && cancelAt < consultStart ? cancelAt : null,
          appointmentId, followUpOf: follow?.prevVisitId ?? null, priority,
          observe: dx.drugs.includes('infusion') || (OBSERVED[dx.icd10] !== undefined && rng.chance(OBSERVED[dx.icd10]!)),
        };
        const visitId = emitVisit(h, plan);
        visitCount++;
        if (plan.cancelAt !== null) continue;
        if (dx.chronic) {
          if (!p.conditions.has(dx.name)) chronicOf.set(p.row.id, [...(chronicOf.get(p.row.id) ?? []), dx]);
          p.conditions.add(dx.name);
          if (rng.chance(0.75)) followUps.push({ p, dx, doctorId: s.doctor.staffId, due: addDays(date, rng.range(21, 35)), prevVisitId: visitId });
        } else if (rng.chance(0.12)) {
          followUps.push({ p, dx, doctorId: s.doctor.staffId, due: addDays(date, rng.range(3, 7)), prevVisitId: visitId });
        }
      }
      // Booked but never came, or cancelled beforehand.
      const missed = Math.round(n * rng.around(0.08, 0.08, 0, 0.2));
      for (let i = 0; i < missed; i++) {
        const p = pools.pick(rng, 'any', dept);
        if (!p.registered) continue;
        const end = ctx.at(date, to + 30);
        const bookedAt = ctx.at(date, from) - rng.range(1, 10) * DAY;
        if (rng.chance(0.5) && end <= now) appointment(p, s, 'no_show', bookedAt, end);
        else appointment(p, s, 'cancelled', bookedAt, Math.min(bookedAt + rng.range(60, 5 * 24 * 60) * MIN, now - MIN));
        appointmentCount++;
      }
    }
    h.ledger.closeDay(date);
    // Follow-ups overdue by two weeks do not come back any more.
    for (let i = followUps.length - 1; i >= 0; i--) if (addDays(followUps[i]!.due, 14) < date) followUps.splice(i, 1);
  }

  // Appointments ahead: later today and the next two weeks, fewer the further away.
  for (const s of sessions) {
    if (s.date < ctx.today || s.stopped) continue;
    const [from] = PERIOD_HOURS[s.period];
    if (ctx.at(s.date, from) <= now) continue;
    const days = Math.round((ctx.dayStart(s.date) - ctx.dayStart(ctx.today)) / DAY);
    const n = Math.round(s.capacity * rng.around(0.5, 0.3, 0.05, 0.8) * (1 - days / (FUTURE_DAYS + 4)));
    const booked = new Set<PatientState>();
    for (let i = 0; i < n; i++) {
      const p = pools.pick(rng, 'any', s.doctor.spec.dept);
      if (!p.registered || booked.has(p)) continue;
      booked.add(p);
      const bookedAt = now - rng.range(10, 7 * 24 * 60) * MIN;
      appointment(p, s, rng.chance(0.7) ? 'confirmed' : 'pending', bookedAt, now);
      appointmentCount++;
    }
  }

  stock.settleLow(now - 2 * 3_600_000);

  // Patients who have not come yet registered at some point of the history (by phone, for a family member).
  for (const p of all) if (!p.registered) register(p, historyStartMs + rng.int(Math.max(1, now - historyStartMs - 3_600_000)));
  const sorted = [...all].sort((a, b) => a.row.createdAt - b.row.createdAt);
  const seq = { R1: 0, R2: 0 };
  for (const p of sorted) {
    const device = rng.chance(0.6) ? 'R1' : 'R2';
    p.row.recordNo = recordNo(device, ++seq[device]);
    ctx.sink.insert(patients, p.row);
  }
  const rows = buf.flush(ctx.sink);
  return { visits: visitCount, appointments: appointmentCount, rows: rows + sorted.length };
}
