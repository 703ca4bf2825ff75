/**
 * TEST ORACLE ONLY: the saxes-based XES reader this project shipped until the dedicated scanner
 * (readXes.ts) replaced it. Kept unchanged so readXes.equality.test.ts can prove the two equal;
 * nothing outside tests imports it.
 * DOCTYPE (and with it any ENTITY declaration) is refused outright.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { AttrValue, RecordedCase, RecordedEvent } from '../../model/types';
import { buildCase, DEFAULT_MAX_EVENTS_PER_CASE, tooManyEvents } from '../assemble';
import { forbiddenName, newAttrs } from '../dictionaries';
import { CaseShaper, splitKeys } from '../lifecycle';
import { decodeText, throwIfAborted } from '../text';
import { badRow, ImportError, type ImportOptions, type ImportSummary } from '../types';
import { TimestampReader } from '../time/timestampReader';
import { COLLECTION_TYPES, SIMPLE_TYPES, simpleValue } from './attributes';

type Frame =
  | { kind: 'log' | 'trace' | 'event' | 'other' }
  | { kind: 'attr'; type: string; key: string; value: AttrValue; collection: 'list' | 'container' | null };

const ACTIVITY = 'concept:name';
const TIMESTAMP = 'time:timestamp';
const RESOURCE = 'org:resource';
/** pm4py's interval logs carry the instance's start as a date attribute of the complete event. */
const START = 'start_timestamp';

