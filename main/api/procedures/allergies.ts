/** Coded allergies as the API carries them (main/domain/allergies.ts has the meaning). */
import { z } from 'zod';
import { ALLERGEN_KINDS, ALLERGY_REACTIONS, isDrugClass } from '../../domain/allergies';
import { RequiredText, Text } from '../schemas';

export const CodedAllergyView = z.object({
  kind: z.enum(ALLERGEN_KINDS),
  allergen: z.string(),
  reaction: z.enum(ALLERGY_REACTIONS),
  note: z.string().nullable(),
});

/** One coded allergy as typed: a class must be one of DRUG_CLASSES. */
export const CodedAllergyInput = z.object({
  kind: z.enum(ALLERGEN_KINDS),
  allergen: RequiredText(60),
  reaction: z.enum(ALLERGY_REACTIONS).default('unknown'),
  note: Text(100).nullish(),
}).refine((a) => a.kind !== 'class' || isDrugClass(a.allergen), { message: 'not a known drug class', path: ['allergen'] });

/** The whole list, replacing the stored one. */
export const AllergyListInput = z.array(CodedAllergyInput).max(30);
