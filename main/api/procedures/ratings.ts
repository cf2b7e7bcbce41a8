/**
 * Patients' ratings of their doctors, for the admin (hub administration): the ratings given in
 * the patient app (`portal.rate`, kept in the hub-only `portal_ratings`) with their comments, for
 * the visits of a date range (clinic-local days, both ends included, at most 366), of one doctor
 * or all, newest first, paged by a keyset cursor, with each doctor's average over the same
 * filter. Audited as a read. No patient is named: a comment is read as the clinic's feedback.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Id, Instant, IsoDate } from '../schemas';

export const RatingsLookup = z.object({
  from: IsoDate,
  to: IsoDate,
  doctorId: Id.nullish(),
  /** Only the ratings that came with a comment. */
  commentsOnly: z.boolean().default(false),
  cursor: z.string().max(400).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const RatingLookupRow = z.object({
  visitId: Id,
  visitDate: IsoDate,
  doctorId: Id,
  doctorName: z.string(),
  departmentName: z.string(),
  departmentNameEn: z.string(),
  stars: z.number().int().min(1).max(5),
  comment: z.string(),
  createdAt: Instant,
});

export const DoctorRatingSummary = z.object({
  doctorId: Id,
  doctorName: z.string(),
  /** Average stars, one decimal. */
  average: z.number().min(1).max(5),
  count: z.number().int().positive(),
  comments: z.number().int().nonnegative(),
});

export const ratingsProcedures = {
  'lookup.ratings': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: "Patients' ratings and comments of the visits of a date range (one doctor or all), newest first, paged; each doctor's average over the same filter. Audited as a read.",
    input: RatingsLookup,
    output: z.object({ rows: z.array(RatingLookupRow), nextCursor: z.string().nullable(), doctors: z.array(DoctorRatingSummary) }),
  }),
} as const;
