import { describe, expect, it } from 'vitest';
import { readAll, readError, traces } from '../testing';
import { ImportError } from '../types';

const XES = { format: 'xes' } as const;

const log = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="2.0">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="concept:name" value="log name, not a case"/>
  <trace>
    <int key="concept:name" value="7"/>
    <string key="region" value="north"/>
    <float key="amount" value="40.5"/>
    <event>
      <string key="concept:name" value="Triage &amp; check"/>
      <date key="time:timestamp" value="2024-01-01T10:00:00.000+01:00"/>
      <string key="org:resource" value="ann"/>
      <string key="lifecycle:transition" value="complete"/>
      <boolean key="vip" value="true"/>
      <int key="amount" value="99"/>
      <id key="ref" value="a-1"/>
      <date key="due" value="2024-02-01T00:00:00Z"/>
      <list key="tags"><values><string key="t" value="x"/><int key="t" value="2"/></values></list>
      <container key="address"><string key="city" value="Oslo"/><int key="zip" value="150"/></container>
      <string key="note" value="hi"><int key="meta" value="1"/></string>
    </event>
    <event>
      <string key="concept:name" value="Refund"/>
      <date key="time:timestamp" value="2024-01-01T08:30:00Z"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="case-2"/>
    <event><string key="concept:name" value="Triage &amp; check"/></event>
  </trace>
</log>`;

describe('XES import', () => {
  it('reads traces as cases with typed attributes, lists and containers, whatever the chunking', async () => {
    const { cases } = await readAll(log, XES, 1 << 20);
    for (const size of [1, 3, 17]) expect((await readAll(log, XES, size)).cases).toEqual(cases);
    expect(cases).toHaveLength(2);
    const [c7] = cases;
    expect(c7!.caseId).toBe('7');
    expect(c7!.events[0]).toEqual({
      activity: 'Triage & check',
      timestamp: Date.UTC(2024, 0, 1, 9),
      resource: 'ann',
      attributes: {
        'lifecycle:transition': 'complete',
        vip: true,
        amount: 99,
        ref: 'a-1',
        due: new Date(Date.UTC(2024, 1, 1)),
        tags: ['x', 2],
        address: { city: 'Oslo', zip: 150 },
        note: 'hi',
      },
    });
    // trace attributes win over the first event's; lifecycle is not a case attribute
    expect(c7!.attributes).toEqual({
      region: 'north',
      amount: 40.5,
      vip: true,
      ref: 'a-1',
      due: new Date(Date.UTC(2024, 1, 1)),
      tags: ['x', 2],
      address: { city: 'Oslo', zip: 150 },
      note: 'hi',
    });
    expect(traces(cases)).toEqual({ '7': ['Triage & check', 'Refund'], 'case-2': ['Triage & check'] });
  });

  it('keeps file order unless asked to sort by timestamp', async () => {
    expect(traces((await readAll(log, { format: 'xes', sortByTimestamp: true })).cases)['7']).toEqual([
      'Refund',
      'Triage & check',
    ]);
  });

  it('names traces without concept:name by position, with a warning', async () => {
    const { cases, summary } = await readAll(
      '<log><trace><event><string key="concept:name" value="A"/></event></trace><trace/></log>',
      XES,
    );
    expect(cases.map((c) => c.caseId)).toEqual(['trace-1', 'trace-2']);
    expect(summary.warnings.join()).toMatch(/2 trace\(s\) have no concept:name/);
  });

  it('a string time:timestamp is parsed when it is a date, kept as text with a warning when not', async () => {
    const text = `<log><trace><string key="concept:name" value="t"/>
      <event><string key="concept:name" value="A"/><string key="time:timestamp" value="2019/11/03 01:11:19.000"/></event>
      <event><string key="concept:name" value="B"/><string key="time:timestamp" value="?"/></event></trace></log>`;
    const { cases, summary } = await readAll(text, XES);
    expect(cases[0]!.events.map((e) => e.timestamp)).toEqual([Date.UTC(2019, 10, 3, 1, 11, 19), undefined]);
    expect(cases[0]!.events[1]!.attributes).toEqual({ 'time:timestamp': '?' });
    expect(summary.warnings.join()).toMatch(/1 event\(s\) have a time:timestamp that is not a date/);
  });

  it('an event without activity or with an unreadable <date> timestamp is an error naming trace and event', async () => {
    const noName =
      '<log>\n<trace><string key="concept:name" value="T9"/>\n<event><string key="concept:name" value="A"/></event>\n<event><int key="x" value="1"/></event></trace></log>';
    const e = await readError(noName, XES);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toBe('trace 1 "T9" (line 2), event 2 (line 4): missing concept:name (the activity)');
    expect((e as ImportError).trace).toBe('T9');
    const badDate =
      '<log><trace><event><string key="concept:name" value="A"/><date key="time:timestamp" value="soon"/></event></trace></log>';
    expect((await readError(badDate, XES)).message).toMatch(
      /trace 1 \(line 1\), event 1 \(line 1\): time:timestamp "soon" is not a date/,
    );
    const skipped = await readAll(noName, { format: 'xes', skipInvalid: true });
    expect(traces(skipped.cases)).toEqual({ T9: ['A'] });
    expect(skipped.summary.skipped).toBe(1);
  });

  it.each([
    [
      'external entity (XXE)',
      '<?xml version="1.0"?><!DOCTYPE log [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><log><trace><string key="concept:name" value="&xxe;"/></trace></log>',
    ],
    [
      'billion laughs',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><log>&lol3;</log>',
    ],
  ])('refuses a DOCTYPE: %s', async (_name, text) => {
    const e = await readError(text, XES, 16);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toMatch(/declares a DOCTYPE.*refused/);
  });

  it('an undeclared entity is an XML error, never expanded', async () => {
    expect(
      (await readError('<log><trace><string key="concept:name" value="&foo;"/></trace></log>', XES)).message,
    ).toMatch(/XML error at line 1/);
  });

  it.each([
    ['truncated', log.slice(0, log.length / 2), /XML error/],
    ['mismatched tags', '<log><trace></event></log>', /XML error/],
    ['not XML', 'case,activity\nk,A\n', /XML error|not an XES log/],
    ['not a log', '<html><body/></html>', /not an XES log: the root element is <html>/],
    ['empty', '', /root element|not an XES log/],
  ])('malformed input ends in a clear error: %s', async (_name, text, message) => {
    const e = await readError(text, XES);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toMatch(message);
  });
});
