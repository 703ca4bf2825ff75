import { describe, expect, it } from 'vitest';
import { readAll, readError, traces } from '../testing';
import { ImportError } from '../types';

const CSV = { format: 'csv' } as const;

describe('CSV import: parsing', () => {
  const log = [
    'case:concept:name,concept:name,time:timestamp,org:resource,amount,note,case:region',
    'c1,Triage,2024-01-01T10:00:00Z,ann,40,"plain",north',
    'c1,Refund,2024-01-01T11:00:00Z,bob,40,"two\nlines, and a comma",north',
    'c2,Triage,2024-01-02T10:00:00Z,ann,700,"say ""hi""",south',
  ].join('\r\n');

  it('reads the same cases whatever the chunking (CRLF and multi-byte characters split across chunks)', async () => {
    const expected = (await readAll(log, CSV, 1 << 20)).cases;
    for (const size of [1, 2, 3, 5, 64]) expect((await readAll(log, CSV, size)).cases).toEqual(expected);
    expect(traces(expected)).toEqual({ c1: ['Triage', 'Refund'], c2: ['Triage'] });
    expect(expected[0]!.events[1]!.attributes).toEqual({ amount: 40, note: 'two\nlines, and a comma' });
    expect(expected[1]!.events[0]!.attributes!.note).toBe('say "hi"');
    const withUnicode = log.replace('ann', 'Ånnë 😀');
    for (const size of [1, 2, 3])
      expect((await readAll(withUnicode, CSV, size)).cases[0]!.events[0]!.resource).toBe('Ånnë 😀');
  });

  it('maps recognised columns, types values, and builds case attributes from case: columns + the first event', async () => {
    const [c1] = (await readAll(log, CSV)).cases;
    expect(c1).toEqual({
      caseId: 'c1',
      attributes: { amount: 40, note: 'plain', region: 'north' },
      events: [
        {
          activity: 'Triage',
          timestamp: Date.UTC(2024, 0, 1, 10),
          resource: 'ann',
          attributes: { amount: 40, note: 'plain' },
        },
        {
          activity: 'Refund',
          timestamp: Date.UTC(2024, 0, 1, 11),
          resource: 'bob',
          attributes: { amount: 40, note: 'two\nlines, and a comma' },
        },
      ],
    });
  });

  it('the case-level value wins over the first event on a clash', async () => {
    const text = 'case,activity,tier,case:tier\nk,A,event-level,case-level\n';
    expect((await readAll(text, CSV)).cases[0]!.attributes).toEqual({ tier: 'case-level' });
  });

  it.each([
    [';', 'case_id;activity;timestamp\nx;A;2024-01-01 10:00:00\nx;B;2024-01-01 11:00:00\n'],
    ['\t', 'CaseID\tActivityID\tCompleteTimestamp\nx\tA\t2024-01-01 10:00:00\nx\tB\t2024-01-01 11:00:00\n'],
    [',', '\uFEFFcase,Activity,timestamp\nx,A,2024-01-01 10:00:00\nx,B,2024-01-01 11:00:00'],
  ])('guesses the delimiter %j, strips a BOM, recognises the other common names', async (_d, text) => {
    const { cases } = await readAll(text, CSV, 3);
    expect(traces(cases)).toEqual({ x: ['A', 'B'] });
    expect(cases[0]!.events[1]!.timestamp).toBe(Date.UTC(2024, 0, 1, 11));
  });

  it('uses an explicit mapping (with ignored columns and a given delimiter)', async () => {
    const text = 'ticket|step|when|who|secret|prio\nT1|Open|2024-01-01T00:00:00Z|ann|x|2\n';
    const { cases } = await readAll(text, {
      format: 'csv',
      mapping: {
        caseId: 'ticket',
        activity: 'step',
        timestamp: 'when',
        resource: 'who',
        ignore: ['secret'],
        delimiter: '|',
      },
    });
    expect(cases).toEqual([
      {
        caseId: 'T1',
        attributes: { prio: 2 },
        events: [{ activity: 'Open', timestamp: Date.UTC(2024, 0, 1), resource: 'ann', attributes: { prio: 2 } }],
      },
    ]);
  });

  it('keeps lifecycle as an event attribute but not as a case attribute; folds a start into its complete', async () => {
    const text = 'case,activity,lifecycle:transition,cost\nk,A,start,1\nk,A,complete,2\n';
    const [c] = (await readAll(text, CSV)).cases;
    expect(c!.events).toEqual([
      {
        activity: 'A',
        timestamp: undefined,
        start: undefined,
        resource: undefined,
        attributes: { 'lifecycle:transition': 'complete', cost: 2 },
      },
    ]);
    expect(c!.attributes).toEqual({ cost: 1 }); // the first event in the file, as DESIGN says
  });
});

