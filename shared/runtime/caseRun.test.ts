/**
 * The case recorder (caseRun.ts) through the runner: every record's defaults, its goal (the
 * state's activity, else the state key), and `take` moving the case to the state it entered.
 */
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../model/types';
import { memoryAuditSink } from './audit';
import { ManualClock } from './clock';
import { createRunner } from './runner';
import { c4, fakeTools, refundGraph } from './testGraph';

function setup(graph: GraphDoc = refundGraph()) {
  return createRunner(graph, {
    tools: fakeTools().tools,
    audit: memoryAuditSink(),
    clock: new ManualClock(),
    environment: 'staging',
  });
}

describe('case records', () => {
  it('fields a step does not set take their defaults', async () => {
    const runner = setup();
    await runner.startCase(c4);
    expect(runner.audit.records[0]).toMatchObject({
      caseId: 'c4',
      decision: 'start',
      state: 'triage',
      goal: 'Triage request',
      tool: null,
      params: null,
      tier: null,
      reasons: [],
      environment: 'staging',
      target: { state: 'triage', activity: 'Triage request' },
    });
  });

  it('the goal is the activity of the state the case is in, at every state', async () => {
    const runner = setup();
    await runner.startCase(c4);
    await runner.decide('c4#1', { role: 'payments-ops', by: 'ann' }, 'triage|always||2');
    await runner.decide('c4#2', { role: 'payments-ops', by: 'ann' }, 'review|on|DENY|1');
    expect(runner.audit.records.map((r) => [r.decision, r.state, r.goal])).toEqual([
      ['start', 'triage', 'Triage request'],
      ['handoff', 'triage', 'Triage request'],
      ['decide', 'triage', 'Triage request'],
      ['handoff', 'review', 'Manual review'],
      ['decide', 'review', 'Manual review'],
      ['pass', 'reject', 'Reject request'],
      ['final', 'done', 'done'],
    ]);
    expect(runner.getCase('c4')).toMatchObject({
      status: 'done',
      state: 'done',
      path: ['triage', 'review', 'reject', 'done'],
    });
  });

  it('a case that starts in a final state is at no state: its goal is the empty state key', async () => {
    const graph: GraphDoc = {
      format: 'sop-studio/graph@1',
      name: 'instant',
      version: 1,
      rollout: 'autonomy',
      caseSchema: {},
      agents: {},
      tools: {},
      machine: {
        id: 'instant',
        initial: 'end',
        states: { other: { meta: { activity: 'Other work' }, on: { GO: 'end' } }, end: { type: 'final' } },
      },
      layout: {},
    };
    const runner = setup(graph);
    await runner.startCase({ caseId: 'i1', attributes: {} });
    expect(runner.audit.records[0]).toMatchObject({ decision: 'start', state: '', goal: '' });
  });
});
