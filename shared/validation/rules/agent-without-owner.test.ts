import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { agentWithoutOwner } from './agent-without-owner';
import { toolGraph } from './fixtures';

describe('agent-without-owner', () => {
  it('warns about an agent with no (or a blank) owner', () => {
    const doc = toolGraph();
    doc.agents.agent!.owner = ' ';
    doc.agents.other = {};
    expect(runRule(agentWithoutOwner, doc).map((d) => [d.severity, d.path.join('.')])).toEqual([
      ['warning', 'agents.agent'],
      ['warning', 'agents.other'],
    ]);
  });

  it('passes owned agents', () => {
    expect(runRule(agentWithoutOwner, toolGraph())).toEqual([]);
  });
});
