/**
 * The safety stops of a prescription (issue 14): pure. A stop is a line that must not be issued
 * without the prescriber's override and its reason:
 * - allergy: the patient's coded allergy names one of the drug's ingredients or classes (a coded
 *   'other' is read like the history), or the free-text history names the drug, an ingredient or a class (main/station/services/pharmacy-allergy.ts);
 * - duplicate_drug: the same drug on another line of the visit's live prescriptions;
 * - duplicate_class: another drug of the same class on the visit's live prescriptions;
 * - over_max_dose: a single dose above the drug's maximum (in the drug's dose unit).
 * Lines of other prescriptions of the visit count for duplicates; stops are reported on the
 * lines of the prescription being checked (a duplicate within it on the later line).
 */
import { CLASS_WORDS, isDrugClass, normalAllergen, type CodedAllergy } from '../../domain/allergies';
import type { RX_STOP_KINDS } from '../../api/procedures/prescriptions';
import { allergensOf, allergyMatches } from './pharmacy-allergy';

export interface SafetyDrug {
  id: string;
  name: string;
  nameEn: string;
  ingredients: readonly string[];
  classes: readonly string[];
  doseUnit: string;
  maxDose: number | null;
}

export interface SafetyLine {
  itemId: string;
  drug: SafetyDrug;
  dose: number;
  doseUnit: string;
}

export interface PatientAllergies {
  coded: readonly CodedAllergy[];
  text: string | null;
}

export type RxStopKind = (typeof RX_STOP_KINDS)[number];

export interface RxStop {
  kind: RxStopKind;
  itemId: string | null;
  drugId: string;
  drugName: string;
  /** allergy: the allergen (ingredient, class code or the words of the history); duplicate_class: the class. */
  allergen: string | null;
  /** allergy: the coded reaction, when coded. */
  reaction: string | null;
  /** duplicate_*: the other line. */
  otherItemId: string | null;
  otherDrugName: string | null;
  /** over_max_dose: the dose written and the maximum. */
  dose: number | null;
  maxDose: number | null;
}

function stop(kind: RxStopKind, line: { itemId: string | null; drug: SafetyDrug }, more: Partial<RxStop> = {}): RxStop {
  return {
    kind, itemId: line.itemId, drugId: line.drug.id, drugName: line.drug.name, allergen: null, reaction: null, otherItemId: null,
    otherDrugName: null, dose: null, maxDose: null, ...more,
  };
}

/** Does free text (one allergen of the history) name this ingredient? Either contains the other (2+ Han / 3+ Latin characters). */
function textNamesIngredient(allergen: string, ingredient: string): boolean {
  const a = normalAllergen(allergen);
  const i = normalAllergen(ingredient);
  const long = (s: string) => (/\p{Script=Han}/u.test(s) ? [...s].length >= 2 : s.length >= 3);
  return long(i) && long(a) && (a.includes(i) || i.includes(a));
}

/** The allergy stops of one drug for this patient (one per allergen). */
export function allergyStops(allergies: PatientAllergies, line: { itemId: string | null; drug: SafetyDrug }): RxStop[] {
  const out: RxStop[] = [];
  const seen = new Set<string>();
  const add = (allergen: string, reaction: string | null) => {
    const key = normalAllergen(allergen);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(stop('allergy', line, { allergen, reaction }));
  };
  const ingredients = line.drug.ingredients.map(normalAllergen);
  const classes = line.drug.classes.map(normalAllergen);
  const textNames = (allergen: string) => {
    const lower = normalAllergen(allergen);
    return line.drug.ingredients.some((i) => textNamesIngredient(allergen, i))
      || line.drug.classes.some((c) => isDrugClass(c) && CLASS_WORDS[c].some((w) => lower.includes(w.toLowerCase())));
  };
  const codedHits: CodedAllergy[] = [];
  for (const a of allergies.coded) {
    const hit = a.kind === 'class' ? classes.includes(normalAllergen(a.allergen))
      : a.kind === 'ingredient' ? ingredients.includes(normalAllergen(a.allergen))
        : textNames(a.allergen) || allergyMatches(a.allergen, line.drug).length > 0;
    if (hit) {
      codedHits.push(a);
      add(a.allergen, a.reaction);
    }
  }
  // The history's words for an allergy already coded (青霉素 beside the coded class penicillins)
  // are the same stop, said twice: only words that name something no coded hit names add one.
  const coveredByCode = (words: string) => codedHits.some((a) => (a.kind === 'class' && isDrugClass(a.allergen)
    ? CLASS_WORDS[a.allergen].some((w) => normalAllergen(words).includes(w.toLowerCase()))
    : textNamesIngredient(words, a.allergen) || normalAllergen(words) === normalAllergen(a.allergen)));
  const addWords = (allergen: string) => { if (!coveredByCode(allergen)) add(allergen, null); };
  for (const allergen of allergensOf(allergies.text)) {
    if (textNames(allergen)) addWords(allergen);
  }
  for (const allergen of allergyMatches(allergies.text, line.drug)) addWords(allergen);
  return out;
}

/** Every stop of `lines` (the prescription checked), with `others` (the visit's other live lines) counting for duplicates. */
export function rxStops(allergies: PatientAllergies, lines: readonly SafetyLine[], others: readonly SafetyLine[] = []): RxStop[] {
  const out: RxStop[] = [];
  lines.forEach((line, n) => {
    out.push(...allergyStops(allergies, line));
    const before = [...others, ...lines.slice(0, n)];
    const same = before.find((o) => o.drug.id === line.drug.id);
    if (same) {
      out.push(stop('duplicate_drug', line, { otherItemId: same.itemId, otherDrugName: same.drug.name }));
    } else {
      for (const c of line.drug.classes) {
        const other = before.find((o) => o.drug.classes.includes(c));
        if (other) out.push(stop('duplicate_class', line, { allergen: c, otherItemId: other.itemId, otherDrugName: other.drug.name }));
      }
    }
    const max = line.drug.maxDose;
    if (max !== null && line.doseUnit === line.drug.doseUnit && line.dose > max) {
      out.push(stop('over_max_dose', line, { dose: line.dose, maxDose: max }));
    }
  });
  return out;
}
