/**
 * The waiting-room board opens in its own window (the desk keeps working in its own): on the web
 * host a browser window on the board's route, which logs in on its own. In the desktop app the
 * renderer may open no window (electron/main/security.ts denies them, and its IPC trusts only the
 * main window), so there the board still takes the desk's window until the app gives it one.
 */
export const DISPLAY_WINDOW = 'clinic-display';

export function displayUrl(location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}#/display`;
}

/** Opens the board in its own window; false when it cannot (the desktop app, or a blocked pop-up). */
export function openDisplayWindow(): boolean {
  if ((window as { clinic?: unknown }).clinic !== undefined) return false;
  const w = window.open(displayUrl(window.location), DISPLAY_WINDOW, 'popup,width=1280,height=800');
  if (!w) return false;
  w.focus();
  return true;
}
