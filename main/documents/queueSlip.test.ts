import { describe, expect, it } from 'vitest';
import { renderQueueSlip, type QueueSlipData } from './queueSlip';
import { flatText, pdfInfo } from './testPdf';

const slip: QueueSlipData = {
  clinicName: '康宁诊所', queueNo: '007', maskedName: '王*明', doctorName: '李明', departmentName: '内科', roomName: '诊室一',
  ahead: 3, dueFen: 1500, printedAt: Date.UTC(2026, 11, 4, 1, 30), timeZone: 'Asia/Shanghai',
};

describe('queue slip (80 mm)', () => {
  it('prints number, doctor, room, how many ahead and the fee due, in Chinese', async () => {
    const pdf = await renderQueueSlip(slip, { lang: 'zh-CN' });
    const t = flatText(pdf);
    for (const s of ['排队小票', '007', '前面还有3人', '王*明', '李明', '内科', '诊室一', '挂号费¥15.00未付', '2026-12-0409:30']) expect(t).toContain(s);
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(Math.round(info.sizes[0]!.width)).toBe(227);
  });

  it('in English, with a settled fee and no room yet', async () => {
    const t = flatText(await renderQueueSlip({ ...slip, dueFen: 0, roomName: null, ahead: 0 }, { lang: 'en' }));
    expect(t).toContain('0aheadofyou');
    expect(t).toContain('Registrationfeesettled');
    expect(t).toContain('listenforyourcall');
    expect(t).not.toContain('due');
  });
});
