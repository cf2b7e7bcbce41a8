/**
 * How one prescription line is taken, in the desk's language: "2粒 · 每日三次 · 口服 · 5天" /
 * "2粒 · Three times a day · By mouth · 5 days". One wording for the doctor's draft, the repeat
 * dialog and the pharmacist's queue; the parts stand apart with middle dots, so each keeps its
 * capital in English instead of running into a sentence.
 */
import { useTranslation } from 'react-i18next';
import type { DRUG_ROUTES, DrugFrequency } from '../../../main/api/contract';

export interface DoseLine {
  dose: number;
  doseUnit: string;
  frequency: DrugFrequency;
  route: (typeof DRUG_ROUTES)[number];
  days: number;
}

export function useDoseText(): (l: DoseLine) => string {
  const { t } = useTranslation();
  return (l) => [`${l.dose}${l.doseUnit}`, t(`enums.frequency.${l.frequency}`), t(`enums.route.${l.route}`), t('common.dayCount', { count: l.days })].join(' · ');
}
