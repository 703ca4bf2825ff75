/**
 * Agreement by destination (DESIGN.md, Replay, human choice `h`): when the agent's branch lands
 * where people went, it is the human choice too, even if an earlier branch in T reaches the same
 * state. The expected figures below are counted by hand from the cases.
 */
import { describe, expect, it } from 'vitest';
import type { GraphDoc, RecordedCase } from '../model/types';
import { simulate } from './aggregate';
import { compileGraph } from './compile';
import { replayCase } from './replayCase';
import { cel, graph, kase } from './testGraphs';
import { whatIf } from './whatIf';

/** a → queued by an eventless branch (big amounts) or by QUEUE (anything); queued → done. */
const queueDoc: GraphDoc = graph({
  initial: 'a',
  states: {
    a: {
      meta: { activity: 'A' },
      always: { target: 'queued', guard: cel('amount > 100.0'), meta: { tier: 'auto' } },
      on: { QUEUE: { target: 'queued', meta: { tier: 'suggest' } }, DROP: 'dropped' },
    },
    queued: { meta: { activity: 'Queued' }, always: 'done' },
    dropped: { meta: { activity: 'Dropped' }, always: 'done' },
    done: { type: 'final' },
  },
});

/** triage → refund when small (auto) or gold (suggest), else review. */
const refundDoc: GraphDoc = graph(
  {
    initial: 'triage',
    states: {
      triage: {
        meta: { activity: 'Triage' },
        always: [
          { target: 'refund', guard: cel('amount <= 100.0'), meta: { tier: 'auto' } },
          { target: 'refund', guard: cel('tier == "gold"'), meta: { tier: 'suggest' } },
          { target: 'review', meta: { tier: 'human' } },
        ],
      },
      refund: { meta: { activity: 'Refund' }, always: 'done' },
      review: { meta: { activity: 'Review' }, on: { OK: 'refund', NO: 'done' } },
      done: { type: 'final' },
    },
  },
  { caseSchema: { amount: { type: 'number' }, tier: { type: 'string' } } },
);

describe('agreement by destination', () => {
  it('an unguarded QUEUE branch and an eventless branch into the same state: the agent taking either agrees', () => {
    const g = compileGraph(queueDoc);
    // amount 50: the eventless guard fails, the agent takes QUEUE; people reached Queued.
    const small = replayCase(g, kase('s', { amount: 50 }, ['A', 'Queued']));
    expect(small.steps[0]).toMatchObject({
      agent: 'a|on|QUEUE|1',
      human: 'a|on|QUEUE|1',
      agree: true,
      tier: 'suggest',
      outcome: 'accepted',
    });
    // amount 500: the agent takes the eventless branch; people reached Queued too.
    const big = replayCase(g, kase('b', { amount: 500 }, ['A', 'Queued']));
    expect(big.steps[0]).toMatchObject({
      agent: 'a|always||0',
      human: 'a|always||0',
      agree: true,
      outcome: 'auto-correct',
    });
    // People dropped it: the agent's branch does not match, h is the first matching branch.
    const dropped = replayCase(g, kase('d', { amount: 50 }, ['A', 'Dropped']));
    expect(dropped.steps[0]).toMatchObject({
      agent: 'a|on|QUEUE|1',
      human: 'a|on|DROP|2',
      agree: false,
      outcome: 'override',
    });
  });

  it('"refund small: auto" and "refund gold: suggest": a gold refund over 100 is accepted, not an override', async () => {
    const cases: RecordedCase[] = [
      kase('small', { amount: 40, tier: 'silver' }, ['Triage', 'Refund']),
      kase('gold', { amount: 300, tier: 'gold' }, ['Triage', 'Refund']),
      kase('gold2', { amount: 400, tier: 'gold' }, ['Triage', 'Refund']),
      kase('goldReviewed', { amount: 500, tier: 'gold' }, ['Triage', 'Review', 'Refund']),
      kase('silver', { amount: 300, tier: 'silver' }, ['Triage', 'Review', 'Refund']),
    ];
    const r = await simulate(refundDoc, cases, { keepFacts: true });
    const small = r.perTransition['triage|always||0']!;
    const gold = r.perTransition['triage|always||1']!;
    const review = r.perTransition['triage|always||2']!;
    // small: agent 1 (small), people 1 (small), agree 1
    expect([small.agentChoices, small.humanChoices, small.agree, small.disagree]).toEqual([1, 1, 1, 0]);
    // gold: agent chose it for gold, gold2, goldReviewed; people took it for gold and gold2
    expect([gold.agentChoices, gold.humanChoices, gold.agree, gold.disagree, gold.overrides]).toEqual([3, 2, 2, 1, 1]);
    // review: agent for silver; people for goldReviewed and silver
    expect([review.agentChoices, review.humanChoices, review.agree]).toEqual([1, 2, 1]);
    expect(r.perState.triage).toMatchObject({ visits: 5, agree: 4, disagree: 1, overrides: 1, autoErrors: 0 });
    expect(r.totals).toMatchObject({ suggestSteps: 3, overrides: 1 });
    // what-if re-scores the stored choices: making the gold branch auto turns its 2 agreements into
    // correct automation and its 1 override into an auto error.
    const v = whatIf(compileGraph(refundDoc), r.facts!, { tiers: { 'triage|always||1': 'auto' } });
    expect(v.perTransition['triage|always||1']).toMatchObject({ autoSteps: 3, autoErrors: 1, agree: 2 });
  });

  it('at the end of a trace the agent branch into a final state is the close when it leads there', () => {
    const doc = graph({
      initial: 'a',
      states: {
        a: {
          always: [
            { target: 'z1', guard: cel('amount > 10.0') },
            { target: 'z2', meta: { tier: 'auto' } },
          ],
        },
        z1: { type: 'final' },
        z2: { type: 'final' },
      },
    });
    const t = replayCase(compileGraph(doc), kase('e', { amount: 1 }, ['a']));
    expect(t.steps[0]).toMatchObject({
      agent: 'a|always||1',
      human: 'a|always||1',
      agree: true,
      eventIndex: null,
      outcome: 'auto-correct',
    });
  });
});
