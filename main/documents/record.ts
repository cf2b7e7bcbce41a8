/**
 * Outpatient medical record (门诊病历), A4: header with the patient, the record's sections in
 * the customary order, diagnoses, plan and orders, the doctor's signature, then the
 * amendments made after signing, each with its time, author and reason. An unsigned record
 * prints as a draft.
 */
import { dateTime, present } from './format';
import { copyMarks, field, font, GREY, hr, line, pageNumbers, paragraph, RED } from './layout';
import { ensure, finish, newDoc, PAPER, type Ctx, type RenderOptions } from './pdf';
import { parseDocument, type DocumentData, type MedicalRecordDoc } from './schemas';

type Rec = DocumentData<'medicalRecord'>;
const MARGINS = { top: 34, right: 44, bottom: 40, left: 44 };

function header(ctx: Ctx, r: Rec, full: boolean): void {
  const { L } = ctx;
  const w = ctx.right - ctx.left;
  line(ctx, r.clinic.name, ctx.left + 80, ctx.top, w - 160, { size: 16, bold: true, align: 'center', minScale: 0.55 });
  const t = L.lang === 'zh-CN' ? [...L.w.recordTitle].join(' ') : L.w.recordTitle;
  line(ctx, t, ctx.left + 80, ctx.top + 24, w - 160, { size: 15, bold: true, align: 'center' });
  if (r.signedAt == null) line(ctx, L.w.draft, ctx.right - 130, ctx.top + 28, 130, { size: 10, bold: true, color: RED, align: 'right' });
  let y = ctx.top + 52;
  const col = (f: number) => ctx.left + w * f;
  const row = 19;
  field(ctx, L.w.recordNo, r.patient.recordNo, col(0), y, w * 0.3, { size: 10 });
  field(ctx, L.w.department, r.department, col(0.3), y, w * 0.2, { size: 10 });
  field(ctx, L.w.visitTime, dateTime(r.visitAt, r.timeZone), col(0.5), y, w * 0.3, { size: 10 });
  field(ctx, L.w.visitType, r.visitType ? L.visitType(r.visitType) : '', col(0.8), y, w * 0.2, { size: 10 });
  y += row;
  field(ctx, L.w.name, r.patient.name, col(0), y, w * 0.3, { size: 10, bold: true });
  field(ctx, L.w.sex, L.sex(r.patient.sex), col(0.3), y, w * 0.2, { size: 10 });
  field(ctx, L.w.age, r.patient.ageLabel, col(0.5), y, w * 0.2, { size: 10 });
  field(ctx, L.w.phone, r.patient.phone, col(0.7), y, w * 0.3, { size: 10 });
  y += row;
  if (full) {
    field(ctx, L.w.allergies, r.patient.allergies, col(0), y, w, { size: 10, bold: present(r.patient.allergies) });
    y += row;
  }
  hr(ctx, y + 2, { width: 1.2 });
  ctx.y = y + 12;
}

function section(ctx: Ctx, title: string, body: string | null | undefined): void {
  if (!present(body)) return;
  ensure(ctx, 40);
  const label = ctx.lang === 'zh-CN' ? `【${title}】` : title;
  line(ctx, label, ctx.left, ctx.y, ctx.right - ctx.left, { size: 10.5, bold: true });
  ctx.y += 17;
  paragraph(ctx, body, ctx.left + 14, ctx.right - ctx.left - 14, { size: 10.5 });
  ctx.y += 6;
}

function diagnoses(ctx: Ctx, r: Rec): string {
  return r.diagnoses
    .map((d, i) => `${i + 1}. ${d.text}${present(d.code) ? (ctx.lang === 'zh-CN' ? `（${d.code}）` : ` (${d.code})`) : ''}`)
    .join('\n');
}

function signature(ctx: Ctx, r: Rec): void {
  const { L } = ctx;
  ensure(ctx, 40);
  ctx.y += 8;
  const w = ctx.right - ctx.left;
  if (r.signedAt != null) {
    field(ctx, L.w.signedBy, r.doctor, ctx.left + w * 0.4, ctx.y, w * 0.28, { size: 10.5, bold: true });
    field(ctx, L.w.signedAt, dateTime(r.signedAt, r.timeZone), ctx.left + w * 0.68, ctx.y, w * 0.32, { size: 10 });
  } else {
    field(ctx, L.w.doctor, r.doctor, ctx.left + w * 0.4, ctx.y, w * 0.28, { size: 10.5 });
    line(ctx, L.w.draft, ctx.left + w * 0.68, ctx.y, w * 0.32, { size: 10.5, bold: true, color: RED, align: 'right' });
  }
  ctx.y += 26;
}

function amendments(ctx: Ctx, r: Rec): void {
  if (r.amendments.length === 0) return;
  const { L } = ctx;
  ensure(ctx, 60);
  hr(ctx, ctx.y, { width: 0.8, dash: true });
  ctx.y += 8;
  line(ctx, ctx.lang === 'zh-CN' ? `【${L.w.amendments}】` : L.w.amendments, ctx.left, ctx.y, 200, { size: 10.5, bold: true });
  ctx.y += 18;
  r.amendments.forEach((a, i) => {
    ensure(ctx, 34);
    const head = [
      `${i + 1}.  ${dateTime(a.at, r.timeZone)}`,
      `${L.colon(L.w.amendedBy)}${a.by}`,
      present(a.reason) ? `${L.colon(L.w.reason)}${a.reason}` : '',
    ].filter(Boolean).join('    ');
    line(ctx, head, ctx.left, ctx.y, ctx.right - ctx.left, { size: 9.5, color: GREY });
    ctx.y += 15;
    paragraph(ctx, a.text, ctx.left + 14, ctx.right - ctx.left - 14, { size: 10.5 });
    ctx.y += 6;
  });
}

export async function renderMedicalRecord(data: MedicalRecordDoc, opts: RenderOptions): Promise<Buffer> {
  const r = parseDocument('medicalRecord', data);
  const ctx = newDoc({
    ...PAPER.A4,
    margins: MARGINS,
    lang: opts.lang,
    copy: opts.copy, preview: opts.preview, patientCopy: opts.patientCopy,
    title: `${opts.lang === 'zh-CN' ? '门诊病历' : 'Medical record'} ${r.patient.recordNo}`,
    author: r.clinic.name,
  });
  const { L } = ctx;
  ctx.onNewPage = (c) => header(c, r, false);
  header(ctx, r, true);
  section(ctx, L.w.chiefComplaint, r.chiefComplaint);
  section(ctx, L.w.presentIllness, r.presentIllness);
  section(ctx, L.w.pastHistory, r.pastHistory);
  section(ctx, L.w.allergyHistory, r.allergyHistory);
  section(ctx, L.w.vitalSigns, r.vitalSigns.join('\n'));
  section(ctx, L.w.physicalExam, r.physicalExam);
  section(ctx, L.w.auxiliaryExam, r.auxiliaryExam);
  section(ctx, L.w.diagnosis, diagnoses(ctx, r));
  section(ctx, L.w.plan, r.plan);
  section(ctx, L.w.orders, r.orders.map((o, i) => `${i + 1}. ${o}`).join('\n'));
  signature(ctx, r);
  amendments(ctx, r);
  pageNumbers(ctx, true);
  copyMarks(ctx, { printedAt: opts.printedAt ?? Date.now(), timeZone: r.timeZone });
  font(ctx);
  return finish(ctx);
}
