/**
 * The self check-in kiosk's queue slip (排队小票) on an 80 mm roll: clinic, the queue number in
 * large type, patient (masked), doctor, department, room, how many are ahead at printing, whether
 * the registration fee is still to pay (at the counter or by QR), and when it was printed.
 */
import { dateTime, money } from './format';
import { hr, line, slipHeader, text } from './layout';
import { finish, fittedDoc, PAPER, type Ctx } from './pdf';
import type { Lang } from './labels';

export interface QueueSlipData {
  clinicName: string;
  queueNo: string;
  maskedName: string;
  doctorName: string;
  departmentName: string;
  roomName: string | null;
  ahead: number;
  /** The registration fee still due, or 0. */
  dueFen: number;
  printedAt: number;
  timeZone: string;
}

const WORDS = {
  'zh-CN': {
    title: '排队小票', number: '排队号', patient: '患者', doctor: '医生', department: '科室', room: '诊室', ahead: (n: number) => `前面还有 ${n} 人`,
    due: (fee: string) => `挂号费 ${fee} 未付：请扫码支付或到收费处缴费`, paid: '挂号费已结清', printed: '打印时间', hint: '请留意叫号屏幕和手机提醒',
    noRoom: '请听叫号',
  },
  en: {
    title: 'Queue slip', number: 'Number', patient: 'Patient', doctor: 'Doctor', department: 'Department', room: 'Room', ahead: (n: number) => `${n} ahead of you`,
    due: (fee: string) => `Registration fee ${fee} due: pay by QR or at the counter`, paid: 'Registration fee settled', printed: 'Printed', hint: 'Watch the screen and your phone for your call',
    noRoom: 'listen for your call',
  },
} as const;

function draw(ctx: Ctx, d: QueueSlipData, lang: Lang): void {
  const w = WORDS[lang];
  const width = ctx.right - ctx.left;
  let y = slipHeader(ctx, d.clinicName, w.title);
  line(ctx, w.number, ctx.left, y, width, { size: 9, align: 'center' });
  y += 12;
  line(ctx, d.queueNo, ctx.left, y, width, { size: 36, bold: true, align: 'center' });
  y += 42;
  line(ctx, w.ahead(d.ahead), ctx.left, y, width, { size: 12, bold: true, align: 'center' });
  y += 20;
  hr(ctx, y, { dash: true });
  y += 6;
  const rows: [string, string][] = [
    [w.patient, d.maskedName], [w.doctor, d.doctorName], [w.department, d.departmentName], [w.room, d.roomName ?? w.noRoom],
  ];
  for (const [k, v] of rows) {
    line(ctx, `${ctx.L.colon(k)}${v}`, ctx.left, y, width, { size: 10 });
    y += 15;
  }
  y += 2;
  y += text(ctx, d.dueFen > 0 ? w.due(money(d.dueFen)) : w.paid, ctx.left, y, width, { size: 9.5, bold: d.dueFen > 0 }) + 4;
  line(ctx, `${ctx.L.colon(w.printed)}${dateTime(d.printedAt, d.timeZone)}`, ctx.left, y, width, { size: 8.5 });
  y += 13;
  y += text(ctx, w.hint, ctx.left, y, width, { size: 8.5 });
  ctx.y = y;
}

export function renderQueueSlip(d: QueueSlipData, opts: { lang: Lang }): Promise<Buffer> {
  const ctx = fittedDoc(
    { width: PAPER.roll80.width, margins: { top: 12, right: 10, bottom: 14, left: 10 }, lang: opts.lang, title: `${WORDS[opts.lang].title} ${d.queueNo}`, author: d.clinicName },
    (c) => draw(c, d, opts.lang),
  );
  return finish(ctx);
}
