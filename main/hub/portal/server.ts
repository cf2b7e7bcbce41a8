/**
 * The hub's patient port: the patient app (its own bundle, when built) and `POST /api/<procedure>`
 * for the `portal.*` procedures only — no staff procedure, no sync socket, no admin screens are
 * reachable here. HTTPS with the hub's own certificate or one the clinic supplies; plain HTTP
 * only when asked for (a closed network), and then the session cookie is not marked Secure.
 * A request from a page of another origin (its Origin header names another host) is refused, and
 * the cookie is SameSite=Strict, so another site cannot act with a patient's session.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { DomainError, type ErrorBody } from '../../domain/errors';
import { staticHandler } from '../../web/static';
import { LoginThrottle } from '../login-throttle';
import type { PortalDeps } from './context';
import { clearedCookie, KIOSK_COOKIE, KIOSK_COOKIE_MS, sessionCookie, tokenFromCookies } from './cookies';
import { dispatchPortal } from './dispatch';
import { attachQueueLive } from './queue-live';

/**
 * The patient app's pages: scripts, styles and calls from this origin only (no inline script or
 * style, no frames, no plugins, no form posting elsewhere), never framed by another site.
 */
export const PATIENT_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A request body larger than this is refused before it is read in full. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Wrong activation codes: 5 per address a minute, and 30 a minute for the whole hub. */
export const CODE_TRIES_PER_ADDRESS = 5;
export const CODE_TRIES_EVERYWHERE = 30;
/** Kiosk identifications that match no one: 5 per kiosk and per address a minute (phone + 4 digits is guessable). */
export const KIOSK_TRIES_PER_SOURCE = 5;

export interface PortalServerOptions extends Omit<PortalDeps, 'throttles'> {
  host: string;
  port: number;
  /** Key and certificate (PEM); null: plain HTTP (the caller has been told to ask for it explicitly). */
  tls: { key: string; cert: string } | null;
  /** The built patient app; null or missing: the API alone. */
  staticDir: string | null;
  log?: (line: string) => void;
}

export interface PortalServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

const STATUS: Partial<Record<ErrorBody['code'], number>> = {
  UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, UNKNOWN_PROCEDURE: 404, TOO_MANY_ATTEMPTS: 429, INTERNAL: 500, CONFLICT: 409,
  ALREADY_EXISTS: 409, BAD_CREDENTIALS: 401,
};

function send(res: ServerResponse, status: number, body: unknown, cookie?: string): void {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY',
  };
  if (cookie) headers['Set-Cookie'] = cookie;
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function refusal(res: ServerResponse, status: number, code: ErrorBody['code'], message: string): void {
  send(res, status, { ok: false, error: new DomainError(code, message).toBody() });
}

/** The request's Origin, when it has one, names this very host (a same-origin fetch). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Where the gateway posts its notifies (outside the cookie-authenticated /api/). */
export const ALIPAY_NOTIFY_PATH = '/pay/alipay/notify';

/** Where a patient downloads a copy of one of their documents (GET ?document=…&id=…&lang=…). */
export const DOCUMENT_PATH = '/files/portal.document';

