import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { suspendPatientSearchIndex, rebuildPatientSearchIndex } from '../search-index';
import { createFixture, type Fixture } from '../testing';
import { expectRefused, register, residentId } from './desk.testing';
import { DUPLICATE_SQL } from './patients-duplicates';
import { keySql, searchSql, type SearchColumn, type SearchMode } from './patients-search';

let fx: Fixture;
let reception: { token: string };
const ids: Record<string, string> = {};
const X_ID = residentId('1990-03-07', 'M', { wantX: true });

beforeAll(() => {
  fx = createFixture();
  reception = fx.login('reception');
  const add = (key: string, input: Parameters<typeof register>[2]) => { ids[key] = register(fx, reception, input).patient.id; };
  add('zsf', { name: '张三丰', idNumber: X_ID, phone: '13812345678' });
  add('zs', { name: '张三', phone: '13900005678' });
  add('zzy', { name: '章子怡', phone: '010-62345678' });
  add('stf', { name: '单田芳', phone: '0755-2345678-8001' });
  add('john', { name: 'John Smith' });
  add('merged', { name: '张三丰', phone: '13812345678' });
  withMasterWriter(fx.station, (w) => w.update(patients, ids['merged']!, { mergedInto: ids['zsf']! }));
});
afterAll(() => fx.close());

function found(q: string, limit?: number) {
  const r = fx.ok(reception, 'patients.search', limit === undefined ? { q } : { q, limit });
  return r.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id));
}

describe('patients.search', () => {
  it('finds by any part of a Chinese name, the whole name first, leaving merged records out', () => {
    expect(found('张三丰')).toEqual(['zsf']);
    expect(found('张三')).toEqual(['zs', 'zsf']);
    expect(found('三丰')).toEqual(['zsf']);
    expect(found('丰')).toEqual(['zsf']);
    expect(found('田')).toEqual(['stf']);
    expect(found('子怡')).toEqual(['zzy']);
    expect(found('李')).toEqual([]);
    expect(found('三张')).toEqual([]);
  });

  it('finds by pinyin initials and by full pinyin', () => {
    expect(found('zsf')).toEqual(['zsf']);
    expect(found('stf')).toEqual(['stf']);
    expect(found('shan')).toEqual(['stf']);
    expect(found('zhang').sort()).toEqual(['zs', 'zsf', 'zzy']);
    expect(found('Zhang San').sort()).toEqual(['zs', 'zsf']);
    expect(found('john')).toEqual(['john']);
    // Initials matches come first: 'zs' is both the initials of 张三 and a prefix of no full pinyin.
    expect(found('zs')).toEqual(['zs', 'zsf']);
  });

  it('finds by whole phone in any format and by its last digits, landlines included', () => {
    expect(found('13812345678')).toEqual(['zsf']);
    expect(found('+86 138 1234 5678')).toEqual(['zsf']);
    expect(found('5678').sort()).toEqual(['stf', 'zs', 'zsf', 'zzy']);
    expect(found('45678').sort()).toEqual(['stf', 'zsf', 'zzy']);
    // Beginnings of 3+ digits, landlines as typed without their dash.
    expect(found('138')).toEqual(['zsf']);
    expect(found('139000')).toEqual(['zs']);
    expect(found('010')).toEqual(['zzy']);
    expect(found('0106234')).toEqual(['zzy']);
    expect(found('07552')).toEqual(['stf']);
    expect(found('13')).toEqual([]);
    expect(found('62345678')).toEqual(['zzy']);
    expect(found('010-62345678')).toEqual(['zzy']);
    expect(found('0755 2345678')).toEqual(['stf']);
  });

  it('finds by ID number, lower-case x and all, and by its first 13+ digits', () => {
    expect(found(X_ID.toLowerCase())).toEqual(['zsf']);
    expect(found(X_ID.slice(0, 14))).toEqual(['zsf']);
  });

  it('finds by record number as printed or typed short', () => {
    const r = fx.ok(reception, 'patients.get', { id: ids['stf']! });
    expect(found(r.recordNo)).toEqual(['stf']);
    expect(found(r.recordNo.toLowerCase().replace(/-0+/, '-'))).toEqual(['stf']);
    expect(found('A1-9999')).toEqual([]);
  });

  it('masks phone and ID number, says what matched, and marks a cut-off list', () => {
    const r = fx.ok(reception, 'patients.search', { q: 'zsf' });
    expect(r).toEqual({
      truncated: false,
      items: [{
        id: ids['zsf'], recordNo: 'A1-0000001', name: '张三丰', sex: 'M', birthDate: '1990-03-07', ageYears: 36,
        phoneMasked: '138****5678', idNumberMasked: `110101********${X_ID.slice(-4)}`, matchedBy: 'pinyin_initials',
      }],
    });
    const cut = fx.ok(reception, 'patients.search', { q: '5678', limit: 3 });
    expect(cut.items).toHaveLength(3);
    expect(cut.truncated).toBe(true);
    expect(fx.ok(reception, 'patients.search', { q: '5678', limit: 4 }).truncated).toBe(false);
  });

  it('is open to reception, doctors, cashiers and pharmacists, not to admins; search reads are not audited', () => {
    for (const who of ['doctor', 'cashier', 'pharmacist'] as const) expect(fx.call(fx.login(who), 'patients.search', { q: 'zsf' }).ok).toBe(true);
    expectRefused(fx, fx.login('admin'), 'patients.search', { q: 'zsf' }, 'FORBIDDEN');
    expectRefused(fx, reception, 'patients.search', { q: '' }, 'VALIDATION', { field: 'q' });
  });
});

