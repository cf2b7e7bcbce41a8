/**
 * Stop-clinic and booking messages (the 'messages.queue' job, every minute): read from the hub's
 * admin station (caught up first), so a booking written at the hub (the patient app, an admin)
 * and one made at a desk and synced later are found the same way, whenever the desk's changes
 * arrive. Each is queued once by its dedupe key (`<kind>:<appointment id>`), however often the
 * job runs or the hub restarts:
 * - stop_clinic: every live booking (pending or confirmed) of a stopped session still to come;
 * - booking_confirmed: a live booking made in the last QUEUE_WINDOW_MS of a session still to come
 *   and not stopped;
 * - booking_cancelled: a booking cancelled in the last QUEUE_WINDOW_MS, of a session still to
 *   come and not stopped (a stop has its own message), unless it was moved to another session
 *   (the new booking's confirmation says it all).
 * The window keeps bookings made before messages were switched on from being texted at once.
 * Opted-out patients and patients without a mobile number get none (the stop's own call list at
 * the desk names every booked patient to phone); the text is in the patient's language.
 */
import { randomUUID } from 'node:crypto';
import { localDate } from '../../domain/dates';
import type { SessionPeriod } from '../../domain/enums';
import { loadSettings, type ClinicSettings } from '../../station/settings';
import type { AdminStation } from '../admin-station';
import { e164, PERIODS } from './reminders';
import type { NewMessage, OutboxStore } from './store';
import { renderMessage, templateParams, type MessageKind, type MessageLanguage, type MessageVariables } from './templates';

/** How far back a booking or a cancellation is still texted. */
export const QUEUE_WINDOW_MS = 48 * 60 * 60_000;

export interface AppointmentRow { id: string; patientId: string; name: string; phone: string | null; date: string; period: SessionPeriod; doctor: string }

const SELECT = `SELECT a.id, a.patient_id AS patientId, p.name, p.phone, s.date, s.period, d.name AS doctor
  FROM appointments a JOIN roster_sessions s ON s.id = a.session_id JOIN patients p ON p.id = a.patient_id JOIN staff d ON d.id = s.doctor_id`;

/** The appointments each kind is about, as the admin station has them now. */
export function appointmentsToTell(admin: AdminStation, today: string, since: number): { kind: MessageKind; row: AppointmentRow }[] {
  const raw = admin.station.raw;
  const stopped = raw.prepare(`${SELECT} WHERE s.date >= ? AND s.stopped = 1 AND a.status IN ('pending', 'confirmed') ORDER BY a.id`).all(today) as AppointmentRow[];
  const booked = raw.prepare(`${SELECT} WHERE s.date >= ? AND s.stopped = 0 AND a.status IN ('pending', 'confirmed') AND a.created_at >= ?
    ORDER BY a.id`).all(today, since) as AppointmentRow[];
  const cancelled = raw.prepare(`${SELECT} WHERE s.date >= ? AND s.stopped = 0 AND a.status = 'cancelled' AND a.cancelled_at >= ?
    AND NOT EXISTS (SELECT 1 FROM appointments n WHERE n.rescheduled_from = a.id) ORDER BY a.id`).all(today, since) as AppointmentRow[];
  return [
    ...stopped.map((row) => ({ kind: 'stop_clinic' as const, row })),
    ...booked.map((row) => ({ kind: 'booking_confirmed' as const, row })),
    ...cancelled.map((row) => ({ kind: 'booking_cancelled' as const, row })),
  ];
}

/** The message of `kind` about appointment `r` in `language`, written with `text` (null: no mobile number to text). */
export function appointmentMessage(kind: MessageKind, r: AppointmentRow, language: MessageLanguage, settings: ClinicSettings, text: string): NewMessage | null {
  const phone = e164(r.phone);
  if (!phone) return null;
  const vars: MessageVariables = {
    name: r.name, clinic: language === 'en' ? settings.clinicNameEn : settings.clinicName, date: r.date, period: PERIODS[language][r.period], doctor: r.doctor,
  };
  return {
    id: randomUUID(), dedupeKey: `${kind}:${r.id}`, kind, patientId: r.patientId, patientName: r.name, phone, language,
    body: renderMessage(text, vars), params: templateParams(vars), day: r.date,
  };
}

/** Queues what is new; answers how many were queued and how many left out (opted out, no mobile number). */
export async function queueAppointmentMessages(admin: AdminStation, outbox: OutboxStore, now: number): Promise<{ queued: number; skipped: number }> {
  await admin.catchUp();
  const settings = loadSettings(admin.station.db);
  const todo = appointmentsToTell(admin, localDate(now, settings.timeZone), now - QUEUE_WINDOW_MS);
  const done = await outbox.existingKeys(todo.map((t) => `${t.kind}:${t.row.id}`));
  const fresh = todo.filter((t) => !done.has(`${t.kind}:${t.row.id}`));
  if (fresh.length === 0) return { queued: 0, skipped: 0 };
  const prefs = await outbox.preferences([...new Set(fresh.map((t) => t.row.patientId))]);
  const texts = await outbox.templates.texts();
  let queued = 0;
  let skipped = 0;
  for (const { kind, row } of fresh) {
    const pref = prefs.get(row.patientId);
    const language = pref?.language ?? 'zh-CN';
    const message = pref?.optedOut ? null : appointmentMessage(kind, row, language, settings, texts[kind][language]);
    if (!message) {
      skipped += 1;
      continue;
    }
    if (await outbox.enqueue(message, now)) queued += 1;
  }
  return { queued, skipped };
}
