/**
 * JSONL: the exact messages for every refused line, the default and mapped key names, case
 * attributes of event lines, limits and progress. Expected values are derived by hand from the
 * reader's header and DESIGN.md ("Recorded cases").
 */
import { describe, expect, it } from 'vitest';
import { readAll, readError, traces } from '../testing';
import { ImportError, type ImportOptions } from '../types';

const JSONL = { format: 'jsonl' } as const;
const RESERVED = 'is not allowed (__proto__, constructor and prototype are reserved names); rename it in the source';
const UNSAFE =
  'is a number beyond 2^53, so digits may have been lost and distinct cases merged; write case ids as JSON strings';
const RANGE = 'a number beyond the range of dates (ms since 1970 must be within ±8.64e15)';

type ImportProgress = Parameters<NonNullable<ImportOptions['onProgress']>>[0];

describe('JSONL refused lines: exact messages', () => {
  it.each([
    [
      'an event line with an unsafe numeric case id',
      '{"caseId":9007199254740993,"activity":"A"}',
      `case id 9007199254740992 ${UNSAFE}`,
    ],
    [
      'a whole-case line with an unsafe numeric caseId',
      '{"caseId":9007199254740992,"events":[]}',
      `caseId 9007199254740992 ${UNSAFE}`,
    ],
    [
      'a timestamp that overflowed',
      '{"caseId":"a","activity":"A","timestamp":1e999}',
      `timestamp number overflows to ${RANGE}`,
    ],
    [
      'a timestamp beyond the Date range',
      '{"caseId":"a","activity":"A","timestamp":9e15}',
      `timestamp 9000000000000000 is ${RANGE}`,
    ],
    [
      'an array timestamp',
      '{"caseId":"a","activity":"A","timestamp":[1]}',
      'timestamp [1] is a JSON array, not a date/time',
    ],
    [
      'an object timestamp',
      '{"caseId":"a","activity":"A","timestamp":{"t":1}}',
      'timestamp {"t":1} is a JSON object, not a date/time',
    ],
    [
      'a boolean timestamp',
      '{"caseId":"a","activity":"A","timestamp":true}',
      'timestamp true is a JSON boolean, not a date/time',
    ],
    [
      'a long text timestamp (shown cut at 60 characters)',
      `{"caseId":"a","activity":"A","timestamp":"${'x'.repeat(70)}"}`,
      `timestamp "${'x'.repeat(59)}… is not a date/time`,
    ],
    [
      'an unreadable start',
      '{"caseId":"a","activity":"A","start":"nope"}',
      'start timestamp "nope" is not a date/time',
    ],
    ['an empty case id', '{"caseId":"","activity":"A"}', 'missing case id'],
    ['a boolean activity', '{"caseId":"a","activity":true}', 'missing activity'],
    [
      'a reserved top-level key',
      '{"constructor":1,"caseId":"a","activity":"A"}',
      `key "constructor": name "constructor" ${RESERVED}`,
    ],
    [
      'a reserved nested key',
      '{"caseId":"a","activity":"A","x":{"y":[{"__proto__":1}]}}',
      `key "x.y[0].__proto__": name "__proto__" ${RESERVED}`,
    ],
    [
      'a reserved key in a whole-case line',
      '{"caseId":"a","events":[{"activity":"A","attributes":{"prototype":1}}]}',
      `key "events[0].attributes.prototype": name "prototype" ${RESERVED}`,
    ],
    [
      'a whole-case event with an unreadable start',
      '{"caseId":"c","events":[{"activity":"A"},{"activity":"B","start":"nope"}]}',
      'case "c", event 2: start "nope" is not a date/time',
    ],
    [
      'a whole-case event with a bad timestamp',
      '{"caseId":"c","events":[{"activity":"A","timestamp":false}]}',
      'case "c", event 1: timestamp false is a JSON boolean, not a date/time',
    ],
    [
      'a whole-case event that is not an object',
      '{"caseId":"c","events":[{"activity":"A"},"B"]}',
      'case "c", event 2: missing activity',
    ],
    ['a JSON string line', '"just text"', 'expected a JSON object'],
    ['a JSON null line', 'null', 'expected a JSON object'],
  ])('%s', async (_name, text, reason) => {
    // the bad line is line 3: a valid line and a blank line come first
    const e = await readError(`{"caseId":"ok","activity":"A"}\n   \n${text}\n`, JSONL);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toBe(`line 3: ${reason}`);
    expect((e as ImportError).line).toBe(3);
    expect((e as ImportError).skippable).toBe(true);
  });

  it('a safe integer case id is read as its digits', async () => {
    const { cases } = await readAll('{"caseId":9007199254740991,"activity":"A"}', JSONL);
    expect(cases.map((c) => c.caseId)).toEqual(['9007199254740991']);
  });

  it('a case on two whole-case lines is refused on the second; skipped, the first is kept', async () => {
    const line = '{"caseId":"c","events":[{"activity":"A"}]}';
    const text = `${line}\n{"caseId":"d","events":[]}\n${line.replace('"A"', '"B"')}\n`;
    const e = await readError(text, JSONL);
    expect(e.message).toBe(
      'line 3: case "c" was already read from an earlier whole-case line; one line must hold the whole case (merge the lines, or write one event per line)',
    );
    const { cases, summary } = await readAll(text, { format: 'jsonl', skipInvalid: true });
    expect(traces(cases)).toEqual({ c: ['A'], d: [] });
    expect(summary.skipped).toBe(1);
    expect(summary.skippedRows).toEqual([
      {
        line: 3,
        reason:
          'case "c" was already read from an earlier whole-case line; one line must hold the whole case (merge the lines, or write one event per line)',
      },
    ]);
  });

  it('skipInvalid drops only the bad events of a whole-case line', async () => {
    const text =
      '{"caseId":"c","events":[{"activity":"A"},{"timestamp":1},{"activity":"C","start":[]}, {"activity":"D"}]}';
    const { cases, summary } = await readAll(text, { format: 'jsonl', skipInvalid: true });
    expect(traces(cases)).toEqual({ c: ['A', 'D'] });
    expect(summary.skippedRows).toEqual([
      { line: 1, reason: 'case "c", event 2: missing activity' },
      { line: 1, reason: 'case "c", event 3: start [] is a JSON array, not a date/time' },
    ]);
  });

  it('a whole-case line with more events than maxEventsPerCase is an error naming it; as many is fine', async () => {
    const text =
      '{"caseId":"ok","events":[{"activity":"A"},{"activity":"B"}]}\n{"caseId":"big","events":[{"activity":"A"},{"activity":"B"},{"activity":"C"}]}\n';
    const e = (await readError(text, { format: 'jsonl', maxEventsPerCase: 2 })) as ImportError;
    expect(e.message).toBe(
      'line 2: case "big" has more than 2 events; that is more than a case should hold (a runaway export, or the wrong case id column?). If it is real, raise the limit (maxEventsPerCase, --max-events-per-case)',
    );
    expect(e.line).toBe(2);
    expect(traces((await readAll(text, { format: 'jsonl', maxEventsPerCase: 3 })).cases)).toEqual({
      ok: ['A', 'B'],
      big: ['A', 'B', 'C'],
    });
  });

  it('a whole-case line with too many events and no usable caseId is refused for its caseId, not as case "undefined"', async () => {
    const three = '"events":[{"activity":"A"},{"activity":"B"},{"activity":"C"}]';
    const noId = (await readError(`{${three}}\n`, { format: 'jsonl', maxEventsPerCase: 2 })) as ImportError;
    expect(noId.message).toBe('line 1: case has no caseId');
    const unsafe = (await readError(`{"caseId":9007199254740993,${three}}\n`, {
      format: 'jsonl',
      maxEventsPerCase: 2,
    })) as ImportError;
    expect(unsafe.message).toMatch(/^line 1: caseId 9007199254740992 is a number beyond 2\^53/);
  });

  it('a line longer than 16 MiB after a first line names line 2', async () => {
    const text = '{"caseId":"a","activity":"A"}\n{"x":"' + 'y'.repeat(17 * 1024 * 1024);
    const e = await readError(text, JSONL, 1 << 20);
    expect(e.message).toBe(
      'line 2: longer than 16 MiB without a line break; this does not look like an event log (wrong format, or a quote left open?)',
    );
    expect((e as ImportError).line).toBe(2);
  });
});

