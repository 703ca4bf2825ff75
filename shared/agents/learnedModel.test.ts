/** A learned agent's model saved as JSON and re-applied: same answers, not retrained, bad input refused. */
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../replay/compile';
import { compareAgents, splitByTime, trainingSteps } from './compare';
import { learnedPolicy, learnedPolicyFromModel } from './learned';
import { plantedHistory, refundGraph } from './testHistory';

const history = plantedHistory(400);

describe('saved learned model', () => {
  it('survives JSON and answers every later step exactly as the trained agent did', async () => {
    // given an agent trained on the first 70% by time
    const trained = learnedPolicy();
    const g = compileGraph(refundGraph);
    const { train, test } = splitByTime(history, 0.7);
    trained.train!(trainingSteps(g, train));
    // when its model goes through JSON (as IndexedDB stores it) and is loaded
    const saved = JSON.parse(JSON.stringify(trained.exportModel())) as unknown;
    const loaded = learnedPolicyFromModel(saved, { name: 'learned (saved)' });
    // then on every step of the later cases it proposes the same branch with the same confidence
    const later = trainingSteps(g, test);
    expect(later.length).toBeGreaterThan(100);
    for (const s of later) expect(loaded.decide(s.view)).toEqual(trained.decide(s.view));
    expect(loaded.name).toBe('learned (saved)');
  });

  it('is not retrained when re-applied: training on other people’s choices leaves it unchanged', async () => {
    const cmp1 = await compareAgents(refundGraph, history, [learnedPolicy()]);
    const trained = learnedPolicy();
    await compareAgents(refundGraph, history, [trained]);
    const loaded = learnedPolicyFromModel(JSON.parse(JSON.stringify(trained.exportModel())));
    // a history where people always reviewed: a fresh agent would learn "review"
    const reviewed = history.map((c) => ({
      ...c,
      events: [
        c.events[0]!,
        { activity: 'Review', timestamp: c.events[0]!.timestamp },
        { activity: 'Refund', timestamp: c.events[0]!.timestamp },
      ],
    }));
    const fresh = learnedPolicy();
    const cmpFresh = await compareAgents(refundGraph, reviewed, [fresh]);
    const cmpLoaded = await compareAgents(refundGraph, reviewed, [loaded]);
    expect(cmpFresh.policies[0]!.accuracy.triage!.rate).toBe(1);
    // the saved agent still refunds small amounts, so on this history it is wrong on those
    expect(cmpLoaded.policies[0]!.accuracy.triage!.rate).toBeLessThan(0.8);
    // and on the original history it reproduces the trained agent's figures
    const again = await compareAgents(refundGraph, history, [
      learnedPolicyFromModel(JSON.parse(JSON.stringify(trained.exportModel()))),
    ]);
    expect(again.policies[0]!.result.totals).toEqual(cmp1.policies[0]!.result.totals);
  });

  it('refuses what is not a saved model, saying what it expected', () => {
    expect(() => learnedPolicyFromModel({ format: 'other' })).toThrow(/sop-studio\/learned-forest@1/);
    expect(() => learnedPolicyFromModel(null)).toThrow(/not a saved learned-agent model/);
    expect(() =>
      learnedPolicyFromModel({
        format: 'sop-studio/learned-forest@1',
        threshold: 0,
        trainingSteps: 1,
        states: { triage: { constant: null } },
      }),
    ).toThrow(/triage has no feature encoder/);
  });
});
