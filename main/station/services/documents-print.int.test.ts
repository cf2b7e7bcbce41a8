/**
 * documents.print: rendered and sent to the station's printer — CUPS' lp by default (a stand-in
 * `lp` script first on the PATH records its arguments and the bytes it was fed), or the printer
 * the shell registered for the station. Printer trouble is an answer, not an error: the PDF
 * comes back so the desk can save it, and the print still counts (a reprint is a copy).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Printer, PrintJobOptions } from '../../documents/printer';
import { flatText } from '../../documents/testPdf';
import { createFixture, type Fixture } from '../testing';
import { setStationPrinter } from './documents';
import { ok, pdfOf, walkVisit, type Walk } from './documents.testing';

let fx: Fixture;
let w: Walk;
const bin = mkdtempSync(join(tmpdir(), 'clinic-lp-'));
const savedPath = process.env.PATH;

/** Puts a stand-in lp first on the PATH; it exits with `exitCode` after keeping args and stdin. */
function fakeLp(exitCode: number): void {
  rmSync(join(bin, 'stdin.pdf'), { force: true });
  writeFileSync(
    join(bin, 'lp'),
    `#!/bin/sh\necho "$@" > "${bin}/args"\ncat > "${bin}/stdin.pdf"\n` +
      (exitCode === 0 ? 'echo "request id is Desk-7 (1 file(s))"\n' : 'echo "lp: The printer or class does not exist." >&2\n') +
      `exit ${exitCode}\n`,
  );
  chmodSync(join(bin, 'lp'), 0o755);
}

beforeAll(() => {
  fx = createFixture();
  w = walkVisit(fx);
  process.env.PATH = `${bin}${delimiter}${savedPath ?? ''}`;
});
afterEach(() => setStationPrinter(fx.station, null));
afterAll(() => {
  process.env.PATH = savedPath;
  rmSync(bin, { recursive: true, force: true });
  fx.close();
});

describe('documents.print through lp', () => {
  it('feeds the rendered PDF to lp with printer, copies and title', async () => {
    fakeLp(0);
    const out = await ok(fx, w.callers.cashier, 'documents.print', {
      document: 'receipt', paymentId: w.cashPaymentId, paper: 'roll80', printer: 'Desk', copies: 2,
    });
    expect(out).toMatchObject({ printed: true, jobId: 'Desk-7', copy: false, pages: 1 });
    expect(out.pdfBase64).toBeUndefined();
    expect(readFileSync(join(bin, 'args'), 'utf8').trim()).toBe(`-d Desk -n 2 -t receipt-${w.cashReceiptNo}`);
    const printed = readFileSync(join(bin, 'stdin.pdf'));
    const text = flatText(printed);
    for (const s of ['门诊收费收据', w.cashReceiptNo, '张三丰', '合计¥47.00', '找零¥3.40']) expect(text).toContain(s);
    expect(text).not.toContain('副本');
  });

  it('answers LP_FAILED with the very bytes lp was given, and the failed print still counts', async () => {
    fakeLp(1);
    const out = await ok(fx, w.callers.cashier, 'documents.print', { document: 'receipt', paymentId: w.cashPaymentId, printer: 'Gone' });
    expect(out).toMatchObject({ printed: false, jobId: null, copy: true, error: { code: 'LP_FAILED' } });
    expect(out.error!.message).toContain('does not exist');
    expect(existsSync(join(bin, 'stdin.pdf'))).toBe(true);
    expect(pdfOf(out).equals(readFileSync(join(bin, 'stdin.pdf')))).toBe(true);
    expect(flatText(pdfOf(out))).toContain('副本');
  });

  it('answers LP_MISSING when there is no lp at all', async () => {
    const keep = process.env.PATH;
    process.env.PATH = join(bin, 'nothing-here');
    let out;
    try {
      out = await ok(fx, w.callers.doctor, 'documents.print', { document: 'medicalRecord', visitId: w.visitId });
    } finally {
      process.env.PATH = keep;
    }
    expect(out).toMatchObject({ printed: false, error: { code: 'LP_MISSING' } });
    expect(flatText(pdfOf(out))).toContain('门诊病历');
  });
});

describe("documents.print through the station's own printer", () => {
  it('sends the exact bytes to the registered printer', async () => {
    const jobs: Array<{ pdf: Buffer; opts: PrintJobOptions }> = [];
    const shell: Printer = {
      print: async (pdf, opts) => {
        jobs.push({ pdf: Buffer.from(pdf), opts });
        return { ok: true, jobId: `shell-${jobs.length}`, output: '' };
      },
    };
    setStationPrinter(fx.station, shell);
    const out = await ok(fx, w.callers.pharmacist, 'documents.print', { document: 'drugLabels', prescriptionId: w.rxId, lang: 'en' });
    expect(out).toMatchObject({ printed: true, jobId: 'shell-1', copy: false });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.opts).toEqual({ copies: 1, title: out.filename.replace(/\.pdf$/, '') });
    const text = flatText(jobs[0]!.pdf);
    expect(text).toContain('bymouth'); // the route in English
    expect(text).toContain('张三丰');
  });

  it('turns a printer that throws into PRINTER_ERROR with the PDF it was handed', async () => {
    let handed: Buffer | undefined;
    setStationPrinter(fx.station, {
      print: async (pdf) => {
        handed = Buffer.from(pdf);
        throw new Error('paper jam');
      },
    });
    const out = await ok(fx, w.callers.reception, 'documents.print', { document: 'patientLabel', patientId: w.patient.id });
    expect(out).toMatchObject({ printed: false, error: { code: 'PRINTER_ERROR', message: 'paper jam' } });
    expect(handed && pdfOf(out).equals(handed)).toBe(true);
  });
});
