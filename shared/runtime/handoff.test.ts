/**
 * Hand-offs (handoff.ts): who owns an inbox item (the state's owner, else its agent's owner, else
 * any named role), what the item carries, and the hand-off audit entry (suggest/handoff, the
 * agent as actor, the agent's own branch as shadow evidence).
 */
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../model/types';
import { compileGraph } from '../replay/compile';
import type { BranchOption } from './approvals';
import { memoryAuditSink } from './audit';
import { ManualClock } from './clock';
import { handoffEntry, inboxItemFor } from './handoff';
import type { StepPlan } from './plan';
import { createRunner } from './runner';
import { c3, c4, fakeTools, refundGraph } from './testGraph';

function graphWithLeads(): GraphDoc {
  const graph = refundGraph();
  graph.agents = { 'refund-agent': { owner: 'refund-leads', reads: ['amount', 'fraudScore'], tools: ['issueRefund'] } };
  return graph;
}

const option: BranchOption = { transitionId: 'reject|always||0', event: null, target: 'done', activity: 'done' };

function plan(over: Partial<StepPlan>): StepPlan {
  return {
    state: 'reject',
    goal: 'Reject request',
    transition: null,
    tier: 'human',
    reasons: [{ kind: 'branch', tier: 'human', from: 'default' }],
    agent: null,
    tool: null,
    inputs: {},
    passThrough: false,
    options: [option],
    ...over,
  };
}

const input = (p: StepPlan, kind: 'suggest' | 'human' = 'human') => ({
  id: 'k#4',
  caseId: 'k',
  kind,
  plan: p,
  extra: [{ kind: 'abstain', tier: 'human' as const }],
  params: null,
  createdAt: 1234,
});

describe('inboxItemFor: who owns the item', () => {
  const graph = graphWithLeads();
  const g = compileGraph(graph);

  it('the state’s owner comes first, before the agent’s', () => {
    expect(inboxItemFor(g, graph, input(plan({ state: 'triage', agent: 'refund-agent' }))).roles).toEqual([
      'payments-ops',
    ]);
  });

  it('a state without an owner: its agent’s owner', () => {
    expect(inboxItemFor(g, graph, input(plan({ agent: 'refund-agent' }))).roles).toEqual(['refund-leads']);
  });

  it('no owner anywhere: any named role (no roles listed)', () => {
    expect(inboxItemFor(g, graph, input(plan({ agent: null }))).roles).toEqual([]);
    expect(inboxItemFor(g, graph, input(plan({ agent: 'unknown-agent' }))).roles).toEqual([]);
    // a document read from JSON may lack `agents` altogether
    const { agents: _omitted, ...rest } = graph;
    const noAgents = rest as unknown as GraphDoc;
    expect(inboxItemFor(compileGraph(noAgents), noAgents, input(plan({ agent: 'refund-agent' }))).roles).toEqual([]);
  });

  it('the item: the plan’s state, goal and options, its reasons then the extra ones, pending', () => {
    expect(inboxItemFor(g, graph, input(plan({})))).toEqual({
      id: 'k#4',
      kind: 'human',
      caseId: 'k',
      state: 'reject',
      goal: 'Reject request',
      proposal: null,
      options: [option],
      tier: 'human',
      reasons: [
        { kind: 'branch', tier: 'human', from: 'default' },
        { kind: 'abstain', tier: 'human' },
      ],
      roles: [],
      createdAt: 1234,
      status: 'pending',
    });
  });
});

describe('the hand-off on the trail (through the runner)', () => {
  function setup(graph: GraphDoc = refundGraph()) {
    const runner = createRunner(graph, {
      tools: fakeTools().tools,
      audit: memoryAuditSink(),
      clock: new ManualClock(),
      environment: 'production',
    });
    const last = (caseId: string, decision: string) =>
      runner.audit.records.findLast((r) => r.caseId === caseId && r.decision === decision);
    return { runner, last };
  }
  const ops = { role: 'payments-ops', by: 'ann' };

  it('a human step: the agent is the actor, no tool or params, the agent’s branch as evidence', async () => {
    const { runner, last } = setup();
    await runner.startCase(c4);
    expect(last('c4', 'handoff')).toMatchObject({
      decision: 'handoff',
      actor: 'agent:refund-agent',
      tier: 'human',
      tool: null,
      params: null,
      item: 'c4#1',
      reasons: [{ kind: 'branch', tier: 'human', from: 'transition' }],
      result: {
        queued: 'c4#1',
        proposal: { transitionId: 'triage|always||2', state: 'review', activity: 'Manual review' },
      },
    });
    // review has no agent: the runner hands it off
    await runner.decide('c4#1', ops, 'triage|always||2');
    expect(last('c4', 'handoff')).toMatchObject({ actor: 'runner', item: 'c4#2', tier: 'human' });
    expect(runner.approvals.get('c4#2')).toMatchObject({ roles: ['payments-ops'], state: 'review' });
  });

  it('a step the agent abstains on carries no proposal', async () => {
    const { runner, last } = setup();
    await runner.startCase(c3);
    await runner.reject('c3#1', ops);
    expect(last('c3', 'handoff')!.result).toEqual({ queued: 'c3#2' });
  });

  it('a suggest step: decision suggest, the draft’s tool and params', async () => {
    const { runner, last } = setup(refundGraph({ rollout: 'assist' }));
    await runner.startCase({ caseId: 's1', attributes: { amount: 30, fraudScore: 0.1 } });
    expect(last('s1', 'suggest')).toMatchObject({
      decision: 'suggest',
      actor: 'agent:refund-agent',
      tier: 'suggest',
      tool: 'issueRefund',
      params: { caseId: 's1', amount: 30, fraudScore: 0.1 },
      item: 's1#1',
      result: {
        queued: 's1#1',
        proposal: { transitionId: 'triage|always||0', state: 'refund', activity: 'Issue refund' },
      },
    });
  });

  it('the item ids count up per runner, across cases', async () => {
    const { runner } = setup();
    expect((await runner.startCase(c3)).waitingOn).toBe('c3#1');
    expect((await runner.startCase(c4)).waitingOn).toBe('c4#2');
  });
});

describe('handoffEntry on its own', () => {
  const graph = refundGraph();
  const g = compileGraph(graph);
  it('a human item drops the tool and params the plan has', () => {
    const t = g.transitions[g.transitionIds.get('triage|always||0')!]!;
    const p = plan({
      state: 'triage',
      transition: t,
      tool: 'issueRefund',
      agent: 'refund-agent',
      inputs: { amount: 1 },
    });
    const item = inboxItemFor(g, graph, input(p));
    expect(handoffEntry(g, item, p, { caseId: 'k' })).toEqual({
      decision: 'handoff',
      actor: 'agent:refund-agent',
      tier: 'human',
      reasons: item.reasons,
      inputs: { amount: 1 },
      tool: null,
      params: null,
      item: 'k#4',
      result: {
        queued: 'k#4',
        proposal: { transitionId: 'triage|always||0', state: 'refund', activity: 'Issue refund' },
      },
    });
  });
});
