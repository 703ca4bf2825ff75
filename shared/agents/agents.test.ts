/** Agent policies through the one interface: rules unchanged, recorded, learned, the blast radius. */
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../model/types';
import { simulate } from '../replay/aggregate';
import { compareAgents, RULES, splitByTime } from './compare';
import { learnedPolicy } from './learned';
import { recordedPolicy } from './recorded';
import { plantedHistory, refundGraph } from './testHistory';
import type { AgentPolicy, StepView, TrainingStep } from './types';

/** Wrap a policy so every view it is given (to decide or to train on) is kept for inspection. */
function spy(p: AgentPolicy): { policy: AgentPolicy; seen: unknown[] } {
  const seen: unknown[] = [];
  const policy: AgentPolicy = {
    ...p,
    decide(v: StepView) {
      seen.push(v);
      return p.decide(v);
    },
    train(steps: TrainingStep[]) {
      seen.push(...steps);
      p.train!(steps);
    },
  };
  if (!p.train) delete policy.train;
  return { policy, seen };
}

const history = plantedHistory(400);

describe('agent policies', () => {
  it('the rules agent gives exactly the figures of simulate()', async () => {
    const cmp = await compareAgents(refundGraph, history, [RULES]);
    expect(cmp.evaluatedOn).toBe('all');
    expect(cmp.policies[0]!.result).toEqual(await simulate(refundGraph, history));
  });

  it('no policy ever receives a field outside its agent’s reads (a planted secret never appears)', async () => {
    const withProposals = history.map((c) => ({
      ...c,
      events: c.events.map((e) => ({ ...e, attributes: { ...e.attributes, proposal: 'Refund' } })),
    }));
    const spies = [spy(recordedPolicy('proposal')), spy(learnedPolicy())];
    await compareAgents(
      refundGraph,
      withProposals,
      spies.map((s) => s.policy),
    );
    for (const { seen } of spies) {
      expect(seen.length).toBeGreaterThan(100);
      for (const v of seen) {
        expect(JSON.stringify(v)).not.toContain('s3cr3t');
        const view = ('view' in (v as object) ? (v as TrainingStep).view : v) as StepView;
        expect(Object.keys(view.fields).every((k) => k === 'amount' || k === 'tier')).toBe(true);
        expect(Object.getPrototypeOf(view.fields)).toBeNull();
      }
    }
  });

  it('recorded: the proposal column of the decided event; missing = abstain; naming no branch = invalid', async () => {
    const ev = (activity: string, proposal?: string, confidence?: number) => ({
      activity,
      attributes: {
        ...(proposal ? { proposed: proposal } : {}),
        ...(confidence !== undefined ? { proposed_confidence: confidence } : {}),
      },
    });
    const cases: RecordedCase[] = [
      // proposed Refund, people refunded: agree (accepted)
      { caseId: 'a', attributes: { amount: 900, tier: 'gold' }, events: [ev('Triage'), ev('Refund', 'Refund', 0.9)] },
      // proposed Refund, people reviewed: override
      { caseId: 'b', attributes: { amount: 100, tier: 'gold' }, events: [ev('Triage'), ev('Review', 'Refund', 0.4)] },
      // no proposal: abstains
      { caseId: 'c', attributes: { amount: 100, tier: 'gold' }, events: [ev('Triage'), ev('Refund')] },
      // proposes something no branch leads to: invalid, abstains
      {
        caseId: 'd',
        attributes: { amount: 100, tier: 'gold' },
        events: [ev('Triage'), ev('Refund', 'Call the customer')],
      },
    ];
    const [rec] = (await compareAgents(refundGraph, cases, [recordedPolicy('proposed')])).policies;
    const triage = rec!.result.perState.triage!;
    expect([triage.visits, triage.agree, triage.overrides, triage.abstentions]).toEqual([4, 1, 1, 2]);
    expect(rec!.result.perState.review).toMatchObject({ visits: 1, abstentions: 1 });
    expect(rec!.invalid).toBe(1);
    expect(rec!.branches['triage|always||0']).toMatchObject({ agentChoices: 2, disagree: 1, abstentions: 2 });
    // 8 steps: 4 at triage; then a, c, d pass through refund → done (one unguarded branch: no
    // decision, the agent goes on, right), and b's close at review (two branches, no row: abstains).
    // At threshold 0 it takes 2 + 3 = 5 of them on its own, one wrong (b).
    const steps = rec!.result.totals.steps;
    expect(steps).toBe(8);
    expect(rec!.coverage[0]).toEqual({ threshold: 0, share: 5 / 8, errorRate: 1 / 5 });
    // at 0.5 b's 0.4 proposal is no longer taken: 4 of 8, none wrong
    expect(rec!.coverage[10]).toEqual({ threshold: 0.5, share: 4 / 8, errorRate: 0 });
    // with a threshold of 0.5 the 0.4 proposal becomes an abstention
    const [strict] = (await compareAgents(refundGraph, cases, [recordedPolicy('proposed', { threshold: 0.5 })]))
      .policies;
    expect(strict!.result.perState.triage).toMatchObject({ agree: 1, overrides: 0, abstentions: 3 });
  });

  it('splits by time for a learning policy: trains on the first 70% by start, scores every policy on the rest', async () => {
    const shuffled = [...history].reverse();
    const s = splitByTime(shuffled, 0.7);
    expect([s.train.length, s.test.length]).toEqual([280, 120]);
    expect(s.train.every((c) => Number(c.caseId.slice(1)) < 280)).toBe(true);
    const cmp = await compareAgents(refundGraph, shuffled, [RULES, learnedPolicy()]);
    expect(cmp.evaluatedOn).toBe('holdout');
    expect(cmp.split).toMatchObject({ trainCases: 280, testCases: 120, untimedCases: 0 });
    expect(cmp.policies.map((p) => p.result.totals.cases)).toEqual([120, 120]);
    const summary = cmp.policies[1]!.summary as {
      library: string;
      states: Record<string, { trainingCases: number; features: number }>;
    };
    expect(summary.library).toBe('ml-random-forest');
    // triage: amount (value + missing flag) and tier (3 categories + other) = 6 features
    expect(summary.states.triage).toMatchObject({ trainingSteps: 280, trainingCases: 280, features: 6, classes: 2 });
    expect(cmp.policies[1]!.accuracy.triage!.proposals).toBe(120);
  });

  it('learned finds a rule people follow that the SOP lacks (silver refunds over 300 are reviewed)', async () => {
    const cmp = await compareAgents(refundGraph, plantedHistory(1500, 7), [RULES, learnedPolicy()]);
    const [rules, learned] = cmp.policies.map((p) => p.branches['triage|always||0']!);
    // rules refunds every amount ≤ 500: wrong for the silver ones in 300–500 (measured on this
    // seed: 14.1% of 334 refund choices); the forest learns the split (measured: 0.0% of 287), so
    // its disagreement on the branch is at least 10 points under the rules agent's.
    expect(rules!.disagreement!.rate).toBeGreaterThan(0.1);
    expect(learned!.disagreement!.rate).toBeLessThan(rules!.disagreement!.rate - 0.1);
    expect(learned!.agentChoices).toBeGreaterThan(200);
  });
});
