/**
 * The audit trail at the hub: who read or changed which patient's data, from which desk, when;
 * by person, patient, desk, action and a range of clinic-local days. Newest first, in
 * (at, id) descending order.
 */
import type { z } from 'zod';
import type { AuditLookup, AuditLookupRow } from '../../api/procedures/lookups';
import { num, spanOf } from '../stats/range';
import type { SortKey } from './cursor';
import { afterKey, Params, runPage, str, strOrNull, untilKey, type LookupDb, type Page } from './page';

type Raw = Record<string, unknown>;
type AuditFilter = Omit<z.output<typeof AuditLookup>, 'cursor' | 'limit'>;
type AuditRow = z.input<typeof AuditLookupRow>;

export const AUDIT_KEY = ['n', 's'] as const;

export async function pageAudit(db: LookupDb, f: AuditFilter, after: SortKey | null, limit: number): Promise<Page<AuditRow>> {
  const span = await spanOf(db, f);
  const p = new Params();
  const where = [`l.at >= ${p.add(span.startMs)} AND l.at <= ${p.add(untilKey(span.endMs - 1, after))}`];
  if (f.accountId) where.push(`l.account_id = ${p.add(f.accountId)}`);
  if (f.patientId) where.push(`l.patient_id = ${p.add(f.patientId)}`);
  if (f.device) where.push(`l.device = ${p.add(f.device)}`);
  if (f.action) where.push(`l.action = ${p.add(f.action)}`);
  where.push(afterKey(p, ['l.at', 'l.id'], after, true));
  const sql = `
    SELECT l.id, l.at, l.account_id, coalesce(st.name, ac.username) AS person_name, ac.username, l.device, l.action, l.entity, l.entity_id,
      l.patient_id, pt.name AS patient_name, l.procedure, l.detail
    FROM audit_log l LEFT JOIN accounts ac ON ac.id = l.account_id LEFT JOIN staff st ON st.id = ac.staff_id
      LEFT JOIN patients pt ON pt.id = l.patient_id
    WHERE ${where.join(' AND ')}
    ORDER BY l.at DESC, l.id DESC`;
  return runPage<Raw, AuditRow>(db, 'audit', sql, p, limit, (r) => ({
    id: str(r.id), at: num(r.at), accountId: str(r.account_id), personName: str(r.person_name), username: str(r.username), device: str(r.device),
    action: str(r.action) as AuditRow['action'], entity: str(r.entity), entityId: str(r.entity_id), patientId: strOrNull(r.patient_id),
    patientName: str(r.patient_name), procedure: str(r.procedure), detail: strOrNull(r.detail),
  }), (r) => [num(r.at), str(r.id)]);
}
