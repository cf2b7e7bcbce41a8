/**
 * A PDF the hub made (the patient-app code slip, the call-list sheet) to this station's printer in
 * the desktop app, with a download of it when the printer fails; a download in a browser, which
 * has no station printer. `say` tells the person how the print went.
 */
import type { Output } from '../../../main/api/contract';
import { downloadPdf } from './pdfFile';
import { hasStationPrinter } from './run';

type Printed = Output<'messages.printCallList'>;

export async function printHubPdf(file: { filename: string; pdfBase64: string }, print: () => Promise<Printed>, say: (ok: boolean, message?: string) => void): Promise<void> {
  if (!hasStationPrinter()) {
    downloadPdf(file.filename, file.pdfBase64);
    return;
  }
  const out = await print();
  if (out.printed) return say(true);
  downloadPdf(file.filename, file.pdfBase64);
  say(false, out.error?.message ?? out.error?.code ?? '');
}
