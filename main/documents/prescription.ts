/**
 * Prescription (处方笺), A5, the customary layout: clinic, title, number, department, date,
 * patient, diagnosis, then Rp. with one block per drug (name and specification, quantity,
 * amount; below it the dosage: dose, route, frequency, days). Doctor, amount and the
 * pharmacists' lines sit at the foot of every page; a long prescription continues on further
 * pages with the whole header repeated and marked 续页 / continued.
 */
import { date, money, present, withUnit } from './format';
import { copyMarks, field, font, GREY, hr, line, measure, pageNumbers, printable, text, widthOf } from './layout';
import { ensure, finish, newDoc, PAPER, type Ctx, type RenderOptions } from './pdf';
import { parseDocument, type DocumentData, type PrescriptionDoc } from './schemas';

type Rx = DocumentData<'prescription'>;
type RxItem = Rx['items'][number];

const MARGINS = { top: 22, right: 26, bottom: 22, left: 26 };
const FOOTER = 66;

function diagnosisText(ctx: Ctx, rx: Rx): string {
  const sep = ctx.lang === 'zh-CN' ? '；' : '; ';
  return rx.diagnoses
    .map((d) => (present(d.code) ? (ctx.lang === 'zh-CN' ? `${d.text}（${d.code}）` : `${d.text} (${d.code})`) : d.text))
    .join(sep);
}

function header(ctx: Ctx, rx: Rx): void {
  const { L } = ctx;
  const w = ctx.right - ctx.left;
  const continued = ctx.page > 0;
  if (rx.category) {
    const label = L.rxCategory(rx.category);
    const bw = widthOf(ctx, label, { size: 9, bold: true }) + 10;
    ctx.doc.save().lineWidth(0.8).rect(ctx.right - bw, ctx.top - 2, bw, 15).stroke().restore();
    line(ctx, label, ctx.right - bw, ctx.top, bw, { size: 9, bold: true, align: 'center' });
  }
  line(ctx, rx.clinic.name, ctx.left + 48, ctx.top, w - 96, { size: 14, bold: true, align: 'center', minScale: 0.55 });
  const title = L.lang === 'zh-CN' ? '处 方 笺' : L.w.rxTitle;
  line(ctx, title, ctx.left + 60, ctx.top + 20, w - 120, { size: 16, bold: true, align: 'center', characterSpacing: L.lang === 'zh-CN' ? 4 : 1 });
  if (continued) {
    line(ctx, `（${L.w.continued}）`, ctx.left + w / 2 + 52, ctx.top + 25, 80, { size: 9, color: GREY });
  }
  let y = ctx.top + 46;
  const row = 17;
  const col = (f: number) => ctx.left + w * f;
  field(ctx, L.w.rxNo, rx.rxNo, col(0), y, w * 0.4);
  field(ctx, L.w.department, rx.department, col(0.4), y, w * 0.28);
  field(ctx, L.w.date, date(rx.issuedAt, rx.timeZone), col(0.68), y, w * 0.32);
  y += row;
  field(ctx, L.w.name, rx.patient.name, col(0), y, w * 0.3, { bold: true });
  field(ctx, L.w.sex, L.sex(rx.patient.sex), col(0.3), y, w * 0.18);
  field(ctx, L.w.age, rx.patient.ageLabel, col(0.48), y, w * 0.2);
  field(ctx, L.w.recordNo, rx.patient.recordNo, col(0.68), y, w * 0.32);
  y += row;
  const feeW = L.lang === 'zh-CN' ? 0.3 : 0.4;
  field(ctx, L.w.feeType, rx.feeType ? L.insurance(rx.feeType) : '', col(0), y, w * feeW);
  field(ctx, L.w.allergies, rx.patient.allergies, col(feeW), y, w * (1 - feeW), { color: present(rx.patient.allergies) ? '#000' : undefined, bold: present(rx.patient.allergies) });
  y += row;
  // Diagnosis wraps onto as many lines as it needs.
  const lab = L.colon(L.w.diagnosis);
  const lw = widthOf(ctx, lab, { size: 9, color: GREY });
  line(ctx, lab, ctx.left, y, lw + 1, { size: 9, color: GREY });
  const diag = diagnosisText(ctx, rx);
  const dh = Math.max(12.8, measure(ctx, diag, w - lw, { size: 9 }));
  text(ctx, diag, ctx.left + lw, y, w - lw, { size: 9 });
  hr(ctx, y + dh, { x1: ctx.left + lw, width: 0.4, color: '#999' });
  y += dh + 6;
  hr(ctx, y, { width: 1.4 });
  y += 5;
  line(ctx, 'Rp.', ctx.left, y, 60, { size: 15, bold: true });
  ctx.y = y + 22;
}

function sig(ctx: Ctx, it: RxItem): string {
  const { L } = ctx;
  const dose = withUnit(it.dose, it.doseUnit, ctx.lang);
  if (ctx.lang === 'zh-CN') {
    const parts = [`${L.w.perDose}${dose}`, L.route(it.route), L.frequency(it.frequency), L.w.forDays(it.days)];
    if (present(it.note)) parts.push(`（${it.note}）`);
    return `${L.colon(L.w.sig)}${parts.join('  ')}`;
  }
  const parts = [dose, L.route(it.route), L.frequency(it.frequency), L.w.forDays(it.days)];
  return `${L.colon(L.w.sig)}${parts.join(', ')}${present(it.note) ? ` (${it.note})` : ''}`;
}

