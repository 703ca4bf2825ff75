/**
 * The one seeded PRNG of the repository (generated histories, random graphs in the XState
 * equivalence test, synthetic case logs): mulberry32, small and fast, deterministic per seed, so
 * a failing seed reproduces and a generated file is the same on every machine. Not for secrets.
 */
export type Random = () => number;

/** mulberry32: a float in [0, 1) per call; the sequence depends only on the seed's low 32 bits. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The helpers random generators keep re-writing, over one seeded stream. */
export function seededPicker(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    /** An integer in [0, n). */
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
