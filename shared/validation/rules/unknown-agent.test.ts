import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { toolGraph } from './fixtures';
import { unknownAgent } from './unknown-agent';

describe('unknown-agent', () => {
  it('reports a state naming an undefined agent', () => {
    const doc = toolGraph();
    doc.machine.states!.pay!.meta!.agent = 'ghost';
    expect(runRule(unknownAgent, doc).map((d) => [d.stateKey, d.path.join('.')])).toEqual([
      ['pay', 'machine.states.pay.meta.agent'],
    ]);
  });

  it('passes defined agents (and prototype names are not agents)', () => {
    expect(runRule(unknownAgent, toolGraph())).toEqual([]);
    const doc = toolGraph();
    doc.machine.states!.pay!.meta!.agent = 'constructor';
    expect(runRule(unknownAgent, doc)).toHaveLength(1);
  });
});
