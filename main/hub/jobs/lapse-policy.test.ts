import { describe, expect, it } from 'vitest';
import { lapsedBookings, sessionEndsAt, type OpenBooking } from './lapse-policy';

const TZ = 'Asia/Shanghai';
const booking = (over: Partial<OpenBooking>): OpenBooking => ({
  id: 'a', status: 'confirmed', date: '2026-11-23', period: 'morning', stopped: false, visited: false, ...over,
});

describe('sessionEndsAt', () => {
  it('ends a morning at 12:00 and an afternoon at 17:30 local time', () => {
    expect(new Date(sessionEndsAt('2026-11-23', 'morning', TZ)).toISOString()).toBe('2026-11-23T04:00:00.000Z');
    expect(new Date(sessionEndsAt('2026-11-23', 'afternoon', TZ)).toISOString()).toBe('2026-11-23T09:30:00.000Z');
    expect(sessionEndsAt('2026-11-23', 'full_day', TZ)).toBe(sessionEndsAt('2026-11-23', 'afternoon', TZ));
  });
});

describe('lapsedBookings', () => {
  const afterMorning = Date.parse('2026-11-23T04:00:00Z');
  it('leaves a session that has not ended', () => {
    expect(lapsedBookings([booking({})], afterMorning - 1, TZ, 'no_show')).toEqual([]);
  });
  it('makes a confirmed booking a no-show once its session ended, or expires it when the setting says so', () => {
    expect(lapsedBookings([booking({})], afterMorning, TZ, 'no_show')).toEqual([{ id: 'a', to: 'no_show' }]);
    expect(lapsedBookings([booking({})], afterMorning, TZ, 'expired')).toEqual([{ id: 'a', to: 'cancelled', reason: 'expired' }]);
  });
  it('expires a booking never confirmed, and every booking of a stopped session', () => {
    expect(lapsedBookings([booking({ status: 'pending' })], afterMorning, TZ, 'no_show')).toEqual([{ id: 'a', to: 'cancelled', reason: 'expired' }]);
    expect(lapsedBookings([booking({ stopped: true })], afterMorning, TZ, 'no_show')).toEqual([{ id: 'a', to: 'cancelled', reason: 'expired' }]);
  });
  it('leaves settled bookings and those a visit took up', () => {
    const settled = (['completed', 'cancelled', 'no_show'] as const).map((status, i) => booking({ id: `s${i}`, status }));
    expect(lapsedBookings([...settled, booking({ visited: true })], afterMorning + 86_400_000, TZ, 'no_show')).toEqual([]);
  });
});
