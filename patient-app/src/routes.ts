/**
 * The patient app's screens as hash routes (#/book/<department>/<doctor>): parsed into a typed
 * route and written back. My records: #/records (a member's visits), #/records/<visit>. The kiosk
 * (#/kiosk, once enrolled with #/kiosk/<token>) needs no patient log-in.
 */
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
  | { screen: 'queue' }
  | { screen: 'pay' }
  | { screen: 'kiosk'; token?: string }
  | { screen: 'notFound' };

/** The screens one sees without logging in. */
export const PUBLIC_SCREENS: ReadonlySet<Route['screen']> = new Set(['login', 'register', 'activate']);

const KIOSK_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

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
    case 'login': case 'register': case 'activate': case 'bookings': case 'members': case 'account': case 'queue': case 'pay':
      return rest.length === 0 ? { screen: head } : { screen: 'notFound' };
    case 'kiosk':
      if (rest.length === 0) return { screen: 'kiosk' };
      return rest.length === 1 && KIOSK_TOKEN.test(rest[0]!) ? { screen: 'kiosk', token: rest[0]! } : { screen: 'notFound' };
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
      return { screen: 'notFound' };
  }
}

export function hrefOf(route: Route): string {
  const ids = (r: { departmentId?: string; doctorId?: string; sessionId?: string }) =>
    [r.departmentId, r.doctorId, r.sessionId].filter((x): x is string => x !== undefined).map((x) => `/${x}`).join('');
  switch (route.screen) {
    case 'book': return `#/book${ids(route)}`;
    case 'reschedule': return `#/reschedule/${route.appointmentId}${ids(route)}`;
    case 'visit': return `#/records/${route.visitId}`;
    case 'kiosk': return route.token ? `#/kiosk/${route.token}` : '#/kiosk';
    case 'notFound': return '#/';
    default: return `#/${route.screen}`;
  }
}
