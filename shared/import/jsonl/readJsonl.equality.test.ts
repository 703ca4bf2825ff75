/**
 * The event-line fast path of readJsonl (no fromJson copy of the top level, no Set per line) is
 * proved equal to the plain reader it replaced (readJsonlPlain.ts, the oracle) on generated JSONL:
 * same cases in the same order, same attributes with the same key order and values, same
 * prototypes (none), same summary, or the same error message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../../model/types';
import { inheritsNothing } from '../dictionaries';
import { chunked } from '../testing';
import { newSummary, type ColumnMapping, type ImportOptions, type ImportSummary } from '../types';
import { readJsonl } from './readJsonl';
import { readJsonlPlain } from './readJsonlPlain';

/** Values as nested entry lists (toEqual then compares key order too), objects flagged when they inherit anything. */
function ordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(ordered);
  if (v !== null && typeof v === 'object') {
    const entries: unknown[] = Object.keys(v).map((k) => [k, ordered((v as Record<string, unknown>)[k])]);
    return inheritsNothing(v) ? entries : ['INHERITS', ...entries];
  }
  return v;
}

async function run(
  reader: typeof readJsonl,
  text: string,
  options: ImportOptions,
  chunk: number,
): Promise<{ cases?: unknown; summary?: ImportSummary; error?: string }> {
  const summary = newSummary();
  const cases: RecordedCase[] = [];
  try {
    for await (const c of reader(chunked(text, chunk), options, summary)) cases.push(c);
  } catch (e) {
    return { error: (e as Error).message };
  }
  // case and event objects come from the readers' own literals: their attributes are what may differ
  return {
    cases: cases.map((c) => ({
      caseId: c.caseId,
      attributes: ordered(c.attributes),
      events: c.events.map((e) => ordered({ ...e })),
    })),
    summary,
  };
}

