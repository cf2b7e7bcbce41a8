/** The printed medical record carries the visit's vital signs (real SQLite, real PDF read back with pdftotext). */
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flatText, pdfText } from '../../documents/testPdf';
import { createFixture, type Fixture } from '../testing';
import { makeVisit } from './consultation-testkit';
import { ok, pdfOf } from './documents.testing';

let fx: Fixture;
beforeEach(() => { fx = createFixture(); });
afterEach(() => fx.close());

function signedVisitWithVitals() {
  const doctor = fx.login('doctor');
  const reception = fx.login('reception');
  const { visitId } = makeVisit(fx);
  fx.ok(reception, 'vitals.record', { visitId, temperatureC: 38.5, systolic: 150, diastolic: 95, pulse: 88, respiration: 18, spo2: 97, weightKg: 90, heightCm: 170 });
  fx.advance(5 * 60_000);
  fx.ok(doctor, 'vitals.record', { visitId, temperatureC: 38.1, spo2: 93 });
  fx.ok(doctor, 'consultation.saveRecord', { visitId, complaint: '发热2天', findings: '咽部充血' });
  fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
  fx.ok(doctor, 'consultation.sign', { visitId });
  return { doctor, visitId };
}

describe('vital signs on the printed record', () => {
  it('lists each reading with its time, units and ↑/↓ marks before the examination, in Chinese and English', async () => {
    const { doctor, visitId } = signedVisitWithVitals();
    const zh = await ok(fx, doctor, 'documents.medicalRecord', { visitId });
    if (process.env['CLINIC_KEEP_PDF']) writeFileSync(process.env['CLINIC_KEEP_PDF'], pdfOf(zh));
    const text = flatText(pdfOf(zh));
    for (const s of [
      '【生命体征】09:00体温38.5℃↑血压150↑/95↑mmHg脉搏88次/分呼吸18次/分血氧饱和度97%体重90kg身高170cmBMI31.1↑',
      '09:05体温38.1℃↑血氧饱和度93%↓',
    ]) expect(text).toContain(s);
    expect(text.indexOf('【生命体征】')).toBeLessThan(text.indexOf('【体格检查】'));

    const en = await ok(fx, doctor, 'documents.medicalRecord', { visitId, lang: 'en' });
    const lines = pdfText(pdfOf(en));
    expect(lines).toContain('Vital signs');
    expect(lines.replace(/\s+/g, ' ')).toContain('09:05 T 38.1℃↑ SpO2 93%↓');
  });

  it('has no vital-signs section when none were taken', async () => {
    const doctor = fx.login('doctor');
    const { visitId } = makeVisit(fx);
    fx.ok(doctor, 'consultation.saveRecord', { visitId, complaint: '复诊' });
    fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
    fx.ok(doctor, 'consultation.sign', { visitId });
    expect(flatText(pdfOf(await ok(fx, doctor, 'documents.medicalRecord', { visitId })))).not.toContain('生命体征');
  });
});
