/**
 * The demo's only source of chance: a small seeded PRNG (sfc32, seeded through splitmix32), so
 * one seed always gives the same clinic. Each area of the generator takes its own stream
 * (`rng.fork('patients')`), so changing how one area draws does not reshuffle the others.
 */

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a label, to derive a stream's seed from its name. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    const sm = splitmix32(seed);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** An independent stream for one area of the generator. */
  fork(label: string): Rng {
    return new Rng((this.seed ^ hashLabel(label)) >>> 0);
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi], both included. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** Roughly normal (sum of three uniforms), clamped to [lo, hi]. */
  around(mean: number, spread: number, lo = -Infinity, hi = Infinity): number {
    const x = mean + (this.next() + this.next() + this.next() - 1.5) * spread;
    return Math.min(hi, Math.max(lo, x));
  }

  /** A UUIDv7-shaped id: `ms` as its time prefix, the rest from this stream. */
  uuid(ms: number): string {
    let t = Math.max(0, Math.floor(ms));
    const b = new Array<string>(16);
    for (let i = 5; i >= 0; i--) {
      b[i] = HEX[t % 256]!;
      t = Math.floor(t / 256);
    }
    const r1 = this.u32();
    const r2 = this.u32();
    const r3 = this.u32();
    b[6] = HEX[0x70 | ((r1 >>> 24) & 0x0f)]!;
    b[7] = HEX[(r1 >>> 16) & 0xff]!;
    b[8] = HEX[0x80 | ((r1 >>> 8) & 0x3f)]!;
    b[9] = HEX[r1 & 0xff]!;
    b[10] = HEX[r2 >>> 24]!;
    b[11] = HEX[(r2 >>> 16) & 0xff]!;
    b[12] = HEX[(r2 >>> 8) & 0xff]!;
    b[13] = HEX[r2 & 0xff]!;
    b[14] = HEX[r3 >>> 24]!;
    b[15] = HEX[(r3 >>> 16) & 0xff]!;
    return `${b[0]}${b[1]}${b[2]}${b[3]}-${b[4]}${b[5]}-${b[6]}${b[7]}-${b[8]}${b[9]}-${b[10]}${b[11]}${b[12]}${b[13]}${b[14]}${b[15]}`;
  }

  /** `n` random bytes (deterministic password salts). */
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }
}

/** Picks by weight; build once, draw many times. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, w] of items) {
      if (!(w >= 0)) throw new Error('weights must be ≥ 0');
      sum += w;
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('weights must not all be 0');
    this.total = sum;
  }

  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]![0];
  }
}
