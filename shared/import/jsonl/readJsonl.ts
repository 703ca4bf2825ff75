/**
 * Streaming JSONL reader. Each line is either a whole case — `{caseId, attributes?, events: [...]}`
 * — or one event — `{caseId, activity, timestamp?, resource?, ...attributes}` with the same
 * recognised names (or mapping) as CSV; event lines are grouped like CSV rows (see assemble.ts).
 * Timestamps: ms since epoch (number) or a date/time text; the day/month order is primed from the
 * first 2,000 lines, as in CSV (heldLines.ts).
 */
import type { AttrValue, RecordedCase, RecordedEvent } from '../../model/types';
import { eachCase } from '../batches';
import { buildCase, CaseAssembler, DEFAULT_MAX_EVENTS_PER_CASE, LIFECYCLE_KEY, tooManyEvents } from '../assemble';
import { FORBIDDEN_NAMES, forbiddenName, fromJson, newAttrs } from '../dictionaries';
import { FingerprintSet } from '../fingerprints';
import { CaseShaper } from '../lifecycle';
import { decodeText, lineTooLong, MAX_LINE_CHARS, throwIfAborted } from '../text';
import { badRow, type ImportOptions, type ImportSummary } from '../types';
import { TimestampReader } from '../time/timestampReader';
import { valueText } from '../values';
import {
  ATTR,
  ATTRIBUTES,
  CASE_ATTR,
  eventKeys,
  Layouts,
  pick,
  ROLE,
  type EventKeys,
  type Layout,
} from './eventLayouts';
import { HeldLines } from './heldLines';

type Json = Record<string, unknown>;

export function readJsonl(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary,
): AsyncGenerator<RecordedCase> {
  return eachCase(readJsonlBatches(bytes, options, summary));
}

