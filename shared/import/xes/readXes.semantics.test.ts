/**
 * XES semantics the other XES tests leave out: reserved keys on every path (the scanner's fast
 * path and the general start tag), typed values that do not parse, nesting, classifiers,
 * special keys with meta-attributes, limits, progress and skipping. Expected values are worked
 * out by hand from IEEE 1849 / DESIGN.md and the reader's header, not taken from a run.
 */
import { describe, expect, it } from 'vitest';
import { readAll, readError, traces } from '../testing';
import { ImportError, type ImportOptions } from '../types';

type ImportProgress = Parameters<NonNullable<ImportOptions['onProgress']>>[0];

const XES = { format: 'xes' } as const;
const RESERVED = '(__proto__, constructor and prototype are reserved names); rename it in the source';

/** A log of one trace named T holding one event with `body` after its name. */
const oneEvent = (body: string): string =>
  `<log>\n<trace><string key="concept:name" value="T"/>\n<event><string key="concept:name" value="A"/>\n${body}\n</event>\n</trace>\n</log>`;

describe('XES reserved keys', () => {
  it.each([
    ['a self-closing event attribute (fast path)', '<string key="__proto__" value="x"/>', '<string> key "__proto__"'],
    [
      'a key before the value written with single quotes',
      `<int key='constructor' value='1'/>`,
      '<int> key "constructor"',
    ],
    ['the value before the key', '<string value="x" key="prototype"/>', '<string> key "prototype"'],
    [
      'an attribute with children',
      '<string key="__proto__" value="x"><int key="m" value="1"/></string>',
      '<string> key "__proto__"',
    ],
    ['a list', '<list key="constructor"></list>', '<list> key "constructor"'],
    ['inside a container', '<container key="c"><int key="prototype" value="1"/></container>', '<int> key "prototype"'],
  ])('refused in %s, naming line and trace', async (_name, body, what) => {
    for (const chunk of [1, 4096]) {
      const e = await readError(oneEvent(body), XES, chunk);
      expect(e).toBeInstanceOf(ImportError);
      expect(e.message).toBe(`line 4: ${what} is not allowed ${RESERVED}`);
      expect((e as ImportError).line).toBe(4);
      expect((e as ImportError).trace).toBe('T');
    }
  });

  it('refused as a trace attribute; an unnamed trace is named by position', async () => {
    const text = '<log>\n<trace>\n<float key="constructor" value="1"/>\n</trace>\n</log>';
    const e = (await readError(text, XES)) as ImportError;
    expect(e.message).toBe(`line 3: <float> key "constructor" is not allowed ${RESERVED}`);
    expect(e.trace).toBe('trace-1');
  });

  it('other keys of 9 or 11 characters are ordinary attributes', async () => {
    // org:group is 9 characters, cost:amount 11: the lengths of the reserved names
    const { cases } = await readAll(
      oneEvent(
        '<string key="org:group" value="g"/><int key="cost:amount" value="5"/><container key="c"><string key="abcdefghi" value="v"/></container>',
      ),
      XES,
    );
    expect(cases[0]!.events[0]!.attributes).toEqual({ 'org:group': 'g', 'cost:amount': 5, c: { abcdefghi: 'v' } });
    const trace = await readAll(
      '<log><trace><string key="concept:name" value="T"/><id key="org:group" value="7"/></trace></log>',
      XES,
    );
    expect(trace.cases[0]!.attributes).toEqual({ 'org:group': '7' });
  });
});

