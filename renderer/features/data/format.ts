/** Number and date formatting for the data and simulation panels. */

const int = new Intl.NumberFormat('en-US');

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : int.format(Math.round(n));
}

/** A 0..1 fraction as a percentage; '–' for null (an empty denominator, never 0%). */
export function fmtPct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
}

export function fmtDate(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '–' : new Date(ms).toISOString().slice(0, 10);
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Signed difference of two fractions in percentage points. */
export function fmtDeltaPts(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined) return '–';
  const d = (b - a) * 100;
  return `${d > 0 ? '+' : ''}${d.toFixed(1)} pts`;
}
