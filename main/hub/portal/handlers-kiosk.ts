/**
 * The self check-in kiosk: a browser on the patient port that the admin enrolled with a kiosk
 * token (devices.issueKioskToken → portal.kioskEnroll → its own HttpOnly cookie; dispatch lets
 * 'kiosk' procedures through only with a live one). No patient account: the patient identifies
 * by card barcode or phone + ID last 4 (kiosk-identify.ts), sees today's appointments, and checks
 * one in at the hub exactly as the front desk does (frontdesk.checkIn in one admin-station
 * transaction, written as the kiosk, audited, published to every desk): a queue number and the
 * registration fee, paid here by QR (online payment) or at the counter. Refusals are structured
 * and write nothing: identity (IDENTITY_NOT_MATCHED, TOO_MANY_ATTEMPTS), NO_APPOINTMENT_TODAY,
 * ALREADY_CHECKED_IN, SESSION_STOPPED.
 */
import type { Account } from '../../station/context';
import { DomainError } from '../../domain/errors';
import { frontdeskHandlers } from '../../station/services/frontdesk';
import { maskName } from '../../station/services/queue';
import { clinicToday } from '../../station/services/patients-fields';
import { renderQueueSlip } from '../../documents/queueSlip';
import { runAtHub } from '../payments/hub-ledger';
import type { PortalContext, PortalHandlers } from './context';
import { writeAtHub } from './hub-writes';
import { identify } from './kiosk-identify';
import { queuePositions } from './queue-reads';
import { secretHash } from './store';

type KioskHandlers = Pick<PortalHandlers, 'portal.kioskEnroll' | 'portal.kioskFind' | 'portal.kioskCheckIn' | 'portal.kioskPayOnline' | 'portal.kioskPayStatus' | 'portal.kioskSlip'>;

/** Who writes a kiosk's check-in (audit rows' actor): the kiosk, by the name the admin gave it. */
export function kioskAccount(name: string): Account {
  return { id: `kiosk:${name}`.slice(0, 64), username: 'kiosk', displayName: `Kiosk ${name}`, roles: ['receptionist'], staffId: null };
}

interface TodayAppointment {
  appointmentId: string; patientId: string; status: string; date: string; period: 'morning' | 'afternoon' | 'full_day'; stopped: number;
  doctorName: string; departmentName: string; roomName: string | null; feeFen: number;
}

function todaysAppointments(ctx: PortalContext, patientId: string): TodayAppointment[] {
  const st = ctx.admin.station;
  return st.raw.prepare(`SELECT a.id AS appointmentId, a.patient_id AS patientId, a.status, s.date, s.period, s.stopped, st.name AS doctorName,
      d.name AS departmentName, rm.name AS roomName, st.registration_fee_fen AS feeFen
    FROM appointments a JOIN roster_sessions s ON s.id = a.session_id JOIN staff st ON st.id = s.doctor_id JOIN departments d ON d.id = s.department_id
    LEFT JOIN rooms rm ON rm.id = s.room_id
    WHERE a.patient_id = ? AND s.date = ? AND a.status IN ('pending', 'confirmed', 'completed')
    ORDER BY CASE s.period WHEN 'morning' THEN 0 WHEN 'full_day' THEN 1 ELSE 2 END, a.id`)
    .all(patientId, clinicToday({ now: ctx.now, settings: st.settings })) as TodayAppointment[];
}

/** A visit of today (checked in at a desk or a kiosk), and its registration bill if one is open. */
function todaysVisit(ctx: PortalContext, visitId: string): { id: string; patientId: string; registrationBill: string | null } {
  const st = ctx.admin.station;
  const v = st.raw.prepare('SELECT id, patient_id AS patientId, visit_date AS date FROM visits WHERE id = ?').get(visitId) as { id: string; patientId: string; date: string } | undefined;
  if (!v || v.date !== clinicToday({ now: ctx.now, settings: st.settings })) throw new DomainError('NOT_FOUND', 'no such visit today', { field: 'visitId' });
  const bill = st.raw.prepare("SELECT id FROM bills WHERE visit_id = ? AND kind = 'registration' AND status = 'open' ORDER BY created_at DESC LIMIT 1").get(v.id) as { id: string } | undefined;
  return { id: v.id, patientId: v.patientId, registrationBill: bill?.id ?? null };
}

function positionOf(ctx: PortalContext, patientId: string, visitId: string) {
  const st = ctx.admin.station;
  const p = queuePositions({ raw: st.raw, now: ctx.now, settings: st.settings }, [patientId]).items.find((i) => i.visitId === visitId);
  if (!p) throw new DomainError('NOT_FOUND', 'no such visit today', { field: 'visitId' });
  return p;
}

