/** Writes every sample document to bench/out/documents/ (or argv[3]) to look at: npx tsx bench/documents-samples.ts [names] [dir] */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderPrescription } from '../main/documents/prescription';
import { renderReceipt } from '../main/documents/receipt';
import * as F from '../main/documents/fixtures';
const out = process.argv[3] ?? 'bench/out/documents';
mkdirSync(out, { recursive: true });
const jobs: Record<string, () => Promise<Buffer>> = {
  rx: () => renderPrescription(F.prescription(3), { lang: 'zh-CN' }),
  rx30: () => renderPrescription(F.prescription(30), { lang: 'zh-CN', copy: true, printedAt: F.AT + 86400000 }),
  rxen: () => renderPrescription(F.prescription(4), { lang: 'en' }),
  rxmin: () => renderPrescription(F.minimalPrescription(), { lang: 'zh-CN' }),
  receipt: () => renderReceipt(F.receipt(), { lang: 'zh-CN' }),
  receiptRoll: () => renderReceipt(F.receipt(), { lang: 'zh-CN', paper: 'roll80' }),
  refund: () => renderReceipt(F.receipt('refund'), { lang: 'zh-CN', copy: true, printedAt: F.AT }),
  refundRoll: () => renderReceipt(F.receipt('refund'), { lang: 'zh-CN', paper: 'roll80', copy: true, printedAt: F.AT }),
  receiptEn: () => renderReceipt(F.receipt(), { lang: 'en' }),
  receiptRollEn: () => renderReceipt(F.receipt(), { lang: 'en', paper: 'roll80' }),
  receiptMin: () => renderReceipt(F.minimalReceipt(), { lang: 'zh-CN', paper: 'roll80' }),
};
const which = process.argv[2] && process.argv[2] !== 'all' ? process.argv[2].split(',') : Object.keys(jobs);
for (const k of which) {
  const b = await jobs[k]!();
  writeFileSync(`${out}/${k}.pdf`, b);
  console.log(k, b.length);
}
