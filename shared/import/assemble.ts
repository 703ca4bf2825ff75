/**
 * Groups row-shaped input (CSV rows, JSONL events) into cases, streaming.
 *
 * Rows of one case need not be contiguous (logs exported sorted by time interleave cases). Open
 * cases wait in a map in least-recently-seen order; when more events are held than the budget,
 * the least recently seen cases are emitted. A case whose rows come back after it was emitted
 * cannot be fixed in one pass: that is an ImportError (re-sort the file or raise the budget),
 * never a silently split case. Emitted ids are remembered as 8-byte fingerprints only.
 *
 * A new case id is hashed once: that hash finds it in the open index, adds it, and deletes it on
 * eviction; its fingerprint enters the set when the case opens (not when it is emitted), in the
 * same probe that checks it was not there. An id missing from the open index is in the set only
 * if its case was opened and has left the index, that is, emitted: the same answer as adding at
 * eviction, with one hash and one random probe of the (large) set per case instead of five and two.
 *
 * The budget adapts: while every case's rows have been contiguous it is small
 * ({@link GROUPED_WINDOW}), so a case-contiguous log's events die young (with 250k events held
 * the GC took 60% more CPU on a 1M-event log, and young-gen sized windows are faster still); the first time a row returns to an open case
 * other than the current one, the log is known to interleave and the budget becomes
 * `maxOpenEvents`. An explicit `maxOpenEvents` applies from the first row.
 */
import type { AttrValue, RecordedCase, RecordedEvent } from '../model/types';
import { newAttrs } from './dictionaries';
import { CaseIndex } from './caseIndex';
import { FingerprintSet, hashA, hashB, hashPair } from './fingerprints';
import type { CaseShaper } from './lifecycle';
import { ImportError } from './types';

const DEFAULT_MAX_OPEN_EVENTS = 250_000;
/** Events one case may hold: a small .gz can expand into one endless case (issue #17, item 5). */
export const DEFAULT_MAX_EVENTS_PER_CASE = 100_000;

export function tooManyEvents(caseId: string, max: number, line: number): ImportError {
  return new ImportError(
    `line ${line}: case "${caseId.slice(0, 80)}" has more than ${max.toLocaleString('en-US')} events; that is more than a case should hold (a runaway export, or the wrong case id column?). If it is real, raise the limit (maxEventsPerCase, --max-events-per-case)`,
    { line },
  );
}
/** Budget while the log still looks case-contiguous. */
const GROUPED_WINDOW = 4_096;

/** XES name of the lifecycle attribute; never copied to case attributes (DESIGN.md). */
export const LIFECYCLE_KEY = 'lifecycle:transition';

export interface OpenCase {
  caseId: string;
  /** Case-level attributes (CSV `case:` columns, JSONL `attributes`); set by the reader. */
  caseAttrs: Record<string, AttrValue> | undefined;
  events: RecordedEvent[];
  /** Least-recently-seen list links (older, newer). */
  older: OpenCase | undefined;
  newer: OpenCase | undefined;
  /** stringHash(caseId), for the open index. */
  hash: number;
}

export class CaseAssembler {
  /** Cases ready for the consumer; the reader drains this after each chunk. */
  out: RecordedCase[] = [];
  cases = 0;
  events = 0;
  /** Open cases by id: a CaseIndex, not a Map (why: caseIndex.ts). */
  private readonly open = new CaseIndex<OpenCase>();
  /** Open cases as a doubly linked list, least recently seen first: eviction and "touch" are O(1)
   * (evicting from the front of a Map made V8 skip ever more deleted entries). */
  private oldest: OpenCase | undefined;
  private current: OpenCase | undefined;
  private openEvents = 0;
  private readonly emitted = new FingerprintSet();
  private readonly maxOpenEvents: number;
  private budget: number;
  private readonly maxEventsPerCase: number;

  /** `maxOpenEvents` undefined: adaptive budget (see above), up to {@link DEFAULT_MAX_OPEN_EVENTS}. */
  constructor(
    maxOpenEvents: number | undefined,
    private readonly sortByTimestamp: boolean,
    private readonly shaper?: CaseShaper,
    maxEventsPerCase?: number,
  ) {
    this.maxEventsPerCase = maxEventsPerCase ?? DEFAULT_MAX_EVENTS_PER_CASE;
    this.maxOpenEvents = Math.max(1, maxOpenEvents ?? DEFAULT_MAX_OPEN_EVENTS);
    this.budget = maxOpenEvents === undefined ? Math.min(GROUPED_WINDOW, this.maxOpenEvents) : this.maxOpenEvents;
  }

  /** Id of the case the last event went to (a reader compares the next row's id with it). */
  get currentCaseId(): string | undefined {
    return this.current?.caseId;
  }