/** {@link readJsonl}'s cases, a batch per text chunk (batches.ts). */
export async function* readJsonlBatches(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary,
): AsyncGenerator<RecordedCase[]> {
  const counter = { bytes: 0 };
  const sort = !!options.sortByTimestamp;
  const m = options.mapping;
  const shaper = new CaseShaper(
    {
      classifier: options.classifier,
      aliases: { activity: m?.activity, lifecycle: m?.lifecycle, resource: m?.resource },
    },
    summary,
  );
  const asm = new CaseAssembler(options.maxOpenEvents, sort, shaper, options.maxEventsPerCase);
  const maxEvents = options.maxEventsPerCase ?? DEFAULT_MAX_EVENTS_PER_CASE;
  const wholeCases = new FingerprintSet();
  const keys = eventKeys(options.mapping);
  const layouts = new Layouts(keys);
  const time = new TimestampReader(options);
  let pending = '';
  let line = 0;
  let cases = 0;
  /** Events of whole-case lines (the assembler counts only event lines'), for progress. */
  let caseEvents = 0;

  const invalid = (at: number, message: string): void => badRow(summary, options.skipInvalid, at, message);

  const handleLine = (text: string): void => {
    line++;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return invalid(line, `not valid JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return invalid(line, 'expected a JSON object');
    if (!Array.isArray((value as Json).events)) {
      // Event line, the hot path: its keys are copied into fresh attribute objects anyway, so only
      // nested objects are copied (prototype-free, in eventLine's one pass); the top level stays JSON.parse's.
      return eventLine(value as Json, keys, layouts, line, asm, invalid, time);
    }
    const clean = fromJson(value);
    if ('forbidden' in clean) return invalid(line, forbiddenMessage(clean.forbidden));
    const obj = clean.value as Json;
    {
      // a whole-case line: copied by fromJson, its attributes become the case's as they are
      // a line without a usable caseId is reported as such by caseLine (which then reads no event)
      const id = idText(obj.caseId);
      if ((obj.events as unknown[]).length > maxEvents && id !== undefined && !unsafeNumber(obj.caseId))
        throw tooManyEvents(id, maxEvents, line);
      const c = caseLine(obj, line, invalid, time);
      if (c && wholeCases.has(c.caseId)) {
        return invalid(
          line,
          `case "${c.caseId}" was already read from an earlier whole-case line; one line must hold the whole case (merge the lines, or write one event per line)`,
        );
      }
      if (c) {
        wholeCases.add(c.caseId);
        cases++;
        caseEvents += c.events.length;
        asm.out.push(buildCase(c.caseId, c.attributes, c.events, sort, shaper));
      }
    }
  };

  const held = new HeldLines(time, keys, handleLine);
  /** The line being read is too long: its number counts the held lines too. */
  const tooLong = () => {
    held.release();
    return lineTooLong(line + 1);
  };

  for await (const text of decodeText(bytes, options, counter)) {
    if (text.indexOf('\n') < 0) {
      // no line ends here: don't rescan the growing line (a 50 MB line must not go quadratic)
      pending += text;
      if (pending.length > MAX_LINE_CHARS) throw tooLong();
      continue;
    }
    pending = pending === '' ? text : pending + text;
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      held.add(pending.substring(start, nl));
      start = nl + 1;
    }
    pending = start === 0 ? pending : pending.substring(start);
    // Stryker disable next-line all: unreachable: what is left is a suffix of one decoded slice (≤ 64 KiB), far below the limit
    if (pending.length > MAX_LINE_CHARS) throw tooLong();
    if (asm.out.length) yield asm.out.splice(0);
    options.onProgress?.({ bytes: counter.bytes, events: asm.events + caseEvents, cases: asm.cases + cases });
  }
  throwIfAborted(options.signal);
  if (pending !== '') held.add(pending);
  held.release();
  asm.finish();
  summary.notes.push(...time.notes());
  shaper.finish();
  if (asm.out.length) yield asm.out.splice(0);
  options.onProgress?.({ bytes: counter.bytes, events: asm.events + caseEvents, cases: asm.cases + cases });
}

function forbiddenMessage(path: string): string {
  return forbiddenName(path.split(/[.[]/).pop()!, `key "${path}": name`)!;
}

/** A timestamp from JSON: ms since epoch (a number), or a date/time text; null (with time.problem) when unreadable. */
function jsonTimestamp(v: unknown, time: TimestampReader): number | undefined | null {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return time.readNumber(v) ?? null;
  if (typeof v === 'string') return time.read(v) ?? null;
  time.problem = `is a JSON ${Array.isArray(v) ? 'array' : typeof v}, not a date/time`;
  return null;
}

/** A timestamp for a message: the JSON text, but a number that overflowed is said as such (not "null"). */
function shown(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return 'number';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}

/** A case id or activity as text. An integer beyond 2^53 has lost digits in JSON.parse: refused (see caller). */
function idText(v: unknown): string | undefined {
  return typeof v === 'string'
    ? v === ''
      ? undefined
      : v
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : undefined;
}

function unsafeNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v);
}

const UNSAFE_ID =
  'is a number beyond 2^53, so digits may have been lost and distinct cases merged; write case ids as JSON strings';

function attrsOf(v: unknown): Record<string, AttrValue> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, AttrValue>) : undefined;
}

function caseLine(
  obj: Json,
  line: number,
  invalid: (line: number, message: string) => void,
  time: TimestampReader,
): { caseId: string; attributes: Record<string, AttrValue>; events: RecordedEvent[] } | undefined {
  const caseId = idText(obj.caseId);
  if (unsafeNumber(obj.caseId)) return void invalid(line, `caseId ${String(obj.caseId)} ${UNSAFE_ID}`);
  if (caseId === undefined) return void invalid(line, 'case has no caseId');
  const events: RecordedEvent[] = [];
  (obj.events as unknown[]).forEach((raw, i) => {
    const e = attrsOf(raw) as Json | undefined;
    const activity = e ? idText(e.activity) : undefined;
    if (!e || activity === undefined) return invalid(line, `case "${caseId}", event ${i + 1}: missing activity`);
    const timestamp = jsonTimestamp(e.timestamp, time);
    if (timestamp === null)
      return invalid(line, `case "${caseId}", event ${i + 1}: timestamp ${shown(e.timestamp)} ${time.problem}`);
    const start = jsonTimestamp(e.start, time);
    if (start === null)
      return invalid(line, `case "${caseId}", event ${i + 1}: start ${shown(e.start)} ${time.problem}`);
    const resource = e.resource === undefined || e.resource === null ? undefined : valueText(e.resource as AttrValue);
    const event: RecordedEvent = { activity, timestamp, resource, attributes: attrsOf(e.attributes) };
    if (start !== undefined) event.start = start;
    events.push(event);
  });
  return { caseId, attributes: attrsOf(obj.attributes) ?? newAttrs(), events };
}

/**
 * An event line's attributes, collected as key/value pairs and made into an object only when they
 * differ from the previous line's. Events of a case usually repeat the same attributes (case data
 * written on every line): those events share one object, frozen so that a write to one event's
 * attributes fails loudly instead of changing the others' (readCsv does the same). Assignment in
 * pair order gives the object the plain copy gave: the same keys, the last value of a repeated key.
 */
class LineAttributes {
  n = 0;
  /** The line had an `attributes` object: its attributes are an object even when empty (as the plain copy made it). */
  nested = false;
  private keys: string[] = [];
  private values: AttrValue[] = [];
  private prevN = -1;
  private prevKeys: string[] = [];
  private prevValues: AttrValue[] = [];
  private prev: Record<string, AttrValue> | undefined;
  private frozen = false;

  push(k: string, v: AttrValue): void {
    this.keys[this.n] = k;
    this.values[this.n++] = v;
  }

  attributes(): Record<string, AttrValue> | undefined {
    const n = this.n;
    if (n === 0) return this.nested ? newAttrs() : undefined;
    const { keys, values, prevKeys, prevValues } = this;
    let same = n === this.prevN;
    for (let i = 0; same && i < n; i++) {
      const v = values[i];
      // === but telling -0 from 0, as CEL does (1.0 / x)
      same = keys[i] === prevKeys[i] && v === prevValues[i] && (v !== 0 || 1 / v === 1 / (prevValues[i] as number));
    }
    if (same) {
      if (!this.frozen) {
        Object.freeze(this.prev);
        this.frozen = true;
      }
      return this.prev;
    }
    const out = newAttrs();
    for (let i = 0; i < n; i++) out[keys[i]!] = values[i]!;
    // the arrays swap roles: this line's pairs are the next line's "previous"
    this.keys = prevKeys;
    this.values = prevValues;
    this.prevKeys = keys;
    this.prevValues = values;
    this.prevN = n;
    this.prev = out;
    this.frozen = false;
    return out;
  }
}

/**
 * Shared by all readers: a line is handled synchronously, and an object is reused only when its
 * keys and values are this line's, whichever reader made it.
 */
const SCRATCH = new LineAttributes();

function eventLine(
  obj: Json,
  keys: EventKeys,
  layouts: Layouts,
  line: number,
  asm: CaseAssembler,
  invalid: (line: number, message: string) => void,
  time: TimestampReader,
): void {
  const last = layouts.current;
  if (last !== undefined && laidOut(obj, last, line, asm, invalid, time)) return;
  const layout = layouts.find(obj);
  if (layout !== undefined && layout !== last && laidOut(obj, layout, line, asm, invalid, time)) return;
  plainEventLine(obj, keys, line, asm, invalid, time);
}

/** Role values of the line being read, at their keys' positions (see laidOut). */
const ROLE_VALUES: AttrValue[] = [];

/**
 * Reads an event line by its layout (eventLayouts.ts), as plainEventLine would: false, having
 * done nothing, when the line's keys are not the layout's. Keys that match so far are not
 * reserved names (a layout holds none), so a nested reserved name is refused where found.
 */
function laidOut(
  obj: Json,
  layout: Layout,
  line: number,
  asm: CaseAssembler,
  invalid: (line: number, message: string) => void,
  time: TimestampReader,
): boolean {
  const { keys, uses, names } = layout;
  const n = keys.length;
  const a = SCRATCH;
  a.n = 0;
  a.nested = false;
  const roles = ROLE_VALUES;
  let caseAttrs: Record<string, AttrValue> | undefined;
  let i = 0;
  for (const k in obj) {
    if (i === n || k !== keys[i]) return false;
    let v = obj[k] as AttrValue;
    if (typeof v === 'object' && v !== null) {
      const r = fromJson(v, k);
      if ('forbidden' in r) {
        invalid(line, forbiddenMessage(r.forbidden));
        return true;
      }
      v = r.value;
    }
    const use = uses[i];
    if (use === ATTR) a.push(k, v);
    else if (use === ROLE) roles[i] = v;
    else if (use === CASE_ATTR) (caseAttrs ??= newAttrs())[names[i]!] = v;
    else if (use === ATTRIBUTES) pushAttributes(a, k, v);
    i++;
  }
  if (i !== n) return false;
  const role = (at: number): AttrValue | undefined => (at < 0 ? undefined : roles[at]);
  addEvent(
    role(layout.caseId),
    role(layout.activity),
    role(layout.timestamp),
    role(layout.resource),
    role(layout.lifecycle),
    role(layout.start),
    caseAttrs,
    line,
    asm,
    invalid,
    time,
  );
  return true;
}

/** The key "attributes": an object's keys are the event's attributes, any other value is one. */
function pushAttributes(a: LineAttributes, k: string, v: AttrValue): void {
  const nested = attrsOf(v);
  if (nested) {
    a.nested = true;
    for (const ak of Object.keys(nested)) a.push(ak, nested[ak]!);
  } else a.push(k, v);
}

/** An event line read key by key, for lines of no kept layout (and those holding a reserved key). */
function plainEventLine(
  obj: Json,
  keys: EventKeys,
  line: number,
  asm: CaseAssembler,
  invalid: (line: number, message: string) => void,
  time: TimestampReader,
): void {
  // the key each role takes, compared directly in the loop (a Set per line was a visible cost)
  const k0 = pick(obj, keys.caseId);
  const k1 = pick(obj, keys.activity);
  const k2 = pick(obj, keys.timestamp);
  const k3 = pick(obj, keys.resource);
  const k4 = pick(obj, keys.lifecycle);
  const k5 = pick(obj, keys.startTimestamp);
  const ignore = keys.ignore.size > 0 ? keys.ignore : undefined;
  const a = SCRATCH;
  a.n = 0;
  a.nested = false;
  let caseAttrs: Record<string, AttrValue> | undefined;
  // One pass over the keys (there were two: a check, then the copy): a reserved name is refused
  // before anything else is said about the line, in the order fromJson(obj) would find it; a
  // nested value is replaced by its prototype-free copy; the keys no role takes are collected.
  for (const k in obj) {
    if (FORBIDDEN_NAMES.has(k)) return invalid(line, forbiddenMessage(k));
    let v = obj[k] as AttrValue;
    if (typeof v === 'object' && v !== null) {
      const r = fromJson(v, k);
      if ('forbidden' in r) return invalid(line, forbiddenMessage(r.forbidden));
      obj[k] = v = r.value;
    }
    if (k === k0 || k === k1 || k === k2 || k === k3 || k === k4 || k === k5 || ignore?.has(k)) continue;
    if (k === 'attributes') pushAttributes(a, k, v);
    else if (k.startsWith('case:')) (caseAttrs ??= newAttrs())[k.slice(5)] = v;
    else a.push(k, v);
  }
  // role values read after the pass: a nested one is its clean copy now
  const at = (k: string | undefined): AttrValue | undefined => (k === undefined ? undefined : (obj[k] as AttrValue));
  addEvent(at(k0), at(k1), at(k2), at(k3), at(k4), at(k5), caseAttrs, line, asm, invalid, time);
}

/**
 * The event of a line whose attributes are in SCRATCH, from its role values (undefined: the line
 * has no such key; JSON has no undefined value).
 */
function addEvent(
  id: unknown,
  act: AttrValue | undefined,
  ts: AttrValue | undefined,
  res: AttrValue | undefined,
  lc: AttrValue | undefined,
  st: AttrValue | undefined,
  caseAttrs: Record<string, AttrValue> | undefined,
  line: number,
  asm: CaseAssembler,
  invalid: (line: number, message: string) => void,
  time: TimestampReader,
): void {
  const caseId = idText(id);
  if (unsafeNumber(id)) return invalid(line, `case id ${String(id)} ${UNSAFE_ID}`);
  if (caseId === undefined) return invalid(line, 'missing case id');
  const activity = idText(act);
  if (activity === undefined) return invalid(line, 'missing activity');
  const timestamp = jsonTimestamp(ts, time);
  if (timestamp === null) return invalid(line, `timestamp ${shown(ts)} ${time.problem}`);
  const start = jsonTimestamp(st, time);
  if (start === null) return invalid(line, `start timestamp ${shown(st)} ${time.problem}`);
  const a = SCRATCH;
  if (lc !== undefined) a.push(LIFECYCLE_KEY, lc);
  const attributes = a.attributes();
  const resource = res !== undefined && res !== null ? valueText(res) : undefined;
  const event: RecordedEvent = { activity, timestamp, resource, attributes };
  if (start !== undefined) event.start = start;
  const c = asm.add(caseId, event, line);
  c.caseAttrs ??= caseAttrs ?? newAttrs();
}
