/**
 * 95% Wilson score interval for a proportion: well behaved for small n and for rates near 0 or 1,
 * where the normal approximation gives nonsense (negative bounds, zero width at 0/n).
 */

export interface RateInterval {
  /** successes / n */
  rate: number;
  low: number;
  high: number;
  /** successes */
  k: number;
  n: number;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** Wilson interval of k successes in n trials; null when n is 0 (no evidence either way). */
export function wilson(k: number, n: number, z: number = Z95): RateInterval | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Clamp rounding noise so k = 0 gives exactly 0 and k = n exactly 1.
  return {
    rate: p,
    low: k === 0 ? 0 : Math.max(0, centre - half),
    high: k === n ? 1 : Math.min(1, centre + half),
    k,
    n,
  };
}

/** k / n, or null when n is 0. */
export function ratio(k: number, n: number): number | null {
  return n > 0 ? k / n : null;
}
