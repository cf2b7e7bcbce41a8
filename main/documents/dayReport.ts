/**
 * Close-of-day report (收费日结报表), A4: totals by payment method (payments, refunds, net),
 * per cashier when the report covers several, the refunds one by one, the day's counts, and
 * lines for the signatures.
 */
import type { PaymentMethod } from '../domain/enums';
import { PAYMENT_METHODS } from '../domain/enums';
import { date, dateTime, money, present } from './format';
import { columns, copyMarks, field, font, hr, line, pageNumbers, table, type Row } from './layout';
import { ensure, finish, newDoc, PAPER, type Ctx, type RenderOptions } from './pdf';
import { parseDocument, type DayReportDoc, type DocumentData } from './schemas';
import { withMethodNames } from './labels';

type Report = DocumentData<'dayReport'>;
type Totals = { paymentCount: number; paidFen: number; refundCount: number; refundedFen: number };
const MARGINS = { top: 34, right: 40, bottom: 40, left: 40 };

const zero = (): Totals => ({ paymentCount: 0, paidFen: 0, refundCount: 0, refundedFen: 0 });
function add(t: Totals, r: Totals): void {
  t.paymentCount += r.paymentCount;
  t.paidFen += r.paidFen;
  t.refundCount += r.refundCount;
  t.refundedFen += r.refundedFen;
}

function header(ctx: Ctx, r: Report): void {
  const { L } = ctx;
  const w = ctx.right - ctx.left;
  line(ctx, r.clinic.name, ctx.left + 80, ctx.top, w - 160, { size: 16, bold: true, align: 'center', minScale: 0.55 });
  line(ctx, L.w.dayTitle, ctx.left + 80, ctx.top + 24, w - 160, { size: 15, bold: true, align: 'center' });
  let y = ctx.top + 52;
  field(ctx, L.w.businessDate, r.businessDate, ctx.left, y, w * 0.3, { size: 10, bold: true });
  field(ctx, L.w.cashier, present(r.cashier) ? r.cashier : ctx.lang === 'zh-CN' ? '全部' : 'All', ctx.left + w * 0.3, y, w * 0.3, { size: 10 });
  field(ctx, L.w.generatedAt, dateTime(r.generatedAt, r.timeZone), ctx.left + w * 0.6, y, w * 0.4, { size: 10 });
  y += 19;
  if (r.periodFrom != null && r.periodTo != null) {
    const from = dateTime(r.periodFrom, r.timeZone);
    const to = date(r.periodTo, r.timeZone) === date(r.periodFrom, r.timeZone) ? dateTime(r.periodTo, r.timeZone).slice(11) : dateTime(r.periodTo, r.timeZone);
    field(ctx, L.w.period, `${from} – ${to}`, ctx.left, y, w * 0.6, { size: 10 });
    y += 19;
  }
  hr(ctx, y + 2, { width: 1.2 });
  ctx.y = y + 12;
}

function heading(ctx: Ctx, s: string): void {
  ensure(ctx, 70);
  line(ctx, s, ctx.left, ctx.y, ctx.right - ctx.left, { size: 11, bold: true });
  ctx.y += 18;
}

function methodRows(ctx: Ctx, byMethod: Map<PaymentMethod, Totals>, totalLabel: string): Row[] {
  const rows: Row[] = [];
  const sum = zero();
  for (const m of [...PAYMENT_METHODS, ...[...byMethod.keys()].filter((k) => !(PAYMENT_METHODS as readonly string[]).includes(k))]) {
    const t = byMethod.get(m);
    if (!t) continue;
    add(sum, t);
    rows.push({ cells: [ctx.L.payment(m), String(t.paymentCount), money(t.paidFen), String(t.refundCount), money(t.refundedFen), money(t.paidFen - t.refundedFen)] });
  }
  rows.push({ total: true, cells: [totalLabel, String(sum.paymentCount), money(sum.paidFen), String(sum.refundCount), money(sum.refundedFen), money(sum.paidFen - sum.refundedFen)] });
  return rows;
}

