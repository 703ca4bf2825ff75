/** Fast scanner for canonical ISO 8601 timestamps (no Date object, no allocation). */

/** Whether the last text {@link parseTimestamp} accepted carried `Z` or a UTC offset. */
export let lastHadOffset = false;

function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The fast path for the canonical ISO 8601 shapes, to ms since epoch:
 * `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]]` with `Z`, `±HH:MM`, `±HHMM` or `±HH`,
 * and the same with `/` as date separator ("2019/11/03 01:11:19.000"). A timestamp without an
 * offset is read as UTC wall-clock time and {@link lastHadOffset} is false, so the caller can
 * apply the time zone chosen at import. Returns undefined when the text is not such a timestamp
 * (other shapes go to the date library, see timestampReader.ts).
 *
 * Why a scanner beside luxon: luxon takes ~30 µs per value on this shape, the scanner well under
 * 1 µs, and XES logs hold only this shape (xs:dateTime). Hour 24 is refused, as luxon does.
 */
export function parseTimestamp(s: string): number | undefined {
  return parseTimestampAt(s, 0, s.length);
}

/**
 * {@link parseTimestamp} of `s.substring(from, to)`, read in place: a reader's buffer is one
 * flat string, and reading a value where it stands avoids cutting out a sliced string, whose
 * every character read goes through the string it slices.
 */
export function parseTimestampAt(s: string, from: number, to: number): number | undefined {
  lastHadOffset = false;
  if (to - from < 10) return undefined;
  const sep = s.charCodeAt(from + 4);
  if ((sep !== 45 && sep !== 47) || s.charCodeAt(from + 7) !== sep) return undefined;
  const year = digits(s, from, 4);
  const month = digits(s, from + 5, 2);
  const day = digits(s, from + 8, 2);
  // one number per (year, month, day) of 4, 2 and 2 digits; a part that is not digits (-1) gives a
  // number no checked date has (negative, or a month or day of 127)
  const date = (year * 128 + month) * 128 + day;
  let days: number;
  if (date === lastDate) {
    days = lastDays; // the date of the last timestamp read: checked and counted then
  } else {
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    days = daysFromCivil(year, month, day);
    lastDate = date;
    lastDays = days;
  }
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let offsetMin = 0;
  let i = from + 10;
  if (i < to) {
    const t = s.charCodeAt(i);
    if (t !== 84 && t !== 116 && t !== 32) return undefined; // T, t or space
    if (to < i + 6 || s.charCodeAt(i + 3) !== 58) return undefined;
    hour = digits(s, i + 1, 2);
    minute = digits(s, i + 4, 2);
    i += 6;
    if (i < to && s.charCodeAt(i) === 58) {
      second = digits(s, i + 1, 2);
      i += 3;
      if (i < to && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
        i++;
        const start = i;
        for (let d; i < to && (d = s.charCodeAt(i) - 48) >= 0 && d <= 9; i++) ms += d * fractionScale(i - start);
        if (i === start) return undefined;
        ms = Math.floor(ms);
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
    if (i < to) {
      const z = s.charCodeAt(i);
      if ((z === 90 || z === 122) && i === to - 1) {
        i++;
        lastHadOffset = true;
      } else if (z === 43 || z === 45) {
        const oh = digits(s, i + 1, 2);
        let om = 0;
        let end = i + 3;
        if (end < to && s.charCodeAt(end) === 58) {
          om = digits(s, end + 1, 2);
          end += 3;
        } else if (end + 2 <= to && end < to) {
          om = digits(s, end, 2);
          end += 2;
        }
        if (oh < 0 || om < 0 || oh > 23 || om > 59 || end !== to) return undefined;
        offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
        lastHadOffset = true;
        i = end;
      }
    }
  }
  if (i !== to) return undefined;
  return (days * 86_400 + hour * 3600 + minute * 60 + second - offsetMin * 60) * 1000 + ms;
}

/**
 * The value of the k-th fraction digit in ms: 100, 10, 1, 0.1, … each the one before divided
 * by 10, as the digits were once scaled one division at a time (the same doubles, so the same
 * sums), looked up instead of divided.
 */
const FRACTION_SCALES: number[] = [100];
function fractionScale(k: number): number {
  while (FRACTION_SCALES.length <= k) FRACTION_SCALES.push(FRACTION_SCALES[FRACTION_SCALES.length - 1]! / 10);
  return FRACTION_SCALES[k]!;
}

/** The date of the last timestamp read (see parseTimestampAt's `date`) and its days since 1970. */
let lastDate = -1;
let lastDays = 0;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; no Date object). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
