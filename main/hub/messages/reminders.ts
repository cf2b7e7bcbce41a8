/**
 * Tomorrow's reminders (the 'messages.reminders' job): every booking of tomorrow still to be kept
 * (pending or confirmed, its session not stopped) gets one reminder in the outbox, in the
 * patient's language, unless the patient opted out or has no phone. Read from the hub's admin
 * station (caught up first); queued once per appointment however often the job runs.
 */
import { randomUUID } from 'node:crypto';
import { addDays, localDate } from '../../domain/dates';
import type { SessionPeriod } from '../../domain/enums';
import { loadSettings } from '../../station/settings';
import type { AdminStation } from '../admin-station';
import type { OutboxStore } from './store';
import { renderMessage, templateParams, type MessageLanguage, type MessageVariables } from './templates';

export const PERIODS: Record<MessageLanguage, Record<SessionPeriod, string>> = {
  'zh-CN': { morning: '上午', afternoon: '下午', full_day: '全天' },
  en: { morning: 'morning', afternoon: 'afternoon', full_day: 'all day' },
};

/** A mainland mobile number as E.164 (+86…); other numbers as given when they already start with +; else null. */
export function e164(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(digits)) return `+86${digits}`;
  if (/^\+\d{6,15}$/.test(digits)) return digits;
  return null;
}

interface Row { id: string; patientId: string; name: string; phone: string | null; date: string; period: SessionPeriod; doctor: string }

/** Queues tomorrow's reminders; answers how many were new and how many were left out (opted out, no phone). */
export async function queueReminders(admin: AdminStation, outbox: OutboxStore, now: number): Promise<{ queued: number; skipped: number }> {
  await admin.catchUp();
  const st = admin.station;
  const settings = loadSettings(st.db);
  const tomorrow = addDays(localDate(now, settings.timeZone), 1);
  const rows = st.raw.prepare(`SELECT a.id, a.patient_id AS patientId, p.name, p.phone, s.date, s.period, d.name AS doctor
    FROM appointments a JOIN roster_sessions s ON s.id = a.session_id JOIN patients p ON p.id = a.patient_id JOIN staff d ON d.id = s.doctor_id
    WHERE s.date = ? AND s.stopped = 0 AND a.status IN ('pending', 'confirmed') ORDER BY a.id`).all(tomorrow) as Row[];
  const prefs = await outbox.preferences(rows.map((r) => r.patientId));
  const texts = await outbox.templates.texts();
  let queued = 0;
  let skipped = 0;
  for (const r of rows) {
    const pref = prefs.get(r.patientId);
    const phone = e164(r.phone);
    if (pref?.optedOut || !phone) {
      skipped += 1;
      continue;
    }
    const language: MessageLanguage = pref?.language ?? 'zh-CN';
    const vars: MessageVariables = {
      name: r.name, clinic: language === 'en' ? settings.clinicNameEn : settings.clinicName, date: r.date, period: PERIODS[language][r.period], doctor: r.doctor,
    };
    const fresh = await outbox.enqueue({
      id: randomUUID(), dedupeKey: `reminder:${r.id}`, kind: 'reminder', patientId: r.patientId, patientName: r.name, phone, language,
      body: renderMessage(texts.reminder[language], vars), params: templateParams(vars), day: r.date,
    }, now);
    if (fresh) queued += 1;
  }
  return { queued, skipped };
}
