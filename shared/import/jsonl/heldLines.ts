/**
 * JSONL's share of the day/month order decision (TimestampReader.prime), as readCsv does it: the
 * first PRIME_SAMPLE lines are held back until that many have arrived (or the input ends), their
 * timestamp texts prime the reader, then they are handled in order. So the sample never depends
 * on where the chunks were cut, and 11/05/2011 then 11/13/2011 reads month-first in JSONL as in
 * CSV (it was read day-first, then refused).
 */
import { PRIME_SAMPLE, type TimestampReader } from '../time/timestampReader';

/** The event keys that may hold a timestamp, in priority order (as the reader picks them). */
interface TimeKeys {
  timestamp: string[];
  startTimestamp: string[];
}

export class HeldLines {
  private held: string[] | undefined = [];

  constructor(
    private readonly time: TimestampReader,
    private readonly keys: TimeKeys,
    private readonly handle: (text: string) => void,
  ) {}

  add(text: string): void {
    if (this.held === undefined) return this.handle(text);
    this.held.push(text);
    if (this.held.length >= PRIME_SAMPLE) this.release();
  }

  /** Primes the reader and handles the held lines; afterwards lines are handled as they come. */
  release(): void {
    const lines = this.held;
    if (lines === undefined) return;
    this.held = undefined;
    this.time.prime(timestampTexts(lines, this.keys));
    for (let i = 0; i < lines.length; i++) this.handle(lines[i]!);
  }
}

type Json = Record<string, unknown>;

/**
 * One text per event of `lines` (a whole-case line gives one per event, any other line one; ''
 * where there is no text), like CSV's timestamp column: the timestamps, or the start times when
 * no event has a timestamp. Lines that are not JSON are the reader's to report, not this sample's.
 */
function timestampTexts(lines: readonly string[], keys: TimeKeys): string[] {
  const stamps: string[] = [];
  const starts: string[] = [];
  let anyStamp = false;
  for (const text of lines) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    // whole-case lines' events have fixed keys (caseLine reads `timestamp` and `start`)
    const events = isObject(value) && Array.isArray(value.events) ? value.events : undefined;
    for (const e of events ?? [value]) {
      const ts = events ? own(e, ['timestamp']) : own(e, keys.timestamp);
      const st = events ? own(e, ['start']) : own(e, keys.startTimestamp);
      if (ts !== undefined && ts !== null && ts !== '') anyStamp = true;
      stamps.push(typeof ts === 'string' ? ts : '');
      starts.push(typeof st === 'string' ? st : '');
    }
  }
  return anyStamp ? stamps : starts;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value of the first of `names` that `v` holds as its own key. */
function own(v: unknown, names: readonly string[]): unknown {
  if (!isObject(v)) return undefined;
  for (const n of names) if (Object.hasOwn(v, n)) return v[n];
  return undefined;
}
