/** The data dictionary at the hub (see main/api/procedures/dictionary.ts): create, change, stop, standard lists, import/export; audited. */
import { and, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import { DictionaryCode, DictionaryKind, type dictionaryProcedures, type DictionaryEntryInput } from '../../api/procedures/dictionary';
import { STANDARD_DICTIONARY } from '../../domain/dictionary-standard';
import { DICTIONARY_KINDS, ID_DOC_TYPES } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import type { Cell } from '../../tabular/cells';
import { dictionaryEntries } from '../../../db/schema';
import type { RequestContext } from '../../station/context';
import type { HandlersFor } from '../../station/handler';
import { listDictionary, type DictionaryKind as Kind } from '../../station/services/dictionary';
import { exportFile } from './master';
import { DRUG_STATUS_LABELS, headerRow, labelOf, listLabels, valueOf, type ColumnDef, type Lang } from './master-columns';
import { cellChecks, runImport, type PlannedRow, type RowIssue } from './master-import';

type EntryRow = typeof dictionaryEntries.$inferSelect;

const col = <K extends string>(key: K, zh: string, en: string, required: boolean): ColumnDef<K> => ({ key, zh, en, required });
export const DICTIONARY_COLUMNS = [
  col('kind', '类别', 'Kind', true),
  col('code', '编码', 'Code', true),
  col('name', '名称', 'Name', true),
  col('nameEn', '英文名', 'English name', false),
  col('sortOrder', '排序', 'Order', false),
  col('status', '状态', 'Status', false),
] as const;
type ColumnKey = (typeof DICTIONARY_COLUMNS)[number]['key'];

function entryView(ctx: RequestContext, id: string) {
  const v = listDictionary(ctx, eq(dictionaryEntries.id, id))[0];
  if (!v) throw new DomainError('NOT_FOUND', 'no such dictionary entry', { field: 'id', entity: 'dictionary_entry', id });
  return v;
}

function entryOf(ctx: RequestContext, kind: Kind, code: string): EntryRow | undefined {
  return ctx.db.select().from(dictionaryEntries).where(and(eq(dictionaryEntries.kind, kind), eq(dictionaryEntries.code, code))).get();
}

/** The ID document types are those the desk has a rule for. */
function assertHasRule(kind: Kind, code: string): void {
  if (kind === 'id_doc_type' && !(ID_DOC_TYPES as readonly string[]).includes(code)) {
    throw new DomainError('VALIDATION', `no rule checks documents of type ${code}`, { field: 'code', reason: 'no_rule', allowed: ID_DOC_TYPES });
  }
}

function nextOrder(ctx: RequestContext, kind: Kind): number {
  const [r] = ctx.db.select({ m: max(dictionaryEntries.sortOrder) }).from(dictionaryEntries).where(eq(dictionaryEntries.kind, kind)).all();
  return r?.m === null || r?.m === undefined ? 10 : r.m + 10;
}

export function createEntry(ctx: RequestContext, input: z.output<typeof DictionaryEntryInput> & { active?: boolean }): string {
  assertHasRule(input.kind, input.code);
  const other = entryOf(ctx, input.kind, input.code);
  if (other) throw new DomainError('CONFLICT', `the ${input.kind} list has code ${input.code}`, { field: 'code', reason: 'code_taken', id: other.id });
  const id = ctx.write.insert(dictionaryEntries, {
    kind: input.kind, code: input.code, name: input.name, nameEn: input.nameEn, sortOrder: input.sortOrder ?? nextOrder(ctx, input.kind), active: input.active ?? true,
  });
  ctx.audit('create', 'dictionary_entry', id, null);
  return id;
}

export function updateEntry(ctx: RequestContext, id: string, patch: Partial<Pick<EntryRow, 'name' | 'nameEn' | 'sortOrder' | 'active'>>): boolean {
  const row = ctx.db.select().from(dictionaryEntries).where(eq(dictionaryEntries.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such dictionary entry', { field: 'id', entity: 'dictionary_entry', id });
  const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && row[k as keyof EntryRow] !== v)) as Partial<EntryRow>;
  if (Object.keys(changes).length === 0) return false;
  ctx.write.update(dictionaryEntries, id, changes);
  ctx.audit('update', 'dictionary_entry', id, null);
  return true;
}

const KIND_LABELS = Object.fromEntries(DICTIONARY_KINDS.map((k) => [k, {
  zh: { id_doc_type: '证件类型', marital_status: '婚姻状况', ethnicity: '民族', occupation: '职业', cancel_reason: '取消原因', priority_reason: '优先原因', payment_method: '支付方式' }[k],
  en: k,
}])) as Record<Kind, { zh: string; en: string }>;

export function importDictionary(ctx: RequestContext, input: { format: 'csv' | 'xlsx'; base64: string; dryRun: boolean }) {
  const firstRow = new Map<string, number>();
  const plan = (cell: (k: ColumnKey) => string, row: number, issues: RowIssue[]): PlannedRow | null => {
    const before = issues.length;
    const check = cellChecks(row, issues);
    const kindText = cell('kind');
    const kind = kindText === '' ? check.issue('kind', 'REQUIRED', 'required')
      : (valueOf(KIND_LABELS, kindText) ?? (DictionaryKind.safeParse(kindText.toLowerCase()).data)
        ?? check.issue('kind', 'UNKNOWN_VALUE', `unknown kind "${kindText}" (${listLabels(KIND_LABELS)})`));
    const codeText = cell('code');
    let code: string | undefined;
    if (codeText === '') check.issue('code', 'REQUIRED', 'required');
    else if (!DictionaryCode.safeParse(codeText).success) check.issue('code', 'INVALID', 'letters, digits, _ and -, at most 40');
    else if (kind === 'id_doc_type' && !(ID_DOC_TYPES as readonly string[]).includes(codeText)) check.issue('code', 'NO_RULE', `no rule checks documents of type ${codeText} (${ID_DOC_TYPES.join(' ')})`);
    else code = codeText;
    if (kind !== undefined && code !== undefined) {
      const key = `${kind}\u0000${code}`;
      const first = firstRow.get(key);
      if (first !== undefined) check.issue('code', 'DUPLICATE_IN_FILE', `${kind} ${code} is also on row ${first}`);
      else firstRow.set(key, row);
    }
    const name = check.text('name', cell('name'), 60, true);
    const nameEn = check.text('nameEn', cell('nameEn'), 100, false);
    const sortText = cell('sortOrder');
    const sortOrder = sortText === '' ? undefined : check.int('sortOrder', sortText, 0, 100_000);
    const statusText = cell('status');
    const status = statusText === '' ? 'active' : valueOf(DRUG_STATUS_LABELS, statusText);
    if (!status) check.issue('status', 'UNKNOWN_VALUE', `unknown status "${statusText}" (${listLabels(DRUG_STATUS_LABELS)})`);
    if (issues.length > before || kind === undefined || code === undefined || name === undefined || nameEn === undefined || status === undefined) return null;
    const fields = { name, nameEn, active: status === 'active', ...(sortOrder === undefined ? {} : { sortOrder }) };
    const existing = entryOf(ctx, kind, code);
    if (!existing) return { row, kind: 'create', apply: () => void createEntry(ctx, { kind, code, ...fields }) };
    const differs = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k]);
    return { row, kind: differs ? 'update' : 'unchanged', apply: () => void updateEntry(ctx, existing.id, fields) };
  };
  return runImport(ctx, input, DICTIONARY_COLUMNS, plan);
}