const scalar = fc.oneof(
  fc.constantFrom(
    'A',
    'b c',
    '',
    '7',
    '007',
    'true',
    'say "hi"',
    'two\nlines',
    'é漢🙂',
    '2024-01-01T10:00:00Z',
    '2024-01-01T12:00:00+02:00',
    '05/11/2011 10:00',
    '20240101 101112',
    '1700000000',
    '2019-11-03 01:11:19',
    'soon',
  ),
  fc.integer({ min: -5, max: 99 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
/** Keys: the recognised role names, case: keys, plain ones, and the reserved ones the readers refuse. */
const KEY = fc.constantFrom(
  'caseId',
  'case:concept:name',
  'case',
  'activity',
  'concept:name',
  'timestamp',
  'time:timestamp',
  'resource',
  'org:resource',
  'lifecycle',
  'start',
  'start_timestamp',
  'attributes',
  'case:region',
  'case:amount',
  'amount',
  'note',
  'x:y',
  '0',
  '12',
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
);
const json: fc.Memo<unknown> = fc.memo((depth: number) =>
  depth <= 1
    ? scalar
    : fc.oneof(
        { weight: 4, arbitrary: scalar },
        { weight: 1, arbitrary: fc.array(json(depth - 1), { maxLength: 3 }) },
        {
          weight: 1,
          arbitrary: fc.array(fc.tuple(KEY, json(depth - 1)), { maxLength: 3 }).map((entries) => ({ entries })),
        },
      ),
);

/** An object written by hand, so a "__proto__" key is an own key in the text (JSON.stringify of a literal would not write it). */
function write(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
  if (v !== null && typeof v === 'object' && 'entries' in v)
    return `{${(v as { entries: Array<[string, unknown]> }).entries.map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const caseIds = fc.constantFrom('c1', 'c2', 'c3', 7, '');
const activity = fc.constantFrom('Triage', 'Refund', 'start', '', 3);
const eventLine = fc
  .record({
    id: fc.tuple(fc.constantFrom('caseId', 'case:concept:name', 'case'), caseIds),
    act: fc.option(fc.tuple(fc.constantFrom('activity', 'concept:name'), activity), { freq: 8 }),
    ts: fc.option(
      fc.tuple(
        fc.constantFrom('timestamp', 'time:timestamp'),
        fc.oneof(
          fc.constantFrom('2024-01-01T10:00:00Z', '2024-01-02T10:00:00+01:00', 'soon'),
          fc.integer({ min: 0, max: 2e12 }),
        ),
      ),
      { freq: 3 },
    ),
    rest: fc.array(fc.tuple(KEY, json(3)), { maxLength: 6 }),
    order: fc.nat(),
  })
  .map(({ id, act, ts, rest, order }) => {
    const parts = ([id, act, ts] as Array<[string, unknown] | null>)
      .filter((p): p is [string, unknown] => p !== null)
      .concat(rest);
    const k = order % parts.length;
    return write({ entries: parts.slice(k).concat(parts.slice(0, k)) });
  });
const caseLine = fc
  .record({
    id: caseIds,
    attrs: json(3),
    events: fc.array(
      fc.record({
        activity,
        timestamp: fc.constantFrom('2024-01-01T10:00:00Z', 1_700_000_000_000, 'soon'),
        attributes: json(2),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ id, attrs, events }) =>
    write({
      entries: [
        ['caseId', id],
        ['attributes', attrs],
        ['events', events.map((e) => ({ entries: Object.entries(e) }))],
      ],
    }),
  );
const line = fc.oneof(
  { weight: 6, arbitrary: eventLine },
  { weight: 1, arbitrary: caseLine },
  { weight: 1, arbitrary: fc.constantFrom('', 'not json', '[1]', '42', '{"caseId":"c1","events":{}}') },
);

const mapping = fc.constantFrom<ColumnMapping | undefined>(
  undefined,
  undefined,
  { caseId: 'caseId', activity: 'activity', timestamp: 'timestamp', ignore: ['note'] },
  { caseId: 'case', activity: 'toString', resource: 'valueOf' }, // names Object.prototype has: must not be found there
  { caseId: '__proto__', activity: 'activity' },
);
const options = fc.record({
  skipInvalid: fc.boolean(),
  sortByTimestamp: fc.boolean(),
  mapping,
  maxOpenEvents: fc.constantFrom(undefined, 1, 3),
});

describe('JSONL event-line fast path equals the plain reader (oracle)', () => {
  it('on generated JSONL (role keys, case: keys, nested objects, reserved names, bad lines), in random chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 12 }),
        options,
        fc.integer({ min: 1, max: 200 }),
        async (lines, opts, chunk) => {
          const text = lines.join('\n') + '\n';
          const o: ImportOptions = { format: 'jsonl', ...opts };
          const oracle = await run(readJsonlPlain, text, o, 4096);
          expect(await run(readJsonl, text, o, chunk)).toEqual(oracle);
        },
      ),
      { numRuns: 400 },
    );
  }, 240_000);

  it('the generator reaches what it is meant to (not a vacuous property)', async () => {
    const samples = fc.sample(fc.tuple(fc.array(line, { maxLength: 12 }), options), { numRuns: 200, seed: 11 });
    const outcomes = { cases: 0, errors: 0, skipped: 0, forbidden: 0, nested: 0 };
    for (const [lines, opts] of samples) {
      const r = await run(readJsonlPlain, lines.join('\n') + '\n', { format: 'jsonl', ...opts }, 4096);
      if (r.error) outcomes.errors++;
      if (
        r.error?.includes('reserved names') ||
        r.summary?.skippedRows.some((s) => s.reason.includes('reserved names'))
      )
        outcomes.forbidden++;
      if (Array.isArray(r.cases) && r.cases.length > 0) outcomes.cases++;
      if ((r.summary?.skipped ?? 0) > 0) outcomes.skipped++;
      if (lines.some((l) => /:\{"/.test(l))) outcomes.nested++; // an object nested in a line
    }
    for (const [k, n] of Object.entries(outcomes)) expect(n, k).toBeGreaterThan(10);
  });
});
