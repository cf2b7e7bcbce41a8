/**
 * `npm start` runs us under `sh -c`, and a SIGTERM sent to npm (a service manager, a test, `kill`)
 * ends npm and that shell but reaches no further: we would run on with our children (Electron,
 * the web host, an in-process hub), adopted by init. So the entries watch their parent: once it
 * is gone (our parent pid changes) they stop as if they had been sent SIGTERM. Ctrl+C in a
 * terminal reaches the whole process group and needs none of this.
 */
const EVERY_MS = 500;

export function stopWhenOrphaned(): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, EVERY_MS);
  timer.unref();
}
