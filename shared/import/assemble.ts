/**
 * Groups row-shaped input (CSV rows, JSONL events) into cases, streaming.
 *
 * Rows of one case need not be contiguous (logs exported sorted by time interleave cases). Open
 * cases wait in a map in least-recently-seen order; when more than `maxOpenEvents` events are
 * held, the least recently seen cases are emitted. For a case-contiguous log that bounds memory
 * by the budget, not the log's length. A case whose rows come back after it was emitted cannot
 * be fixed in one pass: that is an ImportError (re-sort the file or raise the budget), never a
 * silently split case. Emitted ids are remembered as 8-byte fingerprints only.
 */
import type { AttrValue, RecordedCase, RecordedEvent } from '../model/types';
import { FingerprintSet } from './fingerprints';
import { ImportError } from './types';

export const DEFAULT_MAX_OPEN_EVENTS = 250_000;

/** XES name of the lifecycle attribute; never copied to case attributes (DESIGN.md). */
export const LIFECYCLE_KEY = 'lifecycle:transition';

export interface OpenCase {
  caseId: string;
  /** Case-level attributes (CSV `case:` columns, JSONL `attributes`); set by the reader. */
  caseAttrs: Record<string, AttrValue> | undefined;
  events: RecordedEvent[];
}

export class CaseAssembler {
  /** Cases ready for the consumer; the reader drains this after each chunk. */
  out: RecordedCase[] = [];
  cases = 0;
  events = 0;
  private readonly open = new Map<string, OpenCase>();
  private current: OpenCase | undefined;
  private openEvents = 0;
  private readonly emitted = new FingerprintSet();

  constructor(
    private readonly maxOpenEvents: number,
    private readonly sortByTimestamp: boolean,
  ) {}

  /** Appends an event to its case (opening it if new) and returns the case. */
  add(caseId: string, event: RecordedEvent, line: number): OpenCase {
    let c = this.current;
    if (c === undefined || c.caseId !== caseId) {
      c = this.open.get(caseId);
      if (c === undefined) {
        if (this.emitted.has(caseId)) {
          throw new ImportError(
            `line ${line}: case "${caseId}" continues after it was already emitted: the log is not grouped by case and more than ${this.maxOpenEvents} events of other cases came in between; sort the file by case id or raise maxOpenEvents`,
            { line },
          );
        }
        c = { caseId, caseAttrs: undefined, events: [] };
      } else {
        this.open.delete(caseId); // re-insert: the Map's order is least recently seen first
      }
      this.open.set(caseId, c);
      this.current = c;
    }
    c.events.push(event);
    this.events++;
    if (++this.openEvents > this.maxOpenEvents) this.evict();
    return c;
  }

  /** Emits every open case (end of input). */
  finish(): void {
    for (const c of this.open.values()) this.emit(c);
    this.open.clear();
    this.current = undefined;
  }

  private evict(): void {
    for (const c of this.open.values()) {
      if (this.openEvents <= this.maxOpenEvents || c === this.current) break;
      this.open.delete(c.caseId);
      this.emitted.add(c.caseId);
      this.emit(c);
    }
  }

  private emit(c: OpenCase): void {
    this.openEvents -= c.events.length;
    this.cases++;
    this.out.push(buildCase(c.caseId, c.caseAttrs, c.events, this.sortByTimestamp));
  }
}

/**
 * The DESIGN.md case: case-level attributes plus the first (file-order) event's attributes
 * other than lifecycle, the case-level value winning on a clash; events sorted if asked.
 */
export function buildCase(
  caseId: string,
  caseAttrs: Record<string, AttrValue> | undefined,
  events: RecordedEvent[],
  sortByTimestamp: boolean,
): RecordedCase {
  const first = events[0]?.attributes;
  let attributes: Record<string, AttrValue>;
  if (first) {
    attributes = {};
    for (const k in first) if (k !== LIFECYCLE_KEY) attributes[k] = first[k]!;
    if (caseAttrs) for (const k in caseAttrs) attributes[k] = caseAttrs[k]!;
  } else {
    attributes = caseAttrs ?? {};
  }
  return { caseId, attributes, events: sortByTimestamp ? sortEvents(events) : events };
}

/**
 * Stable sort by timestamp. An event without a timestamp keeps the time of the event before it
 * (file order), so it stays right after its predecessor instead of breaking the order.
 */
export function sortEvents(events: RecordedEvent[]): RecordedEvent[] {
  let sorted = true;
  let prev = -Infinity;
  for (const e of events) {
    const t = e.timestamp ?? prev;
    if (t < prev) sorted = false;
    prev = t;
  }
  if (sorted) return events;
  const keys: number[] = [];
  prev = -Infinity;
  for (const e of events) keys.push((prev = e.timestamp ?? prev));
  return events
    .map((_, i) => i)
    .sort((a, b) => keys[a]! - keys[b]! || a - b)
    .map((i) => events[i]!);
}
