import { describe, expect, it } from 'vitest';
import handmade from '../../../fixtures/import/lifecycle/handmade.xes?raw';
import running from '../../../fixtures/outside/logs/pm4py__running-example.xes?raw';
import { chunked } from '../../../shared/import/testing';
import { classifierForKey, previewXes } from './xesPreview';

describe('previewXes', () => {
  it('the hand-made lifecycle log: its declared classifier, attribute keys and lifecycle values', async () => {
    const p = await previewXes(chunked(handmade, 4096));
    expect(p.classifiers.map((c) => c.name)).toContain('Activity and step');
    expect(p.eventKeys).toContain('lifecycle:transition');
    // fixtures/import/lifecycle/README.md's table: 6 starts, 6 completes, 1 schedule over both cases
    expect(p.lifecycle).toEqual({ start: 6, complete: 6, schedule: 1 });
  });

  it('a head cut mid-trace (the running example, 6 traces, cut at 40%): declared classifiers and keys still come back', async () => {
    const cut = new TextEncoder().encode(running).subarray(0, Math.floor(running.length * 0.4));
    const p = await previewXes(chunked(cut, 4096));
    // the file's header: <classifier name="Activity" keys="Activity"/>, <classifier name="activity classifier" keys="Activity"/>
    expect(p.classifiers).toEqual([
      { name: 'Activity', keys: ['Activity'] },
      { name: 'activity classifier', keys: ['Activity'] },
    ]);
    expect(p.tracesRead).toBeGreaterThan(0);
    expect(p.tracesRead).toBeLessThan(6);
    expect(p.eventKeys).toEqual(expect.arrayContaining(['org:resource', 'Activity', 'Resource', 'Costs']));
    expect(p.lifecycle).toEqual({});
  });

  it('quotes keys with spaces', () => {
    expect(classifierForKey('customer type')).toBe("'customer type'");
    expect(classifierForKey('org:group')).toBe('org:group');
  });
});
