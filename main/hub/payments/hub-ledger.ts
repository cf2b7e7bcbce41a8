/**
 * Money written at the hub: runs a billing service function (main/station/services/billing-*.ts,
 * unchanged) in one immediate transaction of the hub's admin station, with a request context as
 * `account`, then publishes what it wrote through the hub like every admin-station change. A dry
 * run checks that the same call would succeed, and writes nothing (it is rolled back): a refund
 * is checked so before the gateway is asked to give money back.
 */
import { auditLog } from '../../../db/schema';
import { ONLINE_CASHIER_ID } from '../../domain/billing';
import type { Account, RequestContext } from '../../station/context';
import { NOTHING_PREPARED } from '../../station/step-up';
import { Writer } from '../../station/writer';
import type { AdminStation } from '../admin-station';

/** Who writes an online payment: the gateway itself, not a cashier (its rows' cashier_id; no person's day close holds them). */
export const ONLINE_CASHIER: Account = { id: ONLINE_CASHIER_ID, username: 'alipay', displayName: 'Alipay', roles: ['cashier'], staffId: null };

class DryRun extends Error {}

/** Runs `fn` and keeps what it wrote (published before this resolves). */
export async function runAtHub<T>(admin: AdminStation, account: Account, procedure: string, fn: (ctx: RequestContext) => T): Promise<T> {
  const out = run(admin, account, procedure, fn, false);
  if (out.touched.length > 0) {
    admin.station.emit('data.changed', { tables: out.touched });
    await admin.flush();
  }
  return out.value;
}

/** Runs `fn` and rolls it back: throws what it would throw, writes nothing. */
export function checkAtHub(admin: AdminStation, account: Account, procedure: string, fn: (ctx: RequestContext) => unknown): void {
  run(admin, account, procedure, fn, true);
}

function run<T>(admin: AdminStation, account: Account, procedure: string, fn: (ctx: RequestContext) => T, dryRun: boolean): { value: T; touched: string[] } {
  const st = admin.station;
  const write = new Writer({ db: st.db, device: st.device, clock: st.clock, now: st.now, allowMasterData: true });
  const at = st.now();
  const ctx: RequestContext = {
    account, sessionToken: null, source: 'local', throttle: st.throttle, device: st.device, db: st.db, raw: st.raw, write, now: st.now,
    settings: st.settings, nextSeq: (name) => st.nextSeq(name), sessions: st.sessions, procedure, hub: st.hub, prepared: NOTHING_PREPARED,
    onFailure: () => undefined, notify: () => undefined,
    audit: (action, entity, entityId, patientId, detail) => {
      write.insert(auditLog, { at, accountId: account.id, device: st.device, action, entity, entityId, patientId, procedure, ...(detail === undefined ? {} : { detail }) });
    },
  };
  const clockBefore = st.clock.hlc;
  let value: T | undefined;
  try {
    st.raw.transaction(() => {
      value = fn(ctx);
      if (dryRun) throw new DryRun();
      if (write.touched.size > 0) st.saveClock();
    }).immediate();
  } catch (err) {
    st.clock.hlc = clockBefore; // the rolled-back writes never happened
    if (!(err instanceof DryRun)) throw err;
    return { value: value as T, touched: [] };
  }
  return { value: value as T, touched: [...write.touched] };
}
