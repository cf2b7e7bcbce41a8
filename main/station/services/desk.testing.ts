/** Test helpers for the patients, appointments, catalog and audit tests (not a test file itself). */
import { eq } from 'drizzle-orm';
import { accounts, auditLog } from '../../../db/schema';
import type { Input } from '../../api/contract';
import { makeResidentId } from '../../domain/residentId';
import { NOTHING_PREPARED } from '../step-up';
import type { RequestContext } from '../context';
import { Writer } from '../writer';
import type { Fixture } from '../testing';

type Caller = { token: string | null };

export { count, expectRefused } from '../testing-expect';

/** A valid resident ID; `wantX` picks a sequence whose check character is 'X'. */
export function residentId(birthDate: string, sex: 'M' | 'F', opts: { seq?: number; wantX?: boolean } = {}): string {
  const start = opts.seq ?? (sex === 'M' ? 11 : 12);
  for (let s = start; s < 1000; s += 2) {
    const id = makeResidentId('110101', birthDate, s, sex);
    if (!opts.wantX || id.endsWith('X')) return id;
  }
  throw new Error('no such ID');
}

/** Registers a patient through the API as the receptionist. */
export function register(fx: Fixture, reception: Caller, input: Input<'patients.register'>) {
  return fx.ok(reception, 'patients.register', input);
}

/**
 * Runs `fn` with a request context as `username`, in one transaction, the way dispatch would:
 * for functions other engineers call from their own handlers (completeAppointment, seats).
 */
export function inRequest<T>(fx: Fixture, username: keyof typeof fx.ids.accounts, fn: (ctx: RequestContext) => T): T {
  const st = fx.station;
  const row = st.db.select().from(accounts).where(eq(accounts.username, username)).get()!;
  const write = new Writer({ db: st.db, device: st.device, clock: st.clock, now: st.now, allowMasterData: false });
  const account = { id: row.id, username: row.username, displayName: row.username, roles: row.roles, staffId: row.staffId };
  const ctx: RequestContext = {
    account, sessionToken: null, source: 'local', throttle: st.throttle, device: st.device, db: st.db, raw: st.raw, write, now: st.now, settings: st.settings,
    nextSeq: (name) => st.nextSeq(name), sessions: st.sessions, procedure: 'test', hub: null, prepared: NOTHING_PREPARED, onFailure: () => {}, notify: () => {},
    audit: (action, entity, entityId, patientId) => {
      write.insert(auditLog, { at: st.now(), accountId: account.id, device: st.device, action, entity, entityId, patientId, procedure: 'test' });
    },
  };
  return st.raw.transaction(() => {
    const out = fn(ctx);
    st.saveClock();
    return out;
  }).immediate();
}
