import { describe, expect, it } from 'vitest';
import * as contract from '../../../main/api/contract';
import { keysOf, type Tree } from './define';
import { resources } from './resources';

const zh = resources['zh-CN'].translation as unknown as Tree;
const en = resources.en.translation as unknown as Tree;

/** Every closed vocabulary the UI labels, with its message group. */
const VOCABULARIES: [string, readonly string[]][] = [
  ['role', contract.ROLES], ['sex', contract.SEXES], ['period', contract.SESSION_PERIODS], ['insurance', contract.INSURANCE_TYPES],
  ['appointmentStatus', contract.APPOINTMENT_STATUSES], ['appointmentSource', contract.APPOINTMENT_SOURCES],
  ['visitStatus', contract.VISIT_STATUSES], ['visitType', contract.VISIT_TYPES], ['feeStatus', contract.FEE_STATUSES],
  ['priority', contract.PRIORITY_REASONS], ['payment', contract.PAYMENT_METHODS], ['billStatus', contract.BILL_STATUSES], ['billKind', contract.BILL_KINDS],
  ['prescriptionStatus', contract.PRESCRIPTION_STATUSES], ['frequency', contract.DRUG_FREQUENCIES], ['route', contract.DRUG_ROUTES],
  ['movement', contract.STOCK_MOVEMENT_KINDS], ['examStatus', contract.EXAM_ORDER_STATUSES], ['examCategory', contract.EXAM_CATEGORIES],
];

function lookup(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('messages', () => {
  it('has a zh-CN and an English message for every error code', () => {
    const missing = contract.ERROR_CODES.flatMap((code) =>
      (['zh-CN', 'en'] as const).filter((lang) => !lookup(lang === 'en' ? en : zh, `errors.${code}`)?.trim()).map((lang) => `${lang}:${code}`));
    expect(missing).toEqual([]);
  });

  it('labels every value of every vocabulary the UI shows, in both languages', () => {
    const missing = VOCABULARIES.flatMap(([group, values]) => values.flatMap((v) =>
      [['zh-CN', zh], ['en', en]].filter(([, tree]) => !lookup(tree as Tree, `enums.${group}.${v}`)).map(([lang]) => `${String(lang)}:${group}.${v}`)));
    expect(missing).toEqual([]);
  });

  it('has the same keys in both languages and no empty message', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zh).sort());
    const empty = [...keysOf(zh).filter((k) => !lookup(zh, k)?.trim()), ...keysOf(en).filter((k) => !lookup(en, k)?.trim())];
    expect(empty).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const vars = (s: string | undefined) => [...(s ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const differing = keysOf(zh).filter((k) => JSON.stringify(vars(lookup(zh, k))) !== JSON.stringify(vars(lookup(en, k))));
    expect(differing).toEqual([]);
  });
});
