/**
 * The data dictionary as desks read it (written at the hub: main/hub/services/master-dictionary.ts):
 * the active entries of each kind, in the admin's order, for the forms' selects; and the check a
 * form's code gets before it is stored.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { dictionaryDeskProcedures, DictionaryEntryView } from '../../api/procedures/dictionary';
import type { DICTIONARY_KINDS } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { dictionaryEntries } from '../../../db/schema';
import type { RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { blankToNull } from './patients-fields';

export type DictionaryKind = (typeof DICTIONARY_KINDS)[number];

const columns = {
  id: dictionaryEntries.id, kind: dictionaryEntries.kind, code: dictionaryEntries.code, name: dictionaryEntries.name,
  nameEn: dictionaryEntries.nameEn, sortOrder: dictionaryEntries.sortOrder, active: dictionaryEntries.active, updatedAt: dictionaryEntries.updatedAt,
};

/** Entries matching `where`, by kind, the admin's order, then code. */
export function listDictionary(ctx: Pick<RequestContext, 'db'>, where?: SQL): z.input<typeof DictionaryEntryView>[] {
  return ctx.db.select(columns).from(dictionaryEntries).where(where)
    .orderBy(asc(dictionaryEntries.kind), asc(dictionaryEntries.sortOrder), asc(dictionaryEntries.code), asc(dictionaryEntries.id)).all();
}

/**
 * A form's code of a dictionary kind as stored: blank is none (null); otherwise an active entry's
 * code, or the code the row already has (`kept`: an entry stopped since stays where it was given).
 * VALIDATION {field, reason: 'unknown_code', kind, value} for anything else.
 */
export function dictionaryCode(ctx: Pick<RequestContext, 'db'>, kind: DictionaryKind, value: string | null | undefined, field: string, kept: string | null = null): string | null {
  const code = blankToNull(value);
  if (code === null || code === kept) return code;
  const entry = ctx.db.select({ id: dictionaryEntries.id }).from(dictionaryEntries)
    .where(and(eq(dictionaryEntries.kind, kind), eq(dictionaryEntries.code, code), eq(dictionaryEntries.active, true))).get();
  if (!entry) throw new DomainError('VALIDATION', `no active ${kind} entry has code ${code}`, { field, reason: 'unknown_code', kind, value: code });
  return code;
}

/**
 * A code of a kind that has built-in codes (priority reasons, payment methods): an active entry's
 * code passes, a stopped entry's is VALIDATION {reason: 'inactive'}. A built-in code without an
 * entry passes while the kind has no entries at all (a fresh clinic), or always with
 * `builtInsStay` (payment methods: behaviour hangs on the built-in four, so a clinic that adds its
 * own methods keeps them until it stops their entries). Anything else: VALIDATION {field, reason:
 * 'unknown_code', kind, value}.
 */
export function dictionaryChoice(
  ctx: Pick<RequestContext, 'db'>, kind: DictionaryKind, code: string, field: string, builtIn: readonly string[], builtInsStay = false,
): string {
  const entry = ctx.db.select({ active: dictionaryEntries.active }).from(dictionaryEntries)
    .where(and(eq(dictionaryEntries.kind, kind), eq(dictionaryEntries.code, code))).get();
  if (entry?.active) return code;
  if (entry) throw new DomainError('VALIDATION', `the ${kind} entry ${code} is stopped`, { field, reason: 'inactive', kind, value: code });
  if (builtIn.includes(code) && (builtInsStay || !ctx.db.select({ id: dictionaryEntries.id }).from(dictionaryEntries).where(eq(dictionaryEntries.kind, kind)).get())) return code;
  throw new DomainError('VALIDATION', `no ${kind} entry has code ${code}`, { field, reason: 'unknown_code', kind, value: code });
}

/** Every entry's name of a kind (stopped ones too: rows still hold their codes), by code, in a document's language. */
export function dictionaryNames(ctx: Pick<RequestContext, 'db'>, kind: DictionaryKind, lang: 'zh-CN' | 'en'): Record<string, string> {
  return Object.fromEntries(listDictionary(ctx, eq(dictionaryEntries.kind, kind)).map((e) => [e.code, lang === 'en' && e.nameEn ? e.nameEn : e.name]));
}

export const dictionaryDeskHandlers = {
  'dictionary.entries': (ctx, { kind, withStopped }) => ({
    items: listDictionary(ctx, and(withStopped ? undefined : eq(dictionaryEntries.active, true), kind ? eq(dictionaryEntries.kind, kind) : undefined)),
  }),
} satisfies HandlersFor<typeof dictionaryDeskProcedures>;
