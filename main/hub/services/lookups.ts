/**
 * Lookups at the hub (administration, read only): every list is checked first (dates, cursor,
 * the department, doctor, cashier or person named must exist in the clinic's replicated
 * rows), then audited as a read of what was looked up (action 'read', entity 'lookup', the list,
 * the filters in `detail`), then read from the hub's store once the transaction has committed.
 * A refused lookup writes nothing, not even its audit row.
 */
import type { lookupProcedures } from '../../api/procedures/lookups';
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../../station/context';
import { afterCommit, type AfterCommit, type HandlersFor } from '../../station/handler';
import { clinicToday } from '../../station/services/patients-fields';
import { decodeCursor } from '../lookups/cursor';
import { exportLookup } from '../lookups/export';
import { checkDates, checkMoneyFilter, checkVisitsScope } from '../lookups/filters';
import { pageAudit, AUDIT_KEY } from '../lookups/lists-audit';
import { APPOINTMENTS_KEY, pageAppointments, pagePatients, pageVisits, PATIENTS_KEY, VISITS_KEY } from '../lookups/lists-clinic';
import { dayClosesOf, MONEY_KEY, pageMoney } from '../lookups/lists-money';
import type { LookupDb } from '../lookups/page';
import { ensureStatsIndexes } from '../stats/indexes';
import { hubStoreOf } from './hub-context';

/** Which replicated table a filter's id must be found in. */
const KNOWN = {
  departmentId: 'departments', doctorId: 'staff', cashierId: 'accounts', accountId: 'accounts',
} as const;
type KnownField = keyof typeof KNOWN;

/** VALIDATION {field, reason: 'unknown'} for an id that names nothing of the clinic's. */
export function checkKnown(ctx: RequestContext, filter: Partial<Record<KnownField, string | null | undefined>>): void {
  for (const field of Object.keys(KNOWN) as KnownField[]) {
    const id = filter[field];
    if (!id) continue;
    const found = ctx.raw.prepare(`SELECT 1 FROM ${KNOWN[field]} WHERE id = ?`).get(id);
    if (!found) throw new DomainError('VALIDATION', `no such ${field.slice(0, -2)}`, { field, reason: 'unknown', value: id });
  }
}

/** The filters as audited: what was looked up, without the paging. */
export function lookedUp(input: object): string {
  const { cursor, limit, ...filters } = input as { cursor?: unknown; limit?: unknown };
  void limit;
  return JSON.stringify({ ...filters, page: cursor ? 'next' : 'first' });
}

/** The hub's store (HUB_UNREACHABLE first), the audit row, then `fn` on the store after commit. */
export function readAtHub<T>(ctx: RequestContext, list: string, patientId: string | null, detail: string, fn: (db: LookupDb) => Promise<T>): AfterCommit<T> {
  const hub = hubStoreOf(ctx, 'lookups are read');
  ctx.audit('read', 'lookup', list, patientId, detail);
  return afterCommit(async () => {
    await ensureStatsIndexes(hub);
    return fn(hub);
  });
}

export const lookupHandlers = {
  'lookup.patients': (ctx, input) => {
    const after = decodeCursor('patients', input.cursor, PATIENTS_KEY);
    return readAtHub(ctx, 'patients', null, lookedUp(input), (db) => pagePatients(db, input, after, input.limit));
  },
  'lookup.appointments': (ctx, input) => {
    checkDates(input);
    checkKnown(ctx, input);
    const after = decodeCursor('appointments', input.cursor, APPOINTMENTS_KEY);
    return readAtHub(ctx, 'appointments', null, lookedUp(input), (db) => pageAppointments(db, input, after, input.limit));
  },
  'lookup.visits': (ctx, input) => {
    checkVisitsScope(input);
    checkKnown(ctx, input);
    const after = decodeCursor('visits', input.cursor, VISITS_KEY);
    return readAtHub(ctx, 'visits', input.patientId ?? null, lookedUp(input), (db) => pageVisits(db, input, after, input.limit));
  },
  'lookup.money': (ctx, input) => {
    checkDates(input);
    checkMoneyFilter(input.kind, input);
    checkKnown(ctx, input);
    const after = decodeCursor('money', input.cursor, MONEY_KEY);
    return readAtHub(ctx, 'money', null, lookedUp(input), (db) => pageMoney(db, input, after, input.limit));
  },
  'lookup.dayCloses': (ctx, input) => {
    checkDates({ from: input.date, to: input.date });
    return readAtHub(ctx, 'day_closes', null, lookedUp(input), async (db) => ({ rows: await dayClosesOf(db, input.date) }));
  },
  'lookup.audit': (ctx, input) => {
    checkDates(input);
    checkKnown(ctx, input);
    const after = decodeCursor('audit', input.cursor, AUDIT_KEY);
    return readAtHub(ctx, 'audit', input.patientId ?? null, lookedUp(input), (db) => pageAudit(db, input, after, input.limit));
  },
  'lookup.export': (ctx, input) => {
    const f = input.filter;
    if (input.list === 'visits') checkVisitsScope(input.filter);
    if (input.list === 'appointments' || input.list === 'money' || input.list === 'audit') checkDates(input.filter);
    if (input.list === 'money') checkMoneyFilter(input.filter.kind, input.filter);
    if (input.list !== 'patients') checkKnown(ctx, input.filter);
    const patientId = 'patientId' in f ? f.patientId ?? null : null;
    return readAtHub(ctx, `export:${input.list}`, patientId, JSON.stringify({ ...f, format: input.format }),
      (db) => exportLookup(db, input, clinicToday(ctx)));
  },
} satisfies HandlersFor<typeof lookupProcedures>;
