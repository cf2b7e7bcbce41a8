/**
 * Record templates per department: the chief complaint, history and examination text a doctor
 * starts a record from. The admin manages them at the hub (`master.*`, admins only); they
 * replicate read-only to every desk, where the doctor lists those of the visit's department
 * (`consultation.recordTemplates`) and picks one: the screen fills the record's empty fields and
 * asks before it replaces any text already typed.
 *
 * A template's name is unique within its department (CONFLICT {field:'name'}); a template of an
 * inactive or unknown department is refused (DEPARTMENT_INACTIVE / NOT_FOUND); a template with
 * no text at all is refused (VALIDATION {field:'complaint', reason:'empty'}). Every change is audited.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Id, Instant, RequiredText, Text } from '../schemas';

const ADMIN = ['admin'] as const;
const TemplateText = Text(2000);

const templateFields = {
  departmentId: Id,
  name: RequiredText(60),
  complaint: TemplateText,
  presentIllness: TemplateText,
  pastHistory: TemplateText,
  findings: TemplateText,
  plan: TemplateText,
};

export const RecordTemplateView = z.object({
  id: Id,
  departmentId: Id,
  departmentName: z.string(),
  name: z.string(),
  complaint: z.string(),
  presentIllness: z.string(),
  pastHistory: z.string(),
  findings: z.string(),
  plan: z.string(),
  active: z.boolean(),
  updatedAt: Instant,
});

export const RecordTemplateInput = z.object({
  ...templateFields,
  complaint: TemplateText.default(''),
  presentIllness: TemplateText.default(''),
  pastHistory: TemplateText.default(''),
  findings: TemplateText.default(''),
  plan: TemplateText.default(''),
});

export const recordTemplateProcedures = {
  'master.recordTemplates': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every record template, inactive ones too, by department and name.',
    input: z.object({}),
    output: z.object({ items: z.array(RecordTemplateView) }),
  }),
  'master.createRecordTemplate': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Add a record template to a department (name unique in the department).",
    input: RecordTemplateInput,
    output: RecordTemplateView,
  }),
  'master.updateRecordTemplate': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Change a record template's texts or name, or stop (active false) or restart it.",
    input: z.object({
      id: Id, name: templateFields.name.optional(), complaint: TemplateText.optional(), presentIllness: TemplateText.optional(),
      pastHistory: TemplateText.optional(), findings: TemplateText.optional(), plan: TemplateText.optional(), active: z.boolean().optional(),
    }),
    output: RecordTemplateView,
  }),
} as const;

/** The desk's side: what the doctor picks from. */
export const recordTemplateDeskProcedures = {
  'consultation.recordTemplates': procedure({
    kind: 'query', access: ['doctor'],
    summary: "The active record templates of the visit's department, by name.",
    input: z.object({ visitId: Id }),
    output: z.object({ items: z.array(RecordTemplateView) }),
  }),
} as const;
