/**
 * A stand-in for Aliyun's SMS endpoint (dysmsapi, SendSms) on loopback, for tests: it recomputes
 * each request's RPC signature the way Aliyun documents it (written out here apart from the
 * adapter's code: its own RFC 3986 encoder over UTF-8 bytes) with the test's AccessKeySecret, and
 * answers as the API does: InvalidAccessKeyId.NotFound (404), SignatureDoesNotMatch (400),
 * SignatureNonceUsed, isv.MOBILE_NUMBER_ILLEGAL for a number it does not take (or one listed in
 * `refuseNumbers`), else OK with a BizId. `down` makes it answer 503.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAliyunSms { phone: string; templateCode: string; params: Record<string, string>; outId: string; signName: string }

export interface FakeAliyunSms {
  url: string;
  accepted: ReceivedAliyunSms[];
  /** Requests refused, by error code. */
  refused: string[];
  refuseNumbers: Set<string>;
  down: boolean;
  close(): Promise<void>;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Percent-encoding of RFC 3986, byte by byte (what Aliyun's signing documentation asks for). */
function rfc3986(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeAliyunSms(keys: { accessKeyId: string; accessKeySecret: string }): Promise<FakeAliyunSms> {
  const fake: FakeAliyunSms = { url: '', accepted: [], refused: [], refuseNumbers: new Set(), down: false, close: async () => undefined };
  const nonces = new Set<string>();
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, code: string, message: string) => {
    fake.refused.push(code);
    answer(res, status, { RequestId: 'r', HostId: 'dysmsapi.aliyuncs.com', Code: code, Message: message });
  };
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      if (fake.down) {
        res.writeHead(503).end();
        return;
      }
      const params = new Map<string, string>();
      for (const [k, v] of new URLSearchParams(raw)) params.set(k, v);
      const p = (k: string) => params.get(k) ?? '';
      if (p('Action') !== 'SendSms' || p('Version') !== '2017-05-25') return refuse(res, 400, 'InvalidAction.NotFound', 'Specified api is not found');
      if (p('AccessKeyId') !== keys.accessKeyId) return refuse(res, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
      if (p('SignatureMethod') !== 'HMAC-SHA1' || p('SignatureVersion') !== '1.0' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(p('Timestamp'))) {
        return refuse(res, 400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
      }
      const canonical = [...params.keys()].filter((k) => k !== 'Signature').sort().map((k) => `${rfc3986(k)}=${rfc3986(p(k))}`).join('&');
      const stringToSign = `${req.method ?? ''}&${rfc3986('/')}&${rfc3986(canonical)}`;
      const expected = createHmac('sha1', `${keys.accessKeySecret}&`).update(stringToSign).digest('base64');
      if (expected !== p('Signature')) return refuse(res, 400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);
      if (nonces.has(p('SignatureNonce'))) return refuse(res, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
      nonces.add(p('SignatureNonce'));
      const phone = p('PhoneNumbers');
      if (!/^(1\d{10}|00\d{6,15})$/.test(phone) || fake.refuseNumbers.has(phone)) {
        return refuse(res, 200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
      }
      fake.accepted.push({ phone, templateCode: p('TemplateCode'), params: JSON.parse(p('TemplateParam')) as Record<string, string>, outId: p('OutId'), signName: p('SignName') });
      answer(res, 200, { Message: 'OK', RequestId: 'r', BizId: `biz-${fake.accepted.length}`, Code: 'OK' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
