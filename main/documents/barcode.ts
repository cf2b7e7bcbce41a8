/**
 * Code 128 (subsets B and C, switching to C for runs of digits) and QR codes, drawn as
 * filled rectangles so they stay sharp at any printer resolution.
 */
import qrcode from 'qrcode-generator';

// Bar/space widths of the 107 Code 128 symbols (values 0–102, starts A/B/C 103–105, stop 106).
const PATTERNS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 ' +
  '122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 ' +
  '321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 ' +
  '211313 231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 ' +
  '213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 111422 ' +
  '121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 ' +
  '241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 ' +
  '412121 111143 111341 131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 ' +
  '211214 211232 2331112'
).split(' ');

const START_B = 104;
const START_C = 105;
const CODE_B = 100;
const CODE_C = 99;
const STOP = 106;

export function code128Pattern(value: number): string {
  const p = PATTERNS[value];
  if (p === undefined) throw new RangeError(`no Code 128 symbol ${value}`);
  return p;
}

/** Symbol values (start … check, stop) for `data`: printable ASCII only. */
export function code128Values(data: string): number[] {
  if (!/^[\x20-\x7e]+$/.test(data)) throw new RangeError('Code 128 subset B/C takes printable ASCII only');
  const values: number[] = [];
  let set: 'B' | 'C' | undefined;
  let i = 0;
  const digitRun = (from: number) => {
    let n = 0;
    while (from + n < data.length && /\d/.test(data[from + n] ?? '')) n++;
    return n;
  };
  while (i < data.length) {
    const run = digitRun(i);
    // Subset C (two digits a symbol) pays off for a run of 4+ digits, or an all-digit value.
    const useC = run >= 4 || (i === 0 && run >= 2 && run === data.length);
    if (useC) {
      const pairs = Math.floor(run / 2);
      // With an odd run, the single digit goes first in B so the pairs end the run.
      if (run % 2 === 1) {
        if (set !== 'B') values.push(set === undefined ? START_B : CODE_B);
        set = 'B';
        values.push((data.charCodeAt(i) ?? 32) - 32);
        i++;
      }
      if (set !== 'C') values.push(set === undefined ? START_C : CODE_C);
      set = 'C';
      for (let k = 0; k < pairs; k++, i += 2) values.push(Number(data.slice(i, i + 2)));
    } else {
      if (set !== 'B') values.push(set === undefined ? START_B : CODE_B);
      set = 'B';
      values.push(data.charCodeAt(i) - 32);
      i++;
    }
  }
  let check = values[0] ?? 0;
  for (let k = 1; k < values.length; k++) check += (values[k] ?? 0) * k;
  values.push(check % 103, STOP);
  return values;
}

/** Module widths (bar, space, bar, …) of the whole symbol, without quiet zones. */
export function code128Modules(data: string): number[] {
  return code128Values(data).flatMap((v) => [...code128Pattern(v)].map(Number));
}

/** Draw a Code 128 barcode filling `width` × `height` at (x, y); returns the module width. */
export function drawCode128(doc: PDFKit.PDFDocument, data: string, x: number, y: number, width: number, height: number): number {
  const modules = code128Modules(data);
  const total = modules.reduce((a, b) => a + b, 0);
  const unit = width / total;
  let cx = x;
  doc.save().fillColor('#000000');
  modules.forEach((m, k) => {
    if (k % 2 === 0) doc.rect(cx, y, m * unit, height);
    cx += m * unit;
  });
  doc.fill().restore();
  return unit;
}

/** Natural width of the barcode for a module width (quiet zones not included). */
export function code128Width(data: string, moduleWidth: number): number {
  return code128Modules(data).reduce((a, b) => a + b, 0) * moduleWidth;
}

/** The QR module matrix (true = dark) for `data`, error correction M, UTF-8 bytes. */
export function qrMatrix(data: string): boolean[][] {
  const qr = qrcode(0, 'M');
  // qrcode-generator's byte mode takes one char per byte: hand it UTF-8 bytes as chars.
  const bytes = new TextEncoder().encode(data);
  qr.addData(String.fromCharCode(...bytes), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** Draw a QR code `size` points square at (x, y) (quiet zone not included). */
export function drawQr(doc: PDFKit.PDFDocument, data: string, x: number, y: number, size: number): void {
  const m = qrMatrix(data);
  const unit = size / m.length;
  doc.save().fillColor('#000000');
  m.forEach((row, r) => {
    // One rectangle per horizontal run of dark modules keeps the PDF small.
    for (let c = 0; c < row.length; ) {
      if (!row[c]) {
        c++;
        continue;
      }
      let e = c;
      while (e < row.length && row[e]) e++;
      doc.rect(x + c * unit, y + r * unit, (e - c) * unit, unit);
      c = e;
    }
  });
  doc.fill().restore();
}
