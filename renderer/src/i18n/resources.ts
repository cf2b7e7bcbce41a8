/** All messages of the UI, per language. New areas are added here. */
import { admin } from './areas/admin';
import { common, shell } from './areas/common';
import { billing } from './areas/billing';
import { consult } from './areas/consult';
import { display } from './areas/display';
import { enums } from './areas/enums';
import { frontdesk, payment } from './areas/frontdesk';
import { patients } from './areas/patients';
import { pharmacy } from './areas/pharmacy';
import { print } from './areas/print';
import { validation } from './areas/validation';
import { setup } from './areas/setup';
import { reviews } from './areas/reviews';
import { lookups } from './areas/lookups';
import { messages } from './areas/messages';
import { patientSide } from './areas/patient-side';
import { equipment } from './areas/equipment';
import { errorsEn, errorsZh, reasonsEn, reasonsZh } from './errors';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const areas = { common, shell, enums, patients, frontdesk, payment, consult, billing, pharmacy, print, display, validation, admin, setup, reviews, lookups, patientSide, messages, equipment };
type Areas = typeof areas;

function pick<L extends 'zh' | 'en'>(lang: L): { [K in keyof Areas]: Areas[K][L] } {
  return Object.fromEntries(Object.entries(areas).map(([k, a]) => [k, a[lang]])) as { [K in keyof Areas]: Areas[K][L] };
}

export const resources = {
  'zh-CN': { translation: { ...pick('zh'), errors: errorsZh, errorReasons: reasonsZh } },
  en: { translation: { ...pick('en'), errors: errorsEn, errorReasons: reasonsEn } },
} as const;

export type Messages = (typeof resources)['zh-CN']['translation'];
