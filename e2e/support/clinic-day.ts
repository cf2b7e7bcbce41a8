/**
 * A clinic's day, desk by desk, each in its own browser window against one web host, in Chinese
 * and in English (each desk switches the language on the log-in screen, as a person would), a run
 * at 1366×768 or at 1024×600 whose screens are checked at the other size too: reception registers a walk-in and takes the fee (change due), books a phone appointment;
 * the doctor calls, writes and signs the record with an ICD-10 diagnosis, prescribes, ends the
 * consultation; the cashier bills and takes the money; the pharmacist dispenses; the waiting-room
 * board shows and speaks the day; the cashier closes the day. The documents come out of the browser
 * as PDFs in the desk's language (a reprint marked 副本 / COPY), and every screen passes axe-core
 * with no serious or critical violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { desk, poll, shot } from './browser';
import { openClinic, type E2eClinic } from './clinic';
import { downloadPdf } from './download';
import { cutText } from './keys';
import { WORDS } from './clinic-day-words';
import { PASSWORD } from './seed';

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

/** One run of the day: the desks' language and screen size. */
export interface ClinicDayRun {
  lang: keyof typeof WORDS;
  width: number;
  height: number;
}

/**
 * The day, once per run (issue 14 "Done means": both languages on a workstation's screen and on a
 * small laptop's). Two test files, one run each, run side by side; each checks its screens at the
 * other size too (`checkScreen`), so every checked screen is seen in both languages at both sizes.
 */
