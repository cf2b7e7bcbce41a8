/**
 * Receipt (收费收据) on A5 or an 80 mm roll, and the refund slip (退费凭证) drawn from the same
 * data with kind 'refund'. Number (also as a QR code), patient, items, total (with the
 * customary capital-numeral amount in Chinese), insurance and self-pay parts, payment
 * methods, cash tendered and change, cashier, time.
 */
import { drawQr } from './barcode';
import { dateTime, money, moneyUpper, num, present } from './format';
import { copyMarks, field, font, GREY, hr, line, measure, pageNumbers, table, text, columns } from './layout';
import { finish, fittedDoc, newDoc, PAPER, type Ctx, type RenderOptions } from './pdf';
import { parseDocument, type DocumentData, type ReceiptDoc } from './schemas';
import { withMethodNames } from './labels';

type Receipt = DocumentData<'receipt'>;

function title(ctx: Ctx, r: Receipt): string {
  return r.kind === 'refund' ? ctx.L.w.refundTitle : ctx.L.w.receiptTitle;
}

function paymentsText(ctx: Ctx, r: Receipt): string {
  return r.payments.map((p) => `${ctx.L.payment(p.method)} ${money(p.amountFen)}`).join(ctx.lang === 'zh-CN' ? '；' : '; ');
}

function cashFigures(r: Receipt): { tendered: number; change: number } | undefined {
  if (r.kind === 'refund' || r.cashTenderedFen == null) return undefined;
  const cash = r.payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amountFen, 0);
  return { tendered: r.cashTenderedFen, change: r.cashTenderedFen - cash };
}

function qty(ctx: Ctx, it: Receipt['items'][number]): string {
  return present(it.unit) ? (ctx.lang === 'zh-CN' ? `${num(it.quantity)}${it.unit}` : `${num(it.quantity)} ${it.unit}`) : num(it.quantity);
}

// ---------------------------------------------------------------- A5

function a5Header(ctx: Ctx, r: Receipt): void {
  const { L } = ctx;
  const w = ctx.right - ctx.left;
  const qr = 58;
  drawQr(ctx.doc, r.qrPayload ?? r.receiptNo, ctx.right - qr, ctx.top, qr);
  line(ctx, r.clinic.name, ctx.left + qr + 4, ctx.top + 2, w - 2 * qr - 8, { size: 14, bold: true, align: 'center', minScale: 0.55 });
  const t = title(ctx, r);
  line(ctx, L.lang === 'zh-CN' ? [...t].join(' ') : t, ctx.left + qr + 4, ctx.top + 22, w - 2 * qr - 8, { size: 15, bold: true, align: 'center' });
  let y = ctx.top + qr + 8;
  const col = (f: number) => ctx.left + w * f;
  field(ctx, r.kind === 'refund' ? L.w.refundNo : L.w.receiptNo, r.receiptNo, col(0), y, w * 0.5, { bold: true });
  field(ctx, L.w.time, dateTime(r.issuedAt, r.timeZone), col(0.5), y, w * 0.5);
  y += 17;
  field(ctx, L.w.name, r.patient?.name, col(0), y, w * 0.3, { bold: true });
  field(ctx, L.w.recordNo, r.patient?.recordNo, col(0.3), y, w * 0.38);
  field(ctx, L.w.feeType, r.feeType ? L.insurance(r.feeType) : '', col(0.68), y, w * 0.32);
  y += 17;
  field(ctx, L.w.department, r.department, col(0), y, w * 0.3);
  field(ctx, L.w.doctor, r.doctor, col(0.3), y, w * 0.38);
  y += 17;
  if (r.kind === 'refund') {
    field(ctx, L.w.originalReceipt, r.originalReceiptNo, col(0), y, w * 0.5, { bold: true });
    field(ctx, L.w.refundReason, r.refundReason, col(0.5), y, w * 0.5);
    y += 17;
  }
  ctx.y = y + 4;
}

function kvRow(ctx: Ctx, pairs: Array<[string, string, boolean?]>, y: number, size = 9.5): void {
  const w = (ctx.right - ctx.left) / pairs.length;
  pairs.forEach(([k, v, bold], i) => field(ctx, k, v, ctx.left + i * w, y, w, { size, bold: bold ?? false }));
}

