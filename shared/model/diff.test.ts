import { describe, expect, it } from 'vitest';
import refund from '../../samples/refund.sop.json';
import { describeTransitionKey, diffGraphs, isEmptyDiff } from './diff';
import type { GraphDoc, TransitionConfig } from './types';

const base = (): GraphDoc => structuredClone(refund) as unknown as GraphDoc;
const triageAlways = (g: GraphDoc) => g.machine.states!.triage!.always as TransitionConfig[];

describe('diffGraphs', () => {
  it('finds nothing between a document and its copy', () => {
    expect(isEmptyDiff(diffGraphs(base(), base()))).toBe(true);
  });

  it('treats a reorder of branches as no transition change', () => {
    // given the triage branches in a different order
    const b = base();
    triageAlways(b).reverse();
    // then no transition is added, removed or changed
    const d = diffGraphs(base(), b);
    expect(d.transitions).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports tier and guard changes on the same branch, and the raised tier', () => {
    const b = base();
    triageAlways(b)[1]!.meta = { tier: 'auto' };
    triageAlways(b)[1]!.guard = { type: 'cel', params: { expr: 'fraudScore >= 0.9' } };
    const d = diffGraphs(base(), b);
    expect(d.transitions.changed).toEqual([
      {
        id: 'triage|always|->reject',
        tierChanged: { from: 'suggest', to: 'auto' },
        guardChanged: { from: 'fraudScore >= 0.8', to: 'fraudScore >= 0.9' },
      },
    ]);
    expect(d.tiersRaised).toEqual([{ id: 'triage|always|->reject', from: 'suggest', to: 'auto' }]);
  });

  it('does not list a lowered tier as raised', () => {
    const b = base();
    triageAlways(b)[0]!.meta = { tier: 'human' };
    const d = diffGraphs(base(), b);
    expect(d.transitions.changed[0]?.tierChanged).toEqual({ from: 'auto', to: 'human' });
    expect(d.tiersRaised).toEqual([]);
  });

  it('pairs a retargeted branch as changed, not add + remove', () => {
    const b = base();
    b.machine.states!.review!.on!.DENY = 'done';
    const d = diffGraphs(base(), b);
    expect(d.transitions.added).toEqual([]);
    expect(d.transitions.removed).toEqual([]);
    expect(d.transitions.changed).toEqual([{ id: 'review|on|DENY->done', targetChanged: true }]);
  });

  it('reports added and removed states and transitions; a new auto branch counts as raised', () => {
    const b = base();
    b.machine.states!.escalate = { meta: { activity: 'Escalate' }, always: { target: 'done', meta: { tier: 'auto' } } };
    b.machine.states!.review!.on!.ESCALATE = 'escalate';
    delete b.machine.states!.review!.on!.DENY;
    const d = diffGraphs(base(), b);
    expect(d.states.added).toEqual(['escalate']);
    expect(d.transitions.added.sort()).toEqual(['escalate|always|->done', 'review|on|ESCALATE->escalate']);
    expect(d.transitions.removed).toEqual(['review|on|DENY->reject']);
    expect(d.tiersRaised).toEqual([{ id: 'escalate|always|->done', from: 'human', to: 'auto' }]);
  });

  it('raises tiers through a state default and reports state field changes', () => {
    const b = base();
    b.machine.states!.review!.meta = { activity: 'Manual review', owner: 'payments-ops', tier: 'suggest' };
    const d = diffGraphs(base(), b);
    expect(d.states.changed).toEqual([{ key: 'review', fields: ['meta.tier'] }]);
    expect(d.tiersRaised.map((r) => r.id).sort()).toEqual(['review|on|APPROVE->refund', 'review|on|DENY->reject']);
  });

  it('pairs duplicate identities in order and reports meta changes', () => {
    const a = base();
    triageAlways(a).push({
      target: 'review',
      guard: { type: 'cel', params: { expr: 'amount > 1000.0' } },
      meta: { tier: 'human' },
    });
    const b = structuredClone(a);
    triageAlways(b)[3]!.meta = { tier: 'suggest' };
    b.rollout = 'assist';
    b.tools.issueRefund!.limit = 'amount <= 400.0';
    b.agents.other = {};
    const d = diffGraphs(a, b);
    expect(d.transitions.changed.map((c) => c.id)).toEqual(['triage|always|->review#2']);
    expect(d.meta).toMatchObject({
      toolsChanged: ['issueRefund'],
      agentsChanged: ['other'],
      rolloutChanged: { from: 'autonomy', to: 'assist', raised: false },
    });
  });

  it('sees compound children and other transition fields', () => {
    const a = base();
    a.machine.states!.review = { initial: 'collect', states: { collect: { on: { DONE: 'decide' } }, decide: {} } };
    const b = structuredClone(a);
    (b.machine.states!.review!.states!.collect!.on!.DONE as unknown) = { target: 'decide', actions: ['notify'] };
    b.machine.states!.review!.states!.check = {};
    const d = diffGraphs(a, b);
    expect(d.states.added).toEqual(['review.check']);
    expect(d.transitions.changed).toEqual([{ id: 'review.collect|on|DONE->review.decide', otherChanged: ['actions'] }]);
  });

  it('describes identity keys in words', () => {
    expect(describeTransitionKey('triage|always|->refund')).toBe('triage → refund');
    expect(describeTransitionKey('review|on|DENY->reject')).toBe('review → reject on DENY');
    expect(describeTransitionKey('pay|after|5000->closed#2')).toBe('pay → closed after 5000 (2.)');
  });
});
