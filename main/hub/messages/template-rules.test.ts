import { describe, expect, it } from 'vitest';
import { defaultTemplateSet, MAX_TEXT_CHARS, providerProblems, templateSetProblems, textProblems } from './template-rules';

describe('message text checks', () => {
  it('passes the standard texts', () => {
    expect(templateSetProblems(defaultTemplateSet(), null)).toEqual([]);
    expect(templateSetProblems(defaultTemplateSet(), 'tencent')).toEqual([]);
  });

  it('names every problem of a text with its field', () => {
    expect(textProblems('f', '   ', 'en')).toEqual([{ field: 'f', problem: 'empty' }]);
    expect(textProblems('f', 'Dear {{name}}, {{when}} at {{ clinic }}', 'en')).toEqual([{ field: 'f', problem: 'unknown_variable', variable: 'when' }]);
    expect(textProblems('f', 'Dear {{name}, see you {{date}}', 'en')).toEqual([{ field: 'f', problem: 'unbalanced_braces' }]);
    expect(textProblems('f', 'Dear name}}', 'en')).toEqual([{ field: 'f', problem: 'unbalanced_braces' }]);
    expect(textProblems('f', '{{foo}} {', 'zh-CN')).toEqual([{ field: 'f', problem: 'unknown_variable', variable: 'foo' }, { field: 'f', problem: 'unbalanced_braces' }]);
  });

  it('counts a long text as the phone does, with the sample variables filled in', () => {
    const fits = '诊'.repeat(MAX_TEXT_CHARS - 4) + '{{name}}'; // 欧阳娜娜: four characters
    expect(textProblems('f', fits, 'zh-CN')).toEqual([]);
    expect(textProblems('f', `诊${fits}`, 'zh-CN')).toEqual([{ field: 'f', problem: 'too_long', length: MAX_TEXT_CHARS + 1, max: MAX_TEXT_CHARS }]);
  });

  it("checks a provider's template against the variables we send", () => {
    expect(providerProblems('p', null, 'aliyun')).toEqual([]);
    expect(providerProblems('p', '${name}您好，${date} ${period}', 'aliyun')).toEqual([]);
    expect(providerProblems('p', '${name}您好，${when}', 'aliyun')[0]).toMatchObject({ problem: 'provider_variables', expected: '${name}, ${clinic}, ${date}, ${period}, ${doctor}' });
    expect(providerProblems('p', '{1}您好，{2}{3}{4}{5}', 'tencent')).toEqual([]);
    expect(providerProblems('p', '{1}您好，{2}', 'tencent')[0]).toMatchObject({ problem: 'provider_variables', expected: '{1}, {2}, {3}, {4}, {5}' });
    expect(providerProblems('p', '{1}{2}{3}{4}{5}{6}', 'tencent')[0]).toMatchObject({ problem: 'provider_variables' });
    expect(providerProblems('p', '${name}', 'tencent')[0]).toMatchObject({ problem: 'provider_variables' });
    // No provider yet: the style is read from the text.
    expect(providerProblems('p', '{1}{2}{3}{4}{5}', null)).toEqual([]);
    expect(providerProblems('p', '${name} ${doctor}', null)).toEqual([]);
    expect(providerProblems('p', '${name', null)).toEqual([{ field: 'p', problem: 'unbalanced_braces' }]);
    expect(providerProblems('p', '', null)).toEqual([{ field: 'p', problem: 'empty' }]);
  });

  it('reports all problems of a set at once, in kind and language order', () => {
    const set = defaultTemplateSet();
    set.reminder.en.text = '';
    set.stop_clinic['zh-CN'] = { text: '{{nmae}}您好', provider: '${name}' };
    set.booking_cancelled.en.provider = '{1}';
    expect(templateSetProblems(set, 'aliyun').map((p) => `${p.field} ${p.problem}`)).toEqual([
      'templates.reminder.en.text empty',
      'templates.stop_clinic.zh-CN.text unknown_variable',
      'templates.booking_cancelled.en.provider provider_variables',
    ]);
  });
});
