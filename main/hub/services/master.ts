/** Handlers of `master.*` (catalog administration at the hub); see main/api/procedures/master.ts. */
import type { masterProcedures } from '../../api/procedures/master';
import type { Cell } from '../../tabular/cells';
import { toCsv } from '../../tabular/csv';
import { writeXlsxSync } from '../../tabular/xlsx-write';
import type { RequestContext } from '../../station/context';
import type { HandlersFor } from '../../station/handler';
import {
  addBeds, createDrug, createExamItem, createWard, drugView, examItemView, listDrugs, listExamItems, listWards, setBedActive, updateDrug,
  updateExamItem, wardView,
} from './master-catalog';
import { drugRows, importDrugs } from './master-drugs-io';
import { MIME } from './master-import';
import { importStaff, staffRows } from './master-staff-io';
import { clinicToday } from '../../station/services/patients-fields';

export function exportFile(ctx: RequestContext, what: string, format: 'csv' | 'xlsx', rows: Cell[][]) {
  const fileName = `${what}-${clinicToday(ctx)}.${format}`;
  const bytes = format === 'csv' ? Buffer.from(toCsv(rows), 'utf8') : writeXlsxSync(what, rows);
  return { fileName, mimeType: MIME[format], base64: bytes.toString('base64') };
}

export const masterHandlers = {
  'master.drugs': (ctx) => ({ items: listDrugs(ctx) }),
  'master.createDrug': (ctx, input) => drugView(ctx, createDrug(ctx, input)),
  'master.updateDrug': (ctx, { id, ...patch }) => {
    updateDrug(ctx, id, patch);
    return drugView(ctx, id);
  },
  'master.setDrugActive': (ctx, { id, active }) => {
    updateDrug(ctx, id, { active });
    return drugView(ctx, id);
  },

  'master.examItems': (ctx) => ({ items: listExamItems(ctx) }),
  'master.createExamItem': (ctx, input) => examItemView(ctx, createExamItem(ctx, input)),
  'master.updateExamItem': (ctx, { id, ...patch }) => {
    updateExamItem(ctx, id, patch);
    return examItemView(ctx, id);
  },
  'master.setExamItemActive': (ctx, { id, active }) => {
    updateExamItem(ctx, id, { active });
    return examItemView(ctx, id);
  },

  'master.wards': (ctx) => ({ items: listWards(ctx) }),
  'master.createWard': (ctx, input) => wardView(ctx, createWard(ctx, input)),
  'master.addBeds': (ctx, { wardId, labels }) => {
    addBeds(ctx, wardId, labels);
    return wardView(ctx, wardId);
  },
  'master.setBedActive': (ctx, { id, active }) => wardView(ctx, setBedActive(ctx, id, active)),

  'master.importDrugs': (ctx, input) => importDrugs(ctx, input),
  'master.importStaff': (ctx, input) => importStaff(ctx, input),
  'master.exportDrugs': (ctx, { format, lang }) => exportFile(ctx, 'drugs', format, drugRows(ctx, lang)),
  'master.exportStaff': (ctx, { format, lang }) => {
    ctx.audit('read', 'staff', 'export', null);
    return exportFile(ctx, 'staff', format, staffRows(ctx, lang));
  },
} satisfies HandlersFor<typeof masterProcedures>;
