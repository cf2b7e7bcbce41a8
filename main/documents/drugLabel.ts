/**
 * Drug labels, 70 × 50 mm, one per dispensed item: clinic, patient, drug and specification,
 * quantity and days, how to take it (route, frequency, dose), the prescriber's instructions with
 * the drug's cautions, its contraindications, and its maker and approval number (issue 16).
 */
import { date, dateTime, present, withUnit } from './format';
import { font, GREY, hr, line, measure, sexAge, text } from './layout';
import { finish, newDoc, newPage, PAPER, type Ctx, type RenderOptions } from './pdf';
import { parseDocument, type DocumentData, type DrugLabelDoc } from './schemas';

type DrugLabel = DocumentData<'drugLabel'>;
type DrugItem = DrugLabel['items'][number];

/** "口服  每日三次 tid  每次0.5g" / "0.5 g by mouth, three times daily (tid)". */
export function howToTake(ctx: Ctx, it: Pick<DrugItem, 'dose' | 'doseUnit' | 'route' | 'frequency'>): string {
  const dose = withUnit(it.dose, it.doseUnit, ctx.lang);
  return ctx.lang === 'zh-CN'
    ? `${ctx.L.route(it.route)}  ${ctx.L.frequency(it.frequency)}  ${ctx.L.w.perDose}${dose}`
    : `${dose} ${ctx.L.route(it.route)}, ${ctx.L.frequency(it.frequency)}`;
}

function drugLabel(ctx: Ctx, d: DrugLabel, it: DrugItem, printedAt: number): void {
  const { L } = ctx;
  const m = 7;
  const w = ctx.W - 2 * m;
  line(ctx, d.clinic.name, m, 5, ctx.copy ? w * 0.5 : w * 0.62, { size: 7.5, color: GREY, minScale: 0.6 });
  if (ctx.copy) {
    // A reprint: a printed mark where the prescription number goes (no red on label printers).
    const mark = `【${L.w.copy}】${L.w.reprinted} ${dateTime(printedAt, d.timeZone).slice(5)}`;
    line(ctx, mark, m + w * 0.5, 5, w * 0.5, { size: 7, bold: true, align: 'right' });
  } else if (present(d.rxNo)) {
    line(ctx, d.rxNo, m + w * 0.62, 5.5, w * 0.38, { size: 6, color: GREY, align: 'right' });
  }
  const who = [d.patient.name, sexAge(ctx, d.patient.sex, d.patient.ageLabel), d.patient.recordNo ?? ''].filter(present).join('  ');
  line(ctx, who, m, 16, w, { size: 9, bold: true });
  hr(ctx, 30, { x1: m, x2: ctx.W - m, width: 0.6 });
  line(ctx, it.name, m, 34, w, { size: 12, bold: true });
  const qty = `${present(it.spec) ? `${it.spec}    ` : ''}${ctx.lang === 'zh-CN' ? '×' : 'Qty '}${withUnit(it.quantity, it.unit, ctx.lang)}${it.days ? `    ${L.w.forDays(it.days)}` : ''}`;
  line(ctx, qty, m, 52, w, { size: 8.5 });
  line(ctx, L.colon(L.w.usage), m, 66, w, { size: 8, color: GREY });
  const how = howToTake(ctx, it);
  const hh = Math.min(measure(ctx, how, w, { size: 11, bold: true }), 30);
  text(ctx, how, m, 77, w, { size: 11, bold: true });
  let y = 77 + hh + 2;
  const notes = [it.instructions, it.cautions].filter(present).join(ctx.lang === 'zh-CN' ? '；' : '; ');
  if (notes !== '') {
    line(ctx, `${L.colon(L.w.instructions)}${notes}`, m, y, w, { size: 8.5, minScale: 0.7 });
    y += 9.5;
  }
  if (present(it.contraindications)) {
    line(ctx, `${L.colon(L.w.contraindications)}${it.contraindications}`, m, y, w, { size: 7, bold: true, minScale: 0.7 });
  }
  const maker = [it.manufacturer, present(it.approvalNumber) ? `${L.colon(L.w.approvalNumber)}${it.approvalNumber}` : null].filter(present).join('  ');
  if (maker !== '') line(ctx, maker, m, ctx.H - 26.5, w, { size: 5.5, color: GREY, minScale: 0.6 });
  y = ctx.H - 17;
  hr(ctx, y - 3, { x1: m, x2: ctx.W - m, width: 0.4, color: '#999' });
  line(ctx, `${L.colon(L.w.dispensedAt)}${date(d.dispensedAt, d.timeZone)}`, m, y, w * 0.55, { size: 7, color: GREY });
  line(ctx, `${L.colon(L.w.pharmacist)}${d.pharmacist ?? ''}`, m + w * 0.55, y, w * 0.45, { size: 7, color: GREY, align: 'right' });

}

export async function renderDrugLabels(data: DrugLabelDoc, opts: RenderOptions): Promise<Buffer> {
  const d = parseDocument('drugLabel', data);
  const ctx = newDoc({
    ...PAPER.drugLabel,
    margins: { top: 0, right: 0, bottom: 0, left: 0 },
    lang: opts.lang,
    copy: opts.copy, preview: opts.preview, patientCopy: opts.patientCopy,
    title: `${d.patient.name} ${d.rxNo ?? ''}`.trim(),
    author: d.clinic.name,
  });
  d.items.forEach((it, i) => {
    if (i > 0) newPage(ctx);
    drugLabel(ctx, d, it, opts.printedAt ?? Date.now());
  });
  font(ctx);
  return finish(ctx);
}
