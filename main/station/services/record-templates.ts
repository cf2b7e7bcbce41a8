/** Record templates as desks read them (written at the hub: main/hub/services/master-record-templates.ts). */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { recordTemplateDeskProcedures, RecordTemplateView } from '../../api/procedures/record-templates';
import { departments, recordTemplates } from '../../../db/schema';
import type { RequestContext } from '../context';
import type { Handler, HandlersFor } from '../handler';
import { loadVisit } from './consultation-common';

const columns = {
  id: recordTemplates.id, departmentId: recordTemplates.departmentId, departmentName: departments.name, name: recordTemplates.name,
  complaint: recordTemplates.complaint, presentIllness: recordTemplates.presentIllness, pastHistory: recordTemplates.pastHistory,
  findings: recordTemplates.findings, plan: recordTemplates.plan, active: recordTemplates.active, updatedAt: recordTemplates.updatedAt,
};

/** Templates matching `where`, by department code then name. */
export function listRecordTemplates(ctx: RequestContext, where?: SQL): z.input<typeof RecordTemplateView>[] {
  return ctx.db.select(columns).from(recordTemplates).innerJoin(departments, eq(departments.id, recordTemplates.departmentId))
    .where(where).orderBy(asc(departments.code), asc(recordTemplates.name), asc(recordTemplates.id)).all();
}

export const visitRecordTemplates: Handler<'consultation.recordTemplates'> = (ctx, { visitId }) => {
  const visit = loadVisit(ctx, visitId);
  return { items: listRecordTemplates(ctx, and(eq(recordTemplates.departmentId, visit.departmentId), eq(recordTemplates.active, true))) };
};

export const recordTemplateDeskHandlers = {
  'consultation.recordTemplates': visitRecordTemplates,
} satisfies HandlersFor<typeof recordTemplateDeskProcedures>;