export const kioskHandlers: KioskHandlers = {
  'portal.kioskEnroll': async (ctx, { token }) => {
    const blocked = ctx.throttles.kioskTokens.blockedUntil(ctx.source, ctx.now());
    if (blocked !== null) throw new DomainError('TOO_MANY_ATTEMPTS', 'too many wrong kiosk tokens; wait a minute', { retryAt: blocked });
    const name = await ctx.portal.kioskName(secretHash(token));
    if (name === undefined) {
      ctx.throttles.kioskTokens.failed(ctx.source, ctx.now());
      ctx.refuse({ kind: 'web', device: 'kiosk', accountId: null, subject: ctx.procedure, code: 'FORBIDDEN', reason: 'a wrong or revoked kiosk token', source: ctx.source });
      throw new DomainError('FORBIDDEN', 'this kiosk token is not valid (ask the admin for a new one)', { field: 'token', reason: 'bad_kiosk_token' });
    }
    ctx.throttles.kioskTokens.succeeded(ctx.source);
    ctx.kioskCookie = token;
    return { name };
  },

  'portal.kioskFind': async (ctx, { identity }) => {
    const patient = identify(ctx, identity);
    const appointments = todaysAppointments(ctx, patient.id);
    // A patient's appointments read at the kiosk are audited, as every patient read is.
    await writeAtHub(ctx.admin, kioskAccount(ctx.kiosk!).id, ctx.procedure, (w) => w.audit('read', 'patient', patient.id, patient.id));
    if (appointments.length === 0) throw new DomainError('NO_APPOINTMENT_TODAY', 'no appointment today', { reason: 'none_today' });
    return {
      maskedName: maskName(patient.name),
      appointments: appointments.map((a) => ({
        appointmentId: a.appointmentId, period: a.period, doctorName: a.doctorName, departmentName: a.departmentName, roomName: a.roomName,
        feeFen: a.feeFen, checkedIn: a.status === 'completed',
      })),
    };
  },

  'portal.kioskCheckIn': async (ctx, { identity, appointmentId }) => {
    const patient = identify(ctx, identity);
    const appointment = todaysAppointments(ctx, patient.id).find((a) => a.appointmentId === appointmentId);
    if (!appointment) throw new DomainError('NO_APPOINTMENT_TODAY', 'this patient has no such appointment today', { field: 'appointmentId', reason: 'not_today' });
    if (appointment.status === 'completed') throw new DomainError('ALREADY_CHECKED_IN', 'this appointment is already checked in', { field: 'appointmentId' });
    const done = await runAtHub(ctx.admin, kioskAccount(ctx.kiosk!), ctx.procedure, (rc) =>
      frontdeskHandlers['frontdesk.checkIn'](rc, { appointmentId, visitType: 'first', priority: false }));
    return {
      position: positionOf(ctx, patient.id, done.visit.id),
      bill: done.bill && done.bill.status === 'open' ? { billId: done.bill.id, dueFen: done.bill.dueFen } : null,
    };
  },

  'portal.kioskPayOnline': async (ctx, { visitId }) => {
    const visit = todaysVisit(ctx, visitId);
    if (visit.registrationBill === null) throw new DomainError('NOT_PAID', 'nothing is due on this visit', { field: 'visitId', reason: 'nothing_due' });
    return ctx.payments.createOrder(visit.registrationBill, null, `${ctx.admin.station.settings.clinicName || 'Clinic'} registration`.slice(0, 128));
  },

  'portal.kioskPayStatus': async (ctx, { visitId, outTradeNo }) => {
    const st = ctx.admin.station;
    const order = await ctx.payments.orderOf(outTradeNo);
    const bill = order ? st.raw.prepare("SELECT visit_id AS visitId FROM bills WHERE id = ? AND kind = 'registration'").get(order.billId) as { visitId: string } | undefined : undefined;
    if (!order || bill?.visitId !== visitId) throw new DomainError('NOT_FOUND', 'no such payment of this visit', { field: 'outTradeNo' });
    const s = await ctx.payments.status(outTradeNo);
    return { outTradeNo: s.outTradeNo, billId: s.billId, amountFen: s.amountFen, state: s.state };
  },

  'portal.kioskSlip': async (ctx, { visitId, lang }) => {
    const visit = todaysVisit(ctx, visitId);
    const p = positionOf(ctx, visit.patientId, visit.id);
    const st = ctx.admin.station;
    const fee = st.raw.prepare('SELECT fee_fen AS fee, fee_status AS status FROM visits WHERE id = ?').get(visit.id) as { fee: number; status: string };
    const pdf = await renderQueueSlip({
      clinicName: st.settings.clinicName || 'Clinic', queueNo: p.queueNo, maskedName: maskName(p.memberName), doctorName: p.doctorName,
      departmentName: p.departmentName, roomName: p.roomName, ahead: p.ahead, dueFen: fee.status === 'unpaid' ? fee.fee : 0,
      printedAt: ctx.now(), timeZone: st.settings.timeZone,
    }, { lang });
    return { pdfBase64: pdf.toString('base64') };
  },
};
