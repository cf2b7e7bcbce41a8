/**
 * The demo formulary's safe-prescribing fields (issue 14), derived from each drug's name and
 * usual use: its ingredient (the generic name: the name without form and salt), its classes
 * (by the name stems pharmacology uses: …西林 penicillins, 头孢… cephalosporins, …沙星
 * quinolones …), a maximum single dose of twice the usual one, and the usual dose, frequency,
 * route and days as the line's defaults.
 */
import { genericName } from '../station/services/pharmacy-allergy';
import type { DrugClass } from '../domain/allergies';

const STEMS: readonly [DrugClass, readonly string[]][] = [
  ['penicillin', ['西林']],
  ['cephalosporin', ['头孢']],
  ['carbapenem', ['培南']],
  ['macrolide', ['阿奇霉素', '罗红霉素', '克拉霉素', '红霉素']],
  ['quinolone', ['沙星']],
  ['nitroimidazole', ['硝唑']],
  ['sulfonamide', ['磺胺']],
  ['nsaid', ['布洛芬', '对乙酰氨基酚', '双氯芬酸', '洛索洛芬', '塞来昔布', '美洛昔康', '阿司匹林', '萘普生']],
  ['ccb', ['地平']],
  ['arb', ['沙坦']],
  ['ace_inhibitor', ['普利']],
  ['statin', ['他汀']],
  ['ppi', ['拉唑']],
  ['beta_blocker', ['洛尔']],
  ['biguanide', ['二甲双胍']],
  ['sulfonylurea', ['格列齐特', '格列美脲', '格列吡嗪', '格列本脲']],
  ['h1_antihistamine', ['氯雷他定', '西替利嗪', '氯苯那敏', '依巴斯汀']],
  ['corticosteroid', ['泼尼松', '地塞米松', '倍他米松', '布地奈德', '氢化可的松', '糠酸莫米松']],
  ['beta2_agonist', ['沙丁胺醇', '特布他林']],
  ['benzodiazepine', ['地西泮', '阿普唑仑', '艾司唑仑']],
];

/** Salt and prefix words that are not the ingredient (…钠, 复方…, 注射用…). */
const SALTS = /(盐酸|硫酸|苯磺酸|马来酸|酒石酸|琥珀酸|磷酸|氨丁三醇|钠|钾|钙|酯)/gu;

export function demoIngredients(name: string): string[] {
  const generic = genericName(name).replace(/^(注射用|复方)/u, '').replace(/^[\d.%]+/u, '');
  // A combination names its parts ("阿莫西林克拉维酸钾" → 阿莫西林, 克拉维酸).
  const parts = generic.includes('克拉维酸') ? [generic.replace(/克拉维酸.*$/u, ''), '克拉维酸'] : [generic];
  return parts.map((p) => p.replace(SALTS, '')).filter((p) => [...p].length >= 2);
}

export function demoClasses(name: string): DrugClass[] {
  return STEMS.filter(([, stems]) => stems.some((s) => name.includes(s))).map(([c]) => c);
}
