/**
 * Picking a record template: the template's text goes into the record's empty fields at once;
 * fields where the doctor has typed something else are only listed (`conflicts`), to be replaced
 * if the doctor says so. A field the template leaves empty is never touched.
 */
export function fillFromTemplate<F extends string>(
  texts: Readonly<Record<F, string>>, template: Readonly<Record<F, string>>, fields: readonly F[],
): { texts: Record<F, string>; filled: F[]; conflicts: F[] } {
  const out = { ...texts } as Record<F, string>;
  const filled: F[] = [];
  const conflicts: F[] = [];
  for (const f of fields) {
    const add = template[f].trim();
    if (add === '') continue;
    const mine = texts[f].trim();
    if (mine === '') { out[f] = template[f]; filled.push(f); } else if (mine !== add) conflicts.push(f);
  }
  return { texts: out, filled, conflicts };
}

/** The texts with the conflicting fields replaced by the template's (after the doctor agreed). */
export function replaceFields<F extends string>(texts: Readonly<Record<F, string>>, template: Readonly<Record<F, string>>, fields: readonly F[]): Record<F, string> {
  const out = { ...texts } as Record<F, string>;
  for (const f of fields) out[f] = template[f];
  return out;
}
