/** Master data written at the hub and replicated read-only: the clinic's structure and people. */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DICTIONARY_KINDS, ROLES, SESSION_PERIODS, SEXES, STAFF_POSITIONS, STAFF_STATUSES } from '../../main/domain/enums';
import { fen, flag, id, isoDate, ref, stamps } from './columns';

export const departments = sqliteTable('departments', {
  id: id(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [uniqueIndex('departments_code').on(t.code)]);

export const rooms = sqliteTable('rooms', {
  id: id(),
  departmentId: ref('department_id').notNull().references(() => departments.id),
  name: text('name').notNull(),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [index('rooms_department').on(t.departmentId)]);

export const staff = sqliteTable('staff', {
  id: id(),
  name: text('name').notNull(),
  sex: text('sex', { enum: SEXES }).notNull(),
  position: text('position', { enum: STAFF_POSITIONS }).notNull(),
  /** Professional title, e.g. 主任医师 / chief physician. */
  title: text('title').notNull().default(''),
  departmentId: ref('department_id').references(() => departments.id),
  specialty: text('specialty').notNull().default(''),
  /** Registration fee for a visit with this doctor, integer fen. */
  registrationFeeFen: fen('registration_fee_fen').notNull().default(0),
  status: text('status', { enum: STAFF_STATUSES }).notNull().default('active'),
  /** A phone to reach the person (normalised like patients' phones); null: none given. */
  phone: text('phone'),
  ...stamps(),
}, (t) => [index('staff_department').on(t.departmentId)]);

export const accounts = sqliteTable('accounts', {
  id: id(),
  username: text('username').notNull(),
  /** scrypt hash with its parameters: "scrypt$N$r$p$salt$hash". */
  passwordHash: text('password_hash').notNull(),
  roles: text('roles', { mode: 'json' }).$type<(typeof ROLES)[number][]>().notNull(),
  staffId: ref('staff_id').references(() => staff.id),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [uniqueIndex('accounts_username').on(t.username)]);

export const rosterSessions = sqliteTable('roster_sessions', {
  id: id(),
  date: isoDate('date').notNull(),
  period: text('period', { enum: SESSION_PERIODS }).notNull(),
  doctorId: ref('doctor_id').notNull().references(() => staff.id),
  departmentId: ref('department_id').notNull().references(() => departments.id),
  roomId: ref('room_id').references(() => rooms.id),
  capacity: integer('capacity').notNull(),
  stopped: flag('stopped').notNull().default(false),
  stopReason: text('stop_reason'),
  ...stamps(),
}, (t) => [
  index('roster_sessions_date').on(t.date, t.departmentId),
  index('roster_sessions_doctor').on(t.doctorId, t.date),
]);

/** Clinic-wide settings (name, time zone, policies), one row per key, value as JSON. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * A doctor's weekly pattern: on this ISO weekday (1 = Monday … 7 = Sunday) and period, in this
 * room, with this many seats. The admin generates roster sessions from templates for a range of
 * dates (holidays skipped); a generated session is then edited on its own.
 */
export const rosterTemplates = sqliteTable('roster_templates', {
  id: id(),
  doctorId: ref('doctor_id').notNull().references(() => staff.id),
  weekday: integer('weekday').notNull(),
  period: text('period', { enum: SESSION_PERIODS }).notNull(),
  roomId: ref('room_id').references(() => rooms.id),
  capacity: integer('capacity').notNull(),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [index('roster_templates_doctor').on(t.doctorId, t.weekday)]);

/**
 * Days the clinic is closed (public holidays): roster generation skips them. Removing one clears
 * `active` (rows replicate and are never deleted); adding the date again switches it back on.
 */
export const holidays = sqliteTable('holidays', {
  id: id(),
  date: isoDate('date').notNull(),
  name: text('name').notNull(),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [uniqueIndex('holidays_date').on(t.date)]);

/**
 * The data dictionary (数据字典): short lists the admin keeps at the hub (ID document types,
 * marital status, ethnicity, occupation, cancellation and priority reasons), replicated read-only
 * to desks like the other master data. A row's `code` is what other rows store (a patient's
 * marital_status holds the code), unique within its kind (checked at the hub, where alone these
 * rows are written); the names are what people read. Stopped entries stay for the rows that
 * name them and are no longer offered.
 */
export const dictionaryEntries = sqliteTable('dictionary_entries', {
  id: id(),
  kind: text('kind', { enum: DICTIONARY_KINDS }).notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  active: flag('active').notNull().default(true),
  ...stamps(),
}, (t) => [index('dictionary_entries_kind').on(t.kind, t.sortOrder)]);
