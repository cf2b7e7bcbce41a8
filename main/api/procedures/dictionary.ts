/**
 * The data dictionary (数据字典, issue 16): short lists the admin keeps at the hub — ID document
 * types, marital status, ethnicity, occupation, cancellation reasons, priority reasons — replicated
 * read-only to every desk, where the forms' selects come from them (`dictionary.entries`).
 *
 * An entry has a kind, a code (what other rows store: letters, digits, _ and -, unique within its
 * kind: CONFLICT {field: 'code'}), a Chinese name, an English name and a place in its list. A code
 * is never changed once made (rows hold it); an entry is stopped instead of deleted, and a stopped
 * entry stays on the rows that hold it. The ID document types are the documents the desk has a rule
 * for (main/domain/idDocuments.ts): another code there is refused (VALIDATION {field: 'code',
 * reason: 'no_rule'}). `master.addStandardDictionary` adds the national standard lists (GB/T 2261.2
 * marital status, GB 3304 the 56 ethnic groups, GB/T 6565 occupation categories, …) of a kind,
 * skipping codes already there. Import (CSV/XLSX, columns kind, code, name, English name, order,
 * status): by kind and code, update or create; every bad row is reported and nothing is written.
 * Admins only, at the hub; every change is audited.
 */
import { z } from 'zod';
import { DICTIONARY_CODE, DICTIONARY_KINDS } from '../../domain/enums';
import { procedure } from '../define';
import { Id, Instant, RequiredText, Text } from '../schemas';
import { ExportFile, ExportInput, ImportInput, ImportResult } from './master';

const ADMIN = ['admin'] as const;

export const DictionaryKind = z.enum(DICTIONARY_KINDS);
export const DictionaryCode = z.string().trim().regex(DICTIONARY_CODE, 'letters, digits, _ and -, at most 40 (e.g. married)');

export const DictionaryEntryView = z.object({
  id: Id,
  kind: DictionaryKind,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  updatedAt: Instant,
});

const SortOrder = z.number().int().min(0).max(100_000);

export const DictionaryEntryInput = z.object({
  kind: DictionaryKind,
  code: DictionaryCode,
  name: RequiredText(60),
  nameEn: Text(100).default(''),
  /** Its place in the list; left out: after the others. */
  sortOrder: SortOrder.optional(),
});

export const dictionaryProcedures = {
  'master.dictionary': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every entry of the data dictionary, stopped ones too, by kind and order.',
    input: z.object({ kind: DictionaryKind.optional() }),
    output: z.object({ items: z.array(DictionaryEntryView) }),
  }),
  'master.createDictionaryEntry': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Add an entry to a list of the data dictionary (code unique in its kind).',
    input: DictionaryEntryInput,
    output: DictionaryEntryView,
  }),
  'master.updateDictionaryEntry': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Rename an entry, move it in its list, or stop (active false) or restart it; its code never changes.",
    input: z.object({ id: Id, name: RequiredText(60).optional(), nameEn: Text(100).optional(), sortOrder: SortOrder.optional(), active: z.boolean().optional() }),
    output: DictionaryEntryView,
  }),
  'master.addStandardDictionary': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Add the national standard entries of a kind, skipping codes already there.',
    input: z.object({ kind: DictionaryKind }),
    output: z.object({ added: z.number().int().nonnegative() }),
  }),
  'master.importDictionary': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Import dictionary entries from CSV or XLSX: by kind and code, update or create; all rows or none.',
    input: ImportInput,
    output: ImportResult,
  }),
  'master.exportDictionary': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'The data dictionary as a CSV or XLSX file, in the import format.',
    input: ExportInput,
    output: ExportFile,
  }),
} as const;

/** The desk's side: what the forms' selects offer. */
export const dictionaryDeskProcedures = {
  'dictionary.entries': procedure({
    kind: 'query', access: 'any',
    summary: 'The active entries of the data dictionary (of one kind, or all), by kind and order; `withStopped`: the stopped ones too (to name codes rows still hold).',
    input: z.object({ kind: DictionaryKind.optional(), withStopped: z.boolean().optional() }),
    output: z.object({ items: z.array(DictionaryEntryView) }),
  }),
} as const;
