import { describe, expect, it } from 'vitest';
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
});