export async function renderDayReport(data: DayReportDoc, opts: RenderOptions): Promise<Buffer> {
  const r = parseDocument('dayReport', data);
  const ctx = newDoc({
    ...PAPER.A4,
    margins: MARGINS,
    lang: opts.lang,
    copy: opts.copy, preview: opts.preview, patientCopy: opts.patientCopy,
    title: `${opts.lang === 'zh-CN' ? '收费日结报表' : 'Close-of-day report'} ${r.businessDate}`,
    author: r.clinic.name,
  });
  ctx.L = withMethodNames(ctx.L, r.methodNames);
  const { L } = ctx;
  ctx.onNewPage = (c) => header(c, r);
  header(ctx, r);

  const byMethod = new Map<PaymentMethod, Totals>();
  const byCashier = new Map<string, Map<PaymentMethod, Totals>>();
  for (const row of r.rows) {
    const t = byMethod.get(row.method) ?? zero();
    add(t, row);
    byMethod.set(row.method, t);
    const c = byCashier.get(row.cashier) ?? new Map<PaymentMethod, Totals>();
    const ct = c.get(row.method) ?? zero();
    add(ct, row);
    c.set(row.method, ct);
    byCashier.set(row.cashier, c);
  }
  const methodCols = (first: string) =>
    columns(ctx, [
      { header: first, frac: 0.2 },
      { header: L.w.paymentCount, frac: 0.13, align: 'right' },
      { header: L.w.paid, frac: 0.18, align: 'right' },
      { header: L.w.refundCount, frac: 0.13, align: 'right' },
      { header: L.w.refunded, frac: 0.18, align: 'right' },
      { header: L.w.net, frac: 0.18, align: 'right' },
    ]);

  heading(ctx, L.w.byMethod);
  table(ctx, methodCols(L.w.method), methodRows(ctx, byMethod, L.w.total), { size: 9.5, padY: 3.5 });
  ctx.y += 14;

  if (byCashier.size > 1 || !present(r.cashier)) {
    heading(ctx, L.w.byCashier);
    const rows: Row[] = [];
    for (const [cashier, m] of byCashier) {
      rows.push({ cells: [cashier], bold: true });
      for (const row of methodRows(ctx, m, ctx.lang === 'zh-CN' ? `${cashier} 小计` : `${cashier} subtotal`)) {
        rows.push(row.total ? row : { cells: [`    ${row.cells[0] ?? ''}`, ...row.cells.slice(1)] });
      }
    }
    table(ctx, methodCols(`${L.w.cashier} / ${L.w.method}`), rows, { size: 9.5, padY: 3 });
    ctx.y += 14;
  }

  heading(ctx, L.w.refunds);
  if (r.refunds.length === 0) {
    line(ctx, L.w.noRefunds, ctx.left + 4, ctx.y, 300, { size: 9.5 });
    ctx.y += 20;
  } else {
    table(
      ctx,
      columns(ctx, [
        { header: L.w.refundNo, frac: 0.2 },
        { header: L.w.originalReceipt, frac: 0.2 },
        { header: L.w.cashier, frac: 0.1 },
        { header: L.w.refundTo, frac: 0.11 },
        { header: L.w.amount, frac: 0.11, align: 'right' },
        { header: L.w.time, frac: 0.1, align: 'center' },
        { header: L.w.reason, frac: 0.18 },
      ]),
      r.refunds.map((x) => [x.refundNo, x.originalReceiptNo ?? '', x.cashier, L.payment(x.method), money(x.amountFen), dateTime(x.at, r.timeZone).slice(11), x.reason ?? '']),
      { size: 8.5 },
    );
    ctx.y += 14;
  }

  heading(ctx, L.w.counts);
  const counts: Array<[string, number | null | undefined]> = [
    [L.w.receipts, r.counts.receipts],
    [L.w.refundSlips, r.counts.refunds],
    [L.w.registrations, r.counts.registrations],
    [L.w.visits, r.counts.visits],
    [L.w.prescriptions, r.counts.prescriptions],
  ];
  const shown = counts.filter((c): c is [string, number] => c[1] != null);
  const cw = (ctx.right - ctx.left) / 3;
  shown.forEach(([k, v], i) => {
    if (i % 3 === 0 && i > 0) ctx.y += 19;
    field(ctx, k, String(v), ctx.left + (i % 3) * cw, ctx.y, cw, { size: 10 });
  });
  ctx.y += 40;
  ensure(ctx, 30);
  const w = ctx.right - ctx.left;
  field(ctx, L.w.closedBy, r.closedBy, ctx.left, ctx.y, w * 0.45, { size: 10.5 });
  field(ctx, L.w.checkedBy, '', ctx.left + w * 0.55, ctx.y, w * 0.45, { size: 10.5 });
  pageNumbers(ctx, true);
  copyMarks(ctx, { printedAt: opts.printedAt ?? Date.now(), timeZone: r.timeZone });
  font(ctx);
  return finish(ctx);
}
