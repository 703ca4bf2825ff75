import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { autoIntoRiskyToolWithoutLimit } from './auto-into-risky-tool-without-limit';
import { toolGraph } from './fixtures';

describe('auto-into-risky-tool-without-limit', () => {
  it('is an error for an auto branch into a high/critical tool without a limit', () => {
    const doc = toolGraph();
    delete doc.tools.issueRefund!.limit;
    const [d] = runRule(autoIntoRiskyToolWithoutLimit, doc);
    expect(d).toMatchObject({
      severity: 'error',
      transitionId: 'triage|always||0',
      path: ['machine', 'states', 'triage', 'always', 0, 'meta', 'tier'],
    });
    doc.tools.issueRefund!.risk = 'critical';
    expect(runRule(autoIntoRiskyToolWithoutLimit, doc)).toHaveLength(1);
  });

  it('follows compound initials and the state default tier', () => {
    const doc = toolGraph();
    delete doc.tools.issueRefund!.limit;
    const states = doc.machine.states!;
    states.pay = {
      initial: 'call',
      states: { call: { meta: { tool: 'issueRefund' }, always: { target: '#r.done' } } },
    };
    const always = states.triage!.always as Array<{ meta?: { tier?: string } }>;
    delete always[0]!.meta;
    states.triage!.meta!.tier = 'auto';
    always[1]!.meta = { tier: 'human' };
    expect(runRule(autoIntoRiskyToolWithoutLimit, doc).map((d) => d.transitionId)).toEqual(['triage|always||0']);
  });

  it('passes with a limit, a lower risk or a non-auto tier', () => {
    expect(runRule(autoIntoRiskyToolWithoutLimit, toolGraph())).toEqual([]);
    const doc = toolGraph();
    delete doc.tools.issueRefund!.limit;
    doc.tools.issueRefund!.risk = 'medium';
    expect(runRule(autoIntoRiskyToolWithoutLimit, doc)).toEqual([]);
    doc.tools.issueRefund!.risk = 'high';
    (doc.machine.states!.triage!.always as Array<{ meta?: { tier?: string } }>)[0]!.meta = { tier: 'suggest' };
    expect(runRule(autoIntoRiskyToolWithoutLimit, doc)).toEqual([]);
  });
});
