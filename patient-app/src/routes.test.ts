import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './routes';

const A = '0b3e8c2e-6c1b-4a8e-9a57-3d2f1b0c9e11';
const B = '5f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const C = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('hash routes', () => {
  it('reads each screen and writes it back the same', () => {
    const routes: Route[] = [
      { screen: 'login' }, { screen: 'register' }, { screen: 'activate' }, { screen: 'bookings' }, { screen: 'members' }, { screen: 'account' },
      { screen: 'book' }, { screen: 'book', departmentId: A }, { screen: 'book', departmentId: A, doctorId: B }, { screen: 'book', departmentId: A, doctorId: B, sessionId: C },
      { screen: 'reschedule', appointmentId: C }, { screen: 'reschedule', appointmentId: C, departmentId: A, doctorId: B },
      { screen: 'records' }, { screen: 'visit', visitId: A },
      { screen: 'queue' }, { screen: 'pay' }, { screen: 'kiosk' }, { screen: 'kiosk', token: 'AbCdEfGhIjKlMnOpQrStUvWxYz_-0123456789abcd' },
    ];
    for (const r of routes) expect(parseRoute(hrefOf(r))).toEqual(r);
  });

  it('opens on booking and forgives slashes', () => {
    expect(parseRoute('')).toEqual({ screen: 'book' });
    expect(parseRoute('#/')).toEqual({ screen: 'book' });
    expect(parseRoute('#/bookings/')).toEqual({ screen: 'bookings' });
  });

  it('answers not found for unknown screens, ids that are not ids, and too many parts', () => {
    for (const hash of ['#/admin', '#/book/not-an-id', `#/book/${A}/${B}/${C}/${A}`, '#/reschedule', '#/reschedule/x', `#/members/${A}`, '#/records/1', `#/records/${A}/${B}`, '#/__proto__', '#/kiosk/short', '#/kiosk/a/b', '#/queue/1', '#/pay/x']) {
      expect(parseRoute(hash), hash).toEqual({ screen: 'notFound' });
    }
  });
});
