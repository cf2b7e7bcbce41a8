/**
 * One reading of vital signs as the printed record writes it: the time, then each measured value
 * with its unit, ↑ or ↓ after a value outside the adult ranges (main/domain/vitals.ts), e.g.
 * "09:12  体温 38.5℃↑  血压 150/95 mmHg↑  脉搏 88次/分  BMI 31.1↑". Values not measured are left out.
 */
import { dateTime, num } from './format';
import type { Lang } from './labels';

export interface PrintedVitals {
  takenAt: number;
  temperatureC: number | null;
  systolic: number | null;
  diastolic: number | null;
  pulse: number | null;
  respiration: number | null;
  spo2: number | null;
  weightKg: number | null;
  heightCm: number | null;
  bmi: number | null;
  flags: Partial<Record<'temperatureC' | 'systolic' | 'diastolic' | 'pulse' | 'respiration' | 'spo2' | 'bmi', 'low' | 'high'>>;
}

const WORDS: Record<Lang, Record<'t' | 'bp' | 'p' | 'r' | 'spo2' | 'wt' | 'ht' | 'bmi' | 'perMin' | 'breathsPerMin', string>> = {
  'zh-CN': { t: '体温', bp: '血压', p: '脉搏', r: '呼吸', spo2: '血氧饱和度', wt: '体重', ht: '身高', bmi: 'BMI', perMin: '次/分', breathsPerMin: '次/分' },
  en: { t: 'T', bp: 'BP', p: 'P', r: 'R', spo2: 'SpO2', wt: 'Wt', ht: 'Ht', bmi: 'BMI', perMin: '/min', breathsPerMin: '/min' },
};

const ARROW = { high: '↑', low: '↓' } as const;

export function vitalsLine(v: PrintedVitals, lang: Lang, timeZone: string): string {
  const w = WORDS[lang];
  const mark = (f: keyof PrintedVitals['flags']) => (v.flags[f] ? ARROW[v.flags[f]] : '');
  const parts: string[] = [dateTime(v.takenAt, timeZone).slice(11)];
  if (v.temperatureC !== null) parts.push(`${w.t} ${v.temperatureC.toFixed(1)}℃${mark('temperatureC')}`);
  if (v.systolic !== null && v.diastolic !== null) {
    parts.push(`${w.bp} ${v.systolic}${mark('systolic')}/${v.diastolic}${mark('diastolic')} mmHg`);
  }
  if (v.pulse !== null) parts.push(`${w.p} ${v.pulse}${w.perMin}${mark('pulse')}`);
  if (v.respiration !== null) parts.push(`${w.r} ${v.respiration}${w.breathsPerMin}${mark('respiration')}`);
  if (v.spo2 !== null) parts.push(`${w.spo2} ${v.spo2}%${mark('spo2')}`);
  if (v.weightKg !== null) parts.push(`${w.wt} ${num(v.weightKg)} kg`);
  if (v.heightCm !== null) parts.push(`${w.ht} ${num(v.heightCm)} cm`);
  if (v.bmi !== null) parts.push(`${w.bmi} ${v.bmi.toFixed(1)}${mark('bmi')}`);
  return parts.join('  ');
}
