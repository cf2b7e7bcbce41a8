import { describe, expect, it } from 'vitest';
import { addMonths, afterMaintenance, canMoveTo, checkEquipmentDates, checkStatusMove, dueInDays, tidyAssetNo } from './equipment';
import { codeOf } from './testing';

const TODAY = '2026-11-23';
const dates = (over: Partial<Record<'purchaseDate' | 'lastMaintenanceDate' | 'nextMaintenanceDue', string | null>> = {}) =>
  ({ purchaseDate: '2024-03-01', lastMaintenanceDate: '2026-05-01', nextMaintenanceDue: '2026-11-01', ...over });

describe('asset numbers', () => {
  it('are tidied: full-width, spaces and case', () => {
    expect(tidyAssetNo(' eq-0001 ')).toBe('EQ-0001');
    expect(tidyAssetNo('ＥＱ／２０２６.1')).toBe('EQ/2026.1');
  });
  it('refuse empty, other characters and more than 30', () => {
    for (const bad of ['', '-EQ1', '设备01', 'EQ#1', 'A'.repeat(31)]) {
      expect(codeOf(() => tidyAssetNo(bad))).toMatchObject({ code: 'VALIDATION', details: { field: 'assetNo', reason: 'bad_asset_no' } });
    }
    expect(tidyAssetNo('A'.repeat(30))).toHaveLength(30);
  });
});

describe('status', () => {
  it('moves between in use and repair, and to retired, which is final', () => {
    expect(canMoveTo('in_use', 'repair')).toBe(true);
    expect(canMoveTo('repair', 'in_use')).toBe(true);
    expect(canMoveTo('repair', 'retired')).toBe(true);
    expect(canMoveTo('retired', 'retired')).toBe(true);
    expect(canMoveTo('retired', 'in_use')).toBe(false);
    expect(codeOf(() => checkStatusMove('retired', 'repair'))).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { field: 'status', from: 'retired', to: 'repair' } });
  });
});

describe('the dates of an item', () => {
  it('takes consistent dates, and none', () => {
    expect(() => checkEquipmentDates(dates(), TODAY)).not.toThrow();
    expect(() => checkEquipmentDates({ purchaseDate: null, lastMaintenanceDate: null, nextMaintenanceDue: null }, TODAY)).not.toThrow();
    expect(() => checkEquipmentDates(dates({ purchaseDate: TODAY, lastMaintenanceDate: TODAY, nextMaintenanceDue: TODAY }), TODAY)).not.toThrow();
  });
  it('refuses each inconsistency at its field', () => {
    const cases: [ReturnType<typeof dates>, string, string][] = [
      [dates({ purchaseDate: '2026-02-30' }), 'purchaseDate', 'not_a_date'],
      [dates({ nextMaintenanceDue: '2026-13-01' }), 'nextMaintenanceDue', 'not_a_date'],
      [dates({ purchaseDate: '2026-11-24', lastMaintenanceDate: null, nextMaintenanceDue: null }), 'purchaseDate', 'in_future'],
      [dates({ lastMaintenanceDate: '2026-11-24' }), 'lastMaintenanceDate', 'in_future'],
      [dates({ lastMaintenanceDate: '2024-02-29' }), 'lastMaintenanceDate', 'before_purchase'],
      [dates({ lastMaintenanceDate: null, nextMaintenanceDue: '2024-02-01' }), 'nextMaintenanceDue', 'before_purchase'],
      [dates({ nextMaintenanceDue: '2026-04-30' }), 'nextMaintenanceDue', 'before_last'],
    ];
    for (const [d, field, reason] of cases) {
      expect(codeOf(() => checkEquipmentDates(d, TODAY))).toMatchObject({ code: 'VALIDATION', details: { field, reason } });
    }
  });
});

describe('maintenance', () => {
  const item = { ...dates(), intervalMonths: 6 };
  it('adds calendar months, clamping the day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-23', 6)).toBe('2027-05-23');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
  });
  it('sets the last date and the next from the interval, or from the date given', () => {
    expect(afterMaintenance(item, { date: '2026-11-20', nextDue: null }, TODAY)).toEqual({ lastMaintenanceDate: '2026-11-20', nextMaintenanceDue: '2027-05-20' });
    expect(afterMaintenance(item, { date: '2026-11-20', nextDue: '2027-01-10' }, TODAY)).toEqual({ lastMaintenanceDate: '2026-11-20', nextMaintenanceDue: '2027-01-10' });
    expect(afterMaintenance({ ...item, intervalMonths: null }, { date: '2026-11-20', nextDue: null }, TODAY))
      .toEqual({ lastMaintenanceDate: '2026-11-20', nextMaintenanceDue: '2026-11-01' });
  });
  it('an older service entered late keeps the newer last date and the due date', () => {
    expect(afterMaintenance(item, { date: '2025-01-10', nextDue: null }, TODAY)).toEqual({ lastMaintenanceDate: '2026-05-01', nextMaintenanceDue: '2026-11-01' });
  });
  it('refuses a date ahead of today, before the purchase, not a date, and a next due before the last', () => {
    expect(codeOf(() => afterMaintenance(item, { date: '2026-11-24', nextDue: null }, TODAY))).toMatchObject({ details: { field: 'date', reason: 'in_future' } });
    expect(codeOf(() => afterMaintenance(item, { date: '2024-02-01', nextDue: null }, TODAY))).toMatchObject({ details: { field: 'date', reason: 'before_purchase' } });
    expect(codeOf(() => afterMaintenance(item, { date: '2026-02-31', nextDue: null }, TODAY))).toMatchObject({ details: { field: 'date', reason: 'not_a_date' } });
    expect(codeOf(() => afterMaintenance(item, { date: '2026-11-20', nextDue: '2026-11-19' }, TODAY))).toMatchObject({ code: 'VALIDATION', details: { field: 'nextDue', reason: 'before_last' } });
  });
  it('counts the days to the next due date; retired items and items with none are never due', () => {
    expect(dueInDays('in_use', '2026-11-01', TODAY)).toBe(-22);
    expect(dueInDays('repair', '2026-12-03', TODAY)).toBe(10);
    expect(dueInDays('retired', '2026-11-01', TODAY)).toBeNull();
    expect(dueInDays('in_use', null, TODAY)).toBeNull();
  });
});
