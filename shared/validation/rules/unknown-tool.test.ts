import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../../model/types';
import { runRule } from '../testing';
import { toolGraph } from './fixtures';
import { unknownTool } from './unknown-tool';

describe('unknown-tool', () => {
  it('reports undefined tools in states, agent tools and undo', () => {
    const doc = toolGraph();
    doc.machine.states!.pay!.meta!.tool = 'wire';
    doc.agents.agent!.tools = ['issueRefund', 'fax'];
    doc.tools.issueRefund!.undo = 'unwire';
    const found = runRule(unknownTool, doc);
    expect(found.map((d) => d.path.join('.'))).toEqual([
      'machine.states.pay.meta.tool',
      'agents.agent.tools.1',
      'tools.issueRefund.undo',
    ]);
    expect(found[0]!.stateKey).toBe('pay');
  });

  it('passes defined tools', () => {
    expect(runRule(unknownTool, toolGraph())).toEqual([]);
  });

  const code = 'unknown-tool';
  const severity = 'error';
  const stateCalls = (tool: string) => ({
    code,
    severity,
    message: `State "pay" calls tool "${tool}", which is not defined in "tools"`,
    path: ['machine', 'states', 'pay', 'meta', 'tool'],
    stateKey: 'pay',
  });
  const agentLists = (agent: string, tool: string, i: number) => ({
    code,
    severity,
    message: `Agent "${agent}" lists tool "${tool}", which is not defined in "tools"`,
    path: ['agents', agent, 'tools', i],
  });

  it('gives each finding whole: state, agent list entry (a non-string entry names no tool) and undo', () => {
    const doc = toolGraph();
    doc.machine.states!.pay!.meta!.tool = 'wire';
    doc.agents.agent!.tools = ['issueRefund', 5 as never, 'fax'];
    doc.tools.issueRefund!.undo = 'unwire';
    expect(runRule(unknownTool, doc)).toEqual([
      stateCalls('wire'),
      agentLists('agent', 'fax', 2),
      {
        code,
        severity,
        message: 'Tool "issueRefund" is undone by "unwire", which is not defined in "tools"',
        path: ['tools', 'issueRefund', 'undo'],
      },
    ]);
  });

  it('an agent that is not an object, or whose tools is not a list, lists no tool', () => {
    const doc = {
      ...toolGraph(),
      agents: { a: null, b: { tools: 'issueRefund' }, c: { tools: ['ghost'] } },
    } as unknown as GraphDoc;
    expect(runRule(unknownTool, doc)).toEqual([agentLists('c', 'ghost', 0)]);
  });

  it('agents and tools sections that are lists or strings define nothing (not their indexes or length)', () => {
    const lists = { ...toolGraph(), agents: [{ tools: ['ghost'] }], tools: [{ undo: 'gone' }] } as unknown as GraphDoc;
    expect(runRule(unknownTool, lists)).toEqual([stateCalls('issueRefund')]);
    const text = { ...toolGraph(), tools: 'abc' } as unknown as GraphDoc;
    text.machine.states!.pay!.meta!.tool = 'length';
    text.agents.agent!.tools = ['0'];
    expect(runRule(unknownTool, text)).toEqual([stateCalls('length'), agentLists('agent', '0', 0)]);
  });
});
