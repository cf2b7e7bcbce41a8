/**
 * How the portal writes replicated rows: at the hub's admin station, in one SQLite transaction
 * (better-sqlite3 runs it to the end before anything else touches the file, so two bookings can
 * never both see the last seat), audited with the patient account as actor, then published
 * through the hub like every admin-station change, so it reaches every desk.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../../db/open';
import { auditLog } from '../../../db/schema';
import type { AuditAction } from '../../domain/enums';
import type { ClinicSettings } from '../../station/settings';
import { Writer } from '../../station/writer';
import type { AdminStation } from '../admin-station';

export interface HubWrite {
  raw: Database.Database;
  db: Db;
  now: () => number;
  settings: ClinicSettings;
  write: Writer;
  /** This station's device code (record numbers of patients registered here). */
  device: string;
  nextSeq: (name: string) => number;
  audit: (action: AuditAction, entity: string, entityId: string, patientId: string | null) => void;
}

/**
 * Runs `fn` in one immediate transaction of the admin station, as `accountId` (a patient account)
 * calling `procedure`; anything it throws rolls every row back. Resolves once the change is in the
 * hub's log.
 */
export async function writeAtHub<T>(admin: AdminStation, accountId: string | null, procedure: string, fn: (w: HubWrite) => T): Promise<T> {
  const st = admin.station;
  const write = new Writer({ db: st.db, device: st.device, clock: st.clock, now: st.now, allowMasterData: true });
  const at = st.now();
  const ctx: HubWrite = {
    raw: st.raw, db: st.db, now: st.now, settings: st.settings, write, device: st.device,
    nextSeq: (name) => st.nextSeq(name),
    audit: (action, entity, entityId, patientId) => {
      write.insert(auditLog, { at, accountId: accountId ?? 'anonymous', device: st.device, action, entity, entityId, patientId, procedure, detail: 'patient portal' });
    },
  };
  const clockBefore = st.clock.hlc;
  let out: T;
  try {
    out = st.raw.transaction(() => {
      const result = fn(ctx);
      if (write.touched.size > 0) st.saveClock();
      return result;
    }).immediate();
  } catch (err) {
    st.clock.hlc = clockBefore; // the rolled-back writes never happened
    throw err;
  }
  if (write.touched.size > 0) {
    st.emit('data.changed', { tables: [...write.touched] });
    await admin.flush();
  }
  return out;
}
