import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../../model/types';
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

  type States = Record<string, Record<string, unknown>>;
  const finding = (key: string, path: string[], agent: string) => ({
    code: 'unknown-agent',
    severity: 'error',
    message: `State "${key}" names agent "${agent}", which is not defined in "agents"`,
    path: ['machine', ...path, 'meta', 'agent'],
    stateKey: key,
  });

  it('reports a nested state naming an undefined agent; an empty or non-string agent names none', () => {
    const doc = toolGraph();
    const states = doc.machine.states as States;
    states.pay!.meta = { tool: 'issueRefund', agent: '' };
    states.hold = { initial: 'wait', states: { wait: { meta: { agent: 'ghost' } } } };
    states.odd = { meta: { agent: 5 } };
    expect(runRule(unknownAgent, doc)).toEqual([finding('hold.wait', ['states', 'hold', 'states', 'wait'], 'ghost')]);
  });

  it("an agents section that is not an object defines no agent (not even a string's own properties)", () => {
    const triage = ['states', 'triage'];
    const pay = ['states', 'pay'];
    const nulled = { ...toolGraph(), agents: null } as unknown as GraphDoc;
    expect(runRule(unknownAgent, nulled)).toEqual([finding('triage', triage, 'agent'), finding('pay', pay, 'agent')]);
    const text = { ...toolGraph(), agents: 'agent' } as unknown as GraphDoc;
    const states = text.machine.states as States;
    states.triage!.meta = { agent: '0' };
    states.pay!.meta = { tool: 'issueRefund', agent: 'length' };
    expect(runRule(unknownAgent, text)).toEqual([finding('triage', triage, '0'), finding('pay', pay, 'length')]);
  });
});
