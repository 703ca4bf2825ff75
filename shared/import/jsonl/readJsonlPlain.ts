/**
 * The JSONL reader before its event-line fast path (issue #18), kept as the oracle that
 * readJsonl.equality.test.ts compares readJsonl with: every line copied by fromJson, a Set of
 * used keys per line. Not used by the app. It holds the first lines for the date-order sample
 * (heldLines.ts) as readJsonl does.
 *
 * Streaming JSONL reader. Each line is either a whole case — `{caseId, attributes?, events: [...]}`
 * — or one event — `{caseId, activity, timestamp?, resource?, ...attributes}` with the same
 * recognised names (or mapping) as CSV; event lines are grouped like CSV rows (see assemble.ts).
 * Timestamps: ms since epoch (number) or a date/time text.
 */
import type { AttrValue, RecordedCase, RecordedEvent } from '../../model/types';
import { buildCase, CaseAssembler, DEFAULT_MAX_EVENTS_PER_CASE, LIFECYCLE_KEY, tooManyEvents } from '../assemble';
import { forbiddenName, fromJson, newAttrs } from '../dictionaries';
import { FingerprintSet } from '../fingerprints';
import { CaseShaper } from '../lifecycle';
import { decodeText, lineTooLong, MAX_LINE_CHARS, throwIfAborted } from '../text';
import { badRow, type ColumnMapping, type ImportOptions, type ImportSummary } from '../types';
import { TimestampReader } from '../time/timestampReader';
import { valueText } from '../values';
import { HeldLines } from './heldLines';

type Json = Record<string, unknown>;

export async function* readJsonlPlain(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary,
): AsyncGenerator<RecordedCase> {
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
  const time = new TimestampReader(options);
  let pending = '';
  let line = 0;
  let cases = 0;

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
    const clean = fromJson(value);
    if ('forbidden' in clean)
      return invalid(line, forbiddenName(clean.forbidden.split(/[.[]/).pop()!, `key "${clean.forbidden}": name`)!);
    const obj = clean.value as Json;
    if (Array.isArray(obj.events)) {
      // a line without a usable caseId is reported as such by caseLine (which then reads no event)
      const id = idText(obj.caseId);
      if (obj.events.length > maxEvents && id !== undefined && !unsafeNumber(obj.caseId))
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
        asm.out.push(buildCase(c.caseId, c.attributes, c.events, sort, shaper));
      }
    } else {
      eventLine(obj, keys, line, asm, invalid, time);
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
    if (pending.length > MAX_LINE_CHARS) throw tooLong();
    if (asm.out.length) for (const c of asm.out.splice(0)) yield c;
    options.onProgress?.({ bytes: counter.bytes, events: asm.events, cases: asm.cases + cases });
  }
  throwIfAborted(options.signal);
  if (pending !== '') held.add(pending);
  held.release();
  asm.finish();
  summary.notes.push(...time.notes());
  shaper.finish();
  for (const c of asm.out.splice(0)) yield c;
  options.onProgress?.({ bytes: counter.bytes, events: asm.events, cases: asm.cases + cases });
}

interface EventKeys {
  caseId: string[];
  activity: string[];
  timestamp: string[];
  resource: string[];
  lifecycle: string[];
  startTimestamp: string[];
  ignore: Set<string>;
}

function eventKeys(mapping: ColumnMapping | undefined): EventKeys {
  if (mapping) {
    const one = (k: string | undefined): string[] => (k ? [k] : []);
    return {
      caseId: [mapping.caseId],
      activity: [mapping.activity],
      timestamp: one(mapping.timestamp),
      resource: one(mapping.resource),
      lifecycle: one(mapping.lifecycle),
      startTimestamp: one(mapping.startTimestamp),
      ignore: new Set(mapping.ignore ?? []),
    };
  }
  return {
    caseId: ['caseId', 'case:concept:name', 'case_id', 'CaseID', 'case'],
    activity: ['activity', 'concept:name', 'Activity', 'ActivityID'],
    timestamp: ['timestamp', 'time:timestamp', 'CompleteTimestamp'],
    resource: ['resource', 'org:resource'],
    lifecycle: ['lifecycle', 'lifecycle:transition'],
    startTimestamp: ['start', 'start_timestamp', 'start:timestamp'],
    ignore: new Set(),
  };
}

function pick(obj: Json, names: string[]): [string, unknown] | undefined {
  for (const n of names) if (obj[n] !== undefined) return [n, obj[n]];
  return undefined;
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

function eventLine(
  obj: Json,
  keys: EventKeys,
  line: number,
  asm: CaseAssembler,
  invalid: (line: number, message: string) => void,
  time: TimestampReader,
): void {
  const id = pick(obj, keys.caseId);
  const caseId = id ? idText(id[1]) : undefined;
  if (id && unsafeNumber(id[1])) return invalid(line, `case id ${String(id[1])} ${UNSAFE_ID}`);
  if (caseId === undefined) return invalid(line, 'missing case id');
  const act = pick(obj, keys.activity);
  const activity = act ? idText(act[1]) : undefined;
  if (activity === undefined) return invalid(line, 'missing activity');
  const ts = pick(obj, keys.timestamp);
  const timestamp = jsonTimestamp(ts?.[1], time);
  if (timestamp === null) return invalid(line, `timestamp ${shown(ts?.[1])} ${time.problem}`);
  const st = pick(obj, keys.startTimestamp);
  const start = jsonTimestamp(st?.[1], time);
  if (start === null) return invalid(line, `start timestamp ${shown(st?.[1])} ${time.problem}`);
  const res = pick(obj, keys.resource);
  const lc = pick(obj, keys.lifecycle);
  const used = new Set([id![0], act![0], ts?.[0], res?.[0], lc?.[0], st?.[0]]);
  let attributes: Record<string, AttrValue> | undefined;
  let caseAttrs: Record<string, AttrValue> | undefined;
  for (const k in obj) {
    if (used.has(k) || keys.ignore.has(k)) continue;
    const v = obj[k] as AttrValue;
    if (k === 'attributes' && attrsOf(v)) Object.assign((attributes ??= newAttrs()), v);
    else if (k.startsWith('case:')) (caseAttrs ??= newAttrs())[k.slice(5)] = v;
    else (attributes ??= newAttrs())[k] = v;
  }
  if (lc) (attributes ??= newAttrs())[LIFECYCLE_KEY] = lc[1] as AttrValue;
  const resource = res && res[1] !== null ? valueText(res[1] as AttrValue) : undefined;
  const event: RecordedEvent = { activity, timestamp, resource, attributes };
  if (start !== undefined) event.start = start;
  const c = asm.add(caseId, event, line);
  c.caseAttrs ??= caseAttrs ?? newAttrs();
}
