/** A QR code drawn as SVG squares (no inline script or style: the patient port's CSP holds). */
import qrcode from 'qrcode-generator';
import { useMemo, type ReactNode } from 'react';

export function QrImage({ text, label, size = 220 }: { text: string; label: string; size?: number }): ReactNode {
  const cells = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    const dark: string[] = [];
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) dark.push(`M${c + 4} ${r + 4}h1v1h-1z`);
    return { n: n + 8, path: dark.join('') };
  }, [text]);
  return (
    <svg className="qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${cells.n} ${cells.n}`} data-testid="qr" data-qr={text}>
      <rect width={cells.n} height={cells.n} fill="#fff" />
      <path d={cells.path} fill="#000" />
    </svg>
  );
}
