/** UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, then random bits. Sortable by creation time. */
let lastMs = -1;
let lastRand = new Uint8Array(10);

export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  if (nowMs <= lastMs) {
    // Same (or earlier) millisecond: keep monotonic by incrementing the previous random tail.
    nowMs = lastMs;
    const r = lastRand;
    for (let i = r.length - 1; i >= 0; i--) {
      r[i] = (r[i]! + 1) & 0xff;
      if (r[i] !== 0) break;
    }
  } else {
    lastRand = crypto.getRandomValues(new Uint8Array(10));
  }
  lastMs = nowMs;
  let ms = nowMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes.set(lastRand, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