function renderA5(r: Receipt, opts: RenderOptions): Ctx {
  const ctx = newDoc({ ...PAPER.A5, margins: { top: 22, right: 26, bottom: 26, left: 26 }, lang: opts.lang, copy: opts.copy, preview: opts.preview, patientCopy: opts.patientCopy, title: `${title0(r, opts)} ${r.receiptNo}`, author: r.clinic.name });
  ctx.L = withMethodNames(ctx.L, r.methodNames);
  const { L } = ctx;
  ctx.onNewPage = (c) => a5Header(c, r);
  a5Header(ctx, r);
  const cols = columns(ctx, [
    { header: L.w.item, frac: 0.38 },
    { header: L.w.spec, frac: 0.2 },
    { header: L.w.qty, frac: 0.12, align: 'right' },
    { header: L.w.unitPrice, frac: 0.15, align: 'right' },
    { header: r.kind === 'refund' ? L.w.refunded : L.w.amount, frac: 0.15, align: 'right' },
  ]);
  table(
    ctx,
    cols,
    r.items.map((it) => [it.name, it.spec ?? '', qty(ctx, it), it.unitPriceFen != null ? money(it.unitPriceFen) : '', money(it.amountFen)]),
    { size: 9 },
  );
  // Totals block: kept together, on a new page when it does not fit.
  const cash = cashFigures(r);
  const upper = ctx.lang === 'zh-CN';
  const needed = 18 * (3 + (upper ? 1 : 0) + (cash ? 1 : 0) + (r.kind === 'refund' ? 1 : 0)) + 30;
  if (ctx.y + needed > ctx.limit) {
    ctx.doc.addPage({ size: [ctx.W, ctx.H], margin: 0 });
    ctx.page++;
    ctx.y = ctx.top;
    a5Header(ctx, r);
  }
  let y = ctx.y + 8;
  kvRow(ctx, [[r.kind === 'refund' ? L.w.refundTotal : L.w.total, money(r.totalFen), true]], y, 10.5);
  y += 19;
  if (upper) {
    field(ctx, L.w.totalUpper, `人民币${moneyUpper(r.totalFen)}`, ctx.left, y, ctx.right - ctx.left);
    y += 18;
  }
  kvRow(ctx, [[L.w.insurancePaid, money(r.insuranceFen)], [L.w.selfPay, money(r.selfPayFen), true]], y);
  y += 18;
  const payLabel = r.kind === 'refund' ? L.w.refundTo : L.w.paidBy;
  const ph = Math.max(12.8, measure(ctx, `${L.colon(payLabel)}${paymentsText(ctx, r)}`, ctx.right - ctx.left, { size: 9.5 }));
  text(ctx, `${L.colon(payLabel)}${paymentsText(ctx, r)}`, ctx.left, y, ctx.right - ctx.left, { size: 9.5 });
  y += ph + 5;
  if (cash) {
    kvRow(ctx, [[L.w.tendered, money(cash.tendered)], [L.w.change, money(cash.change)]], y);
    y += 18;
  }
  kvRow(ctx, [[L.w.cashier, r.cashier], [L.w.time, dateTime(r.issuedAt, r.timeZone)]], y);
  y += 18;
  if (r.kind === 'refund') {
    kvRow(ctx, [[L.w.refundSign, '']], y);
    y += 18;
  }
  if (present(r.note)) {
    y += text(ctx, r.note, ctx.left, y, ctx.right - ctx.left, { size: 8.5 }) + 4;
  }
  line(ctx, L.w.keepReceipt, ctx.left, y + 2, ctx.right - ctx.left, { size: 7.5, color: GREY });
  pageNumbers(ctx);
  return ctx;
}

// ---------------------------------------------------------------- 80 mm roll

