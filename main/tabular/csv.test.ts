import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../domain/errors';
import { decodeCsv, parseCsv, toCsv, unguardFormula } from './csv';

function malformedLine(text: string): number {
  try {
    parseCsv(text);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'FILE_MALFORMED') return e.details?.line as number;
    throw e;
  }
  throw new Error('expected FILE_MALFORMED');
}

describe('toCsv', () => {
  it('writes a BOM, CRLF after each record, and quotes only what needs it', () => {
    const out = toCsv([
      ['名称', 'price'],
      ['a,b', 'say "hi"'],
      ['两\n行', 12],
      [null, 0.1 + 0.2],
    ]);
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out.slice(1)).toBe('名称,price\r\n"a,b","say ""hi"""\r\n"两\n行",12\r\n,0.3\r\n');
  });

  it('guards cells that a spreadsheet would run as a formula, but not numbers', () => {
    const out = toCsv([['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', -5, 'a=b']]);
    const cells = parseCsv(out)[0];
    expect(cells).toEqual(["'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", '-5', 'a=b']);
    expect(cells?.map(unguardFormula)).toEqual(['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', '-5', 'a=b']);
  });

  it('unguardFormula leaves an apostrophe that guards nothing', () => {
    expect(unguardFormula("'abc")).toBe("'abc");
    expect(unguardFormula("''=x")).toBe("'=x");
    expect(parseCsv(toCsv([["'=x"]]))[0]?.map(unguardFormula)).toEqual(["'=x"]);
  });
});

describe('parseCsv', () => {
  it('reads LF, CRLF and lone CR line ends, with or without a final line break', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('strips the BOM and keeps empty fields and empty lines', () => {
    expect(parseCsv('\uFEFF编码,名称\r\n,\r\n\r\nx,')).toEqual([['编码', '名称'], ['', ''], [''], ['x', '']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('"a,b","x""y","1\r\n2"\r\nz')).toEqual([['a,b', 'x"y', '1\r\n2'], ['z']]);
    expect(parseCsv('""')).toEqual([['']]);
  });

  it('refuses malformed quotes with the line they are on', () => {
    expect(malformedLine('a,b\nc,"unterminated\nmore')).toBe(2);
    expect(malformedLine('a\n"x"y,b')).toBe(2);
    expect(malformedLine('a\n"two\nlines"oops')).toBe(3);
    expect(malformedLine('ok\nok\nab"c')).toBe(3);
    expect(malformedLine('"1\r\n2\r\n3",x\r\nq"')).toBe(4);
  });

  it('round-trips any table of text (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', '=', "'", '1') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, (rows) => {
        const back = parseCsv(toCsv(rows)).map((r) => r.map(unguardFormula));
        expect(back).toEqual(rows);
      }),
    );
  });
});

describe('decodeCsv', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeCsv(new TextEncoder().encode('\uFEFF阿莫西林,1'))).toBe('阿莫西林,1');
    expect(decodeCsv(new TextEncoder().encode('阿莫西林,1'))).toBe('阿莫西林,1');
  });

  it('reads GB18030 (Excel "CSV" saved on Chinese Windows)', () => {
    // 阿莫西林 in GBK/GB18030.
    const gbk = Uint8Array.from([0xb0, 0xa2, 0xc4, 0xaa, 0xce, 0xf7, 0xc1, 0xd6, 0x2c, 0x31]);
    expect(decodeCsv(gbk)).toBe('阿莫西林,1');
  });
});
