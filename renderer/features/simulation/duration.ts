/** Durations for the run summary: work time saved and elapsed (calendar) time, in words an analyst reads. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45 s", "12.5 min", "3.2 h", "4.1 days"; '–' for null or a non-finite value. */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const a = Math.abs(ms);
  if (a < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (a < HOUR) return `${(ms / MINUTE).toFixed(1)} min`;
  if (a < DAY) return `${(ms / HOUR).toFixed(1)} h`;
  return `${(ms / DAY).toFixed(1)} days`;
}

/** The reason shown when a log cannot measure time saved (DESIGN "Time"). */
export const NOT_MEASURABLE = 'this log has no start/complete times';
