import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeSearchText, pinyinKeys } from './pinyin';

describe('pinyinKeys', () => {
  it.each([
    ['张三丰', 'zhangsanfeng', 'zsf'],
    ['单田芳', 'shantianfang', 'stf'], // 单 as a surname is shan, not dan
    ['曾小贤', 'zengxiaoxian', 'zxx'], // zeng, not ceng
    ['解晓东', 'xiexiaodong', 'xxd'], // xie, not jie
    ['区志伟', 'ouzhiwei', 'ozw'], // ou, not qu
    ['朴树', 'piaoshu', 'ps'],
    ['仇大', 'qiuda', 'qd'],
    ['欧阳娜娜', 'ouyangnana', 'oynn'],
    ['尉迟恭', 'yuchigong', 'ycg'],
    ['吕布', 'lvbu', 'lb'], // ü typed as v
    ['王单', 'wangdan', 'wd'], // surname reading only at the head
    ['王 小明', 'wangxiaoming', 'wxm'],
  ])('%s → %s / %s', (name, full, initials) => {
    expect(pinyinKeys(name)).toEqual({ full, initials });
  });
  it.each([
    ['John Smith', 'johnsmith', 'js'],
    ['  JOHN   SMITH ', 'johnsmith', 'js'],
    ['ＪＯＨＮ 李', 'johnli', 'jl'], // full-width letters folded by NFKC
    ['李Lucy', 'lilucy', 'll'],
    ['Lucy李', 'lucyli', 'll'],
    ['Mary-Jane Watson', 'maryjanewatson', 'mjw'],
    ["O'Brien 王", 'obrienwang', 'obw'],
    ['阿卜杜拉·买买提', 'abudulamaimaiti', 'abdlmmt'],
    ['张3', 'zhang3', 'z3'],
  ])('mixed %j → %s / %s', (name, full, initials) => {
    expect(pinyinKeys(name)).toEqual({ full, initials });
  });
  it('empty and blank names give empty keys', () => {
    expect(pinyinKeys('')).toEqual({ full: '', initials: '' });
    expect(pinyinKeys('   ')).toEqual({ full: '', initials: '' });
    expect(pinyinKeys('·-·')).toEqual({ full: '', initials: '' });
  });
  it('keys are lowercase, without spaces or tone marks, initials a subsequence of full (property)', () => {
    const chars = [...'张王李赵刘陈杨黄周吴单曾解区三丰小明娜ab CDxyz-·1'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 8 }), (cs) => {
        const { full, initials } = pinyinKeys(cs.join(''));
        expect(full).toMatch(/^[a-z0-9]*$/);
        expect(initials).toMatch(/^[a-z0-9]*$/);
        expect(initials.length).toBeLessThanOrEqual(full.length);
        let i = 0;
        for (const c of full) if (c === initials[i]) i++;
        expect(i).toBe(initials.length);
      }),
    );
  });
  it('typing the search text normalised finds the name by initials and full pinyin', () => {
    const keys = pinyinKeys('单田芳');
    expect(keys.initials.startsWith(normalizeSearchText(' STF '))).toBe(true);
    expect(keys.full.includes(normalizeSearchText('ＴＩＡＮ'))).toBe(true);
  });
});

describe('normalizeSearchText', () => {
  it.each([
    ['  Zhang San  ', 'zhang san'],
    ['ＺＨＡＮＧ', 'zhang'],
    ['１３８', '138'],
    ['\u3000张三\u3000', '张三'], // ideographic spaces
    ['ＡＢＣ－１２３', 'abc-123'],
    ['', ''],
  ])('%j → %j', (s, r) => expect(normalizeSearchText(s)).toBe(r));
  it('is idempotent (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => normalizeSearchText(normalizeSearchText(s)) === normalizeSearchText(s)));
  });
});
