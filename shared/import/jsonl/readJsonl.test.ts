import { describe, expect, it } from 'vitest';
import { readAll, readError, traces } from '../testing';
import { ImportError } from '../types';

const JSONL = { format: 'jsonl' } as const;

describe('JSONL import', () => {
  it('reads one case per line (attributes + first event rule)', async () => {
    const text = [
      JSON.stringify({
        caseId: 'c1',
        attributes: { amount: 40, tier: 'gold' },
        events: [
          {
            activity: 'Triage',
            timestamp: '2024-01-01T10:00:00Z',
            resource: 'ann',
            attributes: { tier: 'silver', channel: 'web' },
          },
          { activity: 'Refund', timestamp: Date.UTC(2024, 0, 1, 11) },
        ],
      }),
      '',
      JSON.stringify({ caseId: 2, events: [{ activity: 'Triage' }] }),
    ].join('\r\n');
    const { cases } = await readAll(text, JSONL, 5);
    expect(cases[0]).toEqual({
      caseId: 'c1',
      attributes: { amount: 40, tier: 'gold', channel: 'web' },
      events: [
        {
          activity: 'Triage',
          timestamp: Date.UTC(2024, 0, 1, 10),
          resource: 'ann',
          attributes: { tier: 'silver', channel: 'web' },
        },
        { activity: 'Refund', timestamp: Date.UTC(2024, 0, 1, 11) },
      ],
    });
    expect(traces(cases)).toEqual({ c1: ['Triage', 'Refund'], '2': ['Triage'] });
  });

  it('reads one event per line, grouping interleaved cases, with case: keys as case attributes', async () => {
    const lines = [
      { caseId: 'a', activity: 'A1', timestamp: '2024-01-01T02:00:00Z', amount: 5, 'case:region': 'north' },
      { 'case:concept:name': 'b', 'concept:name': 'B1', 'org:resource': 'bob' },
      { caseId: 'a', activity: 'A2', timestamp: '2024-01-01T01:00:00Z', lifecycle: 'complete' },
    ];
    const { cases } = await readAll(lines.map((l) => JSON.stringify(l)).join('\n') + '\n', JSONL, 9);
    expect(traces(cases)).toEqual({ a: ['A1', 'A2'], b: ['B1'] });
    expect(cases.find((c) => c.caseId === 'a')).toEqual({
      caseId: 'a',
      attributes: { amount: 5, region: 'north' },
      events: [
        { activity: 'A1', timestamp: Date.UTC(2024, 0, 1, 2), resource: undefined, attributes: { amount: 5 } },
        {
          activity: 'A2',
          timestamp: Date.UTC(2024, 0, 1, 1),
          resource: undefined,
          attributes: { 'lifecycle:transition': 'complete' },
        },
      ],
    });
    expect(cases.find((c) => c.caseId === 'b')!.events[0]!.resource).toBe('bob');
    const sorted = await readAll(lines.map((l) => JSON.stringify(l)).join('\n'), {
      format: 'jsonl',
      sortByTimestamp: true,
    });
    expect(traces(sorted.cases).a).toEqual(['A2', 'A1']);
  });

  it('uses an explicit mapping for event lines', async () => {
    const { cases } = await readAll('{"t":"x","step":"Go","at":0,"drop":1}\n', {
      format: 'jsonl',
      mapping: { caseId: 't', activity: 'step', timestamp: 'at', ignore: ['drop'] },
    });
    expect(cases).toEqual([
      {
        caseId: 'x',
        attributes: {},
        events: [{ activity: 'Go', timestamp: 0, resource: undefined, attributes: undefined }],
      },
    ]);
  });

  it.each([
    ['{"caseId":"a","activity":"A"}\n{not json}\n', /line 2: not valid JSON/],
    ['[1,2]\n', /line 1: expected a JSON object/],
    ['{"activity":"A"}\n', /line 1: missing case id/],
    ['{"caseId":"a"}\n', /line 1: missing activity/],
    ['{"caseId":"a","activity":"A","timestamp":"later"}\n', /line 1: timestamp "later" is not a date\/time/],
    ['{"events":[]}\n', /line 1: case has no caseId/],
    ['{"caseId":"c","events":[{"activity":"A"},{"x":1}]}\n', /line 1: case "c", event 2: missing activity/],
  ])('%j fails clearly', async (text, message) => {
    const e = await readError(text, JSONL);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toMatch(message);
  });

  it('counts invalid lines and events with skipInvalid', async () => {
    const text = '{"caseId":"a","activity":"A"}\n{oops\n{"caseId":"c","events":[{"activity":"A"},{"x":1}]}\n';
    const { cases, summary } = await readAll(text, { format: 'jsonl', skipInvalid: true });
    expect(traces(cases)).toEqual({ c: ['A'], a: ['A'] });
    expect(summary.skipped).toBe(2);
  });

  it('a 50 MB single line ends in a clear error', async () => {
    const line = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    line[0] = 0x7b; // "{" then spaces, never closed, no line break
    const e = await readError(line, JSONL, 1 << 20);
    expect(e.message).toMatch(/line 1: longer than 16 MiB/);
  });
  it('a JSON object as resource or lifecycle is written as JSON text, not a TypeError (containers inherit nothing)', async () => {
    const text = [
      '{"caseId":"a","activity":"A","resource":{"team":"x"},"lifecycle":{"k":1}}',
      JSON.stringify({ caseId: 'b', events: [{ activity: 'B', resource: ['p', { q: 2 }] }] }),
    ].join('\n');
    const { cases, summary } = await readAll(text, { format: 'jsonl', classifier: 'name+lifecycle' });
    expect(cases.map((c) => c.events.map((e) => [e.activity, e.resource]))).toEqual([
      [['B+', '["p",{"q":2}]']],
      [['A+{"k":1}', '{"team":"x"}']],
    ]); // whole-case lines first (emitted as read)
    expect(summary.lifecycle).toEqual({ '{"k":1}': 1 });
  });
});
