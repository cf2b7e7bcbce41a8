/**
 * A drug's records (issue 16) where the desk shows them: the doctor's formulary search carries the
 * maker, approval number, contraindications and cautions, and the pharmacist's drug label prints
 * them (read back with pdftotext).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drugs } from '../../../db/schema';
import { flatText } from '../../documents/testPdf';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { ok, pdfOf, walkVisit, type Walk } from './documents.testing';

let fx: Fixture;
let w: Walk;
const RECORDS = { manufacturer: '中美天津史克制药有限公司', approvalNumber: '国药准字H10900089', contraindications: '活动性消化道溃疡者禁用', cautions: '不宜空腹服用' };
beforeAll(() => {
  fx = createFixture();
  w = walkVisit(fx);
  withMasterWriter(fx.station, (wr) => wr.update(drugs, fx.ids.drugs.ibuprofen, RECORDS));
});
afterAll(() => fx.close());

describe("a drug's records at the desk", () => {
  it("are in the doctor's formulary search", async () => {
    const found = await ok(fx, w.callers.doctor, 'prescriptions.searchFormulary', { q: '布洛芬' });
    expect(found.items.find((d) => d.id === fx.ids.drugs.ibuprofen)).toMatchObject(RECORDS);
    expect(found.items.filter((d) => d.id !== fx.ids.drugs.ibuprofen).every((d) => d.contraindications === '' && d.approvalNumber === '')).toBe(true);
  });

  it('are printed on the drug label', async () => {
    const file = await ok(fx, w.callers.pharmacist, 'documents.drugLabels', { prescriptionId: w.rxId });
    const text = flatText(pdfOf(file));
    for (const s of ['布洛芬缓释胶囊', '不宜空腹服用', '禁忌：活动性消化道溃疡者禁用', '中美天津史克制药有限公司', '批准文号：国药准字H10900089']) expect(text).toContain(s);
  });
});
