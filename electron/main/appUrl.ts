/** Whether a URL is the app's own page: the built renderer file, or the dev server in development. */
export function isAppUrl(url: string | undefined, appUrl: string): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    const own = new URL(appUrl);
    if (own.protocol === 'file:') return u.protocol === 'file:' && u.pathname === own.pathname;
    return u.origin === own.origin;
  } catch {
    return false;
  }
}
