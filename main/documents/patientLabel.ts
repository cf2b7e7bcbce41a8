/**
 * Patient card / label, 50 × 30 mm: name, sex, age, record number as text and as a Code 128
 * barcode; for the chart and, with specimen and time, for specimen tubes. `count` prints
 * that many identical labels (one a page).
 */
import { code128Modules, drawCode128 } from './barcode';
import { date, dateTime, present } from './format';
import { font, GREY, line, sexAge } from './layout';
import { finish, newDoc, newPage, PAPER, type Ctx, type RenderOptions } from './pdf';
import { parseDocument, type DocumentData, type PatientLabelDoc } from './schemas';

type PatientLabel = DocumentData<'patientLabel'>;

function patientLabel(ctx: Ctx, p: PatientLabel): void {
  const m = 5;
  const w = ctx.W - 2 * m;
  const sa = sexAge(ctx, p.patient.sex, p.patient.ageLabel);
  line(ctx, p.patient.name, m, 4, w * 0.6, { size: 11, bold: true });
  line(ctx, sa, m + w * 0.6, 6, w * 0.4, { size: 8.5, align: 'right' });
  line(ctx, p.patient.recordNo, m, 19, w * 0.62, { size: 8 });
  const right = [p.department ?? '', p.visitAt != null ? date(p.visitAt, p.timeZone) : ''].filter(present).join(' ');
  line(ctx, right, m + w * 0.62, 19.5, w * 0.38, { size: 6.5, color: GREY, align: 'right' });
  // Barcode with a quiet zone of 10 modules on each side.
  const modules = code128Modules(p.patient.recordNo).reduce((a, b) => a + b, 0);
  const unit = w / (modules + 20);
  drawCode128(ctx.doc, p.patient.recordNo, m + unit * 10, 31, unit * modules, 24);
  let y = 58;
  if (present(p.specimen) || p.collectedAt != null) {
    const parts = [
      present(p.specimen) ? `${ctx.L.colon(ctx.L.w.specimen)}${p.specimen}` : '',
      p.collectedAt != null ? `${ctx.L.colon(ctx.L.w.collectedAt)}${dateTime(p.collectedAt, p.timeZone).slice(5)}` : '',
    ].filter(Boolean);
    line(ctx, parts.join('  '), m, y, w, { size: 7, bold: true, minScale: 0.6 });
    y += 11;
  }
  if (p.clinic) line(ctx, p.clinic.name, m, Math.max(y, 70), ctx.copy ? w * 0.7 : w, { size: 6.5, color: GREY });
  // A reprint: a small printed mark (label printers have no red, and a stamp would cover text).
  if (ctx.copy) line(ctx, `【${ctx.L.w.copy}】`, m + w * 0.7, Math.max(y, 69), w * 0.3, { size: 7, bold: true, align: 'right' });
}

export async function renderPatientLabel(data: PatientLabelDoc, opts: RenderOptions): Promise<Buffer> {
  const p = parseDocument('patientLabel', data);
  const ctx = newDoc({
    ...PAPER.patientLabel,
    margins: { top: 0, right: 0, bottom: 0, left: 0 },
    lang: opts.lang,
    copy: opts.copy, preview: opts.preview, patientCopy: opts.patientCopy,
    title: `${p.patient.name} ${p.patient.recordNo}`,
    author: p.clinic?.name,
  });
  for (let i = 0; i < p.count; i++) {
    if (i > 0) newPage(ctx);
    patientLabel(ctx, p);
  }
  font(ctx);
  return finish(ctx);
}

