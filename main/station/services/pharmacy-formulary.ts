/**
 * The formulary as the prescription builder searches it: active drugs by code prefix, any part of
 * the name or of its pinyin initials ('ald' finds 苯磺酸氨氯地平片, bhsaldpp), or English name,
 * each with the stock available (unexpired batches). The exact code first, then codes starting
 * with it; then the drugs this clinic prescribes most, then by how well they match.
 */
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { normalizeSearchText } from '../../domain/pinyin';
import { drugs } from '../../../db/schema';
import type { RequestContext } from '../context';
import { safetyDrug } from './pharmacy-rx';
import { allergyStops, type PatientAllergies } from './rx-safety';
import { availableByDrug, type DrugRow } from './pharmacy-stock';
import { useCounts } from './use-counts';

/** Candidates read before ranking; a clinic's formulary is a few hundred drugs. */
const CANDIDATES = 200;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** 0 the exact code, 1 a code starting with it, 2 a match by name, initials or English name. */
export function drugTier(d: Pick<DrugRow, 'code'>, q: string): number {
  const code = d.code.toLowerCase();
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  return 2;
}

/** How well a drug's text matches, best 0: name starts with it, initials start with it, name holds it, initials hold it, else. */
export function drugQuality(d: Pick<DrugRow, 'name' | 'pinyinInitials'>, q: string): number {
  if (d.name.startsWith(q)) return 0;
  if (d.pinyinInitials.startsWith(q)) return 1;
  if (d.name.includes(q)) return 2;
  if (d.pinyinInitials.includes(q)) return 3;
  return 4;
}

/** With the patient's allergies, each drug lists the allergens it matches (shown in the results). */
export function searchFormulary(ctx: RequestContext, query: string, limit: number, allergies: PatientAllergies | null = null) {
  const q = normalizeSearchText(query);
  const pattern = escapeLike(q);
  const match = q === '' ? undefined : or(
    sql`lower(${drugs.code}) like ${`${pattern}%`} escape '\\'`,
    sql`${drugs.name} like ${`%${pattern}%`} escape '\\'`,
    sql`${drugs.pinyinInitials} like ${`%${pattern}%`} escape '\\'`,
    sql`lower(${drugs.nameEn}) like ${`%${pattern}%`} escape '\\'`,
  );
  const rows = ctx.db.select().from(drugs).where(and(eq(drugs.active, true), match))
    .orderBy(asc(drugs.code)).limit(CANDIDATES).all();
  const byCode = (a: DrugRow, b: DrugRow) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const uses = useCounts(ctx.raw, 'drugs', ctx.now());
  const used = (d: DrugRow) => uses.get(d.id) ?? 0;
  const ranked = q === '' ? [...rows].sort((a, b) => used(b) - used(a) || byCode(a, b))
    : [...rows].sort((a, b) => drugTier(a, q) - drugTier(b, q) || (drugTier(a, q) === 2 ? used(b) - used(a) : 0)
      || drugQuality(a, q) - drugQuality(b, q) || byCode(a, b));
  const page = ranked.slice(0, limit);
  const stock = availableByDrug(ctx, page.map((d) => d.id));
  return page.map((d) => {
    const available = stock.get(d.id) ?? 0;
    return {
      id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, spec: d.spec, form: d.form, unit: d.unit, doseUnit: d.doseUnit,
      dosesPerUnit: d.dosesPerUnit, priceFen: d.priceFen, insuranceClass: d.insuranceClass, available, prescribable: available > 0,
      defaultDose: d.defaultDose, defaultFrequency: d.defaultFrequency, defaultRoute: d.defaultRoute, defaultDays: d.defaultDays,
      maxDose: d.maxDose,
      manufacturer: d.manufacturer, approvalNumber: d.approvalNumber, contraindications: d.contraindications, cautions: d.cautions,
      allergens: allergies === null ? [] : allergyStops(allergies, { itemId: null, drug: safetyDrug(d) }).map((s) => s.allergen ?? ''),
    };
  });
}
