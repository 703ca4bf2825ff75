/**
 * Reads the timestamps of one import, whatever shape the export tool wrote them in. Canonical
 * ISO 8601 goes through the fast scanner (isoScan.ts); every other shape through luxon (a
 * maintained date library: strict format parsing, IANA time zones through Intl):
 * single-digit hours, day-first and month-first dates, `20111105 010501`, 12-hour clocks,
 * fractional seconds, offsets, and epoch seconds (9–10 digits) or milliseconds (12–13 digits).
 *
 * The shape is found from the data: the first value that is not ISO picks a format, later values
 * try it first. Day/month order is decided by the first date whose day is over 12 (or by the
 * `dateOrder` option); ambiguous dates read before that use the preferred order, and a later
 * date proving the other order is an error, never a silent misreading. Without an offset a time
 * is wall-clock time in `timeZone` (default UTC); {@link notes} says what was assumed.
 */
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { ImportError } from '../types';
import { CANDIDATES, type DateOrder } from './formats';
import { lastHadOffset, parseTimestamp, parseTimestampAt } from './isoScan';

export type { DateOrder } from './formats';

export interface TimestampOptions {
  /** Day/month order of dates such as `05/11/2011`; detected from the data when absent (day-first if never decided). */
  dateOrder?: DateOrder;
  /** IANA time zone (e.g. `Europe/Amsterdam`) for times written without an offset. Default `UTC`. */
  timeZone?: string;
}

/** The range of a JavaScript Date: ±100,000,000 days around 1970. */
const MAX_MS = 8.64e15;
type Parser = ReturnType<typeof DateTime.buildFormatParser>;

/** How many values {@link TimestampReader.prime} looks at, at most (blank ones count). */
export const PRIME_SAMPLE = 2_000;

export class TimestampReader {
  /** Why the last {@link read} returned undefined, as a phrase (e.g. "24 is not a valid hour"). */
  problem = '';
  private readonly zone: Zone;
  private readonly zoneName: string;
  private readonly parsers: Array<Parser | undefined> = [];
  private current = -1;
  private order: DateOrder | undefined;
  private readonly orderGiven: boolean;
  private ambiguous: string | undefined;
  private ambiguousCount = 0;
  private decidedBy: string | undefined;
  private wallClock = 0;
  private epochSeconds = 0;
  /** Shapes (digits collapsed) that no candidate format can parse: garbage fails fast. */
  private readonly hopeless = new Set<string>();
  private readonly offsetCache = new Map<number, number>();

  constructor(options: TimestampOptions = {}) {
    const name = options.timeZone ?? 'UTC';
    if (name === 'UTC' || name === 'utc' || name === 'Z') this.zone = FixedOffsetZone.utcInstance;
    else if (IANAZone.isValidZone(name)) this.zone = IANAZone.create(name);
    else
      throw new ImportError(
        `time zone "${name.slice(0, 60)}" is not an IANA time zone name (e.g. UTC, Europe/Amsterdam, America/New_York)`,
      );
    this.zoneName = this.zone === FixedOffsetZone.utcInstance ? 'UTC' : name;
    this.order = options.dateOrder;
    this.orderGiven = options.dateOrder !== undefined;
  }

  /** ms since epoch, or undefined with {@link problem} set. `text` is trimmed. */
  read(raw: string): number | undefined {
    const text = raw.trim();
    const iso = parseTimestamp(text);
    if (iso !== undefined) return this.inZone(iso);
    const epoch = this.epoch(text);
    if (epoch !== undefined) return epoch;
    return this.viaLibrary(text);
  }

  /**
   * {@link read} of `text.substring(from, to)`, reading a canonical ISO timestamp where it stands
   * (isoScan.ts) and cutting out the text only for anything else.
   */
  readAt(text: string, from: number, to: number): number | undefined {
    const iso = parseTimestampAt(text, from, to);
    return iso === undefined ? this.read(text.substring(from, to)) : this.inZone(iso);
  }

  /** An ISO timestamp just scanned: as it is when it named its offset, else a wall clock in the zone. */
  private inZone(iso: number): number | undefined {
    if (lastHadOffset) return iso;
    this.wallClock++;
    return this.zone === FixedOffsetZone.utcInstance ? iso : this.fromWallClock(iso);
  }