const INDEX_OF: Record<SearchColumn, string> = {
  record_no: 'patients_record_no',
  id_number: 'patients_id_number',
  id_doc_number: 'patients_id_doc_number',
  phone_rev: 'patients_phone_rev',
  phone: 'patients_phone',
  pinyin_full: 'patients_pinyin_full',
};
const COLUMNS = Object.keys(INDEX_OF) as SearchColumn[];

function plan(sql: string, params: unknown[]): string {
  const rows = fx.station.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

function expectIndexOnly(column: SearchColumn, mode: SearchMode, bounded = true) {
  const params = mode === 'exact' ? ['k', 20] : bounded ? ['k', 'l', 20] : ['k', 20];
  const detail = plan(searchSql(column, mode, bounded), params);
  expect(detail, `${column}/${mode}`).toMatch(new RegExp(`^SEARCH p USING INDEX ${INDEX_OF[column]} \\(`));
  expect(detail).not.toMatch(/SCAN|TEMP B-TREE/);
}

/** A key lookup walks the search index from its key, newest-seen first, and reads each patient by its primary key. */
function expectKeyWalk(contains: boolean) {
  const detail = plan(keySql(contains), contains ? ['k', 'x', 20] : ['k', 20]);
  expect(detail).toMatch(/^SEARCH k USING PRIMARY KEY \(key=\?\) \| SEARCH p USING INDEX sqlite_autoindex_patients_1 \(id=\?\)$/);
}

describe('query plans', () => {
  it('every key kind is a search of its own index, never a scan or a sort', () => {
    for (const column of COLUMNS) {
      expectIndexOnly(column, 'exact');
      expectIndexOnly(column, 'prefix');
      expectIndexOnly(column, 'prefix', false);
    }
    expectKeyWalk(false);
    expectKeyWalk(true);
  });

  it('duplicate checks use an index too', () => {
    expect(plan(DUPLICATE_SQL.id_number, ['x'])).toMatch(/^SEARCH patients USING INDEX patients_id_number \(id_number=\?\)$/);
    expect(plan(DUPLICATE_SQL.name_birth_date, ['x', 'y'])).toMatch(/^SEARCH patients USING INDEX patients_name \(name=\?\)$/);
    expect(plan(DUPLICATE_SQL.name_phone, ['x', 'y'])).toMatch(/^SEARCH patients USING INDEX patients_(name|phone) \(\w+=\?\)$/);
  });
});

describe('at scale', () => {
  it('finds every kind of key with 100 000 patients through indexes only, before and after ANALYZE (speed: see bench/)', () => {
    const syllables = ['zhang', 'wang', 'li', 'zhao', 'chen', 'yang', 'huang', 'zhou', 'wu', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he'];
    const hanzi = '张王李赵陈杨黄周吴徐孙马朱胡郭何';
    const insert = fx.station.raw.prepare(`INSERT INTO patients (id, record_no, name, sex, birth_date, id_number, phone, phone_rev,
      insurance_type, pinyin_full, pinyin_initials, created_at, updated_at) VALUES (?, ?, ?, 'U', NULL, ?, ?, ?, 'self_pay', ?, ?, 0, 0)`);
    const N = 100_000;
    // Bulk rows straight into the table: this measures search, not registration (no change log needed here),
    // with the search index rebuilt once at the end as a bulk load does.
    const suspended = suspendPatientSearchIndex(fx.station.raw);
    fx.station.raw.transaction(() => {
      for (let i = 0; i < N; i++) {
        const a = i % 16, b = Math.floor(i / 16) % 16, c = Math.floor(i / 256) % 16;
        const phone = `137${String(i).padStart(8, '0')}`;
        insert.run(`00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, `B9-${String(i + 1).padStart(7, '0')}`,
          hanzi[a]! + hanzi[b]! + hanzi[c]!, `3201021980${String(i).padStart(8, '0')}`, phone, [...phone].reverse().join(''),
          syllables[a]! + syllables[b]! + syllables[c]!, syllables[a]![0]! + syllables[b]![0]! + syllables[c]![0]!);
      }
    })();
    rebuildPatientSearchIndex(fx.station.raw, suspended);
    for (const analyzed of [false, true]) {
      if (analyzed) fx.station.raw.exec('ANALYZE');
      for (const q of ['张王', '王', '王李', '张王李', 'zwl', 'zw', 'zhangwang', '13700012345', '2345', '137000', '320102198000012345', '3201021980000', 'B9-0012345']) {
        const r = fx.ok(reception, 'patients.search', { q });
        expect(r.items.length, q).toBeGreaterThan(0);
      }
      for (const column of COLUMNS) expectIndexOnly(column, 'prefix');
      expectKeyWalk(false);
      expectKeyWalk(true);
    }
  }, 240_000); // 100 000 rows and the search index built over them: minutes on a busy shared machine
});
