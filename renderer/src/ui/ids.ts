/** A fresh idempotency key (crypto.randomUUID is missing outside secure contexts, e.g. a LAN address). */
export function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
