/**
 * Printing at the desk the PDFs the hub makes, on a real station file.
 * patients.printPortalCodeSlip: the slip the hub made goes to the desk's
 * printer (a stand-in `lp` first on the PATH keeps its arguments and the bytes it was fed, read
 * back with pdftotext), the print is audited; something that is not a PDF, an unknown patient
 * and a doctor are refused with nothing written; printer trouble is an answer.
 * messages.printCallList: the call-list sheet likewise, audited as a print of that day's list.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCallListSheet } from '../../documents/callListSheet';
import { renderPortalCodeSlip } from '../../documents/portalCodeSlip';
import { flatText } from '../../documents/testPdf';
import { tableChecksums } from '../checksum';
import { createFixture, type Fixture } from '../testing';
import { call, ok } from './documents.testing';

let fx: Fixture;
let patientId: string;
let slip: string;
const bin = mkdtempSync(join(tmpdir(), 'clinic-lp-slip-'));
const savedPath = process.env.PATH;

function fakeLp(exitCode: number): void {
  rmSync(join(bin, 'stdin.pdf'), { force: true });
  writeFileSync(join(bin, 'lp'), `#!/bin/sh\necho "$@" > "${bin}/args"\ncat > "${bin}/stdin.pdf"\n`
    + (exitCode === 0 ? 'echo "request id is Desk-9 (1 file(s))"\n' : 'echo "lp: The printer or class does not exist." >&2\n') + `exit ${exitCode}\n`);
  chmodSync(join(bin, 'lp'), 0o755);
}

beforeAll(async () => {
  fx = createFixture();
  patientId = fx.ok(fx.login('reception'), 'patients.register', { name: '王小明', phone: '13900000600' }).patient.id;
  slip = (await renderPortalCodeSlip({
    clinicName: '康宁诊所', maskedName: '王*明', recordNo: 'D1-0000001', code: 'K7P2M-Q9XRT', expiresAt: fx.clock.t + 72 * 3_600_000,
    patientAppUrl: 'https://192.168.1.10:4880', printedAt: fx.clock.t, timeZone: 'Asia/Shanghai',
  }, { lang: 'zh-CN' })).toString('base64');
  process.env.PATH = `${bin}${delimiter}${savedPath ?? ''}`;
});
afterAll(() => {
  process.env.PATH = savedPath;
  rmSync(bin, { recursive: true, force: true });
  fx.close();
});

const printsAudited = () => fx.station.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'print' AND entity = 'portal_code_slip' AND patient_id = ?").get(patientId);

describe('printing the activation slip at the desk', () => {
  it('sends the very bytes to lp and audits the print', async () => {
    fakeLp(0);
    const out = await ok(fx, fx.login('reception'), 'patients.printPortalCodeSlip', { patientId, pdfBase64: slip, printer: 'Desk' });
    expect(out).toEqual({ printed: true, jobId: 'Desk-9' });
    expect(readFileSync(join(bin, 'args'), 'utf8').trim()).toBe('-d Desk -n 1 -t patient-app-code');
    const printed = readFileSync(join(bin, 'stdin.pdf'));
    expect(printed.equals(Buffer.from(slip, 'base64'))).toBe(true);
    expect(flatText(printed)).toContain('K7P2M-Q9XRT');
    expect(printsAudited()).toEqual({ n: 1 });
  });

  it('answers printer trouble with the reason', async () => {
    fakeLp(1);
    const out = await ok(fx, fx.login('admin'), 'patients.printPortalCodeSlip', { patientId, pdfBase64: slip, printer: 'Gone' });
    expect(out).toMatchObject({ printed: false, jobId: null, error: { code: 'LP_FAILED' } });
  });

  it('refuses what is not a PDF, an unknown patient, a bad printer name and a doctor, writing nothing', async () => {
    fakeLp(0);
    const before = tableChecksums(fx.station.raw);
    const reception = fx.login('reception');
    const notPdf = Buffer.from('#!/bin/sh\nrm -rf /\n').toString('base64');
    expect(await call(fx, reception, 'patients.printPortalCodeSlip', { patientId, pdfBase64: notPdf }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'pdfBase64', reason: 'not_pdf' } } });
    for (const input of [{ patientId, pdfBase64: 'not base64!' }, { patientId, pdfBase64: 'A'.repeat(400_004) }, { patientId, pdfBase64: slip, printer: 'a b' }, { pdfBase64: slip }]) {
      expect(await call(fx, reception, 'patients.printPortalCodeSlip', input as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await call(fx, reception, 'patients.printPortalCodeSlip', { patientId: '01900000-0000-7000-8000-000000000000', pdfBase64: slip }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'patientId' } } });
    expect(await call(fx, fx.login('doctor'), 'patients.printPortalCodeSlip', { patientId, pdfBase64: slip })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(tableChecksums(fx.station.raw)).toEqual(before);
    // Nothing reached the printer.
    expect(existsSync(join(bin, 'stdin.pdf'))).toBe(false);
  });
});

describe('printing the call-list sheet at the desk', () => {
  it('sends the very bytes to lp and audits the print of that day; refuses what is not a PDF, a bad day and a doctor, writing nothing', async () => {
    const day = '2026-11-24';
    const sheet = (await renderCallListSheet({
      clinicName: '康宁诊所', day, printedAt: fx.clock.t, timeZone: 'Asia/Shanghai',
      rows: [{ patientName: '王小明', phone: '13900000600', kind: 'reminder', body: '王小明您好，提醒您明天就诊。', calledAt: null }],
    }, { lang: 'zh-CN' })).toString('base64');
    const printsOfDay = () => fx.station.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'print' AND entity = 'call_list' AND entity_id = ?").get(day);
    fakeLp(0);
    const out = await ok(fx, fx.login('reception'), 'messages.printCallList', { day, pdfBase64: sheet, printer: 'Desk' });
    expect(out).toEqual({ printed: true, jobId: 'Desk-9' });
    expect(readFileSync(join(bin, 'args'), 'utf8').trim()).toBe(`-d Desk -n 1 -t call-list-${day}`);
    expect(flatText(readFileSync(join(bin, 'stdin.pdf')))).toContain('13900000600');
    expect(printsOfDay()).toEqual({ n: 1 });

    fakeLp(0);
    const before = tableChecksums(fx.station.raw);
    const reception = fx.login('reception');
    expect(await call(fx, reception, 'messages.printCallList', { day, pdfBase64: Buffer.from('<html>').toString('base64') }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'pdfBase64', reason: 'not_pdf' } } });
    expect(await call(fx, reception, 'messages.printCallList', { day: '2026-13-45', pdfBase64: sheet })).toMatchObject({ ok: false, error: { code: 'INVALID_DATE', details: { field: 'day' } } });
    expect(await call(fx, fx.login('doctor'), 'messages.printCallList', { day, pdfBase64: sheet })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(tableChecksums(fx.station.raw)).toEqual(before);
    expect(existsSync(join(bin, 'stdin.pdf'))).toBe(false);
  });
});
