/**
 * DESIGN.md's worked example, to the letter: the refund graph (samples/refund.sop.json, rollout
 * autonomy) and five cases must give exactly the totals and per-state figures listed there.
 */
import { describe, expect, it } from 'vitest';
import refund from '../../samples/refund.sop.json';
import { withDefaults } from '../model/defaults';
import type { RecordedCase } from '../model/types';
import { simulate } from './aggregate';
import { compileGraph } from './compile';
import { replayCase } from './replayCase';
import { WORKED_EXAMPLE_TOTALS, workedExampleCases } from './workedExample.fixture';

const doc = withDefaults(structuredClone(refund));
const cases: RecordedCase[] = workedExampleCases();

describe('DESIGN.md worked example (refund graph, rollout autonomy)', () => {
  it('gives exactly the listed totals', async () => {
    expect(doc.rollout).toBe('autonomy');
    const r = await simulate(doc, cases);
    expect(r.totals).toMatchObject(WORKED_EXAMPLE_TOTALS);
  });

  it('gives exactly the listed per-state figures', async () => {
    const { perState } = await simulate(doc, cases);
    const pick = (k: string) => {
      const s = perState[k]!;
      return {
        visits: s.visits,
        agree: s.agree,
        disagree: s.disagree,
        autoErrors: s.autoErrors,
        deviations: s.deviations,
        overrides: s.overrides,
      };
    };
    expect(pick('triage')).toEqual({ visits: 4, agree: 3, disagree: 1, autoErrors: 1, deviations: 1, overrides: 0 });
    expect(pick('refund')).toEqual({ visits: 3, agree: 3, disagree: 0, autoErrors: 0, deviations: 0, overrides: 0 });
    expect(pick('review')).toEqual({ visits: 2, agree: 2, disagree: 0, autoErrors: 0, deviations: 0, overrides: 0 });
    expect(pick('reject')).toEqual({ visits: 0, agree: 0, disagree: 0, autoErrors: 0, deviations: 1, overrides: 0 });
  });

  it('explains each case as the table does', () => {
    const g = compileGraph(doc);
    const [c1, c2, c3, c4, c5] = cases.map((c) => replayCase(g, c));
    expect(c1!.steps.map((s) => [s.state, s.outcome, s.eventIndex])).toEqual([
      ['triage', 'auto-correct', 1],
      ['refund', 'human', null],
    ]);
    expect(c1!.end).toBe('final');
    expect(c2!.steps.map((s) => [s.state, s.agent, s.human, s.outcome])).toEqual([
      ['triage', 'triage|always||0', 'triage|always||2', 'auto-error'],
      ['review', 'review|on|APPROVE|0', 'review|on|APPROVE|0', 'human'],
      ['refund', 'refund|always||0', 'refund|always||0', 'human'],
    ]);
    expect([c3!.steps.map((s) => s.outcome), c3!.end, c3!.deviatedAt]).toEqual([['accepted'], 'deviated', 'reject']);
    expect(c4!.steps.every((s) => s.tier === 'human' && s.agree)).toBe(true);
    expect([c5!.steps.length, c5!.end, c5!.deviatedAt]).toEqual([0, 'deviated', 'triage']);
  });

  it('aggregating traces equals simulating directly', async () => {
    const { ReplayAccumulator } = await import('./accumulator');
    const g = compileGraph(doc);
    const acc = new ReplayAccumulator(g);
    for (const c of cases) acc.add(replayCase(g, c));
    expect(acc.result()).toEqual(await simulate(g, cases));
  });
});
