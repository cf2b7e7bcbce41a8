/**
 * Patients' ratings for the admin (lookup.ratings): the hub-only `portal_ratings` joined to the
 * hub's typed visits (the visit's clinic-local date), staff and departments. Newest rating first,
 * keyset-paged on (created_at, visit_id); each doctor's average and count over the whole filter.
 */
import type { z } from 'zod';
import type { DoctorRatingSummary, RatingLookupRow, RatingsLookup } from '../../api/procedures/ratings';
import type { SortKey } from './cursor';
import { afterKey, Params, runPage, str, type LookupDb, type Page } from './page';
import { num } from '../stats/range';

export const RATINGS_KEY = ['n', 's'] as const;

type Filter = z.output<typeof RatingsLookup>;

function whereOf(p: Params, f: Filter): string[] {
  const where = [`v.visit_date >= ${p.add(f.from)}`, `v.visit_date <= ${p.add(f.to)}`];
  if (f.doctorId) where.push(`r.doctor_id = ${p.add(f.doctorId)}`);
  if (f.commentsOnly) where.push(`r.comment <> ''`);
  return where;
}

export async function pageRatings(db: LookupDb, f: Filter, after: SortKey | null, limit: number): Promise<Page<z.input<typeof RatingLookupRow>>> {
  const p = new Params();
  const where = [...whereOf(p, f), afterKey(p, ['r.created_at', 'r.visit_id'], after, true)];
  type Raw = Record<string, unknown>;
  const sql = `
    SELECT r.visit_id, v.visit_date, r.doctor_id, st.name AS doctor_name, d.name AS department_name, d.name_en AS department_name_en,
      r.stars, r.comment, r.created_at
    FROM portal_ratings r JOIN visits v ON v.id = r.visit_id
      LEFT JOIN staff st ON st.id = r.doctor_id LEFT JOIN departments d ON d.id = v.department_id
    WHERE ${where.join(' AND ')}
    ORDER BY r.created_at DESC, r.visit_id DESC`;
  return runPage<Raw, z.input<typeof RatingLookupRow>>(db, 'ratings', sql, p, limit, (r) => ({
    visitId: str(r.visit_id), visitDate: str(r.visit_date), doctorId: str(r.doctor_id), doctorName: str(r.doctor_name),
    departmentName: str(r.department_name), departmentNameEn: str(r.department_name_en), stars: num(r.stars), comment: str(r.comment), createdAt: num(r.created_at),
  }), (r) => [num(r.created_at), str(r.visit_id)]);
}

/** Each rated doctor's average (one decimal), count and comments over the filter, by name. */
export async function doctorAverages(db: LookupDb, f: Filter): Promise<z.input<typeof DoctorRatingSummary>[]> {
  const p = new Params();
  const res = await db.query<Record<string, unknown>>(`
    SELECT r.doctor_id, max(st.name) AS doctor_name, avg(r.stars)::float8 AS average, count(*)::int AS count,
      count(*) FILTER (WHERE r.comment <> '')::int AS comments
    FROM portal_ratings r JOIN visits v ON v.id = r.visit_id LEFT JOIN staff st ON st.id = r.doctor_id
    WHERE ${whereOf(p, f).join(' AND ')}
    GROUP BY r.doctor_id
    ORDER BY max(st.name), r.doctor_id`, p.values);
  return res.rows.map((r) => ({
    doctorId: str(r.doctor_id), doctorName: str(r.doctor_name), average: Math.round(Number(r.average) * 10) / 10, count: num(r.count), comments: num(r.comments),
  }));
}
