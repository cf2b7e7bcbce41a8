/**
 * The audit log, for the administrator: who read or changed a patient's data, and everything
 * recently done on this replica (audit rows replicate, so the hub's copy holds every desk's).
 */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../domain/enums';
import { procedure } from '../define';
import { Id, Instant, Page } from '../schemas';

export const AuditEntry = z.object({
  id: Id,
  at: Instant,
  accountId: z.string(),
  /** Null when the account is not (or no longer) on this replica. */
  username: z.string().nullable(),
  staffName: z.string().nullable(),
  device: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string(),
  procedure: z.string(),
});

export const AuditEntryWithPatient = AuditEntry.extend({
  patientId: Id.nullable(),
  patientName: z.string().nullable(),
  recordNo: z.string().nullable(),
});

export const auditProcedures = {
  'audit.patientTrail': procedure({
    kind: 'query',
    access: ['admin'],
    summary: "Who read or changed one patient's data, latest first.",
    input: z.object({ patientId: Id, ...Page.shape }),
    output: z.object({
      patient: z.object({ id: Id, recordNo: z.string(), name: z.string() }),
      items: z.array(AuditEntry),
      hasMore: z.boolean(),
    }),
  }),
  'audit.recent': procedure({
    kind: 'query',
    access: ['admin'],
    summary: 'The audit log, latest first, optionally one action or one account.',
    input: z.object({ action: z.enum(AUDIT_ACTIONS).optional(), accountId: Id.optional(), ...Page.shape }),
    output: z.object({ items: z.array(AuditEntryWithPatient), hasMore: z.boolean() }),
  }),
} as const;