describe('JSONL event lines: names and attributes', () => {
  it('recognises the other default names; the first listed name of a role wins', async () => {
    const line = {
      CaseID: 'k',
      ActivityID: 'Check',
      CompleteTimestamp: '2024-02-03 04:05:06',
      'start:timestamp': '2024-02-03 04:00:00',
      'lifecycle:transition': 'complete',
      'org:resource': 7,
      note: null,
    };
    const { cases, summary } = await readAll(JSON.stringify(line), JSONL);
    expect(cases).toEqual([
      {
        caseId: 'k',
        attributes: { note: null },
        events: [
          {
            activity: 'Check',
            timestamp: Date.UTC(2024, 1, 3, 4, 5, 6),
            start: Date.UTC(2024, 1, 3, 4),
            resource: '7',
            attributes: { note: null, 'lifecycle:transition': 'complete' },
          },
        ],
      },
    ]);
    expect(summary.notes).toEqual([
      '2 timestamp(s) carry no UTC offset and were read in UTC (choose another time zone at import if they are local times)',
    ]);
    expect(summary.lifecycle).toEqual({ complete: 1 });
    // caseId comes before case:concept:name in the list; the other is then a case: attribute
    const both = await readAll('{"case:concept:name":"x","caseId":"y","activity":"A","resource":null}', JSONL);
    expect(both.cases).toEqual([
      {
        caseId: 'y',
        attributes: { 'concept:name': 'x' },
        events: [{ activity: 'A', timestamp: undefined, resource: undefined, attributes: undefined }],
      },
    ]);
  });

  it('an "attributes" object merges into the event attributes; any other "attributes" value is an attribute', async () => {
    const text =
      '{"caseId":"a","activity":"A","attributes":{"x":1,"n":{"m":[2]}},"y":2,"case:z":3,"timestamp":""}\n{"caseId":"b","activity":"B","attributes":"s"}';
    const { cases } = await readAll(text, JSONL);
    expect(cases[0]).toEqual({
      caseId: 'a',
      attributes: { x: 1, n: { m: [2] }, y: 2, z: 3 },
      events: [{ activity: 'A', timestamp: undefined, resource: undefined, attributes: { x: 1, n: { m: [2] }, y: 2 } }],
    });
    expect(cases[1]!.events[0]!.attributes).toEqual({ attributes: 's' });
  });

  it('mapped resource, lifecycle and start keys; the classifier may use the mapped names', async () => {
    const mapping = { caseId: 't', activity: 'step', resource: 'who', lifecycle: 'lc', startTimestamp: 's' };
    const text =
      '{"t":"x","step":"Go","who":"ann","lc":"complete","s":1000,"timestamp":"kept"}\n{"t":"x","step":"Stop","who":"bob"}';
    const { cases } = await readAll(text, { format: 'jsonl', mapping });
    expect(cases[0]!.events).toEqual([
      {
        activity: 'Go',
        timestamp: undefined,
        start: 1000,
        resource: 'ann',
        attributes: { timestamp: 'kept', 'lifecycle:transition': 'complete' },
      },
      { activity: 'Stop', timestamp: undefined, resource: 'bob', attributes: undefined },
    ]);
    const classified = await readAll(text, { format: 'jsonl', mapping, classifier: 'who step lc' });
    expect(traces(classified.cases)).toEqual({ x: ['ann+Go+complete', 'bob+Stop+'] });
    // a mapped name that only an inherited member has is not found
    const inherited = await readError('{"activity":"A"}', {
      format: 'jsonl',
      mapping: { caseId: 'toString', activity: 'activity' },
    });
    expect(inherited.message).toBe('line 1: missing case id');
  });
});

describe('JSONL progress', () => {
  it('counts the events and cases of whole-case and event lines', async () => {
    // 2,000 blank lines first: the lines of the date-order sample are held until then (heldLines.ts)
    const text =
      '\n'.repeat(2000) +
      '{"caseId":"w","events":[{"activity":"A"},{"activity":"B"}]}\n{"caseId":"e","activity":"C"}\n';
    const bytes = new TextEncoder().encode(text).length;
    const calls: ImportProgress[] = [];
    await readAll(text, { format: 'jsonl', onProgress: (p) => calls.push({ ...p }) }, 1 << 20);
    // after the chunk: case w was emitted, case e is still open; at the end both are
    expect(calls).toEqual([
      { bytes, events: 3, cases: 1 },
      { bytes, events: 3, cases: 2 },
    ]);
  });
});
