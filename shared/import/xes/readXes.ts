/**
 * Streaming XES reader: one trace at a time, so memory holds one trace, not the log. Tags come
 * from the XES scanner (xmlScanner.ts), which refuses a DOCTYPE (and with it any ENTITY
 * declaration) outright and never expands an entity.
 *
 * On the hot path: a self-closing attribute of an event or trace is stored straight away (no
 * frame), `time:timestamp`, `start_timestamp`, `org:resource` and `concept:name` are held beside
 * the attribute object instead of being put in and deleted again (V8 dictionary mode), and
 * timestamps become epoch numbers without a Date. The output equals the saxes-based reader's
 * (readXesSaxes.ts, the test oracle), attribute order included.
 */
import type { AttrValue, RecordedCase, RecordedEvent } from '../../model/types';
import { buildCase, DEFAULT_MAX_EVENTS_PER_CASE, tooManyEvents } from '../assemble';
import { eachCase } from '../batches';
import { FORBIDDEN_NAMES, forbiddenName, newAttrs } from '../dictionaries';
import { CaseShaper, splitKeys } from '../lifecycle';
import { decodeText, throwIfAborted } from '../text';
import { badRow, ImportError, type ImportOptions, type ImportSummary } from '../types';
import { TimestampReader } from '../time/timestampReader';
import { COLLECTION_TYPES, SIMPLE_TYPES, simpleValue, simpleValueAt } from './attributes';
import { XmlScanner, type TagAttributes, type TypedRun } from './xmlScanner';

const ACTIVITY = 'concept:name';
const TIMESTAMP = 'time:timestamp';
const RESOURCE = 'org:resource';
/** pm4py's interval logs carry the instance's start as a date attribute of the complete event. */
const START = 'start_timestamp';

/** What {@link readXesBatches}' typedRun does with an event attribute (see runPlan). */
const AS_ACTIVITY = 0;
const AS_TIMESTAMP = 1;
const AS_RESOURCE = 2;
const AS_STRING = 3;
const AS_VALUE = 4;
/** Anything else: as typedAttribute does it. */
const AS_ANY = 5;

/**
 * For each attribute of a run template of an event, which of the above it is: what
 * typedAttribute would find out from its type and key on every event, worked out once. Null
 * when a key is reserved: typedAttribute refuses it, at its own line.
 */
function runPlan(run: TypedRun): Uint8Array | null {
  const plan = new Uint8Array(run.keys.length);
  for (let j = 0; j < plan.length; j++) {
    const key = run.keys[j]!;
    const type = run.types[j]!;
    if (FORBIDDEN_NAMES.has(key)) return null;
    const text = type === 'string';
    if (key === ACTIVITY) plan[j] = text ? AS_ACTIVITY : AS_ANY;
    else if (key === TIMESTAMP) plan[j] = type === 'date' ? AS_TIMESTAMP : AS_ANY;
    else if (key === RESOURCE) plan[j] = text ? AS_RESOURCE : AS_ANY;
    else if (key === START || type === 'date') plan[j] = AS_ANY;
    else plan[j] = text || type === 'id' ? AS_STRING : AS_VALUE;
  }
  return plan;
}

const LOG = 0;
const TRACE = 1;
const EVENT = 2;
const OTHER = 3;
const ATTR = 4;

interface AttrFrame {
  kind: typeof ATTR;
  type: string;
  key: string;
  value: AttrValue;
  collection: 'list' | 'container' | null;
}
type Frame = { kind: typeof LOG | typeof TRACE | typeof EVENT | typeof OTHER } | AttrFrame;
const LOG_FRAME: Frame = { kind: LOG };
const TRACE_FRAME: Frame = { kind: TRACE };
const EVENT_FRAME: Frame = { kind: EVENT };
const OTHER_FRAME: Frame = { kind: OTHER };

/**
 * A special key (time:timestamp, start_timestamp, org:resource) that must stay an attribute
 * after all (a text timestamp, a list-valued resource …): put back where it first appeared.
 */
