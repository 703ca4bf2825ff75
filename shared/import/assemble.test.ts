/**
 * CaseAssembler and buildCase (assemble.ts): which cases are emitted when, under the adaptive
 * grouped window, an explicit maxOpenEvents and maxEventsPerCase; the error when a case comes
 * back; least-recently-seen order after touching a middle case; and the stable sort by time.
 * Expected orders and messages are worked out by hand from the module header.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../model/types';
import { buildCase, CaseAssembler, DEFAULT_MAX_EVENTS_PER_CASE, LIFECYCLE_KEY } from './assemble';
import { inheritsNothing, newAttrs } from './dictionaries';
import { ImportError } from './types';

const ev = (activity: string, timestamp?: number): RecordedEvent => ({ activity, timestamp });

/** Adds `ids` in order (line = position + 2, as after a CSV header); returns the ids emitted so far. */
function feed(asm: CaseAssembler, ids: string[], from = 0): string[] {
  ids.forEach((id, i) => asm.add(id, ev(`${id}${from + i}`), from + i + 2));
  return asm.out.map((c) => c.caseId);
}

function addError(asm: CaseAssembler, id: string, line: number): ImportError {
  try {
    asm.add(id, ev('x'), line);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected add to fail');
}

const comesBack = (id: string, line: number, budget: string): string =>
  `line ${line}: case "${id}" continues after it was already emitted: the log is not grouped by case and more than ${budget} events of other cases came in between; sort the file by case id, or allow more open events (maxOpenEvents, --max-open-events)`;

describe('CaseAssembler: explicit maxOpenEvents', () => {
  it('emits least recently seen cases once more events are open than allowed, never more', () => {
    const asm = new CaseAssembler(3, false);
    // a b c: 3 open; d makes 4 > 3: a goes, 3 left (not more)
    expect(feed(asm, ['a', 'b', 'c', 'd'])).toEqual(['a']);
    expect(asm.out[0]!.events.map((e) => e.activity)).toEqual(['a0']);
    asm.finish();
    expect(asm.out.map((c) => c.caseId)).toEqual(['a', 'b', 'c', 'd']);
    expect(asm.cases).toBe(4);
    expect(asm.events).toBe(4);
  });

  it('never emits the case being added to, however many events it holds', () => {
    const asm = new CaseAssembler(1, false);
    expect(feed(asm, ['a', 'a', 'a'])).toEqual([]);
    expect(feed(asm, ['b'], 3)).toEqual(['a']);
    asm.finish();
    expect(asm.out.map((c) => [c.caseId, c.events.length])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });

  it('0 or less means 1', () => {
    const asm = new CaseAssembler(0, false);
    expect(feed(asm, ['a', 'b'])).toEqual(['a']);
  });

  it('touching a case moves it to the newest end: eviction and finish follow last-seen order', () => {
    const asm = new CaseAssembler(100, false);
    feed(asm, ['a', 'b', 'c', 'b', 'a', 'd']);
    // last seen: c (line 4), b (5), a (6), d (7)
    asm.finish();
    expect(asm.out.map((c) => c.caseId)).toEqual(['c', 'b', 'a', 'd']);
    expect(asm.out.find((c) => c.caseId === 'b')!.events.map((e) => e.activity)).toEqual(['b1', 'b3']);
    const evicting = new CaseAssembler(5, false);
    // after a b c b: order a c b (4 open); d: 5; e: 6 > 5, a goes; a again is an error
    expect(feed(evicting, ['a', 'b', 'c', 'b', 'd', 'e'])).toEqual(['a']);
    const e = addError(evicting, 'a', 9);
    expect(e.message).toBe(comesBack('a', 9, '5'));
    expect(e.line).toBe(9);
    // c is the oldest now: f pushes it out, and then b
    expect(feed(evicting, ['f', 'f'], 10)).toEqual(['a', 'c', 'b']);
  });
});

describe('CaseAssembler: the adaptive window', () => {
  const run = (id: string, n: number): string[] => Array<string>(n).fill(id);

  it('a contiguous log is held in a window of 4,096 events', () => {
    const asm = new CaseAssembler(undefined, false);
    expect(feed(asm, run('a', 4096))).toEqual([]);
    expect(feed(asm, ['b'], 4096)).toEqual(['a']); // 4,097 open
    const e = addError(asm, 'a', 5000);
    expect(e.message).toBe(comesBack('a', 5000, '4096'));
  });

  it('once a row returns to an open case other than the current one, the window is 250,000 events', () => {
    const asm = new CaseAssembler(undefined, false);
    expect(feed(asm, ['a', 'b', 'a'])).toEqual([]);
    expect(feed(asm, run('c', 10_000), 3)).toEqual([]);
    asm.finish();
    expect(asm.out.map((c) => c.caseId)).toEqual(['b', 'a', 'c']);
  });

  it('an explicit maxOpenEvents above the window applies from the first row', () => {
    const asm = new CaseAssembler(5000, false);
    expect(feed(asm, [...run('a', 4096), 'b'])).toEqual([]);
    expect(feed(asm, run('c', 904), 4097)).toEqual(['a']); // 5,001 open
  });

  it('an explicit maxOpenEvents below the window applies as it is', () => {
    const asm = new CaseAssembler(2, false);
    expect(feed(asm, ['a', 'b', 'c'])).toEqual(['a']);
    expect(addError(asm, 'a', 20).message).toBe(comesBack('a', 20, '2'));
  });
});

describe('CaseAssembler: maxEventsPerCase', () => {
  const tail =
    'events; that is more than a case should hold (a runaway export, or the wrong case id column?). If it is real, raise the limit (maxEventsPerCase, --max-events-per-case)';

  it('the event beyond the limit is an error naming the case (cut at 80 characters) and the line', () => {
    const asm = new CaseAssembler(undefined, false, undefined, 2);
    feed(asm, ['a', 'b', 'a']);
    const e = addError(asm, 'a', 7);
    expect(e.message).toBe(`line 7: case "a" has more than 2 ${tail}`);
    expect(e.line).toBe(7);
    const long = 'L'.repeat(90);
    const asm2 = new CaseAssembler(undefined, false, undefined, 1);
    feed(asm2, [long]);
    expect(addError(asm2, long, 3).message).toBe(`line 3: case "${'L'.repeat(80)}" has more than 1 ${tail}`);
  });

  it(`defaults to ${DEFAULT_MAX_EVENTS_PER_CASE.toLocaleString('en-US')}`, () => {
    expect(DEFAULT_MAX_EVENTS_PER_CASE).toBe(100_000);
    const asm = new CaseAssembler(undefined, false);
    for (let i = 0; i < 100_000; i++) asm.add('a', ev('A'), i + 2);
    expect(addError(asm, 'a', 100_002).message).toBe(`line 100002: case "a" has more than 100,000 ${tail}`);
  });
});

describe('buildCase', () => {
  it('case attributes are the first event’s but lifecycle, the case-level value winning; nothing inherited', () => {
    const first = newAttrs();
    first.tier = 'silver';
    first[LIFECYCLE_KEY] = 'complete';
    first.channel = 'web';
    const caseAttrs = newAttrs();
    caseAttrs.tier = 'gold';
    const later = newAttrs();
    later.extra = 1;
    const c = buildCase(
      'k',
      caseAttrs,
      [
        { activity: 'A', attributes: first },
        { activity: 'B', attributes: later },
      ],
      false,
    );
    expect(c.attributes).toEqual({ tier: 'gold', channel: 'web' });
    expect(inheritsNothing(c.attributes)).toBe(true);
    expect(buildCase('e', undefined, [], false)).toEqual({ caseId: 'e', attributes: {}, events: [] });
  });

  it('sorts by timestamp, stably; an event without one keeps its predecessor’s time', () => {
    const order = (events: RecordedEvent[]): string[] =>
      buildCase('k', undefined, events, true).events.map((e) => e.activity);
    expect(order([ev('A', 5), ev('B', 1), ev('C', 5), ev('D', 5), ev('E', 1)])).toEqual(['B', 'E', 'A', 'C', 'D']);
    expect(order([ev('A', 10), ev('B'), ev('C', 5)])).toEqual(['C', 'A', 'B']);
    // leading events without a time stay first
    expect(order([ev('X'), ev('B', 5), ev('C', 3)])).toEqual(['X', 'C', 'B']);
    expect(order([ev('A', 3), ev('B', 3), ev('C', 2)])).toEqual(['C', 'A', 'B']);
    // file order kept when not asked
    expect(buildCase('k', undefined, [ev('A', 5), ev('B', 1)], false).events.map((e) => e.activity)).toEqual([
      'A',
      'B',
    ]);
  });
});