export function describeClinicDay(runs: readonly ClinicDayRun[]): void {
describe.each(runs)('a clinic day in $lang at $width×$height', { timeout: 120_000 }, ({ lang, width, height }) => {
  const W = WORDS[lang];
  let clinic: E2eClinic;
  beforeAll(async () => { clinic = await openClinic(`day-${lang}-${width}`); }, 120_000);
  afterAll(async () => { await clinic?.close(); });
  const shotAs = (page: Page, name: string) => shot(page, `${name}-${lang}-${width}`);
  const other = width >= 1366 ? { width: 1024, height: 600 } : { width: 1366, height: 768 };
  /**
   * The screen passes axe at the run's size, then at the other size too, with no badge or key cut
   * there, and a screenshot of it: two runs of the day bring both languages to both screen sizes.
   */
  async function checkScreen(page: Page, name: string): Promise<void> {
    await expectAccessible(page);
    await page.setViewportSize(other);
    try {
      await expectAccessible(page);
      expect(await cutText(page, '.mantine-Badge-root, kbd')).toEqual([]);
      await shot(page, `${name}-${lang}-${other.width}`);
    } finally {
      await page.setViewportSize({ width, height });
    }
  }
  /** A fresh desk in this run's screen size (the desk works in Chinese; logIn switches where the run is in English). */
  const openDesk = async () => {
    const d = await desk(clinic.browser);
    await d.page.setViewportSize({ width, height });
    return d;
  };

  /** Log in at a fresh desk, switching the language on the log-in screen first where the desk works in English. */
  async function logIn(page: Page, username: string): Promise<void> {
    await page.goto(clinic.url);
    if (W.switchTo) {
      await page.getByText(W.switchTo, { exact: true }).click();
      await page.getByRole('button', { name: 'Log in' }).waitFor();
    }
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('user-menu').waitFor();
  }

  it('reception: registers a walk-in, collects the fee with change and prints its receipt, books tomorrow; the patient waits in the queue; a patient label is printed', async () => {
    const { context, page } = await openDesk();
    await logIn(page, 'reception');
    await page.getByTestId('start-register').click();
    const form = page.getByTestId('register-form');
    await form.locator('input[name="name"]').fill('张伟');
    await form.locator('input[name="idNumber"]').fill('110101198503071235');
    await form.locator('input[name="phone"]').fill('13800138000');
    await form.locator('textarea[name="allergies"]').fill('青霉素');
    await form.getByRole('button', { name: W.register }).click();
    await poll(() => text(page, 'patient-card')).toContain('张伟');
    await checkScreen(page, 'day-patient-card');
    const label = await downloadPdf(page, page.getByTestId('print-patientLabel'));
    expect(label.filename).toMatch(/^patientLabel-.*\.pdf$/);
    expect(label.flat).toContain('张伟');

    // Walk-in to Dr 李明: the session list shows seats as booked/capacity.
    await page.getByTestId('walk-in').click();
    const dialog = page.getByTestId('visit-dialog');
    const session = dialog.getByTestId('session-option').filter({ hasText: '李明' }).first();
    await poll(() => session.textContent()).toContain('0/3');
    await shotAs(page, 'day-walkin');
    await session.click();
    await dialog.getByRole('button', { name: W.walkIn }).click();
    const fee = page.getByTestId('fee-dialog');
    await poll(() => fee.getByTestId('due').textContent()).toBe('¥15.00');
    await fee.locator('input[name="tendered"]').fill('20');
    await poll(() => fee.getByTestId('change-due').textContent()).toContain('5.00');
    await shotAs(page, 'day-fee');
    await checkScreen(page, 'day-fee');
    await fee.getByRole('button', { name: W.takePayment }).click();
    // Paid: the front desk prints the fee's receipt from the same dialog.
    await fee.getByTestId('fee-settled').waitFor();
    const feeReceipt = await downloadPdf(page, fee.getByTestId('print-receipt'));
    expect(feeReceipt.flat).toContain(W.pdf.receipt);
    expect(feeReceipt.flat).toContain('¥15.00');
    await shotAs(page, 'day-fee-receipt');
    await fee.getByTestId('fee-close').click();
    await page.getByRole('dialog', { name: W.payment }).waitFor({ state: 'detached' });
    await poll(() => text(page, 'queue-table')).toContain('张伟');
    await poll(() => text(page, 'queue-table')).toContain(W.feePaid);
    await shotAs(page, 'day-queue');
    await checkScreen(page, 'day-queue');

    // A phone booking for tomorrow: seats 0/2, then 1/2.
    await page.getByTestId('book').click();
    const book = page.getByTestId('book-dialog');
    const tomorrow = new Date(Date.parse(`${clinic.today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await book.locator('input[name="date"]').fill(tomorrow);
    const seat = book.getByTestId('session-option').first();
    await poll(() => seat.textContent()).toContain('0/2');
    await seat.click();
    await book.getByRole('button', { name: W.book }).click();
    await page.getByRole('dialog', { name: W.bookDialog }).waitFor({ state: 'detached' });
    await poll(() => page.getByTestId('appointments-table').textContent()).toContain(W.pending);

    // A second patient booked for this afternoon: confirmed, checked in, the fee paid by QR code.
    await page.keyboard.press('Control+k');
    await page.getByTestId('finder-input').fill('李娜');
    await page.getByRole('button', { name: W.registerNew }).click();
    await page.getByTestId('register-form').locator('input[name="phone"]').fill('13900001111');
    await page.getByTestId('register-form').getByRole('button', { name: W.register }).click();
    await poll(() => text(page, 'patient-card')).toContain('李娜');
    await page.getByTestId('book').click();
    const today = page.getByTestId('book-dialog');
    await today.getByTestId('session-option').filter({ hasText: W.afternoon }).click();
    await today.getByRole('button', { name: W.book }).click();
    await page.getByRole('tab', { name: W.todaysAppointments }).click();
    const row = page.getByTestId('appointment-row').filter({ hasText: '李娜' });
    await row.getByRole('button', { name: W.confirm }).click();
    await poll(() => row.textContent()).toContain(W.confirmed);
    await row.getByRole('button', { name: W.checkIn }).click();
    await page.getByTestId('visit-dialog').getByRole('button', { name: W.checkIn }).click();
    const fee2 = page.getByRole('dialog', { name: W.payment });
    await fee2.getByText(W.qr, { exact: true }).click();
    await fee2.getByRole('button', { name: W.takePayment }).click();
    await poll(() => fee2.locator('.mantine-TextInput-error').first().textContent()).toBeTruthy();
    await shotAs(page, 'day-qr-needs-reference');
    await fee2.locator('input[name="reference"]').fill('WX20261122000123');
    await fee2.getByRole('button', { name: W.takePayment }).click();
    await fee2.getByTestId('fee-settled').waitFor();
    await fee2.getByTestId('fee-close').click();
    await fee2.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: W.queueTab }).click();
    await poll(() => page.getByTestId('visit-row').filter({ hasText: '李娜' }).textContent()).toContain(W.feePaid);
    await context.close();
  });

  it('doctor: calls the patient, writes and signs the record with ICD-10, prescribes with stock, prints both, ends the consultation', async () => {
    const { context, page } = await openDesk();
    await logIn(page, 'doctor');
    expect(page.url()).toContain('#/consult');
    await poll(() => text(page, 'my-queue-row')).toContain('张伟');
    // The waiting-room board (another desk's window, open before the call) shows the number with
    // the name masked and speaks it; what the page asks the browser's speech synthesis to say is recorded.
    const board = await openDesk();
    await board.context.addInitScript(() => {
      const w = window as unknown as { spoken: string[] };
      w.spoken = [];
      const say = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => { w.spoken.push(`${u.lang}|${u.text}`); say(u); };
    });
    await logIn(board.page, 'reception');
    await board.page.goto(`${clinic.url}#/display`);
    await poll(() => text(board.page, 'display')).toContain(W.board);
    await page.getByTestId('call-next').click();
    await poll(() => text(board.page, 'display-calling')).toContain('001');
    await poll(() => board.page.evaluate(() => (window as unknown as { spoken: string[] }).spoken))
      .toEqual([W.spoken, W.spoken]);
    expect(await text(board.page, 'display-calling')).toContain('张*');
    expect(await text(board.page, 'display-calling')).toContain('诊室1');
    await shotAs(board.page, 'day-display-calling');
    await expectAccessible(board.page);
    await board.context.close();
    await page.getByTestId('start-visit').click();
    const ws = page.getByTestId('visit-workspace');
    await poll(() => ws.getByTestId('allergies').textContent()).toContain('青霉素');
    await ws.locator('textarea[name="complaint"]').fill('咽痛、发热两天');
    await ws.locator('textarea[name="findings"]').fill('T 38.2℃，咽部充血，扁桃体Ⅰ度肿大');
    await ws.locator('textarea[name="plan"]').fill('抗感染，多饮水，三天后复诊');
    await ws.getByTestId('save-record').click();
    await poll(() => page.getByText(W.recordSaved).count()).toBeGreaterThan(0);
    // On this screen the ICD-10 list stays inside the window (it opens upward near the bottom).
    await ws.getByTestId('icd10').scrollIntoViewIfNeeded();
    await ws.getByTestId('icd10').fill('高血压');
    await poll(() => ws.getByTestId('icd10-option').count()).toBeGreaterThan(2);
    const list = await ws.getByTestId('icd10-list').boundingBox();
    expect(list).not.toBeNull();
    expect(list!.y).toBeGreaterThanOrEqual(0);
    expect(list!.y + list!.height).toBeLessThanOrEqual(height);
    expect(list!.x + list!.width).toBeLessThanOrEqual(width);
    await shotAs(page, 'icd10-picker');
    await ws.getByTestId('icd10').fill('J06');
    await ws.getByTestId('icd10-option').filter({ hasText: 'J06' }).first().click();
    await poll(() => ws.getByTestId('diagnosis').first().textContent()).toContain('J06');

    // Prescription: a drug without stock cannot be chosen; amoxicillin can.
    await ws.getByRole('tab', { name: W.rxTab }).click();
    await ws.getByTestId('new-rx').click();
    // Nothing found is said in words, not a blank list.
    await ws.getByTestId('drug-search').fill('zzqq');
    await poll(() => ws.getByTestId('drug-search-empty').textContent()).toBe(W.noMatch);
    await shotAs(page, 'drug-picker-no-match');
    await ws.getByTestId('drug-search').fill('头孢克洛');
    await poll(() => ws.getByTestId('drug-search-option').first().textContent()).toContain(W.outOfStock);
    await ws.getByTestId('drug-search').fill('阿莫西林');
    // The patient's penicillin allergy shows in the search results already.
    await poll(() => ws.getByTestId('drug-search-option').filter({ hasText: '阿莫西林' }).first().textContent()).toContain(W.searchAllergy);
    await shotAs(page, 'day-drug-search-allergy');
    await ws.getByTestId('drug-search-option').filter({ hasText: '阿莫西林' }).first().click();
    const line = ws.getByTestId('line-form');
    await line.locator('input[name="dose"]').fill('2');
    await line.locator('input[name="days"]').fill('5');
    await ws.getByTestId('add-line').click();
    await poll(() => ws.getByTestId('rx-line').first().textContent()).toContain('阿莫西林');
    await poll(() => ws.getByTestId('prescription').first().textContent()).toContain(W.allergy);
    await shotAs(page, 'day-prescription');
    await checkScreen(page, 'day-prescription');
    // Issuing over the allergy stop needs a reason: the dialog lists the stop and will not issue without one.
    await ws.getByTestId('issue-rx').click();
    const override = page.getByRole('dialog').filter({ hasText: W.overrideTitle });
    await poll(() => override.textContent()).toContain('阿莫西林');
    expect(await override.getByTestId('override-submit').isDisabled()).toBe(true);
    await shotAs(page, 'day-override');
    await override.locator('textarea[name="override-reason"]').fill('皮试阴性，患者既往用药无反应');
    await override.getByTestId('override-submit').click();
    await poll(() => ws.getByTestId('prescription').first().textContent()).toContain(W.issued);
    await poll(() => ws.getByTestId('rx-override').first().textContent()).toContain('皮试阴性，患者既往用药无反应');
    expect(await ws.getByTestId('rx-override').first().textContent()).toContain(W.overridden);
    // A look first: the preview opens in a dialog and does not use up the original.
    await ws.getByTestId('preview-prescription').click();
    const preview = page.getByTestId('print-preview');
    await preview.locator('iframe').waitFor();
    expect(await preview.locator('iframe').getAttribute('src')).toMatch(/^blob:/);
    await page.waitForTimeout(1500);
    await shotAs(page, 'day-prescription-preview');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    const rxPdf = await downloadPdf(page, ws.getByTestId('print-prescription'));
    expect(rxPdf.flat).toContain('阿莫西林');
    expect(rxPdf.flat).toContain(W.pdf.rx);
    expect(rxPdf.flat).not.toContain(W.pdf.copy);
    expect(rxPdf.flat).toContain('皮试阴性，患者既往用药无反应');

    // A second prescription, voided: the reason is asked for, and it stays listed, struck through, with it.
    await ws.getByTestId('new-rx').click();
    // Only once the new draft is there: it is the last one in the page's order, the issued one stays as it is.
    await poll(() => ws.getByTestId('void-rx').count()).toBe(2);
    await ws.getByTestId('void-rx').last().click();
    const voiding = page.getByRole('dialog').filter({ has: page.locator('input[name="reason"]') });
    await voiding.locator('input[name="reason"]').fill('患者要求换药');
    await shotAs(page, 'day-void');
    await voiding.getByRole('button', { name: W.voidSubmit }).click();
    await poll(() => ws.getByTestId('rx-void-reason').first().textContent()).toContain(W.voided);
    expect(await ws.getByTestId('prescription').count()).toBe(2);
    await shotAs(page, 'day-voided');

    await ws.getByRole('tab', { name: W.recordTab }).click();
    // Signing asks first, saying what it means.
    await ws.getByTestId('sign-record').click();
    const confirmSign = page.getByRole('dialog').filter({ hasText: W.yes });
    await confirmSign.getByRole('button', { name: W.yes }).click();
    await ws.getByTestId('record-signed').waitFor();
    const recordPdf = await downloadPdf(page, ws.getByTestId('print-medicalRecord'));
    expect(recordPdf.flat).toContain('J06');
    expect(recordPdf.flat).toContain(W.pdf.record);
    await shotAs(page, 'day-record');
    await checkScreen(page, 'day-record');
    await ws.getByTestId('finish-visit').click();
    const confirmFinish = page.getByRole('dialog').filter({ hasText: '张伟' });
    await shotAs(page, 'day-finish-confirm');
    await confirmFinish.getByRole('button', { name: W.yes }).click();
    await ws.waitFor({ state: 'detached' });
    await poll(() => page.locator('main').textContent()).toContain(W.choosePatient);
    await poll(() => page.getByTestId('my-queue-row').filter({ hasText: '张伟' }).count()).toBe(0);
    expect(await text(page, 'my-queue-row')).toContain('李娜');
    await context.close();
  });

  it('cashier: bills the visit, takes the money and prints the receipt (a reprint is a copy); refunds one box by line with its slip', async () => {
    const { context, page } = await openDesk();
    await logIn(page, 'cashier');
    await page.getByTestId('awaiting-row').filter({ hasText: '张伟' }).click();
    const billing = page.getByTestId('visit-billing');
    await billing.getByTestId('build-bill').click();
    const bill = billing.getByTestId('bill').filter({ hasText: '阿莫西林' });
    await poll(() => bill.textContent()).toContain('阿莫西林');
    const due = await bill.getByTestId('due').textContent();
    expect(due).toMatch(/^¥\d/);
    await bill.locator('input[name="tendered"]').fill('100');
    await shotAs(page, 'day-bill');
    await bill.getByRole('button', { name: W.takePayment }).click();
    await poll(() => bill.textContent()).toContain(W.billPaid);
    await checkScreen(page, 'day-bill-paid');

    // The receipt, downloaded as a PDF: its number and the amount paid are on it.
    const payment = bill.getByTestId('payment-row').first();
    const receiptNo = /\d{2}:\d{2}\s+(\S+)/.exec((await payment.textContent()) ?? '')?.[1] ?? '';
    expect(receiptNo).not.toBe('');
    const first = await downloadPdf(page, payment.getByTestId('print-receipt'));
    expect(first.filename).toMatch(/^receipt-.*\.pdf$/);
    expect(first.filename).not.toContain('copy');
    expect(first.flat).toContain(receiptNo);
    expect(first.flat).toContain(due!.replace(/\s+/g, ''));
    expect(first.flat).toContain(W.pdf.receipt);
    expect(first.flat).not.toContain(W.pdf.copy);
    await shotAs(page, 'day-receipt');
    // A second print of the same receipt is marked as a copy, in the PDF and on the screen.
    const second = await downloadPdf(page, payment.getByTestId('print-receipt'));
    expect(second.filename).toContain('copy');
    expect(second.flat).toContain(receiptNo);
    expect(second.flat).toContain(W.pdf.copy);
    await payment.getByTestId('print-copy').waitFor();

    // A refund by line: one box of amoxicillin (the fee is refunded only by cancelling the visit), and its slip.
    await bill.getByRole('button', { name: W.refund }).click();
    const refund = page.getByTestId('refund-dialog');
    const amox = refund.getByTestId('refund-line').filter({ hasText: '阿莫西林' });
    await amox.locator('input[name="quantity"]').fill('1');
    await poll(() => refund.getByTestId('refund-total').textContent()).toMatch(/¥[1-9]/);
    const refundTotal = /¥[\d,.]+/.exec((await refund.getByTestId('refund-total').textContent()) ?? '')?.[0] ?? '';
    await refund.locator('input[name="reason"]').fill('多开一盒');
    await shotAs(page, 'day-refund-dialog');
    await checkScreen(page, 'day-refund-dialog');
    await refund.getByRole('button', { name: W.refundSubmit }).click();
    await refund.waitFor({ state: 'detached' });
    const refundRow = bill.getByTestId('refund-row').first();
    await poll(() => refundRow.textContent()).toContain('多开一盒');
    const refundNo = /\d{2}:\d{2}\s+(\S+)/.exec((await refundRow.textContent()) ?? '')?.[1] ?? '';
    const slip = await downloadPdf(page, refundRow.getByTestId('print-refundSlip'));
    expect(slip.filename).toMatch(/^refundSlip-.*\.pdf$/);
    expect(slip.flat).toContain(refundNo);
    expect(slip.flat).toContain(refundTotal);
    expect(slip.flat).toContain('阿莫西林');
    expect(slip.flat).toContain(W.pdf.refundSlip);
    await shotAs(page, 'day-refund');
    await context.close();
  });

  it('pharmacist: prints the drug labels and dispenses the paid prescription', async () => {
    const { context, page } = await openDesk();
    await logIn(page, 'pharmacist');
    const rx = page.getByTestId('dispense-rx').filter({ hasText: '张伟' });
    await poll(() => rx.textContent()).toContain('阿莫西林');
    await shotAs(page, 'day-pharmacy');
    await checkScreen(page, 'day-pharmacy');
    const labels = await downloadPdf(page, rx.getByTestId('print-drugLabels'));
    expect(labels.flat).toContain('阿莫西林');
    expect(await rx.textContent()).toContain('皮试阴性，患者既往用药无反应'); // the override, for the pharmacist
    // Dispensing checks each line first: the button waits until every line is ticked, and a click on it before then does nothing.
    await rx.getByTestId('dispense').click();
    const check = page.getByRole('dialog').filter({ has: page.getByTestId('check-line') });
    const confirm = check.getByTestId('dispense-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    const boxes = await check.getByRole('checkbox').all();
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes.slice(0, -1)) {
      await box.check();
      expect(await confirm.isDisabled()).toBe(true);
    }
    await confirm.click({ force: true });
    expect(await check.isVisible()).toBe(true);
    await boxes[boxes.length - 1]!.check();
    expect(await confirm.isDisabled()).toBe(false);
    // Unticking a line takes the dispense away again.
    await boxes[0]!.uncheck();
    expect(await confirm.isDisabled()).toBe(true);
    await confirm.click({ force: true });
    expect(await rx.isVisible()).toBe(true);
    await boxes[0]!.check();
    await shotAs(page, 'day-dispense-check');
    await check.getByTestId('dispense-confirm').click();
    await poll(() => page.getByTestId('empty-state').first().textContent()).toContain(W.noRx);
    await context.close();
  });

  it('the waiting-room board and the cashier’s close of day', async () => {
    const { context, page } = await openDesk();
    await logIn(page, 'cashier');
    // The board opens in a window of its own (logged in there), and the desk stays where it was.
    await page.getByTestId('user-menu').click();
    const [board] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-display').click()]);
    expect(board.url()).toContain('#/display');
    await board.locator('input[name="username"]').fill('cashier');
    await board.locator('input[name="password"]').fill(PASSWORD);
    await board.locator('button[type="submit"]').click();
    await poll(() => text(board, 'display')).toContain(W.board);
    await poll(() => board.getByTestId('display-doctor').filter({ hasText: '李明' }).textContent()).toContain('诊室1');
    await shotAs(board, 'day-display');
    await expectAccessible(board);
    expect(page.url()).not.toContain('#/display');
    // The button closes its own window: the click may find its page gone before it has finished (that is
    // the point), so it counts as done once the window is closed; any other failure of the click still fails.
    const closed = board.waitForEvent('close');
    await board.getByRole('button', { name: W.closeBoard }).click().catch((err: unknown) => {
      if (!board.isClosed()) throw err;
    });
    await closed;
    expect(board.isClosed()).toBe(true);
    await page.getByRole('tab', { name: W.dayTab }).click();
    await poll(() => text(page, 'day-net')).toMatch(/^¥[1-9]/);
    await page.getByTestId('close-day').click();
    await page.getByTestId('confirm').getByRole('button', { name: W.confirm }).click();
    await poll(() => text(page, 'day-net')).toBe('¥0.00');
    const report = await downloadPdf(page, page.getByTestId('day-close-row').first().getByTestId('print-dayReport'));
    expect(report.filename).toMatch(/^dayReport-.*\.pdf$/);
    expect(report.flat).toContain(W.pdf.day);
    await shotAs(page, 'day-close');
    await checkScreen(page, 'day-close');
    await context.close();
  });
});
}
