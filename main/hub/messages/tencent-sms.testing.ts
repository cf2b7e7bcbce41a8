/**
 * A stand-in for Tencent Cloud's SMS endpoint on loopback, for tests: it checks each request's
 * TC3-HMAC-SHA256 signature the way Tencent documents it (written out here step by step, apart
 * from the adapter's code) with the test's secret key, and answers as the API does:
 * AuthFailure.SecretIdNotFound or AuthFailure.SignatureFailure when refused, else one send
 * status per number. `down` makes it answer 503 (the internet or the provider is away).
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms { phone: string; templateId: string; params: string[]; sessionContext: string }

export interface FakeTencentSms {
  url: string;
  /** Every message it accepted (signature right). */
  accepted: ReceivedSms[];
  /** Requests it refused, by error code. */
  refused: string[];
  down: boolean;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The signature Tencent computes for this request (per its TC3-HMAC-SHA256 documentation). */
function expectedSignature(secretKey: string, req: IncomingMessage, body: string, date: string, timestamp: string, signedHeaders: string[]): string {
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? '').trim().toLowerCase()}\n`).join('');
  const hashedBody = createHash('sha256').update(body).digest('hex');
  const canonicalRequest = `${req.method ?? ''}\n${req.url?.split('?')[0] ?? '/'}\n${req.url?.split('?')[1] ?? ''}\n${canonicalHeaders}\n${signedHeaders.join(';')}\n${hashedBody}`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const kDate = createHmac('sha256', 'TC3' + secretKey).update(date).digest();
  const kService = createHmac('sha256', kDate).update('sms').digest();
  const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex');
}

export async function startFakeTencentSms(keys: { secretId: string; secretKey: string }): Promise<FakeTencentSms> {
  const fake: FakeTencentSms = { url: '', accepted: [], refused: [], down: false, close: async () => undefined };
  const answer = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, code: string) => {
    fake.refused.push(code);
    answer(res, { Response: { Error: { Code: code, Message: `refused: ${code}` }, RequestId: 'r' } });
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (fake.down) {
        res.writeHead(503).end();
        return;
      }
      const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/
        .exec(String(req.headers['authorization'] ?? ''));
      if (!m) return refuse(res, 'AuthFailure.InvalidAuthorization');
      const [, secretId, date, signed, signature] = m as unknown as [string, string, string, string, string];
      if (secretId !== keys.secretId) return refuse(res, 'AuthFailure.SecretIdNotFound');
      const timestamp = String(req.headers['x-tc-timestamp'] ?? '');
      const signedHeaders = signed.split(';');
      if (!signedHeaders.includes('host') || !signedHeaders.includes('content-type')) return refuse(res, 'AuthFailure.InvalidAuthorization');
      if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) return refuse(res, 'AuthFailure.SignatureFailure');
      if (expectedSignature(keys.secretKey, req, body, date, timestamp, signedHeaders) !== signature) return refuse(res, 'AuthFailure.SignatureFailure');
      if (req.headers['x-tc-action'] !== 'SendSms') return refuse(res, 'InvalidAction');
      const p = JSON.parse(body) as { PhoneNumberSet: string[]; TemplateId: string; TemplateParamSet: string[]; SessionContext: string };
      const phone = p.PhoneNumberSet[0] ?? '';
      fake.accepted.push({ phone, templateId: p.TemplateId, params: p.TemplateParamSet, sessionContext: p.SessionContext });
      answer(res, { Response: { SendStatusSet: [{ SerialNo: `serial-${fake.accepted.length}`, PhoneNumber: phone, Fee: 1, SessionContext: p.SessionContext, Code: 'Ok', Message: 'send success', IsoCode: 'CN' }], RequestId: 'r' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
