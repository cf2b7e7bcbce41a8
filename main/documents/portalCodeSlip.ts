/**
 * The patient-app activation slip (手机端激活码) on an 80 mm roll, handed over at the front desk:
 * clinic, the patient (masked), the one-time code in large type, until when it works, the patient
 * app's address when the hub knows it, and three short steps. Printed once, when the code is
 * issued: the code is kept only hashed at the hub, so no later print can show it again.
 */
import { dateTime } from './format';
import { hr, line, slipHeader, text } from './layout';
import { finish, fittedDoc, PAPER, type Ctx } from './pdf';
import type { Lang } from './labels';

export interface PortalCodeSlipData {
  clinicName: string;
  maskedName: string;
  recordNo: string;
  /** As issued: XXXXX-XXXXX. */
  code: string;
  expiresAt: number;
  /** The patient app's address on the clinic network, or null when the hub does not serve one it can name. */
  patientAppUrl: string | null;
  printedAt: number;
  timeZone: string;
}

const WORDS = {
  'zh-CN': {
    title: '手机端激活码', patient: '患者', record: '病历号', code: '激活码', expires: '有效期至', printed: '打印时间',
    steps: (url: string) => [`1. 手机连接诊所 Wi-Fi，用浏览器打开 ${url}`, '2. 在登录页点“有前台给的激活码？”，输入激活码和您的手机号', '3. 设置密码，即可预约、排队、缴费和查看病历'],
    noUrl: '诊所网址请咨询前台', once: '激活码只能使用一次，请妥善保管，勿交给他人。',
  },
  en: {
    title: 'Patient app code', patient: 'Patient', record: 'Record no.', code: 'Activation code', expires: 'Valid until', printed: 'Printed',
    steps: (url: string) => [`1. Join the clinic Wi-Fi and open ${url} in a browser`, '2. On the log-in page tap "Have a code from the front desk?", enter the code and your mobile number', '3. Set a password: then book, queue, pay and read your records'],
    noUrl: 'the address the front desk gives you', once: 'The code works once. Keep it to yourself.',
  },
} as const;

function draw(ctx: Ctx, d: PortalCodeSlipData, lang: Lang): void {
  const w = WORDS[lang];
  const width = ctx.right - ctx.left;
  let y = slipHeader(ctx, d.clinicName, w.title);
  for (const [k, v] of [[w.patient, d.maskedName], [w.record, d.recordNo]] as const) {
    line(ctx, `${ctx.L.colon(k)}${v}`, ctx.left, y, width, { size: 10 });
    y += 15;
  }
  y += 2;
  line(ctx, w.code, ctx.left, y, width, { size: 9, align: 'center' });
  y += 12;
  line(ctx, d.code, ctx.left, y, width, { size: 20, bold: true, align: 'center', minScale: 0.6 });
  y += 26;
  line(ctx, `${ctx.L.colon(w.expires)}${dateTime(d.expiresAt, d.timeZone)}`, ctx.left, y, width, { size: 9.5, bold: true, align: 'center' });
  y += 16;
  hr(ctx, y, { dash: true });
  y += 6;
  for (const step of w.steps(d.patientAppUrl ?? w.noUrl)) y += text(ctx, step, ctx.left, y, width, { size: 9 }) + 3;
  y += 2;
  y += text(ctx, w.once, ctx.left, y, width, { size: 8.5, bold: true }) + 4;
  line(ctx, `${ctx.L.colon(w.printed)}${dateTime(d.printedAt, d.timeZone)}`, ctx.left, y, width, { size: 8.5 });
  y += 13;
  ctx.y = y;
}

export function renderPortalCodeSlip(d: PortalCodeSlipData, opts: { lang: Lang }): Promise<Buffer> {
  const ctx = fittedDoc(
    { width: PAPER.roll80.width, margins: { top: 12, right: 10, bottom: 14, left: 10 }, lang: opts.lang, title: WORDS[opts.lang].title, author: d.clinicName },
    (c) => draw(c, d, opts.lang),
  );
  return finish(ctx);
}
