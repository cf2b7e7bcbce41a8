/** The consult room's handlers: chart, record, diagnoses, exams, admissions, ICD-10 search. */
import type { consultationProcedures } from '../../api/procedures/consultation';
import type { HandlersFor } from '../handler';
import { searchIcd10 } from '../icd10';
import { useCounts } from './use-counts';
import { getRecord, history } from './consultation-history';
import { admit, cancelExam, discharge, listBeds, orderExam, recordExamResult } from './consultation-orders';
import { addDiagnosis, amend, removeDiagnosis, saveRecord, setPrimaryDiagnosis, sign } from './consultation-record';

export const consultationHandlers = {
  'consultation.history': history,
  'consultation.getRecord': getRecord,
  'consultation.saveRecord': saveRecord,
  'consultation.addDiagnosis': addDiagnosis,
  'consultation.removeDiagnosis': removeDiagnosis,
  'consultation.setPrimaryDiagnosis': setPrimaryDiagnosis,
  'consultation.sign': sign,
  'consultation.amend': amend,
  'consultation.orderExam': orderExam,
  'consultation.cancelExam': cancelExam,
  'consultation.recordExamResult': recordExamResult,
  'consultation.beds': listBeds,
  'consultation.admit': admit,
  'consultation.discharge': discharge,
  'consultation.searchIcd10': (ctx, { q, limit }) => ({ items: searchIcd10(q, limit, useCounts(ctx.raw, 'icd10', ctx.now())) }),
} satisfies HandlersFor<typeof consultationProcedures>;