interface Kept {
  /** 4 × the number of other keys the attribute object held when this key first appeared, plus
   * the order in which the special keys first appeared (ties between them keep that order). */
  at: number;
  key: string;
  value: AttrValue;
}

/** An event's special attributes, held beside its attribute object while it is open. */
class OpenEvent {
  attrs: Record<string, AttrValue> | undefined = undefined;
  /** Special keys seen so far (see {@link Kept.at}). */
  specials = 0;
  activity: AttrValue | undefined = undefined;
  /** time:timestamp: epoch ms when its last value was a `<date>` that parsed, else `time`. */
  timeMs: number | undefined = undefined;
  time: AttrValue | undefined = undefined;
  timeAt = -1;
  /** A `<date>` time:timestamp of this event that did not parse (sticky, as in the oracle). */
  badDate: string | undefined = undefined;
  startMs: number | undefined = undefined;
  start: AttrValue | undefined = undefined;
  startAt = -1;
  resource: AttrValue | undefined = undefined;
  resourceAt = -1;

  reset(): void {
    this.attrs = undefined;
    this.specials = 0;
    this.activity = this.time = this.start = this.resource = undefined;
    this.timeMs = this.startMs = undefined;
    this.badDate = undefined;
    this.timeAt = this.startAt = this.resourceAt = -1;
    this.at = 0;
  }

  /** Where a special key first seen now would be put back (see {@link Kept.at}). */
  here(): number {
    // counted only at a special key's first sighting (usually while attrs is still empty), so
    // set() need not look every key up first
    return (this.attrs === undefined ? 0 : Object.keys(this.attrs).length) * 4 + this.specials++;
  }

  /**
   * The keys of the events before, by position. A key the scanner cut out is a new string every
   * time, and storing a property under a new string makes V8 look it up in its string table
   * (`set` was ~10% of XES read); events repeat their keys in order, so the key at the same
   * position is usually equal: comparing the two is cheaper, and the old one is already known.
   */
  private readonly keys: string[] = [];
  private at = 0;

  set(key: string, value: AttrValue): void {
    const i = this.at++;
    let k = this.keys[i];
    if (k !== key) this.keys[i] = k = key;
    const attrs = (this.attrs ??= newAttrs());
    // One store site per position: each sees the same key on the same object shape event after
    // event (monomorphic: a compare and a store), where a single site sees every key and shape
    // (megamorphic: a lookup per store, ~12% of XES read).
    switch (i) {
      case 0:
        attrs[k] = value;
        return;
      case 1:
        attrs[k] = value;
        return;
      case 2:
        attrs[k] = value;
        return;
      case 3:
        attrs[k] = value;
        return;
      case 4:
        attrs[k] = value;
        return;
      case 5:
        attrs[k] = value;
        return;
      case 6:
        attrs[k] = value;
        return;
      case 7:
        attrs[k] = value;
        return;
      case 8:
        attrs[k] = value;
        return;
      case 9:
        attrs[k] = value;
        return;
      case 10:
        attrs[k] = value;
        return;
      case 11:
        attrs[k] = value;
        return;
      default:
        attrs[k] = value;
    }
  }
}

export function readXes(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary,
): AsyncGenerator<RecordedCase> {
  return eachCase(readXesBatches(bytes, options, summary));
}

