/**
 * The data dictionary's kinds that have built-in codes (priority reasons, payment methods): the
 * choices a form offers and the names rows show (main/station/services/dictionary.ts
 * dictionaryChoice is the station's side of the same rule).
 */
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, PRIORITY_REASONS, type Output, type PaymentMethodBuiltIn, type PriorityReason } from '../../../main/api/contract';
import { useApiQuery } from '../api/query';

type Entry = Output<'dictionary.entries'>['items'][number];
type Kind = 'priority_reason' | 'payment_method';
export interface Choice { value: string; label: string }

/** The name of an entry in the UI's language (the Chinese name when it has no English one). */
export function nameOf(e: Pick<Entry, 'name' | 'nameEn'>, lang: string): string {
  return lang.startsWith('en') && e.nameEn ? e.nameEn : e.name;
}

/**
 * The entries of a kind, stopped ones too, and what the pure rules below need. `builtInsStay`:
 * the built-in codes hold without an entry even once the clinic has entries (payment methods).
 */
export function offeredChoices(entries: readonly Entry[], builtIn: readonly string[], builtInsStay: boolean, lang: string, builtInName: (code: string) => string): Choice[] {
  const listed = entries.filter((e) => e.active).map((e) => ({ value: e.code, label: nameOf(e, lang) }));
  const loose = builtInsStay || entries.length === 0 ? builtIn.filter((c) => !entries.some((e) => e.code === c)) : [];
  return [...listed, ...loose.map((c) => ({ value: c, label: builtInName(c) }))];
}

/** A code's name: its entry's (stopped or not), else the built-in name, else the code itself. */
export function codeName(entries: readonly Entry[], code: string, lang: string, builtInName: (code: string) => string): string {
  const e = entries.find((x) => x.code === code);
  return e ? nameOf(e, lang) : builtInName(code);
}

function useBuiltInName(kind: Kind): (code: string) => string {
  const { t } = useTranslation();
  if (kind === 'priority_reason') return (c) => ((PRIORITY_REASONS as readonly string[]).includes(c) ? t(`enums.priority.${c as PriorityReason}`) : c);
  return (c) => ((PAYMENT_METHODS as readonly string[]).includes(c) ? t(`enums.payment.${c as PaymentMethodBuiltIn}`) : c);
}

/** Choices and names of a kind with built-in codes, from the replicated dictionary. */
export function useBuiltInKind(kind: Kind) {
  const { i18n } = useTranslation();
  const q = useApiQuery('dictionary.entries', { kind, withStopped: true });
  const entries = q.data?.items ?? [];
  const builtInName = useBuiltInName(kind);
  const builtIn = kind === 'priority_reason' ? PRIORITY_REASONS : PAYMENT_METHODS;
  return {
    loaded: q.data !== undefined,
    choices: offeredChoices(entries, builtIn, kind === 'payment_method', i18n.language, builtInName),
    name: (code: string) => codeName(entries, code, i18n.language, builtInName),
    /** Every code rows may hold (stopped entries too), named: for filters. */
    all: [...new Set([...builtIn, ...entries.map((e) => e.code)])].map((c) => ({ value: c, label: codeName(entries, c, i18n.language, builtInName) })),
  };
}

/**
 * The payment methods a payment form offers: the active payment_method entries in the admin's
 * order (the clinic's own ones too) and the built-in methods without an entry, less the built-in
 * ones the clinic's settings switched off; and every method's name.
 */
export function usePaymentMethods() {
  const kind = useBuiltInKind('payment_method');
  const clinic = useApiQuery('catalog.settings', {}, { staleTime: 60_000 });
  const enabled = clinic.data?.paymentMethods as readonly string[] | undefined;
  const builtIn = PAYMENT_METHODS as readonly string[];
  return { ...kind, choices: kind.choices.filter((c) => !builtIn.includes(c.value) || !enabled || enabled.includes(c.value)) };
}
