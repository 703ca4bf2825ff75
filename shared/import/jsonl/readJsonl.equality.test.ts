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
import { PRIME_SAMPLE } from '../time/timestampReader';
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

/*
 * Lines of a few key layouts (eventLayouts.ts): readJsonl decides roles, ignored and case: keys once
 * per layout and checks each later line's keys against it. Lines repeat their layout with other
 * values, and some are twisted: a reserved key added, two keys swapped, a key dropped or added, a
 * key written twice (JSON.parse keeps its first place and last value).
 */
const LAYOUT_KEY = fc.constantFrom(
  'caseId',
  'case:concept:name',
  'case',
  'case_id',
  'activity',
  'concept:name',
  'ActivityID',
  'timestamp',
  'time:timestamp',
  'start',
  'start:timestamp',
  'resource',
  'org:resource',
  'lifecycle',
  'lifecycle:transition',
  'attributes',
  'events',
  'case:region',
  'case:amount',
  'case:',
  'amount',
  'note',
  '0',
  '12',
  'toString',
);
const ID_NAMES = new Set(['caseId', 'case:concept:name', 'case', 'case_id', 'CaseID']);
const ACTIVITY_NAMES = new Set(['activity', 'concept:name', 'Activity', 'ActivityID']);
const TIME_NAMES = new Set(['timestamp', 'time:timestamp', 'start', 'start:timestamp']);
const LIFECYCLES = fc.constantFrom('start', 'complete', 'COMPLETE', 'suspend', '', null, 3);
const stamp = fc.oneof(
  fc.constantFrom('2024-01-01T10:00:00Z', '2024-01-02T10:00:00+01:00', '05/11/2011 10:00', 'soon', '', null),
  fc.integer({ min: 0, max: 2e12 }),
);
const layout = fc
  .record({
    id: fc.constantFrom('caseId', 'case:concept:name', 'case', 'case_id', 'CaseID'),
    act: fc.option(fc.constantFrom('activity', 'concept:name', 'Activity', 'ActivityID'), { freq: 10 }),
    rest: fc.array(LAYOUT_KEY, { maxLength: 6 }),
    turn: fc.nat(),
  })
  .map(({ id, act, rest, turn }) => {
    const keys = [...new Set([id, ...(act === null ? [] : [act]), ...rest])];
    const k = turn % keys.length;
    return keys.slice(k).concat(keys.slice(0, k));
  });
/** A value fit for the key (a case id for an id key, …), so that lines of a layout mostly read. */
const valuesFor = fc.record({
  ids: fc.array(caseIds, { minLength: 8, maxLength: 8 }),
  acts: fc.array(activity, { minLength: 8, maxLength: 8 }),
  stamps: fc.array(stamp, { minLength: 8, maxLength: 8 }),
  lifecycles: fc.array(LIFECYCLES, { minLength: 8, maxLength: 8 }),
  nested: fc.array(
    fc.array(fc.tuple(LAYOUT_KEY, json(2)), { maxLength: 3 }).map((entries) => ({ entries })),
    { minLength: 8, maxLength: 8 },
  ),
  other: fc.array(json(3), { minLength: 8, maxLength: 8 }),
});
const twist = fc.oneof(
  fc.record({
    kind: fc.constant('reserved' as const),
    key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), key: LAYOUT_KEY, at: fc.nat() }),
  fc.record({ kind: fc.constant('twice' as const), at: fc.nat() }),
);
type Twist = typeof twist extends fc.Arbitrary<infer T> ? T : never;
type Values = typeof valuesFor extends fc.Arbitrary<infer T> ? T : never;

function layoutLine(keys: readonly string[], values: Values, t: Twist | null): string {
  const value = (k: string, j: number): unknown =>
    ID_NAMES.has(k)
      ? values.ids[j]
      : ACTIVITY_NAMES.has(k)
        ? values.acts[j]
        : TIME_NAMES.has(k)
          ? values.stamps[j]
          : k.startsWith('lifecycle')
            ? values.lifecycles[j]
            : k === 'attributes' && j % 2 === 0
              ? values.nested[j]
              : values.other[j];
  const entries: Array<[string, unknown]> = keys.map((k, j) => [k, value(k, j % 8)]);
  const at = t ? t.at % (entries.length + 1) : 0;
  if (t?.kind === 'reserved') entries.splice(at, 0, [t.key, values.other[7]]);
  if (t?.kind === 'add') entries.splice(at, 0, [t.key, value(t.key, 7)]);
  if (t?.kind === 'drop') entries.splice(at, 1);
  if (t?.kind === 'swap' && at + 1 < entries.length) entries.splice(at, 2, entries[at + 1]!, entries[at]!);
  if (t?.kind === 'twice' && at < entries.length) entries.push([entries[at]![0], value(entries[at]![0], 6)]);
  return write({ entries });
}

