/** Reading the audit log (admin). Ordered by time through the audit_log indexes (patient, at) and (at). */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { auditProcedures } from '../../api/procedures/audit';
import { accounts, auditLog, patients, staff } from '../../../db/schema';
import type { HandlersFor } from '../handler';
import { loadPatient } from './patients';

const entryColumns = {
  id: auditLog.id,
  at: auditLog.at,
  accountId: auditLog.accountId,
  username: accounts.username,
  staffName: staff.name,
  device: auditLog.device,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  procedure: auditLog.procedure,
};

export const auditHandlers = {
  'audit.patientTrail': (ctx, { patientId, limit, offset }) => {
    const p = loadPatient(ctx, patientId, 'patientId');
    const rows = ctx.db.select(entryColumns).from(auditLog)
      .leftJoin(accounts, eq(accounts.id, auditLog.accountId))
      .leftJoin(staff, eq(staff.id, accounts.staffId))
      .where(eq(auditLog.patientId, patientId))
      .orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit + 1).offset(offset).all();
    return { patient: { id: p.id, recordNo: p.recordNo, name: p.name }, items: rows.slice(0, limit), hasMore: rows.length > limit };
  },

  'audit.recent': (ctx, { action, accountId, limit, offset }) => {
    const where: SQL[] = [];
    if (action) where.push(eq(auditLog.action, action));
    if (accountId) where.push(eq(auditLog.accountId, accountId));
    const rows = ctx.db.select({ ...entryColumns, patientId: auditLog.patientId, patientName: patients.name, recordNo: patients.recordNo })
      .from(auditLog)
      .leftJoin(accounts, eq(accounts.id, auditLog.accountId))
      .leftJoin(staff, eq(staff.id, accounts.staffId))
      .leftJoin(patients, eq(patients.id, auditLog.patientId))
      .where(where.length > 0 ? and(...where) : undefined)
      .orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit + 1).offset(offset).all();
    return { items: rows.slice(0, limit), hasMore: rows.length > limit };
  },
} satisfies HandlersFor<typeof auditProcedures>;
