/**
 * The clinic's own message texts, checked (pure): every problem of every text at once, each with
 * its field (`templates.<kind>.<language>.text` or `.provider`), so a refused save can show them
 * all. A text must not be empty, uses only the known {{variables}} with balanced braces, and,
 * filled with sample variables, fits in MAX_SEGMENTS SMS segments. The provider's own template
 * (its approved text, pasted to be checked; optional) must take our variables as the adapters send
 * them: Aliyun names them (${name}, any of TEMPLATE_VARIABLES), Tencent numbers them and wants
 * exactly as many as we send ({1} … {5}, each of them).
 */
import {
  DEFAULT_TEMPLATES, MESSAGE_KINDS, MESSAGE_LANGUAGES, renderMessage, TEMPLATE_VARIABLES,
  type MessageKind, type MessageLanguage, type MessageVariables,
} from './templates';

/** A long SMS is cut into segments of 67 characters (70 for one alone); a text may take up to 4 of them. */
export const SEGMENT_CHARS = 67;
export const MAX_SEGMENTS = 4;
export const MAX_TEXT_CHARS = SEGMENT_CHARS * MAX_SEGMENTS;

export interface TemplateText { text: string; provider: string | null }
export type TemplateSet = Record<MessageKind, Record<MessageLanguage, TemplateText>>;

export type TemplateProblem =
  | { field: string; problem: 'empty' }
  | { field: string; problem: 'unknown_variable'; variable: string }
  | { field: string; problem: 'unbalanced_braces' }
  | { field: string; problem: 'too_long'; length: number; max: number }
  | { field: string; problem: 'provider_variables'; expected: string };

/** Variables as they look in a long message: a patient's name and a doctor's can be long. */
export const SAMPLE_VARIABLES: Record<MessageLanguage, MessageVariables> = {
  'zh-CN': { name: '欧阳娜娜', clinic: '康宁诊所', date: '2026-12-08', period: '上午', doctor: '李明' },
  en: { name: 'Ouyang Nana', clinic: 'Kangning Clinic', date: '2026-12-08', period: 'morning', doctor: 'Li Ming' },
};

const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

/** Characters as a phone counts them (a Chinese character is one). */
const length = (s: string) => [...s].length;

/** The problems of one text of ours. */
export function textProblems(field: string, text: string, language: MessageLanguage): TemplateProblem[] {
  if (text.trim() === '') return [{ field, problem: 'empty' }];
  const out: TemplateProblem[] = [];
  const rest = text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_whole, name: string) => {
    if (!KNOWN.has(name)) out.push({ field, problem: 'unknown_variable', variable: name });
    return '';
  });
  if (/[{}]/.test(rest)) out.push({ field, problem: 'unbalanced_braces' });
  const rendered = length(renderMessage(text, SAMPLE_VARIABLES[language]));
  if (rendered > MAX_TEXT_CHARS) out.push({ field, problem: 'too_long', length: rendered, max: MAX_TEXT_CHARS });
  return out;
}

/** The problems of a provider's approved template (null: none given, nothing to check). */
export function providerProblems(field: string, text: string | null, provider: 'aliyun' | 'tencent' | null): TemplateProblem[] {
  if (text === null) return [];
  if (text.trim() === '') return [{ field, problem: 'empty' }];
  const named = [...text.matchAll(/\$\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  const rest = text.replace(/\$\{[^{}]*\}/g, '');
  const numbered = [...rest.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
  const out: TemplateProblem[] = [];
  if (/[{}]/.test(rest.replace(/\{\d+\}/g, ''))) out.push({ field, problem: 'unbalanced_braces' });
  const style = provider ?? (numbered.length > 0 && named.length === 0 ? 'tencent' : 'aliyun');
  const aliyun = `\${${TEMPLATE_VARIABLES.join('}, ${')}}`;
  const tencent = TEMPLATE_VARIABLES.map((_, i) => `{${i + 1}}`).join(', ');
  if (style === 'aliyun') {
    if (numbered.length > 0 || named.some((n) => !KNOWN.has(n))) out.push({ field, problem: 'provider_variables', expected: aliyun });
  } else {
    const used = new Set(numbered);
    const all = TEMPLATE_VARIABLES.every((_, i) => used.has(i + 1)) && [...used].every((n) => n >= 1 && n <= TEMPLATE_VARIABLES.length);
    if (named.length > 0 || !all) out.push({ field, problem: 'provider_variables', expected: tencent });
  }
  return out;
}

/** Every problem of a whole set, in kind and language order. */
export function templateSetProblems(set: TemplateSet, provider: 'aliyun' | 'tencent' | null): TemplateProblem[] {
  return MESSAGE_KINDS.flatMap((kind) => MESSAGE_LANGUAGES.flatMap((lang) => {
    const base = `templates.${kind}.${lang}`;
    return [...textProblems(`${base}.text`, set[kind][lang].text, lang), ...providerProblems(`${base}.provider`, set[kind][lang].provider, provider)];
  }));
}

/** The standard texts (no provider templates noted). */
export function defaultTemplateSet(): TemplateSet {
  const set = {} as TemplateSet;
  for (const kind of MESSAGE_KINDS) {
    set[kind] = { 'zh-CN': { text: DEFAULT_TEMPLATES[kind]['zh-CN'], provider: null }, en: { text: DEFAULT_TEMPLATES[kind].en, provider: null } };
  }
  return set;
}
