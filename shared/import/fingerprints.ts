/**
 * A compact set of 64-bit string fingerprints (two independent 32-bit hashes): 8–16 bytes per
 * entry instead of a retained string. Used to notice a case id that comes back after its case
 * was emitted; a false positive needs a 64-bit collision (≈ n² / 2⁶⁵).
 */
export class FingerprintSet {
  /** Slot i is (slots[2i], slots[2i+1]): both halves of a fingerprint in one cache line, so a
   * probe of a large set costs one cache miss, not one per array (the 1M-event CSV's ~230k
   * emitted ids make a 4 MB table: its random probes were most of the assembler's time). */
  private slots: Uint32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.slots = new Uint32Array(cap * 2);
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
    const slots = this.slots;
    for (let i = a & this.mask; ; i = (i + 1) & this.mask) {
      const x = slots[2 * i]!;
      const y = slots[2 * i + 1]!;
      if (x === 0 && y === 0) return false;
      if (x === a && y === b) return true;
    }
  }

  /**
   * Adds the fingerprint ({@link hashA}, {@link hashB}) that {@link hashPair} gave; false when it
   * was already there. One probe for what `has` then `add` did in two (and two hashes).
   */
  insertPair(a: number, b: number): boolean {
    return this.insert(a, b);
  }

  private insert(a: number, b: number): boolean {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    for (let i = a & this.mask; ; i = (i + 1) & this.mask) {
      const x = slots[2 * i]!;
      const y = slots[2 * i + 1]!;
      if (x === a && y === b) return false;
      if (x === 0 && y === 0) {
        slots[2 * i] = a;
        slots[2 * i + 1] = b;
        this.size++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.insert(old[i]!, old[i + 1]!);
  }
}

/** A 32-bit hash of a string (the first of the two fingerprint hashes). */
export function stringHash(s: string): number {
  hash(s);
  return hashA;
}

/** The two halves of the last {@link hashPair}'s fingerprint (live bindings, no allocation). */
export let hashA = 0;
export let hashB = 0;

/**
 * Hashes `s` once into {@link hashA} (the {@link stringHash} value) and {@link hashB}: the
 * assembler hashes a new case id once for its index and the fingerprint set instead of five times.
 */
export function hashPair(s: string): void {
  hash(s);
}

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
