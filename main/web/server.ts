/**
 * The web host: the built renderer over HTTP (or HTTPS, given a key and certificate: the hub's
 * admin screens beyond loopback) and the station's API over a WebSocket at /api, for a plain
 * browser (development, end-to-end tests, thin clients on the LAN). `admit` may refuse a log-in
 * that succeeded (the hub's web host takes admin accounts only): the session ends at once.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Output } from '../api/contract';
import type { ErrorBody } from '../domain/errors';
import type { Station } from '../station/station';
import { MAX_FRAME_BYTES, parseFrame } from './frames';
import { callFor, forwardEvents, letGo, newHolder, release } from './holder';
import { hostAllowed, originAllowed, type OriginPolicy } from './origin';
import { staticHandler } from './static';

export interface WebHostOptions {
  station: Station;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  policy?: Partial<OriginPolicy>;
  /** How often idle sessions are checked (ms). */
  sweepEveryMs?: number;
  /** Serve HTTPS (and the API over wss) with this key and certificate. */
  tls?: { key: string; cert: string };
  /** Checks each successful log-in; an error ends the new session and is the answer. `source`: the remote address. */
  admit?: (account: Output<'accounts.login'>, source: string) => ErrorBody | null;
}

export interface WebHost {
  url: string;
  port: number;
  close: () => Promise<void>;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

type Admit = NonNullable<WebHostOptions['admit']>;

function serveSocket(station: Station, ws: WebSocket, source: string, admit: Admit | undefined): void {
  // Password guesses are throttled per peer address (main/station/throttle.ts).
  const holder = newHolder(`ws:${source}`);
  const send = (msg: unknown) => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg)); };
  const stop = forwardEvents(station, holder, (event, payload) => send({ event, payload }));
  ws.on('message', (data, isBinary) => {
    const frame = parseFrame(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer), isBinary);
    if (!frame.ok) {
      send({ id: frame.id, result: { ok: false, error: frame.error } });
      return;
    }
    const { id, name, input } = frame.call;
    callFor(station, holder, name, input).then(
      (result) => {
        const refused = admit && name === 'accounts.login' && result.ok ? admit(result.value as Output<'accounts.login'>, source) : null;
        if (refused) release(station, holder);
        send({ id, result: refused ? { ok: false, error: refused } : result });
      },
      (err: unknown) => {
        console.error('web host: call failed', name, err);
        send({ id, result: { ok: false, error: { code: 'INTERNAL', message: 'internal error' } } });
      },
    );
  });
  // The page may be reloading: its session waits a little for the next page to resume it (main/web/resume.ts).
  ws.on('close', () => { stop(); letGo(station, holder); });
  ws.on('error', () => ws.terminate());
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const { station } = opts;
  if (!existsSync(opts.staticDir)) throw new Error(`the renderer is not built: ${opts.staticDir} is missing (run npm run build)`);
  const policy: OriginPolicy = { hosts: opts.policy?.hosts ?? [], origins: opts.policy?.origins ?? [] };
  const serveStatic = staticHandler(opts.staticDir);
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req.headers.host, policy)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('unknown host');
      return;
    }
    serveStatic(req, res);
  };
  const scheme = opts.tls ? 'https' : 'http';
  const server = opts.tls ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, handle) : createServer(handle);
  // Frames above the soft limit get a structured error; this hard limit protects memory.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES * 4 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (path !== '/api') return refuse(socket, 404, 'Not Found');
    if (!originAllowed(req.headers.origin, req.headers.host, policy, scheme)) return refuse(socket, 403, 'Forbidden');
    const source = (req.socket.remoteAddress ?? '?').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(station, ws, source, opts.admit));
  });
  const sweep = setInterval(() => station.sweepSessions(), opts.sweepEveryMs ?? 5_000);

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 5180, host, () => { server.off('error', fail); ok(); });
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `${scheme}://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`,
    port,
    close: async () => {
      clearInterval(sweep);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