/** {@link readXes}'s cases, a batch per text chunk (batches.ts). */
export async function* readXesBatches(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary,
): AsyncGenerator<RecordedCase[]> {
  const counter = { bytes: 0 };
  const sort = !!options.sortByTimestamp;
  const time = new TimestampReader(options);
  const shaper = new CaseShaper({ classifier: options.classifier }, summary);
  const maxEvents = options.maxEventsPerCase ?? DEFAULT_MAX_EVENTS_PER_CASE;
  const stack: Frame[] = [];
  const ready: RecordedCase[] = [];
  const ev = new OpenEvent();
  let traceNo = 0;
  let traceLine = 0;
  let traceName: AttrValue | undefined;
  let traceAttrs: Record<string, AttrValue> = newAttrs();
  let events: RecordedEvent[] = [];
  let eventNo = 0;
  let eventLine = 0;
  let inTrace = false;
  let eventCount = 0;
  let unnamedTraces = 0;
  let textTimestamps = 0;
  let unnamedEvents = 0;
  /** The next closeTag belongs to a self-closing attribute already stored. */
  let stored = false;

  const where = (): string =>
    `trace ${traceNo}${traceName !== undefined ? ` "${shown(traceName)}"` : ''} (line ${traceLine})`;
  const currentTrace = (): string | undefined => (inTrace ? shown(traceName ?? `trace-${traceNo}`) : undefined);
  const fail = (message: string, line = scanner.line): never => {
    throw new ImportError(message, { line, trace: currentTrace() });
  };

  /** A simple attribute of the open event, typed; the special keys are held beside the object. */
  /** An event's time:timestamp of type date, `text.substring(from, to)`: its ms, or its text to report. */
  const timestampDate = (text: string, from: number, to: number): void => {
    if (ev.timeAt < 0) ev.timeAt = ev.here();
    const t = time.readAt(text, from, to);
    if (t !== undefined) {
      ev.timeMs = t;
      ev.time = undefined;
    } else {
      ev.badDate = ev.time = text.substring(from, to);
      ev.timeMs = undefined;
    }
  };

  const eventAttr = (type: string, key: string, raw: string): void => {
    if (key === TIMESTAMP) {
      if (type === 'date') return timestampDate(raw, 0, raw.length);
      if (ev.timeAt < 0) ev.timeAt = ev.here();
      ev.time = simpleValue(type, raw, time);
      ev.timeMs = undefined;
      return;
    }
    if (key === START) {
      if (ev.startAt < 0) ev.startAt = ev.here();
      if (type === 'date') {
        const t = time.read(raw);
        ev.startMs = t;
        ev.start = t === undefined ? raw : undefined;
      } else {
        ev.startMs = undefined;
        ev.start = simpleValue(type, raw, time);
      }
      return;
    }
    const value = type === 'string' ? raw : simpleValue(type, raw, time);
    if (key === ACTIVITY) ev.activity = value;
    else if (key === RESOURCE) {
      if (ev.resourceAt < 0) ev.resourceAt = ev.here();
      ev.resource = value;
    } else ev.set(key, value);
  };

  /** A nested (list/container) attribute value of the open event. */
  const eventValue = (key: string, value: AttrValue): void => {
    if (key === ACTIVITY) ev.activity = value;
    else if (key === TIMESTAMP) {
      if (ev.timeAt < 0) ev.timeAt = ev.here();
      ev.timeMs = undefined;
      ev.time = value;
    } else if (key === START) {
      if (ev.startAt < 0) ev.startAt = ev.here();
      ev.startMs = undefined;
      ev.start = value;
    } else if (key === RESOURCE) {
      if (ev.resourceAt < 0) ev.resourceAt = ev.here();
      ev.resource = value;
    } else ev.set(key, value);
  };

  const traceValue = (key: string, value: AttrValue): void => {
    if (key === ACTIVITY) traceName = value;
    else traceAttrs[key] = value;
  };

  const openTag = (name: string, attrs: TagAttributes, selfClosing: boolean): void => {
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (name !== 'log') fail(`line ${scanner.line}: not an XES log: the root element is <${name}>, expected <log>`);
      stack.push(LOG_FRAME);
      return;
    }
    const kind = parent.kind;
    if (kind === TRACE && name === 'event') {
      eventNo++;
      eventLine = scanner.line;
      ev.reset();
      stack.push(EVENT_FRAME);
      return;
    }
    if (kind === EVENT || kind === TRACE || kind === ATTR) {
      const isSimple = SIMPLE_TYPES.has(name);
      if (isSimple || COLLECTION_TYPES.has(name)) {
        const key = attrs.get('key') ?? '';
        // the reserved names are 9 or 11 characters long: skip the set lookup for every other key
        const reserved = key.length === 9 || key.length === 11 ? forbiddenName(key, `<${name}> key`) : undefined;
        if (reserved) fail(`line ${scanner.line}: ${reserved}`);
        if (isSimple && selfClosing && kind !== ATTR) {
          const raw = attrs.get('value') ?? '';
          if (kind === EVENT) eventAttr(name, key, raw);
          else traceValue(key, simpleValue(name, raw, time));
          stored = true;
          return;
        }
        const collection = isSimple ? null : (name as 'list' | 'container');
        const value: AttrValue = isSimple
          ? simpleValue(name, attrs.get('value') ?? '', time)
          : collection === 'list'
            ? []
            : newAttrs();
        stack.push({ kind: ATTR, type: name, key, value, collection });
        return;
      }
      // <values> inside a list is transparent: its children belong to the list
      if (name === 'values' && kind === ATTR && parent.collection === 'list') {
        stack.push(parent);
        return;
      }
    } else if (kind === LOG) {
      if (name === 'trace') {
        traceNo++;
        traceLine = scanner.line;
        inTrace = true;
        traceName = undefined;
        traceAttrs = newAttrs();
        events = [];
        eventNo = 0;
        stack.push(TRACE_FRAME);
        return;
      }
      if (name === 'classifier') {
        const cname = attrs.get('name') ?? '';
        const keys = splitKeys(attrs.get('keys') ?? '');
        if (cname !== '' && keys.length && !shaper.declared.has(cname)) {
          shaper.declared.set(cname, keys);
          summary.classifiers.push({ name: cname, keys });
        }
      }
    }
    stack.push(OTHER_FRAME); // extension, global, classifier, log attributes, unknown
  };

  /** The scanner's fast path: a self-closing simple attribute of an event or trace, stored at once. */
  const typedAttribute = (type: string, key: string, text: string, from: number, to: number): boolean => {
    const kind = stack[stack.length - 1]?.kind;
    if (kind !== EVENT && kind !== TRACE) return false;
    // the reserved names are 9 or 11 characters long; the message (a new string) only for one of them
    if ((key.length === 9 || key.length === 11) && FORBIDDEN_NAMES.has(key))
      fail(`line ${scanner.line}: ${forbiddenName(key, `<${type}> key`)}`);
    if (type === 'date' && kind === EVENT && key === TIMESTAMP) {
      timestampDate(text, from, to); // the usual time:timestamp, read where it stands
      return true;
    }
    // a date keeps its text for eventAttr (a time:timestamp that does not parse is reported)
    if (type === 'date') {
      const raw = text.substring(from, to);
      if (kind === EVENT) eventAttr(type, key, raw);
      else traceValue(key, simpleValue(type, raw, time));
    } else {
      // for the other types eventAttr comes down to eventValue of the typed value
      const value = simpleValueAt(type, text, from, to, time);
      if (kind === EVENT) eventValue(key, value);
      else traceValue(key, value);
    }
    return true;
  };

  /** The scanner's run of an event's attributes, each as typedAttribute would store it (see runPlan). */
  const typedRun = (run: TypedRun, text: string, bounds: readonly number[]): boolean => {
    if (stack[stack.length - 1]?.kind !== EVENT) return false;
    let plan = run.memo as Uint8Array | null | undefined;
    if (plan === undefined) run.memo = plan = runPlan(run);
    if (plan === null) return false;
    const { types, keys } = run;
    for (let j = 0; j < plan.length; j++) {
      const from = bounds[2 * j]!;
      const to = bounds[2 * j + 1]!;
      switch (plan[j]) {
        case AS_ACTIVITY:
          ev.activity = text.substring(from, to);
          break;
        case AS_TIMESTAMP:
          timestampDate(text, from, to);
          break;
        case AS_RESOURCE:
          if (ev.resourceAt < 0) ev.resourceAt = ev.here();
          ev.resource = text.substring(from, to);
          break;
        case AS_STRING:
          ev.set(keys[j]!, text.substring(from, to));
          break;
        case AS_VALUE:
          ev.set(keys[j]!, simpleValueAt(types[j]!, text, from, to, time));
          break;
        default:
          typedAttribute(types[j]!, keys[j]!, text, from, to);
      }
    }
    return true;
  };

  const closeTag = (): void => {
    if (stored) {
      stored = false;
      return;
    }
    const frame = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (frame === parent) return; // closing a transparent <values>
    switch (frame.kind) {
      case ATTR: {
        const pk = parent?.kind;
        if (pk === EVENT) {
          if (frame.collection === null) eventAttrValue(frame);
          else eventValue(frame.key, frame.value);
        } else if (pk === TRACE) traceValue(frame.key, frame.value);
        else if (pk === ATTR && parent!.collection === 'list') (parent!.value as AttrValue[]).push(frame.value);
        else if (pk === ATTR && parent!.collection === 'container')
          (parent!.value as Record<string, AttrValue>)[frame.key] = frame.value;
        // children of a simple attribute are XES meta-attributes: not part of the value
        return;
      }
      case EVENT:
        closeEvent();
        return;
      case TRACE:
        closeTrace();
        return;
      default:
        return;
    }
  };

  /** A simple attribute with children (meta-attributes), already typed: as {@link eventAttr}, without typing it again. */
  function eventAttrValue(frame: AttrFrame): void {
    const v = frame.value;
    if (frame.type === 'date' && (frame.key === TIMESTAMP || frame.key === START)) {
      const ms = v instanceof Date ? v.getTime() : undefined;
      if (frame.key === TIMESTAMP) {
        if (ev.timeAt < 0) ev.timeAt = ev.here();
        ev.timeMs = ms;
        ev.time = ms === undefined ? v : undefined;
        if (ms === undefined && typeof v === 'string') ev.badDate = v;
      } else {
        if (ev.startAt < 0) ev.startAt = ev.here();
        ev.startMs = ms;
        ev.start = ms === undefined ? v : undefined;
      }
      return;
    }
    eventValue(frame.key, v);
  }

  function closeEvent(): void {
    const rawActivity = ev.activity;
    const unnamed = rawActivity === undefined || rawActivity === '' || typeof rawActivity === 'object';
    if (unnamed && options.keepUnnamedEvents) {
      unnamedEvents++;
    } else if (unnamed) {
      return badRow(
        summary,
        options.skipInvalid,
        eventLine,
        `${where()}, event ${eventNo} (line ${eventLine}): missing concept:name (the activity)`,
        // Stryker disable next-line StringLiteral: events are read only inside a trace, where currentTrace() is defined
        currentTrace() ?? '',
      );
    }
    if (ev.badDate !== undefined) {
      time.read(ev.badDate);
      return badRow(
        summary,
        options.skipInvalid,
        eventLine,
        `${where()}, event ${eventNo} (line ${eventLine}): time:timestamp "${ev.badDate.slice(0, 60)}" ${time.problem}`,
        // Stryker disable next-line StringLiteral: events are read only inside a trace, where currentTrace() is defined
        currentTrace() ?? '',
      );
    }
    let kept: Kept[] | undefined;
    let timestamp = ev.timeMs;
    if (timestamp === undefined && ev.time !== undefined) {
      // a non-standard <string> time:timestamp (or another type): parsed if it is a date
      const parsed = typeof ev.time === 'string' ? time.read(ev.time) : undefined;
      if (parsed !== undefined) timestamp = parsed;
      else {
        textTimestamps++; // kept as a text attribute; the event has no timestamp (see summary)
        (kept ??= []).push({ at: ev.timeAt, key: TIMESTAMP, value: ev.time });
      }
    }
    if (ev.start !== undefined) (kept ??= []).push({ at: ev.startAt, key: START, value: ev.start });
    const rawResource = ev.resource;
    let resource: string | undefined;
    if (rawResource !== undefined && typeof rawResource !== 'object') resource = String(rawResource);
    else if (rawResource !== undefined) (kept ??= []).push({ at: ev.resourceAt, key: RESOURCE, value: rawResource });
    const attributes = kept === undefined ? ev.attrs : withKept(ev.attrs, kept);
    // Stryker disable next-line StringLiteral: events are read only inside a trace, where currentTrace() is defined
    if (events.length >= maxEvents) throw tooManyEvents(currentTrace() ?? `trace-${traceNo}`, maxEvents, eventLine);
    const event: RecordedEvent = { activity: unnamed ? '' : String(rawActivity), timestamp, resource, attributes };
    if (ev.startMs !== undefined) event.start = ev.startMs;
    events.push(event);
    eventCount++;
  }

  function closeTrace(): void {
    let caseId: string;
    if (traceName === undefined || traceName === '' || typeof traceName === 'object') {
      unnamedTraces++;
      caseId = `trace-${traceNo}`;
    } else {
      caseId = String(traceName);
    }
    ready.push(buildCase(caseId, traceAttrs, events, sort, shaper));
    traceAttrs = newAttrs();
    traceName = undefined;
    inTrace = false;
  }

  const scanner: XmlScanner = new XmlScanner({
    typedAttribute,
    typedRun,
    openTag,
    closeTag,
    doctype: (): never =>
      fail(
        `line ${scanner.line}: the file declares a DOCTYPE; XES needs none and DTDs (entities) are refused for safety`,
      ),
    error: (message: string): never => fail(`XML error at line ${scanner.line}, column ${scanner.column}: ${message}`),
  });

  let traces = 0;
  for await (const text of decodeText(bytes, options, counter)) {
    scanner.write(text);
    if (ready.length) {
      traces += ready.length;
      yield ready.splice(0);
    }
    options.onProgress?.({ bytes: counter.bytes, events: eventCount, cases: traces });
  }
  throwIfAborted(options.signal);
  scanner.close();
  traces += ready.length;
  if (ready.length) yield ready.splice(0);
  if (unnamedTraces)
    summary.warnings.push(
      `${unnamedTraces} trace(s) have no concept:name; their case id is their position in the file: trace-<n> (1-based)`,
    );
  if (unnamedEvents)
    summary.warnings.push(`${unnamedEvents} event(s) have no concept:name; they count as events without an activity`);
  summary.notes.push(...time.notes());
  shaper.finish();
  if (textTimestamps)
    summary.warnings.push(
      `${textTimestamps} event(s) have a time:timestamp that is not a date (e.g. "?"); they have no timestamp and keep the text as an attribute`,
    );
  options.onProgress?.({ bytes: counter.bytes, events: eventCount, cases: traces });
}

/** A value as text for a message; a container (no prototype, so no toString) as `{…}`. */
function shown(v: AttrValue): string {
  // a list prints as String() prints it, as the saxes oracle does (readXes.equality.test.ts)
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? '{…}' : String(v);
}

/** The attributes with the kept special keys put back where they first appeared (rare path). */
function withKept(attrs: Record<string, AttrValue> | undefined, kept: Kept[]): Record<string, AttrValue> {
  kept.sort((a, b) => a.at - b.at);
  const out = newAttrs();
  const keys = attrs ? Object.keys(attrs) : [];
  let k = 0;
  for (let i = 0; i <= keys.length; i++) {
    while (k < kept.length && kept[k]!.at >> 2 <= i) {
      out[kept[k]!.key] = kept[k]!.value;
      k++;
    }
    if (i < keys.length) out[keys[i]!] = attrs![keys[i]!]!;
  }
  return out;
}
