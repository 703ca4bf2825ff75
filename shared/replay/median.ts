/**
 * The median of a column of numbers without sorting it: quickselect (three-way partition, so
 * runs of equal values cost nothing) finds the middle value(s) in linear time. The result is
 * exactly what sorting a copy with Float64Array#sort and taking the middle gives, -0 included
 * (that sort puts -0 before 0; the partition cannot tell them apart, so the sign of a zero is
 * settled by counting). Values must not be NaN (elapsed times never are).
 */

/** Partition rounds before giving up on selection and sorting instead (a bad pivot sequence). */
const MAX_ROUNDS = 64;

/** Median of the values (reorders a copy); null when there are none. */
export function median(values: Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  const a = Float64Array.from(values);
  const hi = n >> 1;
  if (n % 2 === 1) return signedAt(values, hi, select(a, hi));
  const upper = select(a, hi);
  // select leaves every value at or before `hi` no greater than a[hi]: the lower middle is the
  // largest of those before it
  let lower = -Infinity;
  for (let i = 0; i < hi; i++) if (a[i]! > lower) lower = a[i]!;
  return (signedAt(values, hi - 1, lower) + signedAt(values, hi, upper)) / 2;
}

/** The k-th smallest value of `a` (0-based), reordering `a` around it. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  for (let round = 0; lo < hi; round++) {
    if (round === MAX_ROUNDS) {
      a.subarray(lo, hi + 1).sort();
      return a[k]!;
    }
    const pivot = medianOf3(a[lo]!, a[(lo + hi) >> 1]!, a[hi]!);
    // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) {
        a[i] = a[lt]!;
        a[lt++] = v;
        i++;
      } else if (v > pivot) {
        a[i] = a[gt]!;
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k]!;
}

function medianOf3(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}

/** `v`, the k-th smallest of `values`, with the sign it has at position k in sorted order. */
function signedAt(values: Float64Array, k: number, v: number): number {
  if (v !== 0) return v;
  let negatives = 0;
  let minusZeros = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x < 0) negatives++;
    else if (x === 0 && Object.is(x, -0)) minusZeros++;
  }
  return k >= negatives && k < negatives + minusZeros ? -0 : 0;
}
