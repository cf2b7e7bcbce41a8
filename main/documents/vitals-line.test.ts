import { describe, expect, it } from 'vitest';
import { vitalsLine, type PrintedVitals } from './vitals-line';

const AT = Date.parse('2026-11-23T01:12:00Z'); // 09:12 in Shanghai
const FULL: PrintedVitals = {
  takenAt: AT, temperatureC: 38.5, systolic: 150, diastolic: 95, pulse: 88, respiration: 18, spo2: 97, weightKg: 90, heightCm: 170, bmi: 31.1,
  flags: { temperatureC: 'high', systolic: 'high', diastolic: 'high', bmi: 'high' },
};

describe('vitalsLine', () => {
  it('writes every measured value with its unit and ↑/↓ for flagged ones, in Chinese', () => {
    expect(vitalsLine(FULL, 'zh-CN', 'Asia/Shanghai')).toBe('09:12  体温 38.5℃↑  血压 150↑/95↑ mmHg  脉搏 88次/分  呼吸 18次/分  血氧饱和度 97%  体重 90 kg  身高 170 cm  BMI 31.1↑');
  });
  it('and in English, leaving out what was not measured', () => {
    const some: PrintedVitals = { ...FULL, temperatureC: 36, systolic: null, diastolic: null, respiration: null, weightKg: null, heightCm: null, bmi: null, spo2: 93, flags: { spo2: 'low' } };
    expect(vitalsLine(some, 'en', 'Asia/Shanghai')).toBe('09:12  T 36.0℃  P 88/min  SpO2 93%↓');
  });
});
