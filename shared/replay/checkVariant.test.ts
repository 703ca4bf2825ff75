/** checkVariant: a what-if variant is type-checked against the graph's caseSchema like guards are. */
import { describe, expect, it } from 'vitest';
import type { Guardrail, Tier } from '../model/types';
import { checkVariant } from './checkVariant';
import { compileGraph } from './compile';
import { graph, payMachine } from './testGraphs';
import type { Variant } from './whatIf';

// caseSchema: amount number, risk number (testGraphs)
const g = compileGraph(graph(payMachine, { tools: { payout: { limit: 'amount <= 50.0' } } }));

describe('checkVariant', () => {
  it('accepts a well-typed variant', () => {
    const v: Variant = {
      rollout: 'assist',
      tiers: { start: 'suggest', 'start|always||0': null },
      guardrails: { start: [{ when: 'risk > 0.6 && amount < 10.0', downgradeTo: 'human' }], 'check|on|OK|0': [] },
      limits: { payout: 'amount <= 150.0' },
      policy: { threshold: 0.1, minCases: 5 },
    };
    expect(checkVariant(g, v)).toEqual([]);
  });

  it('gives CEL diagnostics for guardrails and limits: unknown field, wrong type, non-bool, syntax', () => {
    const d = checkVariant(g, {
      guardrails: {
        start: [
          { when: 'amont > 5.0', downgradeTo: 'human' },
          { when: 'amount > "big"', downgradeTo: 'suggest' },
          { when: 'amount + 1.0', downgradeTo: 'human' },
        ],
      },
      limits: { payout: 'amount <=' },
    });
    expect(d.map((x) => [x.path, x.kind])).toEqual([
      ['guardrails["start"][0].when', 'type'],
      ['guardrails["start"][1].when', 'type'],
      ['guardrails["start"][2].when', 'type'],
      ['limits["payout"]', 'syntax'],
    ]);
    expect(d[0]!.message).toMatch(/amont/);
    expect(d[2]!.message).toMatch(/must be bool/);
  });

  it('names references that do not exist and values out of range', () => {
    const d = checkVariant(g, {
      rollout: 'yolo' as never,
      tiers: { ghost: 'auto', start: 'always' as Tier },
      guardrails: { ghost: [{ when: 'true', downgradeTo: 'auto' } as unknown as Guardrail], start: 'x' as never },
      // an own `__proto__` key (as JSON.parse makes it) is a name like any other, not Object.prototype
      limits: JSON.parse('{"__proto__": "true", "nope": null}') as Record<string, string | null>,
      policy: { threshold: 2, minCases: 0.5 },
    });
    expect(d.map((x) => x.path)).toEqual([
      'rollout',
      'tiers["ghost"]',
      'tiers["start"]',
      'guardrails["ghost"]',
      'guardrails["ghost"][0].downgradeTo',
      'guardrails["start"]',
      'limits["__proto__"]',
      'limits["nope"]',
      'policy.threshold',
      'policy.minCases',
    ]);
  });
});