  /** Appends an event to its case (opening it if new) and returns the case. */
  add(caseId: string, event: RecordedEvent, line: number): OpenCase {
    let c = this.current;
    if (c === undefined || c.caseId !== caseId) {
      hashPair(caseId);
      const hash = hashA;
      const fingerprint = hashB;
      c = this.open.getHashed(caseId, hash);
      if (c === undefined) {
        if (!this.emitted.insertPair(hash, fingerprint)) {
          throw new ImportError(
            `line ${line}: case "${caseId}" continues after it was already emitted: the log is not grouped by case and more than ${this.budget} events of other cases came in between; sort the file by case id, or allow more open events (maxOpenEvents, --max-open-events)`,
            { line },
          );
        }
        c = { caseId, caseAttrs: undefined, events: [], older: undefined, newer: undefined, hash };
        this.open.addHashed(caseId, c, hash);
      } else {
        this.unlink(c);
        this.budget = this.maxOpenEvents; // rows came back to an open case: the log interleaves
      }
      // append as newest
      c.older = this.current;
      if (this.current) this.current.newer = c;
      else this.oldest = c;
      this.current = c;
    }
    if (c.events.length >= this.maxEventsPerCase) throw tooManyEvents(caseId, this.maxEventsPerCase, line);
    c.events.push(event);
    this.events++;
    if (++this.openEvents > this.budget) this.evict();
    return c;
  }

  /** Emits every open case (end of input). */
  finish(): void {
    for (let c = this.oldest; c; c = c.newer) this.emit(c);
    this.open.clear();
    this.oldest = this.current = undefined;
  }

  private evict(): void {
    while (this.openEvents > this.budget && this.oldest !== undefined && this.oldest !== this.current) {
      const c = this.oldest;
      this.unlink(c);
      this.open.deleteHashed(c.caseId, c.hash);
      this.emit(c);
    }
  }

  private unlink(c: OpenCase): void {
    if (c.older) c.older.newer = c.newer;
    else this.oldest = c.newer;
    if (c.newer) c.newer.older = c.older;
    else this.current = c.older;
    c.older = c.newer = undefined;
  }

  private emit(c: OpenCase): void {
    this.openEvents -= c.events.length;
    this.cases++;
    this.out.push(buildCase(c.caseId, c.caseAttrs, c.events, this.sortByTimestamp, this.shaper));
  }
}

/**
 * The DESIGN.md case: case-level attributes plus the first (file-order) event's attributes
 * other than lifecycle, the case-level value winning on a clash; events sorted if asked, then
 * classified and start/complete pairs folded (lifecycle.ts).
 */
export function buildCase(
  caseId: string,
  caseAttrs: Record<string, AttrValue> | undefined,
  events: RecordedEvent[],
  sortByTimestamp: boolean,
  shaper?: CaseShaper,
): RecordedCase {
  const first = events[0]?.attributes;
  const ordered = sortByTimestamp ? sortEvents(events) : events;
  return { caseId, attributes: caseAttributes(first, caseAttrs), events: shaper ? shaper.shape(ordered) : ordered };
}

/** The prototype {@link newAttrs} gives: an object with it inherits nothing (dictionaries.ts). */
const ATTRS_PROTOTYPE: unknown = Object.getPrototypeOf(newAttrs());

/**
 * The first event's attributes (lifecycle left out) under the case-level ones. When the case has
 * none and the event no lifecycle, that is the event's own object, with its keys in the same
 * order: it is shared (frozen, so a write to either fails instead of changing both) rather than
 * copied key by key, which was half of buildCase's time and one object per case (1M-event CSV:
 * 230k copies). Shared only when it is one of the readers' prototype-free dictionaries.
 */
function caseAttributes(
  first: Record<string, AttrValue> | undefined,
  caseAttrs: Record<string, AttrValue> | undefined,
): Record<string, AttrValue> {
  if (
    first !== undefined &&
    !(LIFECYCLE_KEY in first) &&
    (caseAttrs === undefined || isEmpty(caseAttrs)) &&
    Object.getPrototypeOf(first) === ATTRS_PROTOTYPE
  )
    return Object.freeze(first);
  // no prototype (dictionaries.ts); readers hand in prototype-free objects, copied key by key
  const attributes = newAttrs();
  if (first) for (const k of Object.keys(first)) if (k !== LIFECYCLE_KEY) attributes[k] = first[k]!;
  if (caseAttrs) for (const k of Object.keys(caseAttrs)) attributes[k] = caseAttrs[k]!;
  return attributes;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * Stable sort by timestamp. An event without a timestamp keeps the time of the event before it
 * (file order), so it stays right after its predecessor instead of breaking the order.
 */
function sortEvents(events: RecordedEvent[]): RecordedEvent[] {
  // Stryker disable next-line BooleanLiteral: false only makes every case take the sort, which keeps a sorted case as it is (stable)
  let sorted = true;
  // Stryker disable next-line UnaryOperator: +Infinity only makes the sort run where it was skipped; it keeps a sorted case as it is
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