function item(ctx: Ctx, it: RxItem, n: number): void {
  const w = ctx.right - ctx.left;
  const idxW = 16;
  const amountW = 58;
  const qtyW = 62;
  const nameW = w - idxW - qtyW - amountW;
  const nameLine = present(it.spec) ? `${it.name}  ${it.spec}` : it.name;
  const sigLine = sig(ctx, it);
  const hName = measure(ctx, nameLine, nameW, { size: 10, bold: true });
  const hSig = measure(ctx, sigLine, w - idxW - amountW, { size: 8.5 });
  const h = hName + hSig + 9;
  ensure(ctx, h);
  const y = ctx.y;
  line(ctx, `${n}.`, ctx.left, y, idxW, { size: 10 });
  // Name in bold, specification in regular weight, wrapping together.
  font(ctx, { size: 10, bold: true });
  ctx.doc.text(printable(it.name), ctx.left + idxW, y, { width: nameW, lineGap: 1, continued: present(it.spec) });
  if (present(it.spec)) {
    font(ctx, { size: 9.5 });
    ctx.doc.text(`  ${printable(it.spec)}`, { width: nameW, lineGap: 1 });
  }
  const qty = ctx.lang === 'zh-CN' ? `×${withUnit(it.quantity, it.unit, ctx.lang)}` : `${ctx.L.w.qty} ${withUnit(it.quantity, it.unit, ctx.lang)}`;
  line(ctx, qty, ctx.left + idxW + nameW, y + 0.5, qtyW, { size: 9.5, align: 'right' });
  line(ctx, money(it.amountFen), ctx.right - amountW, y + 0.5, amountW, { size: 9.5, align: 'right' });
  text(ctx, sigLine, ctx.left + idxW, y + hName + 2, w - idxW - amountW, { size: 8.5, color: GREY });
  ctx.y = y + h;
}

function footer(ctx: Ctx, rx: Rx, total: number): void {
  const { L } = ctx;
  const w = ctx.right - ctx.left;
  let y = ctx.H - MARGINS.bottom - FOOTER + 6;
  hr(ctx, y, { width: 1 });
  y += 7;
  field(ctx, L.w.doctor, rx.doctor, ctx.left, y, w * 0.5, { bold: true, size: 9.5 });
  field(ctx, L.w.amount, money(total), ctx.left + w * 0.5, y, w * 0.5, { bold: true, size: 9.5 });
  y += 18;
  field(ctx, L.w.reviewer, rx.reviewer, ctx.left, y, w * 0.5);
  field(ctx, L.w.dispenser, rx.dispenser, ctx.left + w * 0.5, y, w * 0.5);
  y += 18;
  line(ctx, L.w.rxFooter, ctx.left, y, w, { size: 7, color: GREY });
}

export async function renderPrescription(data: PrescriptionDoc, opts: RenderOptions): Promise<Buffer> {
  const rx = parseDocument('prescription', data);
  const ctx = newDoc({
    ...PAPER.A5,
    margins: MARGINS,
    footer: FOOTER,
    lang: opts.lang,
    copy: opts.copy, preview: opts.preview, patientCopy: opts.patientCopy,
    title: `${ctx0Title(opts.lang)} ${rx.rxNo}`,
    author: rx.clinic.name,
  });
  ctx.onNewPage = (c) => header(c, rx);
  header(ctx, rx);
  rx.items.forEach((it, i) => item(ctx, it, i + 1));
  if (present(rx.note)) {
    const s = `${ctx.L.colon(ctx.L.w.rpNote)}${rx.note}`;
    const h = measure(ctx, s, ctx.right - ctx.left - 16, { size: 8.5 });
    ensure(ctx, h + 4);
    text(ctx, s, ctx.left + 16, ctx.y + 2, ctx.right - ctx.left - 16, { size: 8.5 });
    ctx.y += h + 4;
  }
  if (rx.override) {
    const { L } = ctx;
    const s = `${L.colon(L.w.override)}${rx.override.stops.join('; ')}\n${L.colon(L.w.overrideReason)}${rx.override.reason}`;
    const h = measure(ctx, s, ctx.right - ctx.left - 16, { size: 8.5, bold: true });
    ensure(ctx, h + 4);
    text(ctx, s, ctx.left + 16, ctx.y + 2, ctx.right - ctx.left - 16, { size: 8.5, bold: true });
    ctx.y += h + 4;
  }
  // The customary closing mark under the last drug: the rest of the form is left unused.
  if (ctx.y + 14 <= ctx.limit) {
    line(ctx, ctx.lang === 'zh-CN' ? '（以下空白）' : '(nothing follows)', ctx.left, ctx.y + 2, ctx.right - ctx.left, { size: 8, color: GREY, align: 'center' });
  }
  const total = rx.items.reduce((a, it) => a + it.amountFen, 0);
  const { start, count } = ctx.doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    ctx.doc.switchToPage(i);
    footer(ctx, rx, total);
  }
  pageNumbers(ctx);
  copyMarks(ctx, { printedAt: opts.printedAt ?? Date.now(), timeZone: rx.timeZone });
  font(ctx);
  return finish(ctx);
}

function ctx0Title(lang: RenderOptions['lang']): string {
  return lang === 'zh-CN' ? '处方笺' : 'Prescription';
}
