/** Files in and out of the admin screens: a base64 file from the hub saved by the browser, a chosen file read as base64. */

const MIME: Record<string, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function saveBase64File(filename: string, base64: string, mimeType?: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  const blob = new Blob([bytes], { type: mimeType ?? MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function readBase64File(file: File): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(s);
}

/** 'csv' | 'xlsx' from a file name, or null for anything else. */
export function fileFormat(name: string): 'csv' | 'xlsx' | null {
  const ext = name.split('.').pop()?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}
