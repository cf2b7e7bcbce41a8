/**
 * The patient app's screens as hash routes (#/book/<department>/<doctor>): parsed into a typed
 * route and written back. My records: #/records (a member's visits), #/records/<visit>. The queue,
 * paying and the kiosk are kept for the services that come later (they show "not open yet" until their screens are made, never made-up data).
 */
export const LATER_SERVICES = ['queue', 'pay', 'kiosk'] as const;
export type LaterService = (typeof LATER_SERVICES)[number];

export type Route =
  | { screen: 'login' }
  | { screen: 'register' }
  | { screen: 'activate' }
  | { screen: 'book'; departmentId?: string; doctorId?: string; sessionId?: string }
  | { screen: 'reschedule'; appointmentId: string; departmentId?: string; doctorId?: string; sessionId?: string }
  | { screen: 'bookings' }
  | { screen: 'members' }
  | { screen: 'account' }
  | { screen: 'records' }
  | { screen: 'visit'; visitId: string }
  | { screen: 'later'; service: LaterService }
  | { screen: 'notFound' };

/** The screens one sees without logging in. */
export const PUBLIC_SCREENS: ReadonlySet<Route['screen']> = new Set(['login', 'register', 'activate']);

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Up to three ids after a prefix: department, doctor, session. */
function picks(parts: string[]): { departmentId?: string; doctorId?: string; sessionId?: string } | null {
  if (parts.length > 3 || !parts.every((p) => ID.test(p))) return null;
  const [departmentId, doctorId, sessionId] = parts;
  return { ...(departmentId ? { departmentId } : {}), ...(doctorId ? { doctorId } : {}), ...(sessionId ? { sessionId } : {}) };
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+|\/+$/g, '');
  const [head = '', ...rest] = path === '' ? [] : path.split('/');
  switch (head) {
    case '': return { screen: 'book' };
    case 'login': case 'register': case 'activate': case 'bookings': case 'members': case 'account':
      return rest.length === 0 ? { screen: head } : { screen: 'notFound' };
    case 'book': {
      const p = picks(rest);
      return p ? { screen: 'book', ...p } : { screen: 'notFound' };
    }
    case 'records':
      if (rest.length === 0) return { screen: 'records' };
      return rest.length === 1 && ID.test(rest[0]!) ? { screen: 'visit', visitId: rest[0]! } : { screen: 'notFound' };
    case 'reschedule': {
      const [appointmentId, ...more] = rest;
      const p = picks(more);
      return appointmentId && ID.test(appointmentId) && p ? { screen: 'reschedule', appointmentId, ...p } : { screen: 'notFound' };
    }
    default:
      return (LATER_SERVICES as readonly string[]).includes(head) && rest.length === 0 ? { screen: 'later', service: head as LaterService } : { screen: 'notFound' };
  }
}

export function hrefOf(route: Route): string {
  const ids = (r: { departmentId?: string; doctorId?: string; sessionId?: string }) =>
    [r.departmentId, r.doctorId, r.sessionId].filter((x): x is string => x !== undefined).map((x) => `/${x}`).join('');
  switch (route.screen) {
    case 'book': return `#/book${ids(route)}`;
    case 'reschedule': return `#/reschedule/${route.appointmentId}${ids(route)}`;
    case 'visit': return `#/records/${route.visitId}`;
    case 'later': return `#/${route.service}`;
    case 'notFound': return '#/';
    default: return `#/${route.screen}`;
  }
}
