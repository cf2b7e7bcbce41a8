/** Vital signs of a visit: readings entered at the front desk or in the consult room (main/api/procedures/vitals.ts). */
import { asc, eq } from 'drizzle-orm';
import { ageOn } from '../../domain/age';
import { DomainError } from '../../domain/errors';
import { bmiOf, checkVitals, flagVitals } from '../../domain/vitals';
import type { vitalsProcedures } from '../../api/procedures/vitals';
import { accounts, patients, vitalSigns } from '../../../db/schema';
import { accountOf, type RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { loadVisit, staffNames, type VisitRow } from './consultation-common';

/** Adult reference ranges apply from 18 on the visit's date (and when the birth date is not known). */
function adultAt(ctx: RequestContext, visit: VisitRow): boolean {
  const p = ctx.db.select({ birthDate: patients.birthDate }).from(patients).where(eq(patients.id, visit.patientId)).get();
  if (!p?.birthDate || p.birthDate > visit.visitDate) return true;
  return ageOn(p.birthDate, visit.visitDate).years >= 18;
}

/** Who took the readings: staff names, or an account's name for an account without a staff member. */
function takerNames(ctx: RequestContext, ids: string[]): Map<string, string> {
  const names = staffNames(ctx, ids);
  for (const id of ids) {
    if (names.has(id)) continue;
    const a = ctx.db.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, id)).get();
    names.set(id, a?.username ?? '');
  }
  return names;
}

/** The readings of a visit, oldest first, with BMI and flags. */
export function visitVitals(ctx: RequestContext, visit: VisitRow) {
  const rows = ctx.db.select().from(vitalSigns).where(eq(vitalSigns.visitId, visit.id)).orderBy(asc(vitalSigns.takenAt), asc(vitalSigns.id)).all();
  const adult = adultAt(ctx, visit);
  const names = takerNames(ctx, [...new Set(rows.map((r) => r.takenBy))]);
  return {
    visitId: visit.id,
    adultRanges: adult,
    readings: rows.map((r) => {
      const values = {
        temperatureC: r.temperatureC, systolic: r.systolic, diastolic: r.diastolic, pulse: r.pulse,
        respiration: r.respiration, spo2: r.spo2, weightKg: r.weightKg, heightCm: r.heightCm,
      };
      return {
        id: r.id, visitId: r.visitId, takenAt: r.takenAt, takenBy: r.takenBy, takenByName: names.get(r.takenBy) ?? '',
        ...values, bmi: bmiOf(r.weightKg, r.heightCm), flags: adult ? flagVitals(values) : {},
      };
    }),
  };
}

export const vitalsHandlers = {
  'vitals.record': (ctx, { visitId, ...input }) => {
    const visit = loadVisit(ctx, visitId);
    if (visit.status === 'cancelled') {
      throw new DomainError('ILLEGAL_TRANSITION', 'the visit is cancelled', { field: 'visitId', reason: 'visit_cancelled', visitId, status: visit.status });
    }
    const values = checkVitals(input);
    const me = accountOf(ctx);
    const now = ctx.now();
    const id = ctx.write.insert(vitalSigns, { visitId, ...values, takenAt: now, takenBy: me.staffId ?? me.id });
    ctx.audit('create', 'vital_signs', id, visit.patientId);
    return visitVitals(ctx, visit);
  },
  'vitals.ofVisit': (ctx, { visitId }) => {
    const visit = loadVisit(ctx, visitId);
    ctx.audit('read', 'vital_signs', visitId, visit.patientId);
    return visitVitals(ctx, visit);
  },
} satisfies HandlersFor<typeof vitalsProcedures>;
