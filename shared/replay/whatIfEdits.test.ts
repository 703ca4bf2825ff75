// applyVariant and whatIf against documents edited by hand. applyVariant's output is compared with
// the hand-written document itself; whatIf's figures with a fresh simulate() of a hand-edited
// document (never with applyVariant's output, which would be circular). Covers transitions
// written as bare target strings (also inside arrays), removing a tier or limit (the key goes, it
// is not set to null), tool definitions keeping their other fields, unknown references and
// hostile state shapes (ignored, never thrown on).
import { describe, expect, it } from 'vitest';
import type { GraphDoc, MachineConfig, RecordedCase } from '../model/types';
import { simulate } from './aggregate';
import { compileGraph } from './compile';
import { cel, graph, kase, payMachine } from './testGraphs';
import { applyVariant, whatIf, type Variant } from './whatIf';

const machine = (): MachineConfig => ({
  id: 'm',
  initial: 'a',
  states: {
    a: { meta: { activity: 'A', tier: 'suggest' }, on: { GO: 'b', ALT: ['c', 'b'] } },
    b: { meta: { activity: 'B', tool: 'payout' }, on: { NEXT: { target: 'c', meta: { tier: 'auto' } } } },
    c: { type: 'final', meta: { activity: 'C' } },
  },
});
const tools = (): GraphDoc['tools'] => ({
  payout: { system: 'bank', limit: 'amount <= 50.0' },
  refund: { system: 'bank', limit: 'amount <= 5.0' },
});
const docOf = (m: MachineConfig, t: GraphDoc['tools']) => graph(m, { tools: t });

describe('applyVariant', () => {
  it('writes every change where it belongs, as a hand edit would, and leaves the original alone', () => {
    const g = compileGraph(docOf(machine(), tools()));
    expect([...g.transitionIds.keys()].sort()).toEqual(['a|on|ALT|1', 'a|on|ALT|2', 'a|on|GO|0', 'b|on|NEXT|0']);
    const rail = { when: 'risk > 0.5', downgradeTo: 'human' as const };
    const variant: Variant = {
      rollout: 'assist',
      tiers: { a: 'auto', 'a|on|GO|0': 'human', 'b|on|NEXT|0': null, nowhere: 'auto' },
      guardrails: { 'a|on|ALT|2': [rail], nobody: [rail] },
      limits: { payout: 'amount <= 10.0', refund: null, fresh: 'amount < 1.0' },
    };
    const byHand = graph(
      {
        id: 'm',
        initial: 'a',
        states: {
          a: {
            meta: { activity: 'A', tier: 'auto' },
            on: {
              GO: { target: 'b', meta: { tier: 'human' } },
              ALT: ['c', { target: 'b', meta: { guardrails: [rail] } }],
            },
          },
          b: { meta: { activity: 'B', tool: 'payout' }, on: { NEXT: { target: 'c', meta: {} } } },
          c: { type: 'final', meta: { activity: 'C' } },
        },
      },
      {
        tools: {
          payout: { system: 'bank', limit: 'amount <= 10.0' },
          refund: { system: 'bank' },
          fresh: { limit: 'amount < 1.0' },
        },
      },
      'assist',
    );
    expect(applyVariant(g, variant)).toEqual(byHand);
    expect(g.doc).toEqual(docOf(machine(), tools()));
  });

  it('a tier set to undefined is removed like null (no key left)', () => {
    const g = compileGraph(docOf(machine(), tools()));
    const out = applyVariant(g, { tiers: { a: undefined as never } });
    expect(out.machine.states!.a!.meta).toStrictEqual({ activity: 'A' });
  });

  it('a state written as a non-object (hostile document) is left as it is', () => {
    const m = machine();
    m.states!.x = 5 as never;
    const g = compileGraph(docOf(m, tools()));
    expect(g.flat.states.has('x')).toBe(true);
    const out = applyVariant(g, { tiers: { x: 'auto' }, guardrails: { x: [] } });
    expect(out.machine.states!.x).toBe(5);
    expect(out).toEqual(docOf(m, tools()));
  });
});

// payMachine with the payout limit: start → pay [auto] | check [suggest] → pay | deny.
const payDoc = graph(payMachine, { tools: { payout: { system: 'bank', limit: 'amount <= 50.0' } } });
const cases: RecordedCase[] = [];
for (let i = 0; i < 40; i++) {
  const amount = (i * 37) % 160;
  const risk = ((i * 13) % 10) / 10;
  const path =
    i % 3 === 0 ? ['Receive', 'Pay'] : i % 3 === 1 ? ['Receive', 'Check', 'Pay'] : ['Receive', 'Check', 'Deny'];
  cases.push(kase(`c${i}`, { amount, risk }, [...path, 'Close']));
}
const edited = (edit: (s: NonNullable<MachineConfig['states']>) => void, payout = payDoc.tools.payout!) => {
  const m = structuredClone(payMachine);
  edit(m.states!);
  return graph(m, { tools: { payout } });
};

describe('whatIf against hand-edited documents simulated afresh', () => {
  const byHand: Array<[string, Variant, GraphDoc]> = [
    [
      'a tier on a transition written as a bare target',
      { tiers: { 'check|on|OK|0': 'auto' } },
      edited((s) => {
        s.check!.on = { OK: { target: 'pay', meta: { tier: 'auto' } }, NO: 'deny' };
      }),
    ],
    [
      'a guardrail on a transition written as a bare target',
      { guardrails: { 'check|on|OK|0': [{ when: 'amount > 20.0', downgradeTo: 'human' }] } },
      edited((s) => {
        s.check!.on = {
          OK: { target: 'pay', meta: { guardrails: [{ when: 'amount > 20.0', downgradeTo: 'human' }] } },
          NO: 'deny',
        };
      }),
    ],
    [
      'a branch tier removed',
      { tiers: { 'start|always||0': null } },
      edited((s) => {
        s.start!.always = [
          { target: 'pay', guard: cel('amount < 100.0'), meta: {} },
          { target: 'check', guard: cel('risk > 0.5'), meta: { tier: 'suggest' } },
        ];
      }),
    ],
    ['a limit removed (the tool keeps its system)', { limits: { payout: null } }, edited(() => {}, { system: 'bank' })],
    [
      'everything at once',
      {
        rollout: 'assist',
        tiers: { check: 'auto', 'start|always||0': 'suggest' },
        guardrails: { start: [{ when: 'risk > 0.6', downgradeTo: 'human' }] },
        limits: { payout: 'amount <= 120.0' },
      },
      (() => {
        const d = edited(
          (s) => {
            s.start!.meta = { activity: 'Receive', guardrails: [{ when: 'risk > 0.6', downgradeTo: 'human' }] };
            s.start!.always = [
              { target: 'pay', guard: cel('amount < 100.0'), meta: { tier: 'suggest' } },
              { target: 'check', guard: cel('risk > 0.5'), meta: { tier: 'suggest' } },
            ];
            s.check!.meta = { activity: 'Check', tier: 'auto' };
          },
          { system: 'bank', limit: 'amount <= 120.0' },
        );
        return { ...d, rollout: 'assist' as const };
      })(),
    ],
  ];
  it.each(byHand)('%s', async (_name, variant, handDoc) => {
    const base = await simulate(compileGraph(payDoc), cases, { keepFacts: true });
    const fresh = await simulate(handDoc, cases);
    // the hand edit changes the figures, so a variant ignored by whatIf would fail below
    expect(fresh).not.toEqual(await simulate(payDoc, cases));
    expect(whatIf(compileGraph(payDoc), base.facts!, variant)).toEqual(fresh);
  });
});