describe('XES typed values', () => {
  it('int, float and boolean that do not parse stay text; date of an ordinary key stays text', async () => {
    const { cases } = await readAll(
      oneEvent(
        [
          '<int key="i1" value=" 42 "/>',
          '<int key="i2" value=""/>',
          '<int key="i3" value="12abc"/>',
          '<float key="f1" value="1e3"/>',
          '<float key="f2" value="Infinity"/>',
          '<float key="f3" value="  "/>',
          '<float key="f4" value="-0.25"/>',
          '<boolean key="b1" value=" TRUE "/>',
          '<boolean key="b2" value="False"/>',
          '<boolean key="b3" value="yes"/>',
          '<date key="d1" value="not a date"/>',
          '<date key="d2" value="2020-02-29T23:59:59.5Z"/>',
          '<id key="x" value="007"/>',
          '<unknown key="u" value="ignored"/>',
        ].join('\n'),
      ),
      XES,
    );
    const a = cases[0]!.events[0]!.attributes!;
    expect(a).toEqual({
      i1: 42,
      i2: '',
      i3: '12abc',
      f1: 1000,
      f2: 'Infinity',
      f3: '  ',
      f4: -0.25,
      b1: true,
      b2: false,
      b3: 'yes',
      d1: 'not a date',
      d2: new Date(Date.UTC(2020, 1, 29, 23, 59, 59, 500)),
      x: '007',
    });
    expect(Object.keys(a)).toEqual(['i1', 'i2', 'i3', 'f1', 'f2', 'f3', 'f4', 'b1', 'b2', 'b3', 'd1', 'd2', 'x']);
  });

  it('the same typing inside lists and containers and for attributes with children', async () => {
    const body = [
      '<list key="l"><values>',
      '<int key="a" value="1"/><boolean key="b" value="true"/><date key="c" value="2021-03-04T05:06:07Z"/>',
      '<list key="inner"><values><float key="x" value="2.5"/></values></list>',
      '<container key="k"><int key="n" value="x"/></container>',
      '</values></list>',
      '<container key="box">',
      '<list key="ids"><id key="i" value="a"/><id key="i" value="b"/></list>',
      '<container key="deep"><boolean key="flag" value="false"/></container>',
      '<string key="s" value="v"><int key="meta" value="9"/></string>',
      '</container>',
      '<int key="withMeta" value="3"><string key="unit" value="kg"/></int>',
      '<date key="when" value="bad"><string key="m" value="1"/></date>',
    ].join('\n');
    for (const chunk of [1, 5, 4096]) {
      const { cases } = await readAll(oneEvent(body), XES, chunk);
      expect(cases[0]!.events[0]!.attributes).toEqual({
        l: [1, true, new Date(Date.UTC(2021, 2, 4, 5, 6, 7)), [2.5], { n: 'x' }],
        box: { ids: ['a', 'b'], deep: { flag: false }, s: 'v' },
        withMeta: 3,
        when: 'bad',
      });
    }
  });

  it('nested values as trace attributes', async () => {
    const text = `<log><trace><string key="concept:name" value="T"/>
      <list key="tags"><values><string key="t" value="x"/></values></list>
      <container key="c"><int key="n" value="4"/></container>
      <int key="n" value="5"><string key="meta" value="m"/></int>
      <event><string key="concept:name" value="A"/><int key="n" value="6"/></event></trace></log>`;
    const { cases } = await readAll(text, XES);
    expect(cases[0]!.attributes).toEqual({ tags: ['x'], c: { n: 4 }, n: 5 });
    expect(cases[0]!.events[0]!.attributes).toEqual({ n: 6 });
  });
});

