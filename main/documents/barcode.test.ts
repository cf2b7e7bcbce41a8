import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { code128Modules, code128Pattern, code128Values, drawCode128, drawQr, qrMatrix } from './barcode';
import { scanCodes } from './testPdf';

function pdfWith(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: [300, 200], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    draw(doc);
    doc.end();
  });
}

describe('Code 128', () => {
  it('has 107 symbols of 11 modules (stop 13)', () => {
    for (let v = 0; v < 106; v++) expect([...code128Pattern(v)].reduce((a, b) => a + Number(b), 0)).toBe(11);
    expect([...code128Pattern(106)].reduce((a, b) => a + Number(b), 0)).toBe(13);
    expect(() => code128Pattern(107)).toThrow();
  });

  it('encodes with subset B and the mod-103 check symbol', () => {
    // "PJJ123C" stays in subset B (a run of 3 digits is not worth subset C):
    // (104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7) mod 103 = 879 mod 103 = 55.
    const values = code128Values('PJJ123C');
    expect(values).toEqual([104, 48, 42, 42, 17, 18, 19, 35, 55, 106]);
    expect(values.at(-1)).toBe(106);
  });

  it('switches to subset C for digit runs', () => {
    expect(code128Values('123456')).toEqual([105, 12, 34, 56, (105 + 12 + 34 * 2 + 56 * 3) % 103, 106]);
    const mixed = code128Values('MR-000318');
    expect(mixed).toContain(99); // CODE C
    expect(code128Modules('MR-000318').reduce((a, b) => a + b, 0)).toBeLessThan(code128Modules('MR-ABCDEF').reduce((a, b) => a + b, 0));
  });

  it('refuses what it cannot encode', () => {
    expect(() => code128Values('病历')).toThrow(RangeError);
    expect(() => code128Values('')).toThrow(RangeError);
  });

  it('scans back (zbarimg)', async () => {
    for (const data of ['MR-A1-000318', '12345', 'A1234567B', 'x']) {
      const pdf = await pdfWith((doc) => drawCode128(doc, data, 20, 20, 240, 60));
      expect(scanCodes(pdf)).toContain(`CODE-128:${data}`);
    }
  });
});

describe('QR', () => {
  it('makes a square matrix with finder patterns', () => {
    const m = qrMatrix('R-A1-20261122-0117');
    expect(m.length).toBeGreaterThanOrEqual(21);
    expect(m.every((row) => row.length === m.length)).toBe(true);
    expect(m[0]!.slice(0, 7).every(Boolean)).toBe(true);
  });

  it('scans back, Chinese included (zbarimg)', async () => {
    const pdf = await pdfWith((doc) => drawQr(doc, 'R-A1-20261122-0117', 20, 20, 150));
    expect(scanCodes(pdf)).toContain('QR-Code:R-A1-20261122-0117');
    // UTF-8 bytes (zbar would guess Shift-JIS for text, so read the raw bytes back).
    const zh = await pdfWith((doc) => drawQr(doc, '收据 R-1 ¥12.30', 20, 20, 150));
    expect(scanCodes(zh, 1, 200, true)).toEqual(['收据 R-1 ¥12.30']);
  });
});