/** A form body's fields (each named once; a repeated or oversized field is no notify). */
function formFields(text: string): Record<string, string> | null {
  const fields: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (Object.hasOwn(fields, k) || k.length > 64 || v.length > 4096) return null;
    fields[k] = v;
  }
  return fields;
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPortalServer(opts: PortalServerOptions): Promise<PortalServer> {
  const log = opts.log ?? (() => undefined);
  const deps: PortalDeps = {
    admin: opts.admin, portal: opts.portal, now: opts.now, refuse: opts.refuse, payments: opts.payments,
    throttles: { kiosk: new LoginThrottle(KIOSK_TRIES_PER_SOURCE), kioskTokens: new LoginThrottle(CODE_TRIES_PER_ADDRESS), login: new LoginThrottle(), codes: new LoginThrottle(CODE_TRIES_PER_ADDRESS), codesEverywhere: new LoginThrottle(CODE_TRIES_EVERYWHERE) },
  };
  const secure = opts.tls !== null;
  const dir = opts.staticDir;
  const built = dir !== null && existsSync(join(dir, 'index.html'));
  if (dir !== null && !built) log(`the patient app is not built (${dir} has no index.html; npm run build): the patient port serves the API alone`);
  const files = dir !== null && built ? staticHandler(dir, PATIENT_CONTENT_SECURITY_POLICY) : null;

  const api = async (req: IncomingMessage, res: ServerResponse, procedure: string): Promise<void> => {
    if (req.method !== 'POST') return refusal(res, 405, 'VALIDATION', 'POST only');
    if (!sameOrigin(req)) return refusal(res, 403, 'FORBIDDEN', 'requests from another site are refused');
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return refusal(res, 415, 'VALIDATION', 'send JSON');
    const text = await readBody(req);
    if (text === null) return refusal(res, 413, 'VALIDATION', 'request too large');
    let input: unknown;
    try {
      input = text === '' ? {} : JSON.parse(text);
    } catch {
      return refusal(res, 400, 'VALIDATION', 'not JSON');
    }
    const source = req.socket.remoteAddress ?? '?';
    const answer = await dispatchPortal(deps, {
      procedure, input, token: tokenFromCookies(req.headers.cookie), kioskToken: tokenFromCookies(req.headers.cookie, KIOSK_COOKIE), source,
    }, log);
    const cookie = answer.kioskCookie ? sessionCookie(answer.kioskCookie, KIOSK_COOKIE_MS, secure, KIOSK_COOKIE)
      : answer.session === null ? undefined
      : answer.session === 'end' ? clearedCookie(secure) : sessionCookie(answer.session.token, answer.session.expiresAt - opts.now(), secure);
    send(res, answer.result.ok ? 200 : STATUS[answer.result.error.code] ?? 400, answer.result, cookie);
  };

  /** Alipay's asynchronous notify: a form post from the gateway (no cookie, no Origin), answered in plain text. */
  const notify = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = req.method === 'POST' ? await readBody(req) : null;
    const fields = text === null ? null : formFields(text);
    const answer = fields === null ? 'fail' : await opts.payments.handleNotify(fields, req.socket.remoteAddress ?? '?');
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(answer);
  };

  /** A patient's copy as a file (GET, the session cookie): the same checks and audit as the `portal.document` procedure. */
  const download = async (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> => {
    if (req.method !== 'GET') return refusal(res, 405, 'VALIDATION', 'GET only');
    if (!sameOrigin(req)) return refusal(res, 403, 'FORBIDDEN', 'requests from another site are refused');
    const input = Object.fromEntries(['document', 'id', 'lang'].flatMap((k) => (query.has(k) ? [[k, query.get(k)]] : [])));
    const answer = await dispatchPortal(deps, { procedure: 'portal.document', input, token: tokenFromCookies(req.headers.cookie), source: req.socket.remoteAddress ?? '?' }, log);
    if (!answer.result.ok) return send(res, STATUS[answer.result.error.code] ?? 400, answer.result, answer.session === 'end' ? clearedCookie(secure) : undefined);
    const file = answer.result.value as { filename: string; pdfBase64: string };
    const pdf = Buffer.from(file.pdfBase64, 'base64');
    res.writeHead(200, {
      'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length),
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store', Pragma: 'no-cache', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer',
    }).end(pdf);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://host');
    const path = url.pathname;
    if (path === DOCUMENT_PATH) {
      download(req, res, url.searchParams).catch((err: unknown) => {
        log(`patient document failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) refusal(res, 500, 'INTERNAL', 'internal error');
      });
      return;
    }
    if (path === ALIPAY_NOTIFY_PATH) {
      notify(req, res).catch((err: unknown) => {
        log(`alipay notify failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('fail');
      });
      return;
    }
    const call = /^\/api\/([A-Za-z0-9.]{1,80})$/.exec(path);
    if (call) {
      api(req, res, call[1]!).catch((err: unknown) => {
        log(`portal request failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) refusal(res, 500, 'INTERNAL', 'internal error');
      });
      return;
    }
    // Nothing of the staff side answers here: not the sync socket, not the admin screens' API.
    if (path.startsWith('/api/') || path.startsWith('/socket.io') || path.startsWith('/ws') || !files) {
      return refusal(res, 404, 'UNKNOWN_PROCEDURE', 'not on the patient port');
    }
    files(req, res);
  };

  const server: Server = opts.tls ? createHttps({ key: opts.tls.key, cert: opts.tls.cert }, handle) : createHttp(handle);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const live = attachQueueLive(server, deps, log);
  const port = (server.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `${secure ? 'https' : 'http'}://${host}:${port}`,
    close: async () => {
      await live.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
