/**
 * Encrypted hub backups: a passphrase the clinic keeps (README "Data at rest"), stretched with
 * scrypt into an AES-256-GCM key, and the backup cut into 1 MiB chunks, each sealed on its own so
 * both directions stream and a reader never passes on a byte it has not authenticated.
 *
 *   header  "CDBKUP01" · log2 N · r · p · salt (16) · nonce prefix (8)          = 35 bytes
 *   chunk   length (4, big-endian) · ciphertext (length) · GCM tag (16)
 *
 * Chunk i's nonce is the prefix and i (4 bytes); its additional data is the header and one byte,
 * 1 on the last chunk: chunks cannot be reordered, dropped or cut off at a chunk boundary unseen.
 * A wrong passphrase fails on the first chunk (BACKUP_KEY_WRONG) before anything is passed on.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '../domain/errors';

const MAGIC = Buffer.from('CDBKUP01', 'latin1');
const HEADER_BYTES = MAGIC.length + 3 + 16 + 8;
const CHUNK = 1 << 20;
const TAG = 16;
/** scrypt cost: N = 2^15, r = 8 (~32 MiB, ~0.1 s): once per backup, once per restore. */
const LOG_N = 15;
const R = 8;
const P = 1;
export const MIN_PASSPHRASE = 12;

function scrypt(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const opts: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r + 2 ** 20 };
  return new Promise((res, rej) => scryptCb(passphrase.normalize('NFC'), salt, 32, opts, (err, key) => (err ? rej(err) : res(key))));
}

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE) {
    throw new DomainError('WEAK_PASSWORD', `a backup passphrase has at least ${MIN_PASSPHRASE} characters`, { reason: 'too_short' });
  }
}

function nonce(prefix: Buffer, i: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(i, 8);
  return n;
}

function aad(header: Buffer, last: boolean): Buffer {
  return Buffer.concat([header, Buffer.from([last ? 1 : 0])]);
}

/** A stream that encrypts what passes through it with `passphrase`. */
export async function encryptingStream(passphrase: string): Promise<Transform> {
  checkPassphrase(passphrase);
  const salt = randomBytes(16);
  const prefix = randomBytes(8);
  const header = Buffer.concat([MAGIC, Buffer.from([LOG_N, R, P]), salt, prefix]);
  const key = await scrypt(passphrase, salt, LOG_N, R, P);
  let pending = Buffer.alloc(0);
  let index = 0;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    if (index >= 2 ** 32 - 1) throw new Error('backup too large for one file');
    const c = createCipheriv('aes-256-gcm', key, nonce(prefix, index++));
    c.setAAD(aad(header, last));
    const body = Buffer.concat([c.update(plain), c.final()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(plain.length);
    return Buffer.concat([len, body, c.getAuthTag()]);
  };
  let started = false;
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      if (!started) {
        this.push(header);
        started = true;
      }
      pending = Buffer.concat([pending, data]);
      // Whole chunks now; the rest (0 to CHUNK - 1 bytes) at the end, as the one chunk marked last
      // (so a chunk shorter than CHUNK is the last one, and only it).
      while (pending.length >= CHUNK) {
        this.push(seal(pending.subarray(0, CHUNK), false));
        pending = pending.subarray(CHUNK);
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!started) this.push(header);
      this.push(seal(pending, true));
      done();
    },
  });
}

/**
 * A stream that decrypts a backup with `passphrase`: BACKUP_KEY_WRONG when the first chunk does
 * not open (wrong passphrase), FILE_MALFORMED when the file is not a backup, damaged later on, or cut off.
 */
export function decryptingStream(passphrase: string): Transform {
  let buf = Buffer.alloc(0);
  let header: Buffer | null = null;
  let key: Buffer | null = null;
  let prefix: Buffer | null = null;
  let index = 0;
  let ended = false;
  const malformed = (why: string) => new DomainError('FILE_MALFORMED', `not a whole hub backup: ${why}; nothing was restored`, { reason: why });
  const open = (last: boolean, body: Buffer, tag: Buffer): Buffer => {
    const d = createDecipheriv('aes-256-gcm', key!, nonce(prefix!, index));
    d.setAAD(aad(header!, last));
    d.setAuthTag(tag);
    try {
      return Buffer.concat([d.update(body), d.final()]);
    } catch {
      if (index === 0) throw new DomainError('BACKUP_KEY_WRONG', 'the backup passphrase is wrong (or the backup is damaged); nothing was restored');
      throw malformed(`chunk ${index} is damaged`);
    }
  };
  return new Transform({
    async transform(data: Buffer, _enc, done: TransformCallback) {
      try {
        buf = Buffer.concat([buf, data]);
        if (!header) {
          if (buf.length < HEADER_BYTES) return done();
          header = buf.subarray(0, HEADER_BYTES);
          if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw malformed('no backup header');
          const [logN, r, p] = [header[8]!, header[9]!, header[10]!];
          if (logN < 10 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) throw malformed('unknown key parameters');
          key = await scrypt(passphrase, header.subarray(11, 27), logN, r, p);
          prefix = header.subarray(27, 35);
          buf = buf.subarray(HEADER_BYTES);
        }
        for (;;) {
          if (buf.length < 4) break;
          const len = buf.readUInt32BE(0);
          if (len > CHUNK) throw malformed('chunk too long');
          const whole = 4 + len + TAG;
          if (buf.length < whole) break;
          if (ended) throw malformed('data after the last chunk');
          const body = buf.subarray(4, 4 + len);
          const tag = buf.subarray(4 + len, whole);
          // Only the last chunk is shorter than CHUNK, and its additional data says it is last.
          const plain = open(len < CHUNK, body, tag);
          if (len < CHUNK) ended = true;
          index += 1;
          buf = buf.subarray(whole);
          this.push(plain);
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      if (!header) return done(malformed('too short'));
      if (!ended || buf.length > 0) return done(malformed('cut off'));
      done();
    },
  });
}
