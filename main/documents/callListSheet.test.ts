import { describe, expect, it } from 'vitest';
import { renderCallListSheet, type CallListSheetData } from './callListSheet';
import { flatText, pdfInfo, pdfText } from './testPdf';

const at = (h: number, m = 0) => Date.UTC(2026, 11, 4, h - 8, m);
const sheet: CallListSheetData = {
  clinicName: '康宁诊所', day: '2026-12-05', printedAt: at(17, 30), timeZone: 'Asia/Shanghai',
  rows: [
    { patientName: '王小明', phone: '13800138000', kind: 'reminder', body: '王小明您好，提醒您明天（2026-12-05 上午）在康宁诊所就诊，医生：李明。', calledAt: at(16, 5) },
    { patientName: '李红', phone: '13912345678', kind: 'stop_clinic', body: '李红您好，康宁诊所李明医生 2026-12-05 上午 停诊，您的预约已取消，请重新预约。', calledAt: null },
    { patientName: 'Anna Smith', phone: null, kind: 'booking_confirmed', body: 'Dear Anna Smith, your appointment at 康宁诊所 is confirmed.', calledAt: null },
  ],
};

describe('call list sheet (A4)', () => {
  it('lists who to call first, with phone, kind, what to say and a box; those called after, with when', async () => {
    const pdf = await renderCallListSheet(sheet, { lang: 'zh-CN' });
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(Math.round(info.sizes[0]!.width)).toBe(595);
    const t = flatText(pdf);
    for (const s of ['康宁诊所', '电话通知单', '日期：2026-12-05', '待通知：2', '已通知：1', '13912345678', '停诊通知', '（无电话）', '预约确认', '就诊提醒', '16:05', '通知人签名']) {
      expect(t).toContain(s);
    }
    // Still to call come first: 李红 and Anna before 王小明, who was called at 16:05.
    expect(t.indexOf('李红')).toBeLessThan(t.indexOf('王小明'));
    expect(t.indexOf('AnnaSmith')).toBeLessThan(t.indexOf('王小明'));
    expect(pdfText(pdf)).toContain('□');
  });

  it('in English, and says so when the day has nobody to call', async () => {
    const t = flatText(await renderCallListSheet(sheet, { lang: 'en' }));
    for (const s of ['Calllist', 'Tocall:2', 'Stop-clinic', '(nophone)', 'Whattosay']) expect(t).toContain(s);
    const empty = flatText(await renderCallListSheet({ ...sheet, rows: [] }, { lang: 'en' }));
    expect(empty).toContain('Nobodyneedsacallonthisday.');
    expect(empty).not.toContain('Whattosay');
  });

  it('runs onto more pages with the column heads again when the list is long', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ ...sheet.rows[1]!, patientName: `患者${i + 1}`, calledAt: null }));
    const pdf = await renderCallListSheet({ ...sheet, rows }, { lang: 'zh-CN' });
    const pages = pdfInfo(pdf).pages;
    expect(pages).toBeGreaterThan(1);
    expect(flatText(pdf, pages)).toContain('通知内容');
    expect(flatText(pdf, pages)).toContain('患者60');
  });
});
