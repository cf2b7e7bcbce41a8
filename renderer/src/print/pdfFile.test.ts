import { describe, expect, it } from 'vitest';
import { pdfBytes } from './pdfFile';

describe('pdfBytes', () => {
  it('turns the station’s base64 back into the exact bytes, high bytes included', () => {
    const bytes = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0x80, 0xff, 0xe2, 0x7f]);
    const base64 = Buffer.from(bytes).toString('base64');
    expect([...pdfBytes(base64)]).toEqual([...bytes]);
    expect(pdfBytes('').length).toBe(0);
  });
});