function drawRoll(ctx: Ctx, r: Receipt, printedAt: number): void {
  const { L } = ctx;
  const w = ctx.right - ctx.left;
  const kv = (k: string, v: string, bold = false, size = 8.5) => {
    const h = size * 1.45;
    line(ctx, k, ctx.left, ctx.y, w * 0.55, { size, bold, color: bold ? undefined : GREY });
    line(ctx, v, ctx.left + w * 0.4, ctx.y, w * 0.6, { size, bold, align: 'right' });
    ctx.y += h + 1.5;
  };
  const rule = () => {
    hr(ctx, ctx.y + 3, { dash: true, width: 0.5 });
    ctx.y += 8;
  };
  ctx.y += text(ctx, r.clinic.name, ctx.left, ctx.y, w, { size: 11, bold: true, align: 'center' }) + 2;
  ctx.y += text(ctx, title(ctx, r), ctx.left, ctx.y, w, { size: 10, bold: true, align: 'center' }) + 2;
  if (ctx.copy) {
    // Thermal paper has no red and dithers a watermark: the copy marking is a printed line.
    const mark = `【${L.w.copy}】${L.w.reprinted} ${dateTime(printedAt, r.timeZone)}`;
    ctx.y += text(ctx, mark, ctx.left, ctx.y + 2, w, { size: 9, bold: true, align: 'center' }) + 2;
  }
  rule();
  kv(r.kind === 'refund' ? L.w.refundNo : L.w.receiptNo, r.receiptNo);
  if (r.kind === 'refund') kv(L.w.originalReceipt, r.originalReceiptNo ?? '');
  kv(L.w.time, dateTime(r.issuedAt, r.timeZone));
  if (r.patient) {
    kv(L.w.name, r.patient.name);
    if (present(r.patient.recordNo)) kv(L.w.recordNo, r.patient.recordNo);
  }
  if (present(r.department)) kv(L.w.department, r.department);
  if (present(r.doctor)) kv(L.w.doctor, r.doctor);
  if (r.feeType) kv(L.w.feeType, L.insurance(r.feeType));
  if (r.kind === 'refund' && present(r.refundReason)) {
    ctx.y += text(ctx, `${L.colon(L.w.refundReason)}${r.refundReason}`, ctx.left, ctx.y, w, { size: 8.5 }) + 1.5;
  }
  rule();
  for (const it of r.items) {
    ctx.y += text(ctx, it.name, ctx.left, ctx.y, w, { size: 8.5, bold: true });
    const detail = [it.spec ?? '', it.unitPriceFen != null ? `${qty(ctx, it)} × ${money(it.unitPriceFen)}` : qty(ctx, it)].filter(Boolean).join('  ');
    line(ctx, detail, ctx.left + 8, ctx.y, w * 0.68 - 8, { size: 8, color: GREY });
    line(ctx, money(it.amountFen), ctx.left + w * 0.68, ctx.y, w * 0.32, { size: 8.5, align: 'right' });
    ctx.y += 13.5;
  }
  rule();
  kv(r.kind === 'refund' ? L.w.refundTotal : L.w.total, money(r.totalFen), true, 10);
  if (ctx.lang === 'zh-CN') {
    ctx.y += text(ctx, `${L.colon('大写')}${moneyUpper(r.totalFen)}`, ctx.left, ctx.y, w, { size: 8, color: GREY }) + 1.5;
  }
  kv(L.w.insurancePaid, money(r.insuranceFen));
  kv(L.w.selfPay, money(r.selfPayFen), true);
  ctx.y += 2;
  line(ctx, r.kind === 'refund' ? L.w.refundTo : L.w.paidBy, ctx.left, ctx.y, w, { size: 8.5, color: GREY });
  ctx.y += 13.5;
  for (const p of r.payments) kv(`  ${L.payment(p.method)}`, money(p.amountFen));
  const cash = cashFigures(r);
  if (cash) {
    kv(L.w.tendered, money(cash.tendered));
    kv(L.w.change, money(cash.change), true);
  }
  rule();
  kv(L.w.cashier, r.cashier);
  if (r.kind === 'refund') {
    ctx.y += 6;
    kv(L.w.refundSign, '____________');
  }
  if (present(r.note)) ctx.y += text(ctx, r.note, ctx.left, ctx.y + 2, w, { size: 8 }) + 4;
  const qr = 84;
  ctx.y += 6;
  drawQr(ctx.doc, r.qrPayload ?? r.receiptNo, ctx.left + (w - qr) / 2, ctx.y, qr);
  ctx.y += qr + 4;
  line(ctx, r.receiptNo, ctx.left, ctx.y, w, { size: 8, align: 'center' });
  ctx.y += 13;
  line(ctx, L.w.keepReceipt, ctx.left, ctx.y, w, { size: 7.5, color: GREY, align: 'center' });
  ctx.y += 12;
}

function renderRoll(r: Receipt, opts: RenderOptions): Ctx {
  return fittedDoc(
    { width: PAPER.roll80.width, margins: { top: 12, right: 10, bottom: 14, left: 10 }, lang: opts.lang, copy: opts.copy, preview: opts.preview, patientCopy: opts.patientCopy, title: `${title0(r, opts)} ${r.receiptNo}`, author: r.clinic.name },
    (ctx) => {
      ctx.L = withMethodNames(ctx.L, r.methodNames);
      drawRoll(ctx, r, opts.printedAt ?? Date.now());
    },
  );
}

function title0(r: Receipt, opts: RenderOptions): string {
  if (opts.lang === 'zh-CN') return r.kind === 'refund' ? '退费凭证' : '收费收据';
  return r.kind === 'refund' ? 'Refund slip' : 'Receipt';
}

export async function renderReceipt(data: ReceiptDoc, opts: RenderOptions): Promise<Buffer> {
  const r = parseDocument('receipt', data);
  const roll = opts.paper === 'roll80';
  const ctx = roll ? renderRoll(r, opts) : renderA5(r, opts);
  if (!roll) copyMarks(ctx, { printedAt: opts.printedAt ?? Date.now(), timeZone: r.timeZone });
  font(ctx);
  return finish(ctx);
}