describe('XES special keys', () => {
  it('time:timestamp and start_timestamp with meta-attributes are still the times', async () => {
    const { cases } = await readAll(
      oneEvent(
        '<date key="start_timestamp" value="2024-05-06T07:00:00Z"><string key="m" value="1"/></date><date key="time:timestamp" value="2024-05-06T07:30:00+02:00"><string key="m" value="2"/></date>',
      ),
      XES,
    );
    expect(cases[0]!.events[0]).toEqual({
      activity: 'A',
      timestamp: Date.UTC(2024, 4, 6, 5, 30),
      start: Date.UTC(2024, 4, 6, 7),
      resource: undefined,
      attributes: undefined,
    });
  });

  it('an unreadable <date> time:timestamp with meta-attributes is the same error as without', async () => {
    const e = await readError(
      oneEvent('<date key="time:timestamp" value="soon"><string key="m" value="1"/></date>'),
      XES,
    );
    expect(e.message).toMatch(/^trace 1 "T" \(line 2\), event 1 \(line 3\): time:timestamp "soon" /);
    expect((e as ImportError).trace).toBe('T');
  });

  it('a start_timestamp that is not a date, or is a list, stays an attribute where it first appeared', async () => {
    const { cases } = await readAll(
      oneEvent('<string key="a" value="1"/><date key="start_timestamp" value="whenever"/><string key="b" value="2"/>'),
      XES,
    );
    const e = cases[0]!.events[0]!;
    expect(e.start).toBeUndefined();
    expect(Object.entries(e.attributes!)).toEqual([
      ['a', '1'],
      ['start_timestamp', 'whenever'],
      ['b', '2'],
    ]);
    const list = await readAll(
      oneEvent('<list key="start_timestamp"><int key="x" value="1"/></list><string key="z" value="z"/>'),
      XES,
    );
    expect(Object.entries(list.cases[0]!.events[0]!.attributes!)).toEqual([
      ['start_timestamp', [1]],
      ['z', 'z'],
    ]);
    const str = await readAll(oneEvent('<string key="start_timestamp" value="2024-01-02T03:04:05Z"/>'), XES);
    // a start_timestamp typed string is kept as text (only <date> fills start)
    expect(str.cases[0]!.events[0]!.start).toBeUndefined();
    expect(str.cases[0]!.events[0]!.attributes).toEqual({ start_timestamp: '2024-01-02T03:04:05Z' });
  });

  it('org:resource of another type becomes text; a list resource stays an attribute', async () => {
    const { cases } = await readAll(oneEvent('<int key="org:resource" value="17"/>'), XES);
    expect(cases[0]!.events[0]!.resource).toBe('17');
    expect(cases[0]!.events[0]!.attributes).toBeUndefined();
    const list = await readAll(
      oneEvent('<string key="a" value="1"/><list key="org:resource"><string key="r" value="ann"/></list>'),
      XES,
    );
    const e = list.cases[0]!.events[0]!;
    expect(e.resource).toBeUndefined();
    expect(Object.entries(e.attributes!)).toEqual([
      ['a', '1'],
      ['org:resource', ['ann']],
    ]);
  });

  it('a later valid <date> time:timestamp replaces an earlier text one; an int one is kept as text', async () => {
    const { cases, summary } = await readAll(
      oneEvent('<string key="time:timestamp" value="?"/><date key="time:timestamp" value="2022-12-31T23:00:00Z"/>'),
      XES,
    );
    expect(cases[0]!.events[0]!.timestamp).toBe(Date.UTC(2022, 11, 31, 23));
    expect(cases[0]!.events[0]!.attributes).toBeUndefined();
    expect(summary.warnings).toEqual([]);
    const int = await readAll(oneEvent('<int key="time:timestamp" value="5"/>'), XES);
    expect(int.cases[0]!.events[0]!.timestamp).toBeUndefined();
    expect(int.cases[0]!.events[0]!.attributes).toEqual({ 'time:timestamp': 5 });
    expect(int.summary.warnings).toEqual([
      '1 event(s) have a time:timestamp that is not a date (e.g. "?"); they have no timestamp and keep the text as an attribute',
    ]);
  });

  it('a concept:name that is a list or container does not name the trace or the event', async () => {
    const text =
      '<log>\n<trace><list key="concept:name"><string key="x" value="a"/></list>\n<event><container key="concept:name"><string key="y" value="b"/></container></event>\n</trace>\n</log>';
    const e = (await readError(text, XES)) as ImportError;
    expect(e.message).toBe('trace 1 "a" (line 2), event 1 (line 3): missing concept:name (the activity)');
    expect(e.trace).toBe('a');
    const kept = await readAll(text, { format: 'xes', keepUnnamedEvents: true });
    expect(kept.cases.map((c) => c.caseId)).toEqual(['trace-1']);
    expect(kept.cases[0]!.events[0]!.activity).toBe('');
    expect(kept.summary.warnings).toEqual([
      '1 trace(s) have no concept:name; their case id is their position in the file: trace-<n> (1-based)',
      '1 event(s) have no concept:name; they count as events without an activity',
    ]);
    const box = await readError(
      '<log>\n<trace><container key="concept:name"><string key="y" value="b"/></container>\n<event/>\n</trace>\n</log>',
      XES,
    );
    expect(box.message).toBe('trace 1 "{…}" (line 2), event 1 (line 3): missing concept:name (the activity)');
  });
});

