/** Record templates at the hub (see main/api/procedures/record-templates.ts): create, change, stop; audited. */
import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { recordTemplateProcedures, RecordTemplateInput } from '../../api/procedures/record-templates';
import { RECORD_TEXT_FIELDS } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { recordTemplates } from '../../../db/schema';
import type { RequestContext } from '../../station/context';
import type { HandlersFor } from '../../station/handler';
import { listRecordTemplates } from '../../station/services/record-templates';
import { requireActiveDepartment } from './org-structure';

type TemplateRow = typeof recordTemplates.$inferSelect;

function templateView(ctx: RequestContext, id: string) {
  const v = listRecordTemplates(ctx, eq(recordTemplates.id, id))[0];
  if (!v) throw new DomainError('NOT_FOUND', 'no such record template', { field: 'id', entity: 'record_template', id });
  return v;
}

function assertFreeName(ctx: RequestContext, departmentId: string, name: string, selfId: string | null): void {
  const other = ctx.db.select({ id: recordTemplates.id }).from(recordTemplates)
    .where(and(eq(recordTemplates.departmentId, departmentId), eq(recordTemplates.name, name), selfId ? ne(recordTemplates.id, selfId) : undefined)).get();
  if (other) throw new DomainError('CONFLICT', `the department has a template named ${name}`, { field: 'name', reason: 'name_taken', id: other.id });
}

function assertSomeText(t: Pick<TemplateRow, (typeof RECORD_TEXT_FIELDS)[number]>): void {
  if (RECORD_TEXT_FIELDS.every((f) => t[f].trim() === '')) {
    throw new DomainError('VALIDATION', 'a template needs some text', { field: 'complaint', reason: 'empty' });
  }
}

function create(ctx: RequestContext, input: z.output<typeof RecordTemplateInput>): string {
  requireActiveDepartment(ctx, input.departmentId, 'departmentId');
  assertFreeName(ctx, input.departmentId, input.name, null);
  assertSomeText(input);
  const id = ctx.write.insert(recordTemplates, { ...input, active: true });
  ctx.audit('create', 'record_template', id, null);
  return id;
}

export const recordTemplateHandlers = {
  'master.recordTemplates': (ctx) => ({ items: listRecordTemplates(ctx) }),
  'master.createRecordTemplate': (ctx, input) => templateView(ctx, create(ctx, input)),
  'master.updateRecordTemplate': (ctx, { id, ...patch }) => {
    const row = ctx.db.select().from(recordTemplates).where(eq(recordTemplates.id, id)).get();
    if (!row) throw new DomainError('NOT_FOUND', 'no such record template', { field: 'id', entity: 'record_template', id });
    const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && row[k as keyof TemplateRow] !== v)) as Partial<TemplateRow>;
    if (Object.keys(changes).length === 0) return templateView(ctx, id);
    if (changes.name !== undefined) assertFreeName(ctx, row.departmentId, changes.name, id);
    assertSomeText({ ...row, ...changes });
    ctx.write.update(recordTemplates, id, changes);
    ctx.audit('update', 'record_template', id, null);
    return templateView(ctx, id);
  },
} satisfies HandlersFor<typeof recordTemplateProcedures>;
