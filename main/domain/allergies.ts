/**
 * Coded allergies and drug classes: what safe prescribing checks against (issue 14). A patient's
 * coded allergy names an active ingredient (its generic name, as the formulary's `ingredients`
 * spell it) or a drug class (a DRUG_CLASSES code), with the reaction seen. The free-text history
 * is kept beside it as told. Pure.
 *
 * The list is stored as JSON in patients.allergy_list and replicates: a row that arrives from
 * another desk is read through `parseAllergyList`, which keeps every entry it can read and says
 * whether something was unreadable (a malformed list is shown as such, never read as "no allergies").
 */

export const DRUG_CLASSES = [
  'penicillin', 'cephalosporin', 'carbapenem', 'macrolide', 'tetracycline', 'aminoglycoside', 'sulfonamide', 'quinolone',
  'nitroimidazole', 'nsaid', 'opioid', 'ace_inhibitor', 'arb', 'ccb', 'beta_blocker', 'statin', 'ppi', 'h1_antihistamine',
  'corticosteroid', 'biguanide', 'sulfonylurea', 'benzodiazepine', 'beta2_agonist', 'iodinated_contrast',
] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];

export const ALLERGY_REACTIONS = ['rash', 'urticaria', 'angioedema', 'anaphylaxis', 'bronchospasm', 'gi', 'other', 'unknown'] as const;
export type AllergyReaction = (typeof ALLERGY_REACTIONS)[number];

/** 'other': an allergen as written (a drug the catalog does not name, a food): checked like the free-text history. */
export const ALLERGEN_KINDS = ['ingredient', 'class', 'other'] as const;
export type AllergenKind = (typeof ALLERGEN_KINDS)[number];

export interface CodedAllergy {
  kind: AllergenKind;
  /** An ingredient's generic name (kind 'ingredient'), a DRUG_CLASSES code (kind 'class') or words as written (kind 'other'). */
  allergen: string;
  reaction: AllergyReaction;
  note: string | null;
}

/** Words of free text (zh, en) that name each class: the free-text history is checked with them too. */
export const CLASS_WORDS: Readonly<Record<DrugClass, readonly string[]>> = {
  penicillin: ['青霉素', 'penicillin'],
  cephalosporin: ['头孢', 'cephalosporin'],
  carbapenem: ['碳青霉烯', 'carbapenem'],
  macrolide: ['大环内酯', 'macrolide'],
  tetracycline: ['四环素', 'tetracycline'],
  aminoglycoside: ['氨基糖苷', 'aminoglycoside'],
  sulfonamide: ['磺胺', 'sulfa', 'sulpha', 'sulfonamide'],
  quinolone: ['喹诺酮', '沙星', 'quinolone'],
  nitroimidazole: ['硝基咪唑', 'nitroimidazole'],
  nsaid: ['非甾体', '解热镇痛', 'nsaid'],
  opioid: ['阿片', 'opioid'],
  ace_inhibitor: ['普利', 'ace inhibitor', 'acei'],
  arb: ['沙坦', 'arb'],
  ccb: ['钙通道阻滞', '地平', 'calcium channel'],
  beta_blocker: ['β受体阻滞', '洛尔', 'beta blocker'],
  statin: ['他汀', 'statin'],
  ppi: ['质子泵', '拉唑', 'proton pump'],
  h1_antihistamine: ['抗组胺', 'antihistamine'],
  corticosteroid: ['激素', '糖皮质', 'corticosteroid', 'steroid'],
  biguanide: ['双胍', 'biguanide'],
  sulfonylurea: ['磺脲', 'sulfonylurea'],
  benzodiazepine: ['苯二氮', 'benzodiazepine'],
  beta2_agonist: ['β2受体激动', 'beta2 agonist'],
  iodinated_contrast: ['碘造影', '碘对比', 'contrast', 'iodine'],
};

export function isDrugClass(s: string): s is DrugClass {
  return (DRUG_CLASSES as readonly string[]).includes(s);
}

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** An allergen or ingredient as compared: NFKC, trimmed, lower case. */
export function normalAllergen(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/** A '|'-separated catalog list ("阿莫西林|克拉维酸") as its entries, blanks left out. */
export function splitList(s: string | null | undefined): string[] {
  if (!s) return [];
  return [...new Set(s.split('|').map((x) => x.normalize('NFKC').trim()).filter((x) => x !== ''))];
}

export function joinList(items: readonly string[]): string {
  return [...new Set(items.map((x) => x.normalize('NFKC').trim()).filter((x) => x !== ''))].join('|');
}

export interface ParsedAllergyList {
  items: CodedAllergy[];
  /** Something in the stored list could not be read (a malformed row from elsewhere). */
  unreadable: boolean;
}

/** The stored list, every entry that reads as a coded allergy; null or '' is an empty list. */
export function parseAllergyList(stored: string | null | undefined): ParsedAllergyList {
  if (stored === null || stored === undefined || stored === '') return { items: [], unreadable: false };
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return { items: [], unreadable: true };
  }
  if (!Array.isArray(raw)) return { items: [], unreadable: true };
  const items: CodedAllergy[] = [];
  let unreadable = false;
  for (const e of raw as unknown[]) {
    const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const allergen = typeof o['allergen'] === 'string' ? o['allergen'].trim() : '';
    const note = typeof o['note'] === 'string' && o['note'].trim() !== '' ? o['note'].trim() : null;
    if (!oneOf(ALLERGEN_KINDS, o['kind']) || allergen === '' || allergen.length > 60
      || (o['kind'] === 'class' && !isDrugClass(allergen))) {
      unreadable = true;
      continue;
    }
    items.push({ kind: o['kind'], allergen, reaction: oneOf(ALLERGY_REACTIONS, o['reaction']) ? o['reaction'] : 'unknown', note });
  }
  return { items, unreadable };
}

/** The list as stored: entries in the order given, one per kind and allergen (the first wins); null when empty. */
export function serializeAllergyList(items: readonly CodedAllergy[]): string | null {
  const byKey = new Map<string, CodedAllergy>();
  for (const a of items) {
    const allergen = a.allergen.normalize('NFKC').trim();
    const key = `${a.kind}:${normalAllergen(allergen)}`;
    if (byKey.has(key)) continue;
    byKey.set(key, { kind: a.kind, allergen, reaction: a.reaction, note: a.note && a.note.trim() !== '' ? a.note.trim() : null });
  }
  return byKey.size === 0 ? null : JSON.stringify([...byKey.values()]);
}