describe('XES log header', () => {
  const header = `<log xes.version="2.0">
<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
<global scope="trace"><string key="concept:name" value="GLOBAL"/></global>
<global scope="event"><string key="concept:name" value="GLOBAL"/><string key="org:resource" value="nobody"/></global>
<classifier name="Both" keys="concept:name org:resource"/>
<classifier name="Both" keys="org:resource"/>
<classifier name="" keys="concept:name"/>
<classifier name="NoKeys" keys=""/>
<classifier name="NoKeysAttr"/>
<classifier keys="concept:name"/>
<classifier name="Quoted" keys="'my key' concept:name"/>
<string key="concept:name" value="the log"/>
<trace><string key="concept:name" value="T"/>
<event><string key="concept:name" value="A"/><string key="org:resource" value="ann"/><string key="my key" value="v w"/></event>
<event><string key="concept:name" value="B"/></event>
</trace></log>`;

  it('lists declared classifiers with names and keys, first declaration wins', async () => {
    const { cases, summary } = await readAll(header, XES);
    expect(summary.classifiers).toEqual([
      { name: 'Both', keys: ['concept:name', 'org:resource'] },
      { name: 'Quoted', keys: ['my key', 'concept:name'] },
    ]);
    // globals are defaults for the schema, not values: they name nothing
    expect(traces(cases)).toEqual({ T: ['A', 'B'] });
    expect(cases[0]!.events[1]!.resource).toBeUndefined();
    expect(cases[0]!.attributes).toEqual({ 'my key': 'v w' });
  });

  it('a declared classifier names activities from its keys', async () => {
    expect(traces((await readAll(header, { format: 'xes', classifier: 'Both' })).cases)).toEqual({
      T: ['A+ann', 'B+'],
    });
    expect(traces((await readAll(header, { format: 'xes', classifier: 'Quoted' })).cases)).toEqual({
      T: ['v w+A', '+B'],
    });
    // NoKeys was not declared (no keys): read as the key "NoKeys", which no event has
    expect(traces((await readAll(header, { format: 'xes', classifier: 'NoKeys' })).cases)).toEqual({ T: ['', ''] });
  });
});

