/** A PDF from the station (base64) as bytes, and saved by the browser under its own name. */

export function pdfBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Hand the PDF to the browser as a download (an <a download> on a Blob URL). */
export function downloadPdf(filename: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([pdfBytes(base64)], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own copy of the bytes once started; give it a moment before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
