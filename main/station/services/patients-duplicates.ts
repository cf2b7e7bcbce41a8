/**
 * Likely duplicates of a patient being registered or edited. Same resident ID number: strong
 * (the same person, almost surely). Same name and birth date, or same name and phone: likely
 * (twins and families share phones, so a warning, not a refusal). Each check is an equality
 * lookup on an index; merged records are not counted.
 */
import type Database from 'better-sqlite3';
import type { DuplicateWarningT } from '../../api/procedures/patients';
import type { DUPLICATE_REASONS } from '../../api/procedures/patients';
import { DomainError } from '../../domain/errors';

type Reason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicateProbe {
  name: string | null;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
}

/** Most rows one check returns: a warning list, not a search. */
const MAX_PER_CHECK = 20;
const SELECT = 'SELECT id, record_no AS recordNo, name FROM patients';
export const DUPLICATE_SQL: Record<Reason, string> = {
  id_number: `${SELECT} WHERE id_number = ? AND merged_into IS NULL LIMIT ${MAX_PER_CHECK}`,
  name_birth_date: `${SELECT} WHERE name = ? AND birth_date = ? AND merged_into IS NULL LIMIT ${MAX_PER_CHECK}`,
  name_phone: `${SELECT} WHERE name = ? AND phone = ? AND merged_into IS NULL LIMIT ${MAX_PER_CHECK}`,
};

interface Found {
  id: string;
  recordNo: string;
  name: string;
}

/** Patients that look like the probe, strong ones first; `excludeId` (the one being edited) left out. */
export function findDuplicates(raw: Database.Database, probe: DuplicateProbe, excludeId?: string): DuplicateWarningT[] {
  const byId = new Map<string, DuplicateWarningT>();
  const add = (reason: Reason, rows: Found[]) => {
    for (const r of rows) {
      if (r.id === excludeId) continue;
      const w = byId.get(r.id) ?? { patientId: r.id, recordNo: r.recordNo, name: r.name, strength: 'likely' as const, reasons: [] };
      w.reasons.push(reason);
      if (reason === 'id_number') w.strength = 'strong';
      byId.set(r.id, w);
    }
  };
  if (probe.idNumber) add('id_number', raw.prepare(DUPLICATE_SQL.id_number).all(probe.idNumber) as Found[]);
  if (probe.name && probe.birthDate) {
    add('name_birth_date', raw.prepare(DUPLICATE_SQL.name_birth_date).all(probe.name, probe.birthDate) as Found[]);
  }
  if (probe.name && probe.phone) add('name_phone', raw.prepare(DUPLICATE_SQL.name_phone).all(probe.name, probe.phone) as Found[]);
  return [...byId.values()].sort((a, b) => (a.strength === b.strength ? 0 : a.strength === 'strong' ? -1 : 1));
}

/**
 * Refuses a strong duplicate unless confirmed with every such patient's id acknowledged:
 * DUPLICATE_PATIENT {field: 'idNumber', reason: 'id_number_on_file' | 'not_acknowledged', duplicates}.
 */
export function requireAcknowledged(warnings: DuplicateWarningT[], confirm: boolean, acknowledgedIds: readonly string[]): void {
  const strong = warnings.filter((w) => w.strength === 'strong');
  if (strong.length === 0) return;
  const missing = strong.filter((w) => !acknowledgedIds.includes(w.patientId));
  if (confirm && missing.length === 0) return;
  throw new DomainError('DUPLICATE_PATIENT', 'a patient with this ID number is already registered', {
    field: 'idNumber',
    reason: confirm ? 'not_acknowledged' : 'id_number_on_file',
    duplicates: strong.map((w) => ({ patientId: w.patientId, recordNo: w.recordNo, name: w.name })),
    ...(confirm ? { missing: missing.map((w) => w.patientId) } : {}),
  });
}
