// checkVariant's wording and edges (issue #9): what each diagnostic says, the policy ranges at
// their bounds, a guardrail entry that is not an object or has no string `when`, and the text of
// the VariantError whatIf throws (path: message (at offset)). Expected texts are the documented
// messages, written out by hand.
import { describe, expect, it } from 'vitest';
import type { Guardrail } from '../model/types';
import { checkVariant, VariantError } from './checkVariant';
import { compileGraph } from './compile';
import { graph, payMachine } from './testGraphs';
import { whatIf } from './whatIf';

const g = compileGraph(graph(payMachine, { tools: { payout: { limit: 'amount <= 50.0' } } }));

describe('checkVariant messages', () => {
  it('says what is wrong with each reference and value', () => {
    expect(
      checkVariant(g, {
        rollout: 'yolo' as never,
        tiers: { ghost: null, start: 'always' as never },
        limits: { nope: null },
      }),
    ).toEqual([
      { path: 'rollout', message: 'must be one of observe, assist, autonomy' },
      { path: 'tiers["ghost"]', message: 'no state or transition has this key or id' },
      { path: 'tiers["start"]', message: 'tier must be one of human, suggest, auto (or null to remove it)' },
      { path: 'limits["nope"]', message: 'no tool has this name' },
    ]);
  });

  it('checks each guardrail entry: an object, a string `when`, a downgrade to suggest or human', () => {
    const list = [
      null,
      7,
      { when: 42, downgradeTo: 'human' },
      { when: 'true', downgradeTo: 'auto' },
      { when: 'risk > 0.5', downgradeTo: 'suggest' },
    ] as unknown as Guardrail[];
    expect(checkVariant(g, { guardrails: { start: list, 'check|on|OK|0': {} as never } })).toEqual([
      { path: 'guardrails["start"][0]', message: 'must be { when, downgradeTo }' },
      { path: 'guardrails["start"][1]', message: 'must be { when, downgradeTo }' },
      { path: 'guardrails["start"][2].when', message: 'must be a CEL expression (a string)' },
      { path: 'guardrails["start"][3].downgradeTo', message: 'must be suggest or human' },
      { path: 'guardrails["check|on|OK|0"]', message: 'must be a list of guardrails' },
    ]);
  });

  it('a CEL problem carries its kind, and its offset when the checker gives one', () => {
    const [d] = checkVariant(g, { limits: { payout: 'amount > 1.0 &&' } });
    expect(d).toMatchObject({ path: 'limits["payout"]', kind: 'syntax' });
    expect(typeof d!.offset).toBe('number');
    // a non-bool result is reported by the environment with offset 0
    expect(checkVariant(g, { limits: { payout: 'amount + 1.0' } })).toEqual([
      { path: 'limits["payout"]', message: 'expression must be bool, but it is double', kind: 'type', offset: 0 },
    ]);
    // removing a limit (null) is not CEL and needs no check
    expect(checkVariant(g, { limits: { payout: null } })).toEqual([]);
  });

  it('policy: a threshold strictly between 0 and 1, a whole number of cases from 1', () => {
    const paths = (policy: { threshold?: number; minCases?: number }) =>
      checkVariant(g, { policy }).map((d) => [d.path, d.message]);
    expect(paths({ threshold: 0 })).toEqual([['policy.threshold', 'must be a fraction between 0 and 1']]);
    expect(paths({ threshold: 1 })).toEqual([['policy.threshold', 'must be a fraction between 0 and 1']]);
    expect(paths({ threshold: Number.NaN })).toHaveLength(1);
    expect(paths({ threshold: 0.001, minCases: 1 })).toEqual([]);
    expect(paths({ threshold: 0.999 })).toEqual([]);
    expect(paths({ minCases: 0 })).toEqual([['policy.minCases', 'must be a whole number ≥ 1']]);
    expect(paths({ minCases: 2.5 })).toEqual([['policy.minCases', 'must be a whole number ≥ 1']]);
  });
});

describe('VariantError', () => {
  it('lists every diagnostic as path: message, with the offset when there is one', () => {
    const e = new VariantError([
      { path: 'rollout', message: 'must be one of observe, assist, autonomy' },
      { path: 'limits["payout"]', message: 'bad', kind: 'syntax', offset: 7 },
    ]);
    expect(e.name).toBe('VariantError');
    expect(e.message).toBe(
      'what-if variant refused: rollout: must be one of observe, assist, autonomy; limits["payout"]: bad (at 7)',
    );
  });

  it('is what whatIf throws for a variant that does not check', () => {
    let thrown: unknown;
    try {
      whatIf(g, { cases: 0 } as never, { limits: { payout: 'amount + 1.0' } });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(VariantError);
    expect((thrown as VariantError).diagnostics).toHaveLength(1);
    expect((thrown as Error).message).toBe(
      'what-if variant refused: limits["payout"]: expression must be bool, but it is double (at 0)',
    );
  });
});