  /** A JSON number: ms since epoch, finite and within a Date's range. */
  readNumber(n: number): number | undefined {
    if (Number.isFinite(n) && Math.abs(n) <= MAX_MS) return n;
    this.problem = `${Number.isFinite(n) ? 'is' : 'overflows to'} a number beyond the range of dates (ms since 1970 must be within ±8.64e15)`;
    return undefined;
  }

  /**
   * Decides the day/month order from a sample (e.g. the first rows of a CSV chunk) before any
   * value is read: the first date only one order can read settles it, so `11/5/2011` followed
   * by `11/13/2011` reads month-first from the start. No-op when the order was given.
   */
  prime(sample: Iterable<string>): void {
    if (this.order !== undefined) return;
    let seen = 0;
    for (const raw of sample) {
      if (++seen > PRIME_SAMPLE) return;
      const text = raw.trim();
      if (text === '' || parseTimestamp(text) !== undefined) continue;
      for (let i = 0; i < CANDIDATES.length; i++) {
        const c = CANDIDATES[i]!;
        if (c.order === null || this.tryFormat(i, text, this.zone) === undefined) continue;
        if (c.twin !== undefined && this.tryFormat(c.twin, text, this.zone) !== undefined) break; // ambiguous: next value
        this.order = c.order;
        this.decidedBy = text;
        return;
      }
    }
  }

  /** What the summary should say about how timestamps were read. */
  notes(): string[] {
    const out: string[] = [];
    if (this.wallClock)
      out.push(
        `${this.wallClock.toLocaleString('en-US')} timestamp(s) carry no UTC offset and were read in ${this.zoneName}${this.zoneName === 'UTC' ? ' (choose another time zone at import if they are local times)' : ''}`,
      );
    if (this.epochSeconds) out.push(`${this.epochSeconds.toLocaleString('en-US')} timestamp(s) were epoch seconds`);
    if (this.ambiguousCount && this.order !== undefined) {
      const order = this.order === 'dmy' ? 'day-first' : 'month-first';
      out.push(
        this.orderGiven || this.decidedBy
          ? `dates read ${order} (${this.orderGiven ? 'as chosen' : `decided by "${this.decidedBy}"`})`
          : `dates such as "${this.ambiguous}" could be day-first or month-first; they were read ${order}: choose the date order at import if that is wrong`,
      );
    }
    return out;
  }

  private epoch(text: string): number | undefined {
    const n = text.length;
    let i = 0;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const intDigits = i;
    if (intDigits === 0) return undefined;
    if (i === n && (intDigits === 12 || intDigits === 13)) return Number(text);
    if (intDigits !== 9 && intDigits !== 10) return undefined;
    if (i < n) {
      if (text.charCodeAt(i) !== 46 || i === n - 1) return undefined;
      for (i++; i < n; i++) if (text.charCodeAt(i) < 48 || text.charCodeAt(i) > 57) return undefined;
    }
    this.epochSeconds++;
    return Math.round(Number(text) * 1000);
  }

  private viaLibrary(raw: string): number | undefined {
    let text = raw;
    let zone = this.zone;
    const last = text.charCodeAt(text.length - 1);
    const zulu = last === 90 || last === 122;
    if (zulu) {
      text = text.slice(0, -1); // a trailing Z: UTC, whatever zone was chosen
      zone = FixedOffsetZone.utcInstance;
    }
    // counted(… || zulu): a trailing Z is an offset, so that time is not wall-clock time in the zone (notes)
    if (this.current >= 0) {
      const t = this.tryFormat(this.current, text, zone);
      if (t !== undefined && this.settleOrder(this.current, text, zone))
        return this.counted(CANDIDATES[this.current]!.hasOffset || zulu, t);
    }
    const shape = raw.replace(/\d+/g, '0');
    if (this.hopeless.has(shape)) {
      this.problem = 'is not a date/time';
      return undefined;
    }
    let valueProblem: string | undefined;
    for (let i = 0; i < CANDIDATES.length; i++) {
      const c = CANDIDATES[i]!;
      if (this.orderGiven && c.order !== null && c.order !== this.order) continue;
      const d = DateTime.fromFormatParser(text, this.parser(i), { zone });
      if (!d.isValid) {
        if (d.invalidReason !== 'unparsable' && valueProblem === undefined)
          valueProblem = wordProblem(d.invalidExplanation);
        continue;
      }
      const t = d.toMillis();
      if (c.order === null) {
        this.current = i;
        return this.counted(c.hasOffset || zulu, t);
      }
      // a dated shape with an order: first try the preferred order's twin when it is not this one
      const preferred = this.order ?? 'dmy';
      if (c.order !== preferred && c.twin !== undefined) {
        const twin = this.tryFormat(c.twin, text, zone);
        if (twin !== undefined) {
          this.current = c.twin;
          this.noteAmbiguous(text);
          return this.counted(c.hasOffset || zulu, twin);
        }
      }
      if (!this.settleOrderFor(i, text, zone)) return undefined;
      this.current = i;
      return this.counted(c.hasOffset || zulu, t);
    }
    if (valueProblem === undefined) this.hopeless.add(shape);
    this.problem = valueProblem === undefined ? 'is not a date/time' : `is not a date/time (${valueProblem})`;
    return undefined;
  }

