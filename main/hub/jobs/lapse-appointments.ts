/**
 * The no-show job: appointments nobody settled once their session is over become no-shows or
 * expire (main/hub/jobs/lapse-policy.ts, the clinic's setting `lapsedBookingsBecome`). A write of
 * replicated rows, so it is made at the hub's admin station (caught up with the log first), in
 * one transaction, each change audited as the hub, then published through the hub like every
 * admin write: desks get it as they get any other change. A desk that checked the patient in
 * meanwhile wins (the appointment lifecycle ranks completed above no_show and cancelled).
 */
import { appointments, auditLog } from '../../../db/schema';
import { localDate } from '../../domain/dates';
import type { AppointmentStatus, SessionPeriod } from '../../domain/enums';
import { loadSettings } from '../../station/settings';
import { Writer } from '../../station/writer';
import type { AdminStation } from '../admin-station';
import { lapsedBookings, type OpenBooking } from './lapse-policy';

export const LAPSE_JOB = 'appointments.lapse';

interface OpenRow { id: string; status: AppointmentStatus; date: string; period: SessionPeriod; stopped: number; visited: number; patientId: string }

/** Settles every lapsed appointment now; answers how many became no-shows and how many expired. */
export async function lapseAppointments(admin: AdminStation, now: number): Promise<{ noShows: number; expired: number }> {
  await admin.catchUp();
  const st = admin.station;
  const settings = loadSettings(st.db);
  const rows = st.raw.prepare(`SELECT a.id, a.status, s.date, s.period, s.stopped, a.patient_id AS patientId,
      EXISTS (SELECT 1 FROM visits v WHERE v.appointment_id = a.id) AS visited
    FROM appointments a JOIN roster_sessions s ON s.id = a.session_id
    WHERE a.status IN ('pending', 'confirmed') AND s.date <= ?`).all(localDate(now, settings.timeZone)) as OpenRow[];
  const open: OpenBooking[] = rows.map((r) => ({ id: r.id, status: r.status, date: r.date, period: r.period, stopped: r.stopped === 1, visited: r.visited === 1 }));
  const patientOf = new Map(rows.map((r) => [r.id, r.patientId]));
  const lapses = lapsedBookings(open, now, settings.timeZone, settings.lapsedBookingsBecome);
  if (lapses.length === 0) return { noShows: 0, expired: 0 };
  const write = new Writer({ db: st.db, device: st.device, clock: st.clock, now: () => now, allowMasterData: false });
  const clockBefore = st.clock.hlc;
  try {
    st.raw.transaction(() => {
      for (const l of lapses) {
        if (l.to === 'no_show') write.update(appointments, l.id, { status: 'no_show' });
        else write.update(appointments, l.id, { status: 'cancelled', cancelledAt: now, cancelReason: l.reason });
        write.insert(auditLog, {
          at: now, accountId: 'hub', device: st.device, action: 'update', entity: 'appointment', entityId: l.id,
          patientId: patientOf.get(l.id) ?? null, procedure: LAPSE_JOB,
          detail: l.to === 'no_show' ? 'no-show: the session ended and the patient did not come' : 'expired: the session ended without the booking being kept',
        });
      }
      st.saveClock();
    }).immediate();
  } catch (err) {
    st.clock.hlc = clockBefore; // the rolled-back writes never happened
    throw err;
  }
  st.emit('data.changed', { tables: ['appointments', 'audit_log'] });
  await admin.flush();
  const noShows = lapses.filter((l) => l.to === 'no_show').length;
  return { noShows, expired: lapses.length - noShows };
}