describe('CSV import: case grouping and order', () => {
  const interleaved =
    'case,activity,timestamp\na,A1,2024-01-01T03:00:00Z\nb,B1,2024-01-01T01:00:00Z\na,A2,2024-01-01T02:00:00Z\nb,B2,2024-01-01T04:00:00Z\n';

  it('groups rows of a case that are not contiguous and keeps file order by default', async () => {
    const { cases, summary } = await readAll(interleaved, CSV);
    expect(traces(cases)).toEqual({ a: ['A1', 'A2'], b: ['B1', 'B2'] });
    expect(summary.ordering).toBe('file');
  });

  it('sorts each case by timestamp, stably, when asked', async () => {
    const { cases, summary } = await readAll(interleaved + 'a,A3,2024-01-01T02:00:00Z\n', {
      format: 'csv',
      sortByTimestamp: true,
    });
    expect(traces(cases)).toEqual({ a: ['A2', 'A3', 'A1'], b: ['B1', 'B2'] });
    expect(summary.ordering).toBe('timestamp');
  });

  it('emits cases of a contiguous log before the end (bounded memory), in file order', async () => {
    const rows = ['case,activity'];
    for (let i = 0; i < 30; i++) rows.push(`c${i},A`, `c${i},B`);
    const seen: string[] = [];
    const { cases } = await readAll(rows.join('\n'), { format: 'csv', maxOpenEvents: 4 });
    for (const c of cases) seen.push(c.caseId);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `c${i}`));
  });

  it('a case that comes back after it was emitted is an error naming the line, never a split case', async () => {
    const rows = ['case,activity', 'a,A1'];
    for (let i = 0; i < 10; i++) rows.push(`x${i},X`);
    rows.push('a,A2');
    const e = await readError(rows.join('\n'), { format: 'csv', maxOpenEvents: 5 });
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toMatch(/line 13: case "a" continues after it was already emitted/);
    // with room for the overlap it is read correctly
    expect(traces((await readAll(rows.join('\n'), CSV)).cases).a).toEqual(['A1', 'A2']);
  });
});

describe('CSV import: invalid input', () => {
  it.each([
    ['case,activity,timestamp\nk,,2024-01-01\n', /line 2: missing activity/],
    ['case,activity,timestamp\n,A,2024-01-01\n', /line 2: missing case id/],
    ['case,activity,timestamp\nk,A,2024-01-01\nk,B,yesterday\n', /line 3: timestamp "yesterday" is not a date\/time/],
    ['case,activity\nk,A,extra\n', /line 2: 3 fields where the header has 2/],
  ])('%j fails clearly', async (text, message) => {
    const e = await readError(text, CSV);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toMatch(message);
  });

  it('counts invalid rows with skipInvalid instead', async () => {
    const text = 'case,activity,timestamp\nk,,2024-01-01\nk,A,2024-01-01\n,B,2024-01-01\nk,C,soon\nk,D,\n';
    const { cases, summary } = await readAll(text, { format: 'csv', skipInvalid: true });
    expect(traces(cases)).toEqual({ k: ['A', 'D'] });
    expect(summary.skipped).toBe(3);
  });

  it('names the line of a row after a quoted multi-line field', async () => {
    const e = await readError('case,activity,note\nk,A,"one\ntwo\nthree"\nk,,x\n', CSV);
    expect((e as ImportError).line).toBe(5);
  });

  it('a mapped column missing from the header is an error that lists the header', async () => {
    const e = await readError('id,step\n1,A\n', { format: 'csv', mapping: { caseId: 'id', activity: 'activity' } });
    expect(e.message).toMatch(/column "activity" \(mapped as activity\) is not in the header: id, step/);
    const none = await readError('foo,bar\n1,A\n', CSV);
    expect(none.message).toMatch(/no case id column/);
  });

  it('an unclosed quote is an error, not a hang', async () => {
    const e = await readError('case,activity,note\nk,A,"never closed\nk,B,x\n', CSV);
    expect(e.message).toMatch(/line 3: a quoted field never closes|line 2/);
  });

  it('a 50 MB single line ends in a clear error quickly', async () => {
    const line = new Uint8Array(50 * 1024 * 1024).fill(0x61); // "aaaa…", no line break at all
    const e = await readError(line, CSV, 1 << 20);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toMatch(/line 1: longer than 16 MiB/);
    const after = new TextEncoder().encode('case,activity\nk,"');
    const joined = new Uint8Array(after.length + line.length);
    joined.set(after);
    joined.set(line, after.length);
    expect((await readError(joined, CSV, 1 << 20)).message).toMatch(/line 2: longer than 16 MiB/);
  });

  it('an empty file is an error', async () => {
    expect((await readError('', CSV)).message).toMatch(/empty/);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await readError('case,activity\nk,A\n', { format: 'csv', signal: controller.signal }, 4)).message).toMatch(
      /aborted/,
    );
  });
});

describe('CSV import: a quote that never closes over many lines', () => {
  it('ends in a clear error without quadratic re-parsing', async () => {
    const body = 'x\n'.repeat(9 * 1024 * 1024); // 18 MB of short lines inside one open quote
    const e = await readError('case,activity,note\nk,A,"' + body, CSV, 1 << 20);
    expect(e.message).toMatch(/line 2: longer than 16 MiB/);
  });
});
