/**
 * Hub administration of the clinic's organisation: departments, rooms, staff, accounts, clinic
 * settings and payment methods. Admins only; runs at the hub (its admin station), and the rows
 * replicate read-only to every workstation.
 */
import { z } from 'zod';
import { STAFF_POSITIONS, STAFF_STATUSES } from '../../domain/enums';
import { procedure } from '../define';
import { Id, RequiredText } from '../schemas';
import {
  AccountAdminView, ClinicSettingsView, ConfirmPassword, DepartmentAdminView, DepartmentCode, NewPassword, RoleList, RoomAdminView, SettingsPatch,
  StaffAdminView, StaffCreateInput, StaffPatch, Username,
} from './org-schemas';

const ADMIN = ['admin'] as const;
const DeptName = RequiredText(50);
const RoomName = RequiredText(50);

export const orgProcedures = {
  'org.departments': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every department, inactive ones too, by code, with how many active staff and rooms each has.',
    input: z.object({}),
    output: z.object({ items: z.array(DepartmentAdminView) }),
  }),
  'org.createDepartment': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Create a department: a unique code (upper-cased), a Chinese and an English name.',
    input: z.object({ code: DepartmentCode, name: DeptName, nameEn: DeptName }),
    output: DepartmentAdminView,
  }),
  'org.updateDepartment': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Change a department's code or names.",
    input: z.object({ id: Id, code: DepartmentCode.optional(), name: DeptName.optional(), nameEn: DeptName.optional() }),
    output: DepartmentAdminView,
  }),
  'org.setDepartmentActive': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Deactivate or reactivate a department; refused while staff who have not left, active rooms or roster sessions from today on belong to it.',
    input: z.object({ id: Id, active: z.boolean() }),
    output: DepartmentAdminView,
  }),

  'org.rooms': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every room, inactive ones too, optionally of one department.',
    input: z.object({ departmentId: Id.optional() }),
    output: z.object({ items: z.array(RoomAdminView) }),
  }),
  'org.createRoom': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Create a room in an active department (names are unique within a department).',
    input: z.object({ departmentId: Id, name: RoomName }),
    output: RoomAdminView,
  }),
  'org.updateRoom': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Rename a room or move it to another active department.',
    input: z.object({ id: Id, name: RoomName.optional(), departmentId: Id.optional() }),
    output: RoomAdminView,
  }),
  'org.setRoomActive': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Deactivate or reactivate a room; refused while roster sessions from today on or active roster templates use it.',
    input: z.object({ id: Id, active: z.boolean() }),
    output: RoomAdminView,
  }),

  'org.staff': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Staff, those who left too, optionally filtered by department, position and status.',
    input: z.object({
      departmentId: Id.optional(),
      position: z.enum(STAFF_POSITIONS).optional(),
      status: z.enum(STAFF_STATUSES).optional(),
    }),
    output: z.object({ items: z.array(StaffAdminView) }),
  }),
  'org.createStaff': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Add a person: name, sex, position; title, department, specialty, registration fee (fen) and status optional.',
    input: StaffCreateInput,
    output: StaffAdminView,
  }),
  'org.updateStaff': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Change a person's title, department, specialty, registration fee, position or status; leaving is refused while they hold an active account or future sessions.",
    input: StaffPatch.extend({ id: Id }),
    output: StaffAdminView,
  }),

  'org.accounts': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every account with its roles, linked person and whether it is active (never a password hash).',
    input: z.object({}),
    output: z.object({ items: z.array(AccountAdminView) }),
  }),
  'org.createAccount': procedure({
    kind: 'command', access: ADMIN, at: 'hub', proof: 'confirmPassword', newPassword: 'password',
    summary: 'Create an account: unique username, one or more roles, an initial password meeting the policy, optionally linked to a person.',
    input: z.object({ username: Username, roles: RoleList, password: NewPassword, staffId: Id.nullable().default(null), confirmPassword: ConfirmPassword }),
    output: AccountAdminView,
  }),
  'org.updateAccount': procedure({
    kind: 'command', access: ADMIN, at: 'hub', proof: 'confirmPassword',
    summary: "Change an account's roles or linked person (null unlinks); the last active admin keeps the admin role, and so does one's own account.",
    input: z.object({ id: Id, roles: RoleList.optional(), staffId: Id.nullable().optional(), confirmPassword: ConfirmPassword }),
    output: AccountAdminView,
  }),
  'org.resetPassword': procedure({
    kind: 'command', access: ADMIN, at: 'hub', proof: 'confirmPassword', newPassword: 'password',
    summary: "Set a new password for an account (the policy applies); clears this station's log-in lock-out for it.",
    input: z.object({ id: Id, password: NewPassword, confirmPassword: ConfirmPassword }),
    output: AccountAdminView,
  }),
  'org.setAccountActive': procedure({
    kind: 'command', access: ADMIN, at: 'hub', proof: 'confirmPassword',
    summary: 'Disable or enable an account; one may not disable one\'s own account or the last active admin.',
    input: z.object({ id: Id, active: z.boolean(), confirmPassword: ConfirmPassword }),
    output: AccountAdminView,
  }),

  'org.settings': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every clinic setting: name, address, time zone, fee policy, receipt header, log-in policy, expiry warning, payment methods.',
    input: z.object({}),
    output: ClinicSettingsView,
  }),
  'org.updateSettings': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Change some clinic settings (only those given); the time zone must be a real IANA zone; at least one payment method.',
    input: SettingsPatch,
    output: ClinicSettingsView,
  }),
} as const;