const layoutLogParts = fc.record({
  layouts: fc.array(layout, { minLength: 1, maxLength: 3 }),
  lines: fc.array(
    fc.record({ which: fc.nat(), values: valuesFor, twist: fc.option(twist, { freq: 5 }), whole: fc.nat(15) }),
    { maxLength: 16 },
  ),
  wholeCase: caseLine,
});
type LayoutLogParts = typeof layoutLogParts extends fc.Arbitrary<infer T> ? T : never;
const layoutLines = ({ layouts, lines, wholeCase }: LayoutLogParts): string[] =>
  lines.map(({ which, values, twist: t, whole }) =>
    // now and then a whole-case line or a bad one between the event lines
    whole === 0 ? wholeCase : whole === 1 ? 'not json' : layoutLine(layouts[which % layouts.length]!, values, t),
  );
const layoutLog = layoutLogParts.map(layoutLines);

const layoutMapping = fc.constantFrom<ColumnMapping | undefined>(
  undefined,
  undefined,
  undefined,
  {
    caseId: 'caseId',
    activity: 'activity',
    timestamp: 'timestamp',
    lifecycle: 'lifecycle',
    ignore: ['note', 'case:region'],
  },
  { caseId: 'case', activity: 'case', resource: 'case', ignore: ['amount'] }, // one key, three roles
  { caseId: 'caseId', activity: 'concept:name', startTimestamp: 'start', ignore: ['caseId', 'attributes'] }, // a role key also ignored
  { caseId: 'case:concept:name', activity: 'attributes', lifecycle: 'lifecycle:transition', resource: 'toString' },
  { caseId: '0', activity: 'activity', timestamp: '12' },
);

describe('JSONL key layouts equal the plain reader (oracle)', () => {
  it('on lines of repeated layouts, twisted now and then, in random chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        layoutLog,
        fc.record({
          skipInvalid: fc.boolean(),
          sortByTimestamp: fc.boolean(),
          mapping: layoutMapping,
          maxOpenEvents: fc.constantFrom(undefined, 2),
          classifier: fc.constantFrom(undefined, 'name+lifecycle'),
        }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        async (lines, opts, chunk, late) => {
          // late: after the date-order sample's PRIME_SAMPLE lines (blank here), lines are parsed as they come, not held
          const text = (late ? '\n'.repeat(PRIME_SAMPLE) : '') + lines.join('\n') + '\n';
          const o: ImportOptions = { format: 'jsonl', ...opts };
          const oracle = await run(readJsonlPlain, text, o, 4096);
          expect(await run(readJsonl, text, o, chunk)).toEqual(oracle);
        },
      ),
      { numRuns: 600 },
    );
  }, 240_000);

  it('the layout generator reaches what it is meant to (not a vacuous property)', async () => {
    const samples = fc.sample(layoutLogParts, { numRuns: 200, seed: 5 });
    const outcomes = {
      repeated: 0,
      changedMidCase: 0,
      reservedLater: 0,
      caseKeys: 0,
      lifecycle: 0,
      twice: 0,
      nested: 0,
      read: 0,
    };
    for (const parts of samples) {
      const lines = layoutLines(parts);
      const parsed = lines.map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return undefined;
        }
      });
      const layouts = parsed.map((o) => (o && !Array.isArray(o.events) ? Object.keys(o).join('|') : undefined));
      const seen = new Map<string, number>();
      for (const l of layouts) if (l !== undefined) seen.set(l, (seen.get(l) ?? 0) + 1);
      if ([...seen.values()].some((n) => n >= 3)) outcomes.repeated++;
      // consecutive event lines of one case (by caseId) in different layouts
      if (
        parsed.some(
          (o, i) =>
            i > 0 &&
            o &&
            parsed[i - 1] &&
            o.caseId !== undefined &&
            o.caseId === parsed[i - 1]!.caseId &&
            layouts[i] !== layouts[i - 1],
        )
      )
        outcomes.changedMidCase++;
      // a reserved key on a line whose other keys are an earlier line's layout
      if (
        parsed.some((o, i) => {
          if (!o || !Object.keys(o).some((k) => ['__proto__', 'constructor', 'prototype'].includes(k))) return false;
          const rest = Object.keys(o)
            .filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k))
            .join('|');
          return layouts.slice(0, i).includes(rest);
        })
      )
        outcomes.reservedLater++;
      if (layouts.some((l) => l?.includes('case:'))) outcomes.caseKeys++;
      if (layouts.some((l) => l?.includes('lifecycle'))) outcomes.lifecycle++;
      // a key written twice in an event line (its layout has it at its first place)
      if (parts.lines.some((l) => l.whole > 1 && l.twist?.kind === 'twice')) outcomes.twice++;
      if (lines.some((l) => /"attributes":\{"/.test(l))) outcomes.nested++;
      const r = await run(readJsonlPlain, lines.join('\n') + '\n', { format: 'jsonl', skipInvalid: true }, 4096);
      if (Array.isArray(r.cases) && r.cases.length > 0) outcomes.read++;
    }
    for (const [k, n] of Object.entries(outcomes)) expect(n, k).toBeGreaterThan(10);
  });
});