export async function* readXesSaxes(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary,
): AsyncGenerator<RecordedCase> {
  const counter = { bytes: 0 };
  const sort = !!options.sortByTimestamp;
  const time = new TimestampReader(options);
  const shaper = new CaseShaper({ classifier: options.classifier }, summary);
  const maxEvents = options.maxEventsPerCase ?? DEFAULT_MAX_EVENTS_PER_CASE;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [];
  const ready: RecordedCase[] = [];
  let traceNo = 0;
  let traceLine = 0;
  let traceAttrs: Record<string, AttrValue> = newAttrs();
  let events: RecordedEvent[] = [];
  let eventNo = 0;
  let eventLine = 0;
  let eventAttrs: Record<string, AttrValue> = newAttrs();
  let badDate: string | undefined; // a <date> time:timestamp of the open event that did not parse
  let inTrace = false;
  let sawLog = false;
  let eventCount = 0;
  let unnamedTraces = 0;
  let textTimestamps = 0;
  let unnamedEvents = 0;

  // The oracle is kept as it was, String() and all: a container concept:name throws a TypeError here
  // (readXes.equality.test.ts skips those inputs; readXes says "{…}").
  /* eslint-disable @typescript-eslint/no-base-to-string */
  const where = (): string => {
    const id = traceAttrs[ACTIVITY];
    return `trace ${traceNo}${id !== undefined ? ` "${String(id)}"` : ''} (line ${traceLine})`;
  };
  const currentTrace = (): string | undefined =>
    inTrace ? String(traceAttrs[ACTIVITY] ?? `trace-${traceNo}`) : undefined;
  /* eslint-enable @typescript-eslint/no-base-to-string */
  const fail = (message: string, line = parser.line): never => {
    throw new ImportError(message, { line, trace: currentTrace() });
  };

  parser.on('error', (e) =>
    fail(
      `XML error at line ${parser.line}, column ${parser.column}: ${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`,
    ),
  );
  parser.on('doctype', () =>
    fail(`line ${parser.line}: the file declares a DOCTYPE; XES needs none and DTDs (entities) are refused for safety`),
  );
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (name !== 'log') fail(`line ${parser.line}: not an XES log: the root element is <${name}>, expected <log>`);
      sawLog = true;
      stack.push({ kind: 'log' });
      return;
    }
    if (parent.kind === 'log' && name === 'trace') {
      traceNo++;
      traceLine = parser.line;
      inTrace = true;
      traceAttrs = newAttrs();
      events = [];
      eventNo = 0;
      stack.push({ kind: 'trace' });
      return;
    }
    if (parent.kind === 'trace' && name === 'event') {
      eventNo++;
      eventLine = parser.line;
      eventAttrs = newAttrs();
      badDate = undefined;
      stack.push({ kind: 'event' });
      return;
    }
    if (parent.kind === 'log' && name === 'classifier') {
      const cname = String(tag.attributes.name ?? '');
      const keys = splitKeys(String(tag.attributes.keys ?? ''));
      if (cname !== '' && keys.length && !shaper.declared.has(cname)) {
        shaper.declared.set(cname, keys);
        summary.classifiers.push({ name: cname, keys });
      }
    }
    const isSimple = SIMPLE_TYPES.has(name);
    if ((isSimple || COLLECTION_TYPES.has(name)) && parent.kind !== 'other' && parent.kind !== 'log') {
      const key = String(tag.attributes.key ?? '');
      const reserved = forbiddenName(key, `<${name}> key`);
      if (reserved) fail(`line ${parser.line}: ${reserved}`);
      const collection = isSimple ? null : (name as 'list' | 'container');
      const value: AttrValue = isSimple
        ? simpleValue(name, String(tag.attributes.value ?? ''), time)
        : collection === 'list'
          ? []
          : newAttrs();
      stack.push({ kind: 'attr', type: name, key, value, collection });
      return;
    }
    // <values> inside a list is transparent: its children belong to the list
    if (name === 'values' && parent.kind === 'attr' && parent.collection === 'list') {
      stack.push(parent);
      return;
    }
    stack.push({ kind: 'other' }); // extension, global, classifier, log attributes, unknown
  });
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (frame === parent) return; // closing a transparent <values>
    switch (frame.kind) {
      case 'attr':
        if (parent?.kind === 'trace') traceAttrs[frame.key] = frame.value;
        else if (parent?.kind === 'event') {
          eventAttrs[frame.key] = frame.value;
          if (frame.key === TIMESTAMP && frame.type === 'date' && typeof frame.value === 'string')
            badDate = frame.value;
        } else if (parent?.kind === 'attr' && parent.collection === 'list')
          (parent.value as AttrValue[]).push(frame.value);
        else if (parent?.kind === 'attr' && parent.collection === 'container')
          (parent.value as Record<string, AttrValue>)[frame.key] = frame.value;
        // children of a simple attribute are XES meta-attributes: not part of the value
        return;
      case 'event':
        closeEvent();
        return;
      case 'trace':
        closeTrace();
        return;
      default:
        return;
    }
  });

  function closeEvent(): void {
    const attrs = eventAttrs;
    const rawActivity = attrs[ACTIVITY];
    const at = `${where()}, event ${eventNo} (line ${eventLine})`;
    const unnamed = rawActivity === undefined || rawActivity === '' || typeof rawActivity === 'object';
    if (unnamed && options.keepUnnamedEvents) {
      unnamedEvents++;
    } else if (unnamed) {
      return badRow(
        summary,
        options.skipInvalid,
        eventLine,
        `${at}: missing concept:name (the activity)`,
        currentTrace() ?? '',
      );
    }
    if (badDate !== undefined) {
      time.read(badDate);
      return badRow(
        summary,
        options.skipInvalid,
        eventLine,
        `${at}: time:timestamp "${badDate.slice(0, 60)}" ${time.problem}`,
        currentTrace() ?? '',
      );
    }
    delete attrs[ACTIVITY];
    let timestamp: number | undefined;
    const rawTime = attrs[TIMESTAMP];
    if (rawTime instanceof Date) {
      timestamp = rawTime.getTime();
      delete attrs[TIMESTAMP];
    } else if (rawTime !== undefined) {
      // a <date> that did not parse, or a non-standard <string> time:timestamp
      const parsed = typeof rawTime === 'string' ? time.read(rawTime) : undefined;
      if (parsed !== undefined) {
        timestamp = parsed;
        delete attrs[TIMESTAMP];
      } else {
        textTimestamps++; // kept as a text attribute; the event has no timestamp (see summary)
      }
    }
    const rawStart = attrs[START];
    let start: number | undefined;
    if (rawStart instanceof Date) {
      start = rawStart.getTime();
      delete attrs[START];
    }
    const rawResource = attrs[RESOURCE];
    let resource: string | undefined;
    if (rawResource !== undefined && typeof rawResource !== 'object') {
      resource = String(rawResource);
      delete attrs[RESOURCE];
    }
    let hasAttrs = false;
    for (const _ in attrs) {
      hasAttrs = true;
      break;
    }
    if (events.length >= maxEvents) throw tooManyEvents(currentTrace() ?? `trace-${traceNo}`, maxEvents, eventLine);
    const event: RecordedEvent = {
      activity: unnamed ? '' : String(rawActivity),
      timestamp,
      resource,
      attributes: hasAttrs ? attrs : undefined,
    };
    if (start !== undefined) event.start = start;
    events.push(event);
    eventCount++;
  }

  function closeTrace(): void {
    const rawId = traceAttrs[ACTIVITY];
    let caseId: string;
    if (rawId === undefined || rawId === '' || typeof rawId === 'object') {
      unnamedTraces++;
      caseId = `trace-${traceNo}`;
    } else {
      caseId = String(rawId);
    }
    const caseAttrs = traceAttrs;
    delete caseAttrs[ACTIVITY];
    ready.push(buildCase(caseId, caseAttrs, events, sort, shaper));
    traceAttrs = newAttrs();
    inTrace = false;
  }

  let traces = 0;
  for await (const text of decodeText(bytes, options, counter)) {
    parser.write(text);
    if (ready.length) {
      traces += ready.length;
      for (const c of ready.splice(0)) yield c;
    }
    options.onProgress?.({ bytes: counter.bytes, events: eventCount, cases: traces });
  }
  throwIfAborted(options.signal);
  parser.close();
  if (!sawLog) throw new ImportError('not an XES log: the file holds no <log> element');
  traces += ready.length;
  for (const c of ready.splice(0)) yield c;
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
