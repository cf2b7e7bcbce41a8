import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, MESSAGE_KINDS, renderMessage, retryDelayMs, templateParams } from './templates';

const vars = { name: '张三', clinic: '康宁诊所', date: '2026-11-24', period: '上午', doctor: '李明' };

describe('message templates', () => {
  it('fills every variable of every kind in both languages', () => {
    for (const kind of MESSAGE_KINDS) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = renderMessage(DEFAULT_TEMPLATES[kind][lang], vars);
        expect(text, `${kind} ${lang}`).not.toMatch(/\{\{/);
        expect(text).toContain('康宁诊所');
      }
    }
    expect(renderMessage(DEFAULT_TEMPLATES.reminder['zh-CN'], vars)).toBe('张三您好，提醒您明天（2026-11-24 上午）在康宁诊所就诊，医生：李明。如不能前来请致电取消。');
  });
  it('leaves an unknown variable as written, and gives the provider the variables in order', () => {
    expect(renderMessage('{{name}} {{nope}}', vars)).toBe('张三 {{nope}}');
    expect(templateParams(vars)).toEqual(['张三', '康宁诊所', '2026-11-24', '上午', '李明']);
  });
  it('backs off 1, 2, 4 … minutes up to an hour', () => {
    expect([1, 2, 3, 7, 8, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000]);
  });
});
