import { describe, expect, it } from 'vitest';
import { renderPortalCodeSlip, type PortalCodeSlipData } from './portalCodeSlip';
import { flatText, pdfInfo } from './testPdf';

const slip: PortalCodeSlipData = {
  clinicName: '康宁诊所', maskedName: '王*明', recordNo: 'A1-000123', code: 'K7P2M-Q9XRT', expiresAt: Date.UTC(2026, 11, 7, 1, 30),
  patientAppUrl: 'https://192.168.1.10:4880', printedAt: Date.UTC(2026, 11, 4, 1, 30), timeZone: 'Asia/Shanghai',
};

describe('patient-app activation slip (80 mm)', () => {
  it('prints the code, until when it works, the address and the steps, in Chinese, on one 80 mm page', async () => {
    const pdf = await renderPortalCodeSlip(slip, { lang: 'zh-CN' });
    const t = flatText(pdf);
    for (const s of ['手机端激活码', 'K7P2M-Q9XRT', '王*明', 'A1-000123', '有效期至：2026-12-0709:30', 'https://192.168.1.10:4880', '有前台给的激活码', '只能使用一次', '2026-12-0409:30']) {
      expect(t).toContain(s);
    }
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(Math.round(info.sizes[0]!.width)).toBe(227);
  });

  it('in English, sending the patient to the front desk when the hub names no address', async () => {
    const t = flatText(await renderPortalCodeSlip({ ...slip, patientAppUrl: null }, { lang: 'en' }));
    for (const s of ['Patientappcode', 'K7P2M-Q9XRT', 'Validuntil', 'theaddressthefrontdeskgivesyou', 'Haveacodefromthefrontdesk']) expect(t).toContain(s);
    expect(t).not.toContain('4880');
  });
});
