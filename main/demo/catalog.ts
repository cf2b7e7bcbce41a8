/** The formulary and the exam list: rows from the data files, with codes and pinyin search keys. */
import { drugs, examItems } from '../../db/schema';
import { DRUG_FREQUENCIES, DRUG_ROUTES, INSURANCE_CLASSES, type DrugFrequency } from '../domain/enums';
import { parseYuan } from '../domain/money';
import { pinyinKeys } from '../domain/pinyin';
import type { GenContext } from './context';
import { EXAMS, type ExamSpec } from './data/exams';
import { TCM_DRUGS } from './data/drugs-tcm';
import { WESTERN_DRUGS } from './data/drugs-western';
import { demoClasses, demoIngredients } from './drug-safety';
import { joinList } from '../domain/allergies';

export interface DrugSpec {
  code: string;
  name: string;
  nameEn: string;
  spec: string;
  form: string;
  unit: string;
  doseUnit: string;
  dosesPerUnit: number;
  priceFen: number;
  insuranceClass: (typeof INSURANCE_CLASSES)[number];
  dose: number;
  frequency: DrugFrequency;
  route: (typeof DRUG_ROUTES)[number];
  days: number;
  tags: string[];
}

const oneOf = <T extends string>(list: readonly T[], v: string, what: string, line: string): T => {
  if (!(list as readonly string[]).includes(v)) throw new Error(`drug data: bad ${what} '${v}' in: ${line}`);
  return v as T;
};

/** Parses the drug lines; a malformed line is a programming error and throws. */
export function parseDrugLines(text: string, codePrefix: string): DrugSpec[] {
  return text.trim().split('\n').map((line, i) => {
    const f = line.split('|');
    if (f.length !== 11) throw new Error(`drug data: expected 11 fields in: ${line}`);
    const [name, nameEn, spec, form, unit, doseUnit, per, price, cls, usage, tags] = f as [string, ...string[]] & string[];
    const [dose, freq, route, days] = usage!.split(' ');
    const dosesPerUnit = Number(per);
    if (!Number.isInteger(dosesPerUnit) || dosesPerUnit < 1) throw new Error(`drug data: bad doses per unit in: ${line}`);
    return {
      code: `${codePrefix}${String(i + 1).padStart(4, '0')}`,
      name: name!, nameEn: nameEn!, spec: spec!, form: form!, unit: unit!, doseUnit: doseUnit!, dosesPerUnit,
      priceFen: parseYuan(price!),
      insuranceClass: oneOf(INSURANCE_CLASSES, cls!, 'insurance class', line),
      dose: Number(dose),
      frequency: oneOf(DRUG_FREQUENCIES, freq!, 'frequency', line),
      route: oneOf(DRUG_ROUTES, route!, 'route', line),
      days: Number(days),
      tags: tags!.split(' '),
    };
  });
}

export const DRUG_SPECS: readonly DrugSpec[] = [...parseDrugLines(WESTERN_DRUGS, 'XY'), ...parseDrugLines(TCM_DRUGS, 'ZC')];

export interface DrugRef {
  id: string;
  spec: DrugSpec;
  lowStockThreshold: number;
}

export interface ExamRef {
  id: string;
  spec: ExamSpec;
  priceFen: number;
}

export interface Catalog {
  drugs: DrugRef[];
  drugsByTag: Map<string, DrugRef[]>;
  exams: Map<string, ExamRef>;
}

/** The demo's makers: made up, as the demo's approval numbers are (right shape, no real product's). */
const DEMO_MAKERS = ['康宁演示制药有限公司', '华东示例药业股份有限公司', '北方样例制药有限公司'] as const;

/** A drug's records for the demo (issue 16): a maker, an approval number of the right shape from its code, the insert's first contraindication. */
export function demoRecords(spec: Pick<DrugSpec, 'code'>, i: number) {
  const tcm = spec.code.startsWith('ZC');
  return {
    manufacturer: DEMO_MAKERS[i % DEMO_MAKERS.length]!,
    approvalNumber: `国药准字${tcm ? 'Z' : 'H'}2099${spec.code.slice(2).padStart(4, '0')}`,
    contraindications: '对本品过敏者禁用',
  };
}

export function generateCatalog(ctx: GenContext, createdAt: number): Catalog {
  const stamp = { createdAt, updatedAt: createdAt };
  const drugRefs = DRUG_SPECS.map((spec, i): DrugRef => {
    // Thresholds in dispensing units: cheap, much-used boxes keep more on the shelf.
    const lowStockThreshold = spec.priceFen < 3000 ? 20 : 10;
    const id = ctx.sink.insert(drugs, {
      id: ctx.id(createdAt), code: spec.code, name: spec.name, nameEn: spec.nameEn, spec: spec.spec, form: spec.form,
      unit: spec.unit, doseUnit: spec.doseUnit, dosesPerUnit: spec.dosesPerUnit, priceFen: spec.priceFen,
      insuranceClass: spec.insuranceClass, lowStockThreshold, pinyinInitials: pinyinKeys(spec.name).initials,
      // Safe prescribing: ingredients and classes from the name, twice the usual dose as the maximum, the usual use as the defaults.
      ingredients: joinList(demoIngredients(spec.name)), drugClasses: joinList(demoClasses(spec.name)), maxDose: spec.dose * 2,
      defaultDose: spec.dose, defaultFrequency: spec.frequency, defaultRoute: spec.route, defaultDays: spec.days,
      ...demoRecords(spec, i),
      ...stamp,
    });
    return { id, spec, lowStockThreshold };
  });
  const drugsByTag = new Map<string, DrugRef[]>();
  for (const d of drugRefs) {
    for (const tag of d.spec.tags) drugsByTag.set(tag, [...(drugsByTag.get(tag) ?? []), d]);
  }
  const exams = new Map<string, ExamRef>();
  for (const spec of EXAMS) {
    const priceFen = spec.priceYuan * 100;
    const id = ctx.sink.insert(examItems, {
      id: ctx.id(createdAt), code: spec.code, name: spec.name, nameEn: spec.nameEn, category: spec.category, priceFen, ...stamp,
    });
    exams.set(spec.code, { id, spec, priceFen });
  }
  return { drugs: drugRefs, drugsByTag, exams };
}