  /** Checks the day/month order of a value just parsed with candidate `i`; false (with a problem) on a contradiction. */
  private settleOrder(i: number, text: string, zone: Zone): boolean {
    const c = CANDIDATES[i]!;
    if (c.order === null) return true;
    return this.settleOrderFor(i, text, zone);
  }

  private settleOrderFor(i: number, text: string, zone: Zone): boolean {
    const c = CANDIDATES[i]!;
    const twinParses = c.twin !== undefined && this.tryFormat(c.twin, text, zone) !== undefined;
    if (twinParses) {
      this.noteAmbiguous(text);
      return true;
    }
    // only this order reads the value: it decides, unless earlier dates were read the other way
    if (this.order === undefined || this.order === c.order) {
      if (this.order === undefined || (!this.orderGiven && this.decidedBy === undefined)) this.decidedBy ??= text;
      this.order = c.order!;
      return true;
    }
    // (a chosen order never gets here: the other order's formats are not tried)
    // the order was settled by ambiguous dates read the preferred way, or by a date only it could read
    const read = this.order === 'dmy' ? 'day-first' : 'month-first';
    const earlier =
      this.ambiguous !== undefined
        ? `${this.ambiguousCount} earlier date(s) such as "${this.ambiguous}" were read ${read}`
        : `earlier dates were read ${read} (decided by "${this.decidedBy}")`;
    this.problem = `can only be ${c.order === 'dmy' ? 'day-first' : 'month-first'}, but ${earlier}; choose the date order at import (--date-order ${c.order})`;
    return false;
  }

  private noteAmbiguous(text: string): void {
    this.ambiguousCount++;
    this.ambiguous ??= text;
    this.order ??= 'dmy';
  }

  private tryFormat(i: number, text: string, zone: Zone): number | undefined {
    const d = DateTime.fromFormatParser(text, this.parser(i), { zone });
    return d.isValid ? d.toMillis() : undefined;
  }

  private counted(hasOffset: boolean, t: number): number {
    if (!hasOffset) this.wallClock++;
    return t;
  }

  private parser(i: number): Parser {
    return (this.parsers[i] ??= DateTime.buildFormatParser(CANDIDATES[i]!.format, { locale: 'en-US' }));
  }

  /**
   * A wall-clock time (read as if UTC) in the chosen zone → ms since epoch. The zone's offset is
   * looked up at the guess and once more (DST edges), cached per wall-clock minute.
   */
  private fromWallClock(wall: number): number {
    const minute = Math.floor(wall / 60_000);
    let offset = this.offsetCache.get(minute);
    if (offset === undefined) {
      const first = this.zone.offset(wall);
      offset = this.zone.offset(wall - first * 60_000);
      // Stryker disable next-line all: clearing only bounds the cache's memory; every offset is looked up again the same way
      if (this.offsetCache.size > 100_000) this.offsetCache.clear();
      this.offsetCache.set(minute, offset);
    }
    return wall - offset * 60_000;
  }
}

/** luxon's "you specified 24 (of type number) as a hour, which is invalid" → "24 is not a valid hour". */
function wordProblem(explanation: string | null): string {
  const m = /you specified (\S+) \(of type \w+\) as an? (\w+), which is invalid/.exec(explanation ?? '');
  return m ? `${m[1]} is not a valid ${m[2]}` : 'out of range';
}