describe('XES limits, progress and skipping', () => {
  const two = (name: string): string =>
    `<log>\n<trace>${name}\n<event><string key="concept:name" value="A"/></event>\n<event><string key="concept:name" value="B"/></event>\n</trace>\n</log>`;
  const tail =
    'events; that is more than a case should hold (a runaway export, or the wrong case id column?). If it is real, raise the limit (maxEventsPerCase, --max-events-per-case)';

  it('maxEventsPerCase: the event beyond the limit is an error naming its line and the case', async () => {
    const e = (await readError(two('<string key="concept:name" value="T"/>'), {
      format: 'xes',
      maxEventsPerCase: 1,
    })) as ImportError;
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toBe(`line 4: case "T" has more than 1 ${tail}`);
    expect(e.line).toBe(4);
    const unnamed = await readError(two(''), { format: 'xes', maxEventsPerCase: 1 });
    expect(unnamed.message).toBe(`line 4: case "trace-1" has more than 1 ${tail}`);
    const long = await readError(two(`<string key="concept:name" value="${'x'.repeat(100)}"/>`), {
      format: 'xes',
      maxEventsPerCase: 1,
    });
    expect(long.message).toBe(`line 4: case "${'x'.repeat(80)}" has more than 1 ${tail}`);
    expect(traces((await readAll(two(''), { format: 'xes', maxEventsPerCase: 2 })).cases)).toEqual({
      'trace-1': ['A', 'B'],
    });
  });

  it('maxEventsPerCase counts per trace and prints the limit with thousands separators', async () => {
    const events = (n: number): string =>
      Array.from({ length: n }, () => '<event><string key="concept:name" value="A"/></event>').join('');
    const text = `<log><trace>${events(1234)}</trace><trace>${events(1234)}</trace><trace>\n${events(1235)}</trace></log>`;
    const e = await readError(text, { format: 'xes', maxEventsPerCase: 1234 });
    expect(e.message).toBe(`line 2: case "trace-3" has more than 1,234 ${tail}`);
  });

  it('onProgress reports bytes read, events and traces after each chunk and at the end', async () => {
    const text = two('<string key="concept:name" value="T"/>');
    const bytes = new TextEncoder().encode(text).length;
    const calls: ImportProgress[] = [];
    await readAll(text, { format: 'xes', onProgress: (p) => calls.push({ ...p }) }, 1 << 20);
    expect(calls).toEqual([
      { bytes, events: 2, cases: 1 },
      { bytes, events: 2, cases: 1 },
    ]);
    const small: ImportProgress[] = [];
    await readAll(text, { format: 'xes', onProgress: (p) => small.push({ ...p }) }, 10);
    expect(small[0]).toEqual({ bytes: 10, events: 0, cases: 0 });
    expect(small.at(-1)).toEqual({ bytes, events: 2, cases: 1 });
  });

  it('skipInvalid lists each skipped event with its line and reason', async () => {
    const text =
      '<log>\n<trace><string key="concept:name" value="T"/>\n<event><int key="x" value="1"/></event>\n<event><string key="concept:name" value="A"/><date key="time:timestamp" value="2024-13-01T00:00:00Z"/></event>\n<event><string key="concept:name" value="B"/></event>\n</trace>\n</log>';
    const { cases, summary } = await readAll(text, { format: 'xes', skipInvalid: true });
    expect(traces(cases)).toEqual({ T: ['B'] });
    expect(summary.skipped).toBe(2);
    expect(summary.skippedRows[0]).toEqual({
      line: 3,
      reason: 'trace 1 "T" (line 2), event 1 (line 3): missing concept:name (the activity)',
    });
    expect(summary.skippedRows[1]!.line).toBe(4);
    expect(summary.skippedRows[1]!.reason).toMatch(
      /^trace 1 "T" \(line 2\), event 2 \(line 4\): time:timestamp "2024-13-01T00:00:00Z" /,
    );
  });
});

describe('XES: kept special keys, notes and ordering', () => {
  it('special keys kept as attributes go back where each first appeared, among the others', async () => {
    const { cases, summary } = await readAll(
      oneEvent(
        [
          '<string key="time:timestamp" value="?"/>',
          '<string key="a" value="1"/>',
          '<list key="org:resource"><string key="r" value="x"/></list>',
          '<date key="start_timestamp" value="later"/>',
          '<string key="b" value="2"/>',
          '<string key="time:timestamp" value="still not"/>',
        ].join(''),
      ),
      XES,
    );
    const e = cases[0]!.events[0]!;
    expect(e.timestamp).toBeUndefined();
    expect(Object.entries(e.attributes!)).toEqual([
      ['time:timestamp', 'still not'],
      ['a', '1'],
      ['org:resource', ['x']],
      ['start_timestamp', 'later'],
      ['b', '2'],
    ]);
    expect(summary.warnings).toEqual([
      '1 event(s) have a time:timestamp that is not a date (e.g. "?"); they have no timestamp and keep the text as an attribute',
    ]);
  });

  it('dates without an offset are read in the chosen zone and said so; sortByTimestamp is recorded', async () => {
    const text = oneEvent('<date key="time:timestamp" value="2024-07-01T12:00:00"/>');
    const { cases, summary } = await readAll(text, {
      format: 'xes',
      timeZone: 'Europe/Amsterdam',
      sortByTimestamp: true,
    });
    expect(cases[0]!.events[0]!.timestamp).toBe(Date.UTC(2024, 6, 1, 10)); // CEST, +2 h
    expect(summary.notes).toEqual(['1 timestamp(s) carry no UTC offset and were read in Europe/Amsterdam']);
    expect(summary.ordering).toBe('timestamp');
  });
});
