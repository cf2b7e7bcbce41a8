/**
 * The patient portal's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other
 * site's page sends it), Secure on HTTPS, path /. Pure string work, tested on its own.
 */
export const PORTAL_COOKIE = 'cd_portal';
/** A self check-in kiosk's cookie (its token from the admin), apart from any patient's session. */
export const KIOSK_COOKIE = 'cd_kiosk';
/** How long a kiosk's cookie lasts in its browser (the token is revoked at the hub to end it sooner). */
export const KIOSK_COOKIE_MS = 400 * 24 * 3_600_000;

export function sessionCookie(token: string, maxAgeMs: number, secure: boolean, name = PORTAL_COOKIE): string {
  return [`${name}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.floor(maxAgeMs / 1000)}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** Tells the browser to forget the cookie (log-out). */
export function clearedCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

/** The session token a Cookie header carries, or null (only the token's characters are taken). */
export function tokenFromCookies(header: string | undefined, name = PORTAL_COOKIE): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
  }
  return null;
}
