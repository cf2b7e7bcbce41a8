/**
 * Stays in a bed on the visit's bill (issue 16): once the patient leaves the bed (the admission is
 * discharged), the stay is a charge of the visit — the nights (main/domain/bed-days.ts) at the
 * ward's daily rate, "床位费 <ward> <bed>" — billed by the cashier like a drug or an exam. While the
 * patient is still in a bed the visit is not settled: it cannot be discharged, since its stay is
 * not yet billable. A ward without a rate (0) bills nothing. A stay is handed over once lived, so
 * its line is never refunded as undelivered.
 */
import { and, asc, eq } from 'drizzle-orm';
import { admissions, beds, wards } from '../../../db/schema';
import { bedCharge } from '../../domain/bed-days';
import type { RequestContext } from '../context';
import type { Charge } from './billing-bills';

export const BED_DESCRIPTION = '床位费';

/** The stays of this visit that ended and are on no bill yet, as charges. */
export function bedCharges(ctx: RequestContext, visitId: string, billed: ReadonlySet<string>): Charge[] {
  const stays = ctx.db.select({ id: admissions.id, admittedAt: admissions.admittedAt, dischargedAt: admissions.dischargedAt, bed: beds.label, ward: wards.name, rate: wards.dailyRateFen })
    .from(admissions).innerJoin(beds, eq(beds.id, admissions.bedId)).innerJoin(wards, eq(wards.id, beds.wardId))
    .where(and(eq(admissions.visitId, visitId), eq(admissions.status, 'discharged')))
    .orderBy(asc(admissions.admittedAt), asc(admissions.id)).all();
  return stays.filter((s) => s.rate > 0 && s.dischargedAt !== null && !billed.has(s.id)).map((s) => {
    const { nights, amountFen } = bedCharge(s.admittedAt, s.dischargedAt!, ctx.settings.timeZone, s.rate);
    return { kind: 'bed', refId: s.id, description: `${BED_DESCRIPTION} ${s.ward} ${s.bed}`, quantity: nights, unitPriceFen: s.rate, amountFen, coverage: 'none' };
  });
}

/** The visit's patient is still in a bed (the stay is not yet billable). */
export function inBed(ctx: Pick<RequestContext, 'db'>, visitId: string): boolean {
  return ctx.db.select({ id: admissions.id }).from(admissions)
    .where(and(eq(admissions.visitId, visitId), eq(admissions.status, 'admitted'))).get() !== undefined;
}
