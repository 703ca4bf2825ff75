import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { agentToolOutOfScope } from './agent-tool-out-of-scope';
import { toolGraph } from './fixtures';

describe('agent-tool-out-of-scope', () => {
  it("reports a tool outside the acting agent's tools, including an inherited agent", () => {
    const doc = toolGraph();
    doc.agents.agent!.tools = ['reverseRefund'];
    const [d] = runRule(agentToolOutOfScope, doc);
    expect(d).toMatchObject({ severity: 'error', stateKey: 'pay', path: ['machine', 'states', 'pay', 'meta', 'tool'] });
    expect(d!.message).toContain('"reverseRefund"');
    const nested = toolGraph();
    nested.agents.agent!.tools = [];
    nested.machine.states!.pay = {
      meta: { agent: 'agent' },
      initial: 'call',
      states: { call: { meta: { tool: 'issueRefund' }, always: { target: '#r.done' } } },
    };
    expect(runRule(agentToolOutOfScope, nested).map((x) => x.stateKey)).toEqual(['pay.call']);
  });

  it('passes tools in scope', () => {
    expect(runRule(agentToolOutOfScope, toolGraph())).toEqual([]);
  });
});
