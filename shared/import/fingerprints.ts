/**
 * A compact set of 64-bit string fingerprints (two independent 32-bit hashes): 8–16 bytes per
 * entry instead of a retained string. Used to notice a case id that comes back after its case
 * was emitted; a false positive needs a 64-bit collision (≈ n² / 2⁶⁵).
 */
export class FingerprintSet {
  private h1: Uint32Array;
  private h2: Uint32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.h1 = new Uint32Array(cap);
    this.h2 = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  add(s: string): void {
    hash(s);
    this.insert(hashA, hashB);
  }

  has(s: string): boolean {
    if (this.size === 0) return false;
    hash(s);
    const a = hashA;
    const b = hashB;
    for (let i = a & this.mask; ; i = (i + 1) & this.mask) {
      const x = this.h1[i]!;
      const y = this.h2[i]!;
      if (x === 0 && y === 0) return false;
      if (x === a && y === b) return true;
    }
  }

  private insert(a: number, b: number): void {
    if ((this.size + 1) * 2 > this.h1.length) this.grow();
    for (let i = a & this.mask; ; i = (i + 1) & this.mask) {
      const x = this.h1[i]!;
      const y = this.h2[i]!;
      if (x === a && y === b) return;
      if (x === 0 && y === 0) {
        this.h1[i] = a;
        this.h2[i] = b;
        this.size++;
        return;
      }
    }
  }

  private grow(): void {
    const old1 = this.h1;
    const old2 = this.h2;
    this.h1 = new Uint32Array(old1.length * 2);
    this.h2 = new Uint32Array(old1.length * 2);
    this.mask = this.h1.length - 1;
    this.size = 0;
    for (let i = 0; i < old1.length; i++) if (old1[i] !== 0 || old2[i] !== 0) this.insert(old1[i]!, old2[i]!);
  }
}

/** A 32-bit hash of a string (the first of the two fingerprint hashes). */
export function stringHash(s: string): number {
  hash(s);
  return hashA;
}

let hashA = 0;
let hashB = 0;

/**
 * A random seed per process (per Worker). The tables probe linearly on these hashes and the keys
 * come from the file being read: with a fixed, public hash a hostile log could carry case ids
 * chosen to share one bucket and make every lookup scan them all (reading turns quadratic). With
 * the seed unknown only ids whose whole 32-bit FNV-1a values are equal still share a bucket, and
 * enough of those to matter (tens of thousands) cost ~2⁴⁷ hashes to find. Results never depend on it.
 */
const [SEED_A = 0, SEED_B = 0] = globalThis.crypto.getRandomValues(new Uint32Array(2));

/** murmur3's 32-bit finaliser: every output bit depends on every input bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a (seeded, finalised) and a murmur-style multiply-xorshift over UTF-16 code units; (0,0)
 * is reserved as empty. */
function hash(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ SEED_B ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // the seed goes in after the loop, through murmur3's finaliser: FNV's low bits depend only on the
  // inputs' low bits, so a seeded offset basis alone still lets ids collide in a small table's bucket
  a = fmix32(a ^ SEED_A);
  b = (Math.imul(b ^ (b >>> 13), 0xc2b2ae35) ^ (b >>> 16)) >>> 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: untestable, both seeded hashes 0 is a 2⁻⁶⁴ event
  if (a === 0 && b === 0) b = 1;
  hashA = a;
  hashB = b;
}
