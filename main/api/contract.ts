/**
 * The API contract: every procedure of the station, keyed `domain.action`, with its zod input
 * and output and who may call it. Both transports (Electron IPC and the web host's WebSocket)
 * and the renderer use this one map. This is the only module of main/ that the renderer imports.
 */
import type { z } from 'zod';
import type { ErrorBody } from '../domain/errors';
import type { SyncErrorCode } from '../sync/protocol';
import { accountProcedures, type ResumeOutput as ResumeOutputSchema, type SessionEndReason } from './procedures/accounts';
import { appointmentsProcedures } from './procedures/appointments';
import { auditProcedures } from './procedures/audit';
import { billingProcedures } from './procedures/billing';
import { catalogProcedures } from './procedures/catalog';
import { orgProcedures } from './procedures/org';
import { masterProcedures } from './procedures/master';
import { consultationProcedures } from './procedures/consultation';
import { devicesProcedures } from './procedures/devices';
import { jobsProcedures } from './procedures/jobs';
import { lookupProcedures } from './procedures/lookups';
import { messagesProcedures } from './procedures/messages';
import { callListProcedures } from './procedures/call-list';
import { documentsProcedures } from './procedures/documents';
import { frontdeskProcedures } from './procedures/frontdesk';
import { patientsProcedures } from './procedures/patients';
import { pharmacyProcedures } from './procedures/pharmacy';
import { prescriptionsProcedures } from './procedures/prescriptions';
import { prescriptionsRepeatProcedures } from './procedures/prescriptions-repeat';
import { queueProcedures } from './procedures/queue';
import { reviewsProcedures } from './procedures/reviews';
import { rostersProcedures } from './procedures/rosters';
import { statsProcedures } from './procedures/stats';
import { setupProcedures } from './procedures/setup';
import { paymentsProcedures } from './procedures/payments';
import { ratingsProcedures } from './procedures/ratings';
import { equipmentProcedures } from './procedures/equipment';
import { vitalsProcedures } from './procedures/vitals';
import { recordTemplateDeskProcedures, recordTemplateProcedures } from './procedures/record-templates';
import { dictionaryDeskProcedures, dictionaryProcedures } from './procedures/dictionary';

export const procedures = {
  ...accountProcedures,
  ...patientsProcedures,
  ...appointmentsProcedures,
  ...frontdeskProcedures,
  ...queueProcedures,
  ...consultationProcedures,
  ...vitalsProcedures,
  ...recordTemplateProcedures,
  ...recordTemplateDeskProcedures,
  ...dictionaryProcedures,
  ...dictionaryDeskProcedures,
  ...prescriptionsProcedures,
  ...prescriptionsRepeatProcedures,
  ...pharmacyProcedures,
  ...billingProcedures,
  ...catalogProcedures,
  ...auditProcedures,
  ...documentsProcedures,
  ...devicesProcedures,
  ...jobsProcedures,
  ...messagesProcedures,
  ...callListProcedures,
  ...orgProcedures,
  ...masterProcedures,
  ...rostersProcedures,
  ...statsProcedures,
  ...lookupProcedures,
  ...reviewsProcedures,
  ...setupProcedures,
  ...paymentsProcedures,
  ...ratingsProcedures,
  ...equipmentProcedures,
} as const;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
/** The procedures that run at the hub (`at: 'hub'`): their handlers live in main/hub and are registered into the hub's admin station. */
export type HubProcedureName = { [N in ProcedureName]: Procedures[N] extends { readonly at: 'hub' } ? N : never }[ProcedureName];
/** The procedures a workstation runs itself. */
export type DeskProcedureName = Exclude<ProcedureName, HubProcedureName>;
export type Input<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type ParsedInput<N extends ProcedureName> = z.output<Procedures[N]['input']>;
export type Output<N extends ProcedureName> = z.output<Procedures[N]['output']>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** Events the station pushes to its UI. */
export interface StationEvents {
  /** Tables changed by a command here or by sync; screens showing them refresh. */
  'data.changed': { tables: string[] };
  /** A stop-clinic or other notice that must reach every desk. */
  notice: { id: string; kind: 'session_stopped' | 'sync_conflict' | 'queue_renumbered' | 'sync_held' | 'info'; message: string; at: number };
  /**
   * Sync state for the header: online, changes waiting, last sync, and why the hub refused this
   * station when it did (another schema version, a revoked device, a certificate not the pinned one…).
   */
  /**
   * `setAside`: changes the hub refused (kept here, never pushed again), how many and the latest
   * with why; `clockOffsetMs`: the hub's clock minus this PC's at the last hello while that is beyond
   * the bound (the desk then stamps its changes with the hub's time, main/sync/clock.ts), 0 while
   * this PC's clock is right, null: not measured yet.
   */
  'sync.status': {
    online: boolean; pending: number; lastSyncAt: number | null; refused: { code: SyncErrorCode; message: string } | null;
    setAside?: { count: number; latest: { id: string; table: string; rowId: string; op: 'insert' | 'update'; code: string; reason: string }[] };
    clockOffsetMs?: number | null;
  };
  /** The session locked itself after being idle. */
  'session.locked': { at: number };
  /**
   * The station ended this UI's session: its account was disabled or its roles changed (here or by
   * sync), it reached the clinic's longest session, or too many wrong passwords were typed in it.
   * The UI goes to the log-in screen and says why.
   */
  'session.ended': { at: number; code: 'UNAUTHENTICATED' | 'ACCOUNT_DISABLED'; reason: SessionEndReason };
}
export type EventName = keyof StationEvents;
export type { SyncErrorCode };

/** The one generic call every transport offers to the renderer. */
export type Call = <N extends ProcedureName>(name: N, input: Input<N>) => Promise<Result<Output<N>>>;

export { ERROR_CODES, type ErrorBody, type ErrorCode } from '../domain/errors';
export * from '../domain/enums';
export { ALLERGEN_KINDS, ALLERGY_REACTIONS, DRUG_CLASSES, isDrugClass, type AllergenKind, type AllergyReaction, type CodedAllergy, type DrugClass } from '../domain/allergies';

/** Pure rules the UI shares with the core (no I/O): the renderer may import only this module. */
export { parseResidentId, type ResidentId } from '../domain/residentId';
export { changeDue, formatFen, parseYuan, splitInsurance } from '../domain/money';
export { computeQuantity, DOSES_PER_DAY } from '../domain/prescribing';
export { addDays, localDate } from '../domain/dates';
export { ageLabel } from '../domain/age';
export { PRINTED_DOCUMENTS, RECEIPT_PAPERS, type PrintedDocument } from './procedures/documents';
export { PATIENT_ROW_TABLES } from './procedures/reviews';
export { RESUME_CALL, SESSION_END_REASONS, type SessionEndReason } from './procedures/accounts';
/** What the holder answers to RESUME_CALL: who is logged in, whether locked, and the next resume ticket in `token`. */
export type ResumeOutput = z.output<typeof ResumeOutputSchema>;
