/**
 * The preload bridge (built as CommonJS, runs sandboxed): the renderer gets `window.clinic`
 * with exactly two functions, `call(name, input)` and `on(event, fn)`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CALL_CHANNEL = 'clinic:call';
const EVENT_CHANNEL = 'clinic:event';

interface EventMessage {
  event: string;
  payload: unknown;
}

contextBridge.exposeInMainWorld('clinic', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, String(name), input),
  on: (event: string, fn: (payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, msg: EventMessage) => {
      if (msg.event === event) fn(msg.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => { ipcRenderer.removeListener(EVENT_CHANNEL, listener); };
  },
});
