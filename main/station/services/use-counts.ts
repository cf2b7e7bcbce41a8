/**
 * How often this clinic has used each drug (prescription lines) and each ICD-10 code
 * (diagnoses), for ranking the pickers' results: common ones first. Counted over an index and
 * kept a minute per database, so typing in a picker does not count again at every key.
 */
import type Database from 'better-sqlite3';

const KEEP_MS = 60_000;

const SQL = {
  drugs: 'SELECT drug_id AS k, count(*) AS n FROM prescription_items GROUP BY drug_id',
  icd10: 'SELECT icd10 AS k, count(*) AS n FROM diagnoses GROUP BY icd10',
} as const;

type Kind = keyof typeof SQL;

const cache = new WeakMap<Database.Database, Map<Kind, { at: number; uses: ReadonlyMap<string, number> }>>();

/** Uses of each drug id or ICD-10 code here; `now` is the station's clock. */
export function useCounts(raw: Database.Database, kind: Kind, now: number): ReadonlyMap<string, number> {
  let byKind = cache.get(raw);
  if (!byKind) cache.set(raw, (byKind = new Map()));
  const hit = byKind.get(kind);
  if (hit && now - hit.at < KEEP_MS && now >= hit.at) return hit.uses;
  const rows = raw.prepare(SQL[kind]).all() as { k: string; n: number }[];
  const uses = new Map(rows.map((r) => [r.k, r.n]));
  byKind.set(kind, { at: now, uses });
  return uses;
}

/** Forgets the counts (a test that writes prescriptions or diagnoses and searches at once). */
export function forgetUseCounts(raw: Database.Database): void {
  cache.delete(raw);
}
