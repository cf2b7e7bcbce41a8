/**
 * The web host: the built renderer over HTTP and the station's API over a WebSocket at /api,
 * for a plain browser (development, end-to-end tests, thin clients on the LAN).
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Station } from '../station/station';
import { MAX_FRAME_BYTES, parseFrame } from './frames';
import { callFor, forwardEvents, newHolder, release } from './holder';
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
}

export interface WebHost {
  url: string;
  port: number;
  close: () => Promise<void>;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function serveSocket(station: Station, ws: WebSocket): void {
  const holder = newHolder();
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
      (result) => send({ id, result }),
      (err: unknown) => {
        console.error('web host: call failed', name, err);
        send({ id, result: { ok: false, error: { code: 'INTERNAL', message: 'internal error' } } });
      },
    );
  });
  ws.on('close', () => { stop(); release(station, holder); });
  ws.on('error', () => ws.terminate());
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const { station } = opts;
  if (!existsSync(opts.staticDir)) throw new Error(`the renderer is not built: ${opts.staticDir} is missing (run npm run build)`);
  const policy: OriginPolicy = { hosts: opts.policy?.hosts ?? [], origins: opts.policy?.origins ?? [] };
  const serveStatic = staticHandler(opts.staticDir);
  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, policy)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('unknown host');
      return;
    }
    serveStatic(req, res);
  });
  // Frames above the soft limit get a structured error; this hard limit protects memory.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES * 4 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (path !== '/api') return refuse(socket, 404, 'Not Found');
    if (!originAllowed(req.headers.origin, req.headers.host, policy)) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(station, ws));
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
    url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`,
    port,
    close: async () => {
      clearInterval(sweep);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
