/**
 * The front desk's call list on A4 (电话通知单): a day's messages to patients that did not go out
 * by text, one row each with the phone number to ring, what to say and a box to tick (or the time
 * it was ticked off on screen), for the desk to work through with a pen when the list is long or
 * the hub is far. Made at the hub from its outbox (messages.callListSheet).
 */
import { dateTime } from './format';
import { columns, field, hr, line, pageNumbers, table } from './layout';
import { finish, newDoc, PAPER, type Ctx } from './pdf';
import type { Lang } from './labels';

export const CALL_KINDS = ['reminder', 'stop_clinic', 'booking_confirmed', 'booking_cancelled'] as const;

export interface CallListRow {
  patientName: string;
  phone: string | null;
  kind: (typeof CALL_KINDS)[number];
  body: string;
  /** When it was ticked off as called; null while still to call. */
  calledAt: number | null;
}

export interface CallListSheetData {
  clinicName: string;
  /** The clinic day the messages are for (YYYY-MM-DD). */
  day: string;
  rows: CallListRow[];
  printedAt: number;
  timeZone: string;
}

const WORDS = {
  'zh-CN': {
    title: '电话通知单', day: '日期', printed: '打印时间', toCall: '待通知', done: '已通知',
    no: '序号', patient: '患者', phone: '电话', kind: '类别', say: '通知内容', called: '已通知',
    noPhone: '（无电话）', empty: '这一天没有需要电话通知的患者。', sign: '通知人签名：',
    kinds: { reminder: '就诊提醒', stop_clinic: '停诊通知', booking_confirmed: '预约确认', booking_cancelled: '预约取消' },
  },
  en: {
    title: 'Call list', day: 'Day', printed: 'Printed', toCall: 'To call', done: 'Called',
    no: 'No.', patient: 'Patient', phone: 'Phone', kind: 'Kind', say: 'What to say', called: 'Called',
    noPhone: '(no phone)', empty: 'Nobody needs a call on this day.', sign: 'Called by: ',
    kinds: { reminder: 'Reminder', stop_clinic: 'Stop-clinic notice', booking_confirmed: 'Booking confirmed', booking_cancelled: 'Booking cancelled' },
  },
} as const;

function draw(ctx: Ctx, d: CallListSheetData, lang: Lang): void {
  const w = WORDS[lang];
  const width = ctx.right - ctx.left;
  line(ctx, d.clinicName, ctx.left, ctx.y, width, { size: 15, bold: true, align: 'center', minScale: 0.55 });
  ctx.y += 22;
  line(ctx, w.title, ctx.left, ctx.y, width, { size: 14, bold: true, align: 'center' });
  ctx.y += 26;
  const left = d.rows.filter((r) => r.calledAt === null).length;
  field(ctx, w.day, d.day, ctx.left, ctx.y, width * 0.25, { size: 10, bold: true });
  field(ctx, w.toCall, String(left), ctx.left + width * 0.25, ctx.y, width * 0.17, { size: 10, bold: true });
  field(ctx, w.done, String(d.rows.length - left), ctx.left + width * 0.42, ctx.y, width * 0.17, { size: 10 });
  field(ctx, w.printed, dateTime(d.printedAt, d.timeZone), ctx.left + width * 0.59, ctx.y, width * 0.41, { size: 10 });
  ctx.y += 20;
  hr(ctx, ctx.y, { width: 1.2 });
  ctx.y += 8;
  if (d.rows.length === 0) {
    line(ctx, w.empty, ctx.left, ctx.y, width, { size: 11 });
    ctx.y += 18;
    return;
  }
  const cols = columns(ctx, [
    { header: w.no, frac: 0.06, align: 'right' }, { header: w.patient, frac: 0.14, bold: true }, { header: w.phone, frac: 0.15 },
    { header: w.kind, frac: 0.13 }, { header: w.say, frac: 0.4 }, { header: w.called, frac: 0.12, align: 'center' },
  ]);
  // Still to call first (as on screen), then those ticked off; each group in the outbox's order.
  const ordered = [...d.rows.filter((r) => r.calledAt === null), ...d.rows.filter((r) => r.calledAt !== null)];
  table(ctx, cols, ordered.map((r, i) => [
    String(i + 1), r.patientName, r.phone ?? w.noPhone, w.kinds[r.kind], r.body,
    r.calledAt === null ? '□' : `√ ${dateTime(r.calledAt, d.timeZone).slice(11)}`,
  ]), { size: 9, padY: 4 });
  ctx.y += 24;
  line(ctx, w.sign, ctx.left + width * 0.6, ctx.y, width * 0.4, { size: 10 });
  hr(ctx, ctx.y + 14, { x1: ctx.left + width * 0.6 + 60, x2: ctx.right, width: 0.5 });
}

export function renderCallListSheet(d: CallListSheetData, opts: { lang: Lang }): Promise<Buffer> {
  const ctx = newDoc({
    ...PAPER.A4, margins: { top: 36, right: 36, bottom: 40, left: 36 }, footer: 14, lang: opts.lang,
    title: `${WORDS[opts.lang].title} ${d.day}`, author: d.clinicName,
  });
  draw(ctx, d, opts.lang);
  pageNumbers(ctx);
  return finish(ctx);
}
