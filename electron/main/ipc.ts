/**
 * The IPC side of the API: the preload's `call(name, input)` arrives here and goes through the
 * same `dispatch` as the web host. Only the app's own window and page may call; the session
 * token stays in this process, held per window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Station } from '../../main/station/station';
import { callFor, forwardEvents, letGo, newHolder, release } from '../../main/web/holder';
import { isAppUrl } from './appUrl';

export const CALL_CHANNEL = 'clinic:call';
export const EVENT_CHANNEL = 'clinic:event';

export function serveIpc(station: Station, win: BrowserWindow, appUrl: string): void {
  // The desk's own window: one source for throttling, apart from any web peer.
  const holder = newHolder('window');
  const trusted = (event: IpcMainInvokeEvent) =>
    event.sender === win.webContents && event.senderFrame !== null && event.senderFrame === win.webContents.mainFrame &&
    isAppUrl(event.senderFrame.url, appUrl);

  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };
    if (typeof name !== 'string') return { ok: false, error: { code: 'VALIDATION', message: 'procedure name must be a string' } };
    return callFor(station, holder, name, input);
  });
  const stop = forwardEvents(station, holder, (event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, { event, payload });
  });
  // A reload starts a new page with no session in it: the session waits for it to bring its resume ticket back.
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) letGo(station, holder);
  });
  win.on('closed', () => {
    stop();
    release(station, holder);
    ipcMain.removeHandler(CALL_CHANNEL);
  });
}
