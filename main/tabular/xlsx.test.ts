import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DomainError } from '../domain/errors';
import { plainNumber } from './cells';
import { parseXlsx, readXlsxSync, toXlsx } from './xlsx';

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('xlsx', () => {
  it('round-trips Chinese text, numbers, empty cells and guarded formulas', async () => {
    const buf = await toXlsx('药品目录', [
      ['编码', '名称', '单价'],
      ['D001', '阿莫西林胶囊', 12.5],
      ['D002', '=1+2', 0.1 + 0.2],
      [null, '中间空', -3],
    ]);
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await parseXlsx(buf)).toEqual([
      ['编码', '名称', '单价'],
      ['D001', '阿莫西林胶囊', '12.5'],
      ['D002', "'=1+2", '0.3'],
      ['', '中间空', '-3'],
    ]);
  });

  it('what we write, exceljs reads (Chinese, numbers as numbers, sheet name); CR and control characters come back exactly', async () => {
    const text = ['行一\r\n行二', 'tab\there', 'bell\u0007', 'literal _x0041_ stays', 'a & b < c > "d"'];
    const buf = await toXlsx('药品:目录', [['名称', '单价'], ['阿莫西林', 12.5], text]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws?.name).toBe('药品 目录');
    expect(ws?.getCell('A2').value).toBe('阿莫西林');
    expect(ws?.getCell('B2').value).toBe(12.5);
    // exceljs does not decode OOXML _xHHHH_ escapes (Excel does); the plain ones it reads as written.
    expect([2, 5].map((i) => ws?.getRow(3).getCell(i).value)).toEqual([text[1], text[4]]);
    expect(ws?.getRow(3).getCell(1).value).toBe('行一_x000D_\n行二');
    expect(await parseXlsx(buf)).toEqual([['名称', '单价'], ['阿莫西林', '12.5'], text]);
  });

  it('writes the same bytes for the same rows', async () => {
    const rows = [['a', 1], ['中', null, 2]];
    expect((await toXlsx('s', rows)).equals(await toXlsx('s', rows))).toBe(true);
  });

  it('writes text as string cells, never formulas', async () => {
    const buf = await toXlsx('s', [['=SUM(A1:A2)']]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const v = wb.worksheets[0]?.getCell('A1').value;
    expect(v).toBe("'=SUM(A1:A2)");
  });

  it('reads the first sheet: dates, formulas (cached result), rich text, booleans, gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('first');
    ws.getCell('A1').value = new Date(Date.UTC(2026, 10, 23));
    ws.getCell('B1').value = { formula: 'A2*2', result: 0.30000000000000004 };
    ws.getCell('D1').value = { richText: [{ text: '阿莫' }, { text: '西林' }] };
    ws.getCell('A3').value = true;
    ws.getCell('B3').value = 123456789012;
    ws.getCell('C3').value = 1e-7;
    wb.addWorksheet('second').getCell('A1').value = 'ignored';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await parseXlsx(buf)).toEqual([['2026-11-23', '0.3', '', '阿莫西林'], [], ['TRUE', '123456789012', '0.0000001']]);
  });

  it('refuses what is not an xlsx', async () => {
    expect(await refusal(parseXlsx(Buffer.from('编码,名称\r\nD1,x\r\n')))).toBe('FILE_MALFORMED');
    expect(await refusal(parseXlsx(Buffer.alloc(0)))).toBe('FILE_MALFORMED');
    const good = await toXlsx('s', [['a']]);
    expect(await refusal(parseXlsx(good.subarray(0, good.length - 10)))).toBe('FILE_MALFORMED');
    const damaged = Buffer.from(good);
    const sheetAt = damaged.indexOf('xl/worksheets/sheet1.xml');
    damaged.fill(0x41, sheetAt + 30, sheetAt + 80); // inside the sheet's deflated data
    expect(await refusal(parseXlsx(damaged))).toBe('FILE_MALFORMED');
  });

  it('refuses a zip that would unpack to more than the limit, before unpacking', async () => {
    const good = await toXlsx('s', [['a']]);
    const bomb = Buffer.from(good);
    // Claim 4 GB - 2 unpacked for the first central-directory entry.
    const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cd = bomb.readUInt32LE(eocd + 16);
    bomb.writeUInt32LE(0xfffffffe, cd + 24);
    expect(await refusal(parseXlsx(bomb))).toBe('IMPORT_TOO_LARGE');
  });
});

describe('plainNumber', () => {
  it('writes numbers as typed: no exponent, no float noise', () => {
    expect(plainNumber(12)).toBe('12');
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(1.1 * 3)).toBe('3.3');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(12.345)).toBe('12.345');
  });
});

/** A stored (uncompressed) zip of the given parts: enough for the reader, which needs no CRC. */
function storedZip(parts: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(nameBuf.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    central.push(cd, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(parts).length, 8);
  eocd.writeUInt16LE(Object.keys(parts).length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

describe('readXlsxSync on a file another program wrote', () => {
  it('follows the rels to the first sheet; reads prefixed tags, inline and shared strings, 1904 dates, custom date formats', () => {
    const buf = storedZip({
      'xl/workbook.xml': '<x:workbook xmlns:x="s" xmlns:r="r"><x:workbookPr date1904="1"/><x:sheets>'
        + '<x:sheet name="药品" sheetId="1" r:id="rId7"/><x:sheet name="其他" sheetId="2" r:id="rId1"/></x:sheets></x:workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
        + '<Relationship Id="rId7" Target="/xl/worksheets/data.xml"/></Relationships>',
      'xl/sharedStrings.xml': '<x:sst><x:si><x:t>A&amp;B &lt;1&gt;</x:t></x:si>'
        + '<x:si><x:r><x:t>阿莫</x:t></x:r><x:r><x:t xml:space="preserve">西林 </x:t></x:r><x:rPh><x:t>アモ</x:t></x:rPh></x:si><x:si/></x:sst>',
      'xl/styles.xml': '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
        + '<numFmt numFmtId="165" formatCode="&quot;¥&quot;#,##0.00"/></numFmts>'
        + '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>',
      'xl/worksheets/data.xml': '<x:worksheet><x:cols><x:col min="1"/></x:cols><x:sheetData>'
        + '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="s"><x:v>2</x:v></x:c></x:row>'
        + '<x:row r="3"><x:c r="A3" s="1"><x:v>0</x:v></x:c><x:c r="B3" s="2"><x:v>12.5</x:v></x:c><x:c r="C3" s="3"><x:v>1.5</x:v></x:c>'
        + '<x:c r="D3" t="inlineStr"><x:is><x:t>行内_x000D_文字</x:t></x:is></x:c><x:c r="E3" t="e"><x:v>#N/A</x:v></x:c>'
        + '<x:c r="F3" t="str"><x:f>A1</x:f><x:v>公式</x:v></x:c><x:c r="G3" t="b"><x:v>0</x:v></x:c></x:row>'
        + '<x:row r="4"/></x:sheetData></x:worksheet>',
    });
    expect(readXlsxSync(buf)).toEqual([
      ['A&B <1>', '', '阿莫西林 '],
      [],
      ['1904-01-01', '12.5', '1904-01-02 12:00:00', '行内\r文字', '#N/A', '公式', 'FALSE'],
    ]);
  });

  it('refuses a zip without a workbook, and a cell reference that goes backwards', () => {
    expect(() => readXlsxSync(storedZip({ 'word/document.xml': '<w/>' }))).toThrow(/no workbook/);
    const back = storedZip({
      'xl/workbook.xml': '<workbook><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData></worksheet>',
    });
    expect(() => readXlsxSync(back)).toThrow(DomainError);
  });
});
