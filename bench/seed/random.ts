/**
 * A small seeded PRNG (sfc32) and the distributions the generators need. Every stream is
 * derived from the --seed and a label, so a table's data does not shift when another
 * generator draws more or fewer numbers.
 */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label: string) {
    this.a = hash32(`a${seed}${label}`);
    this.b = hash32(`b${seed}${label}`);
    this.c = hash32(`c${seed}${label}`);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Exponentially distributed, with this mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Geometric on 1, 2, 3… with this mean (≥ 1). */
  geometric(mean: number): number {
    const p = 1 / mean;
    return 1 + Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** 32 random bits as 8 hex digits. */
  hex8(): string {
    return Math.floor(this.next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  }
}

/**
 * Sampling from fixed weights in O(1): a 65,536-slot table, each slot holding the index whose
 * cumulative weight covers it. The quantisation (1/65,536) is far below what matters here.
 */
export class Weighted {
  private readonly slots: Uint16Array;

  constructor(weights: readonly number[]) {
    if (weights.length > 65_535) throw new Error('too many weights');
    const total = weights.reduce((s, w) => s + w, 0);
    this.slots = new Uint16Array(65_536);
    let acc = 0;
    let idx = 0;
    for (let s = 0; s < 65_536; s++) {
      const at = ((s + 0.5) / 65_536) * total;
      while (idx < weights.length - 1 && acc + weights[idx] < at) acc += weights[idx++];
      this.slots[s] = idx;
    }
  }

  /** Zipf-like weights 1/(rank+1)^s: the first items of a list are the most frequent. */
  static zipf(n: number, s = 1): Weighted {
    return new Weighted(Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s)));
  }

  index(rng: Rng): number {
    return this.slots[Math.floor(rng.next() * 65_536)];
  }
}

/** Picks among labelled outcomes with these probabilities (they need not add up to 1). */
export function choose<T extends string>(rng: Rng, table: Record<T, number>): T {
  const entries = Object.entries(table) as [T, number][];
  let u = rng.next() * entries.reduce((s, [, p]) => s + p, 0);
  for (const [k, p] of entries) {
    if ((u -= p) < 0) return k;
  }
  return entries[entries.length - 1][0];
}
