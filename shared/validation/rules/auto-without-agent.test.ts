import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { autoWithoutAgent } from './auto-without-agent';
import { toolGraph } from './fixtures';

describe('auto-without-agent', () => {
  it('warns about an auto branch out of a state with no agent', () => {
    const doc = toolGraph();
    delete doc.machine.states!.triage!.meta!.agent;
    const [d] = runRule(autoWithoutAgent, doc);
    expect(d).toMatchObject({ severity: 'warning', transitionId: 'triage|always||0', stateKey: 'triage' });
  });

  it('passes when the state or an ancestor has an agent', () => {
    expect(runRule(autoWithoutAgent, toolGraph())).toEqual([]);
    const doc = toolGraph();
    const states = doc.machine.states!;
    states.wrap = {
      meta: { agent: 'agent' },
      initial: 'inner',
      states: { inner: { always: { target: '#r.done', meta: { tier: 'auto' } } } },
    };
    states.triage!.always = [{ target: 'wrap' }];
    expect(runRule(autoWithoutAgent, doc)).toEqual([]);
  });
});