export function dictionaryRows(ctx: RequestContext, lang: Lang): Cell[][] {
  const rows: Cell[][] = [headerRow(DICTIONARY_COLUMNS, lang)];
  for (const e of listDictionary(ctx)) {
    const byKey: Record<ColumnKey, Cell> = {
      kind: labelOf(KIND_LABELS, e.kind, lang), code: e.code, name: e.name, nameEn: e.nameEn, sortOrder: e.sortOrder,
      status: labelOf(DRUG_STATUS_LABELS, e.active ? 'active' : 'stopped', lang),
    };
    rows.push(DICTIONARY_COLUMNS.map((c) => byKey[c.key]));
  }
  return rows;
}

export const dictionaryHandlers = {
  'master.dictionary': (ctx, { kind }) => ({ items: listDictionary(ctx, kind ? eq(dictionaryEntries.kind, kind) : undefined) }),
  'master.createDictionaryEntry': (ctx, input) => entryView(ctx, createEntry(ctx, input)),
  'master.updateDictionaryEntry': (ctx, { id, ...patch }) => {
    updateEntry(ctx, id, patch);
    return entryView(ctx, id);
  },
  'master.addStandardDictionary': (ctx, { kind }) => {
    let added = 0;
    STANDARD_DICTIONARY[kind].forEach(([code, name, nameEn], i) => {
      if (entryOf(ctx, kind, code)) return;
      createEntry(ctx, { kind, code, name, nameEn, sortOrder: (i + 1) * 10 });
      added++;
    });
    return { added };
  },
  'master.importDictionary': (ctx, input) => importDictionary(ctx, input),
  'master.exportDictionary': (ctx, { format, lang }) => exportFile(ctx, 'dictionary', format, dictionaryRows(ctx, lang)),
} satisfies HandlersFor<typeof dictionaryProcedures>;
