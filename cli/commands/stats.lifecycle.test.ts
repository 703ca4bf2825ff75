/**
 * Classifier and lifecycle pairing (shared/import/lifecycle.ts) on fixtures/import/lifecycle: a hand-made log (figures
 * counted by hand from its 13 rows, below) and one derived from a real log (figures counted by
 * make_interval.py in Python).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readAll, traces } from '../../shared/import/testing';
import { memoryIo } from '../io';
import { run } from './stats';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'import', 'lifecycle');
const text = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));
const min = 60_000;

/*
 * handmade: c1 Register s/c (09:00–09:10), Check s/c (09:20–09:50), Decide c (no start),
 * Pay schedule, Pay s (never completes); c2 Register s 08:00, Check s 08:05, Register c 08:30,
 * Check c 08:40, Register s 09:00, Register c 09:20 (a second instance, FIFO).
 * Raw: 13 events; start 6, complete 6, schedule 1. Paired: c1 5 events, c2 3; 5 starts folded,
 * 1 start left unmatched. Handling: c1 10 and 30 min; c2 30, 35, 20 min.
 */
describe.each([
  ['CSV', 'handmade.csv', { format: 'csv' } as const],
  ['XES', 'handmade.xes', { format: 'xes' } as const],
])('lifecycle pairing, hand-made log (%s)', (_kind, file, options) => {
  it('keeps one event per activity instance, the start time in `start`', async () => {
    const { cases, summary } = await readAll(text(file), options);
    expect(traces(cases)).toEqual({
      c1: ['Register', 'Check', 'Decide', 'Pay', 'Pay'],
      c2: ['Register', 'Check', 'Register'],
    });
    const handling = cases.map((c) =>
      c.events.map((e) => (e.start === undefined ? null : (e.timestamp! - e.start) / min)),
    );
    expect(handling).toEqual([
      [10, 30, null, null, null],
      [30, 35, 20],
    ]);
    expect({ ...summary.lifecycle }).toEqual({ start: 6, complete: 6, schedule: 1 });
    expect(Object.getPrototypeOf(summary.lifecycle)).toBeNull();
    expect(summary.notes.join('\n')).toMatch(/5 lifecycle start event\(s\) folded/);
    expect(summary.warnings.join('\n')).toMatch(/1 lifecycle start event\(s\) have no complete after them/);
  });

  it('name+lifecycle keeps every event, each lifecycle its own activity', async () => {
    const { cases } = await readAll(text(file), { ...options, classifier: 'name+lifecycle' });
    expect(cases.flatMap((c) => c.events).length).toBe(13);
    expect(new Set(cases.flatMap((c) => c.events.map((e) => e.activity)))).toEqual(
      new Set([
        'Register+start',
        'Register+complete',
        'Check+start',
        'Check+complete',
        'Decide+complete',
        'Pay+schedule',
        'Pay+start',
      ]),
    );
    expect(cases.flatMap((c) => c.events).every((e) => e.start === undefined)).toBe(true);
  });
});

describe('classifiers', () => {
  it('XES: a declared classifier is offered and chosen by name', async () => {
    const { cases, summary } = await readAll(text('handmade.xes'), { format: 'xes', classifier: 'Activity and step' });
    expect(summary.classifiers).toEqual([
      { name: 'Activity', keys: ['concept:name'] },
      { name: 'Activity and step', keys: ['concept:name', 'lifecycle:transition'] },
    ]);
    expect(cases[0]!.events[0]!.activity).toBe('Register+start');
  });

  it('any attribute: keys separated by spaces, CSV role columns accepted by their header name', async () => {
    const csv = 'case_id,step,who,lifecycle\nk,A,ann,complete\nk,B,bob,complete\n';
    const mapping = { caseId: 'case_id', activity: 'step', resource: 'who', lifecycle: 'lifecycle' };
    const byResource = await readAll(csv, { format: 'csv', mapping, classifier: 'who' });
    expect(traces(byResource.cases)).toEqual({ k: ['ann', 'bob'] });
    const both = await readAll(csv, { format: 'csv', mapping, classifier: 'step lifecycle' });
    expect(traces(both.cases)).toEqual({ k: ['A+complete', 'B+complete'] });
  });
});

describe('lifecycle pairing, a real log (pm4py interval log as start/complete rows)', () => {
  const expected = JSON.parse(readFileSync(join(DIR, 'interval_expected.json'), 'utf8')) as Record<string, number>;

  it('gives the instances, handling time and variants counted in Python', async () => {
    const { cases, summary } = await readAll(
      new Uint8Array(gunzipSync(readFileSync(join(DIR, 'interval_lifecycle.csv.gz')))),
      { format: 'csv' },
      1 << 16,
    );
    const events = cases.flatMap((c) => c.events);
    expect(cases.length).toBe(expected.cases);
    expect(events.length).toBe(expected.instances);
    expect({ ...summary.lifecycle }).toEqual({ start: expected.starts, complete: expected.instances });
    expect(events.reduce((s, e) => s + (e.timestamp! - e.start!), 0)).toBe(expected.handlingMs);
    expect(new Set(cases.map((c) => c.events.map((e) => e.activity).join('>'))).size).toBe(expected.variants);
  });

  it('the original interval log (start_timestamp column / attribute) gives the same handling time', async () => {
    for (const [file, format] of [
      ['pm4py__interval_event_log.csv', 'csv'],
      ['pm4py__interval_event_log.xes', 'xes'],
    ] as const) {
      const bytes = new Uint8Array(readFileSync(join(DIR, '..', '..', 'outside', 'logs', file)));
      const { cases } = await readAll(bytes, { format }, 1 << 16);
      const events = cases.flatMap((c) => c.events);
      expect(events.length).toBe(expected.instances);
      expect(events.reduce((s, e) => s + (e.timestamp! - e.start!), 0)).toBe(expected.handlingMs);
    }
  });
});

describe('stats shows lifecycle values and counts', () => {
  it('hand-made log: 8 activity instances from 13 events, lifecycle counts before pairing', async () => {
    const io = memoryIo();
    expect(await run([join(DIR, 'handmade.csv')], io)).toBe(0);
    expect(io.stdout).toContain('events     8');
    expect(io.stdout).toContain('lifecycle  start 6, complete 6, schedule 1');
    const raw = memoryIo();
    expect(await run([join(DIR, 'handmade.xes'), '--json', '--classifier', 'name+lifecycle'], raw)).toBe(0);
    expect(JSON.parse(raw.stdout.join(''))).toMatchObject({
      events: 13,
      activities: 7,
      lifecycle: { start: 6, complete: 6, schedule: 1 },
    });
  });
});
