/**
 * CaseShaper (lifecycle.ts): start/complete folding per activity, first in first out; lifecycle
 * counts; the classifier in its forms (name, name+lifecycle, declared, keys, CSV aliases) and
 * the summary texts. Expected events are worked out by hand from the module header.
 */
import { describe, expect, it } from 'vitest';
import type { AttrValue, RecordedEvent } from '../model/types';
import { LIFECYCLE_KEY } from './assemble';
import { CaseShaper, splitKeys, type ClassifierOptions } from './lifecycle';
import { newSummary } from './types';

const e = (
  activity: string,
  lc: AttrValue | undefined,
  timestamp?: number,
  extra: Partial<RecordedEvent> = {},
): RecordedEvent => ({
  activity,
  timestamp,
  ...(lc === undefined ? {} : { attributes: { [LIFECYCLE_KEY]: lc } }),
  ...extra,
});

function shaped(events: RecordedEvent[], options: ClassifierOptions = {}) {
  const summary = newSummary();
  const shaper = new CaseShaper(options, summary);
  const out = shaper.shape(events);
  shaper.finish();
  return { out, summary, shaper };
}

const view = (events: RecordedEvent[]) => events.map((x) => [x.activity, x.start, x.timestamp]);
const FOLDED = (n: string) =>
  `${n} lifecycle start event(s) folded into the complete event that follows them (one event per activity instance)`;
const UNMATCHED = (n: string) =>
  `${n} lifecycle start event(s) have no complete after them; each stays as its activity instance, without a handling time`;

describe('start/complete folding', () => {
  it('a start folds into the next complete of the same activity, first in first out', () => {
    const { out, summary } = shaped([
      e('A', 'start', 1),
      e('B', 'start', 2),
      e('A', 'start', 3),
      e('B', 'complete', 4),
      e('A', 'complete', 5),
      e('A', 'complete', 6),
    ]);
    expect(view(out)).toEqual([
      ['B', 2, 4],
      ['A', 1, 5],
      ['A', 3, 6],
    ]);
    expect(summary.lifecycle).toEqual({ start: 3, complete: 3 });
    expect(summary.notes).toEqual([FOLDED('3')]);
    expect(summary.warnings).toEqual([]);
  });

  it('a start without a complete after it stays; a complete before its start does not take it', () => {
    const { out, summary } = shaped([
      e('A', 'complete', 1),
      e('A', 'start', 2),
      e('B', 'start', 3),
      e('B', 'suspend', 4),
    ]);
    expect(view(out)).toEqual([
      ['A', undefined, 1],
      ['A', undefined, 2],
      ['B', undefined, 3],
      ['B', undefined, 4],
    ]);
    expect(summary.notes).toEqual([]);
    expect(summary.warnings).toEqual([UNMATCHED('2')]);
    expect(summary.lifecycle).toEqual({ complete: 1, start: 2, suspend: 1 });
  });

  it('any letter case; a start time the complete already has is kept; a start without a time gives none', () => {
    const { out, summary } = shaped([
      e('A', 'START', 1),
      e('A', 'Complete', 5, { start: 0 }),
      e('B', 'Start', undefined),
      e('B', 'COMPLETE', 9),
    ]);
    expect(view(out)).toEqual([
      ['A', 0, 5],
      ['B', undefined, 9],
    ]);
    expect(summary.lifecycle).toEqual({ START: 1, Complete: 1, Start: 1, COMPLETE: 1 });
  });

  it('a lifecycle that is not text is counted as text but never folded', () => {
    const { out, summary } = shaped([e('A', 1, 1), e('A', ['start'], 2), e('A', 'complete', 3)]);
    expect(out).toHaveLength(3);
    expect(summary.lifecycle).toEqual({ '1': 1, '["start"]': 1, complete: 1 });
  });

  it('counts across cases and writes them with thousands separators', () => {
    const summary = newSummary();
    const shaper = new CaseShaper({}, summary);
    for (let k = 0; k < 2; k++) {
      const events: RecordedEvent[] = [];
      for (let i = 0; i < 500; i++) events.push(e('A', 'start', 2 * i), e('A', 'complete', 2 * i + 1));
      events.push(e('Z', 'start', 5000));
      expect(shaper.shape(events)).toHaveLength(501);
    }
    shaper.finish();
    expect(summary.notes).toEqual([FOLDED('1,000')]);
    expect(summary.warnings).toEqual([UNMATCHED('2')]);
    expect(summary.lifecycle).toEqual({ start: 1002, complete: 1000 });
  });

  it('events without lifecycle are returned as they are', () => {
    const events = [e('A', undefined, 1), e('A', undefined, 2)];
    expect(shaped(events).out).toBe(events);
  });
});

describe('classifier', () => {
  const events = (): RecordedEvent[] => [
    { activity: 'A', resource: 'ann', attributes: { [LIFECYCLE_KEY]: 'start', cost: 5, who: null } },
    { activity: 'A', attributes: { [LIFECYCLE_KEY]: 'complete', cost: 7 } },
  ];

  it.each([
    ['name', [['A', 'A']], 1],
    ['', [['A', 'A']], 1],
    ['  name  ', [['A', 'A']], 1],
  ])('%j is the activity name and folds', (classifier, _x, n) => {
    const { out } = shaped(events(), { classifier });
    expect(out.map((x) => x.activity)).toEqual(['A']);
    expect(out).toHaveLength(n);
  });

  it('name+lifecycle names the instance by both and does not fold', () => {
    const { out, summary } = shaped(events(), { classifier: 'name+lifecycle' });
    expect(out.map((x) => x.activity)).toEqual(['A+start', 'A+complete']);
    expect(summary.notes).toEqual([]);
  });

  it('keys separated by spaces: resource, attributes, "" for a missing or null value; still folds', () => {
    const { out } = shaped(events(), { classifier: 'org:resource concept:name cost who' });
    // folded after classifying: the two events have different names, so nothing pairs
    expect(out.map((x) => x.activity)).toEqual(['ann+A+5+', '+A+7+']);
  });

  it('a declared classifier by name; an undeclared name is a key', () => {
    const summary = newSummary();
    const shaper = new CaseShaper({ classifier: 'Cost' }, summary);
    shaper.declared.set('Cost', ['cost', 'concept:name']);
    expect(shaper.shape(events()).map((x) => x.activity)).toEqual(['5+A', '7+A']);
    // no event has a key "Cost": both are named "", so the start folds into the complete
    expect(shaped(events(), { classifier: 'Cost' }).out.map((x) => x.activity)).toEqual(['']);
  });

  it('CSV role columns stand for the XES keys; a lifecycle alias turns folding off', () => {
    const aliases = { activity: 'step', lifecycle: 'state', resource: 'user' };
    expect(shaped(events(), { classifier: 'user step', aliases }).out.map((x) => x.activity)).toEqual(['ann+A', '+A']);
    expect(shaped(events(), { classifier: 'step state', aliases }).out.map((x) => x.activity)).toEqual([
      'A+start',
      'A+complete',
    ]);
  });
});

describe('splitKeys', () => {
  it('splits on whitespace; single quotes keep spaces (XES 2.0)', () => {
    expect(splitKeys("  concept:name 'my key'\torg:resource  ''")).toEqual([
      'concept:name',
      'my key',
      'org:resource',
      '',
    ]);
    expect(splitKeys('')).toEqual([]);
  });
});
