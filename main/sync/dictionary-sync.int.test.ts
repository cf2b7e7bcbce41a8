/**
 * The data dictionary and the records of issue 16 over sync (a real hub over socket.io on PGlite,
 * two paired workstations on real SQLite): entries the admin adds at the hub reach another desk,
 * whose register form may then use them; a passport holder registered at one desk is found by the
 * passport's number at the other; a drug's records and a staff phone made at the hub arrive too.
 */
import { describe, expect, it } from 'vitest';
import { pairedWorkstation, startTestClinicHub } from '../hub/admin.testing';
import { cleanupsAfterEach, hubTemplate } from './hooks.testing';
import { until } from './testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('issue 16 over sync', () => {
  it('dictionary entries, a drug\'s records and a staff phone made at the hub reach the desks; a document number registered at one desk is found at the other', async () => {
    const t = await startTestClinicHub(template());
    cleanups.push(t.close);
    const front = await pairedWorkstation(t, 'A1');
    cleanups.push(front.close);
    const other = await pairedWorkstation(t, 'B1');
    cleanups.push(other.close);

    const admin = await front.login('admin');
    expect(ok(await front.call(admin, 'master.addStandardDictionary', { kind: 'marital_status' }))).toEqual({ added: 5 });
    ok(await front.call(admin, 'master.updateDrug', { id: t.ids.drugs.ibuprofen, contraindications: '活动性消化道溃疡者禁用', approvalNumber: '国药准字H10900089' }));
    ok(await front.call(admin, 'org.updateStaff', { id: t.ids.staff.doctor, phone: '13812345678' }));
    const has = (sql: string) => other.station.raw.prepare(sql).get() !== undefined;
    await until(() => has("SELECT 1 FROM dictionary_entries WHERE kind = 'marital_status' AND code = '20'")
      && has("SELECT 1 FROM drugs WHERE approval_number = '国药准字H10900089'") && has("SELECT 1 FROM staff WHERE phone = '13812345678'"));

    const reception = await other.login('reception');
    expect(ok(await other.call(reception, 'dictionary.entries', { kind: 'marital_status' })).items.map((e) => e.code)).toEqual(['10', '20', '30', '40', '90']);
    const { patient } = ok(await other.call(reception, 'patients.register', {
      name: 'John Smith', sex: 'M', idDocType: 'passport', idDocNumber: 'E12345678', maritalStatus: '20',
    }));
    await other.client.syncNow();
    await until(() => front.station.raw.prepare('SELECT 1 FROM patients WHERE id = ?').get(patient.id) !== undefined);
    const frontDesk = await front.login('reception');
    const found = ok(await front.call(frontDesk, 'patients.search', { q: 'e1234 5678' }));
    expect(found.items.map((i) => [i.id, i.matchedBy])).toEqual([[patient.id, 'id_doc_number']]);
    expect(ok(await front.call(frontDesk, 'patients.get', { id: patient.id }))).toMatchObject({ idDocType: 'passport', idDocNumber: 'E12345678', maritalStatus: '20' });
  });
});
