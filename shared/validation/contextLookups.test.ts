// buildContext's shared lookups, checked directly (the rules only see them through their own
// findings): the marked tier of a branch, the agent and tool of a state, the states a target
// enters, the human description of a transition, and where every CEL expression sits. Expected
// values are worked out by hand from the document (XState's key paths, DESIGN's tier rule:
// own tier, else the state's default, else human; invalid values ignored).
import { describe, expect, it } from 'vitest';
import type { GraphDoc, MachineConfig } from '../model/types';
import { buildContext } from './context';
import { docWith } from './testing';
import { validateGraph } from './validate';

const machine = {
  id: 'm',
  initial: 'triage',
  states: {
    triage: {
      meta: { tier: 'suggest', agent: 'clerk', guardrails: [{ when: 'case.amount > 0' }, null, { nowhen: 1 }] },
      on: {
        OWN: { target: 'done', meta: { tier: 'auto' } },
        BAD: { target: 'done', meta: { tier: 'automatic' } },
        PLAIN: {
          target: 'done',
          guard: { type: 'cel', params: { expr: 'case.amount < 10' } },
          meta: { guardrails: [{ when: 'true' }] },
        },
        NOWHERE: {},
        LOST: 'ghost',
      },
      always: [{ target: 'review' }],
      after: { 1000: 'done' },
    },
    review: {
      meta: { tier: 'wrong', agent: 'toString', tool: 'refund' },
      initial: 'collect',
      states: {
        collect: { initial: 'inner', states: { inner: { on: { GO: '#m.done' } } } },
        spare: { meta: { agent: '' } },
      },
    },
    done: { type: 'final' },
  },
} as unknown as MachineConfig;

const ctxOf = (extra: Partial<GraphDoc> = {}) =>
  buildContext(
    docWith(machine, {
      agents: { clerk: { owner: 'ops' } },
      tools: { refund: { limit: 'case.amount <= 100' }, lookup: {} },
      ...extra,
    }),
  );
const transition = (ctx: ReturnType<typeof buildContext>, source: string, event: string | null) =>
  ctx.graph.transitions.find((t) => t.source === source && t.event === event)!;

describe('buildContext', () => {
  it('markedTier: the branch own tier, else the state default, else human; invalid values are ignored', () => {
    const ctx = ctxOf();
    expect(ctx.markedTier(transition(ctx, 'triage', 'OWN'))).toBe('auto');
    expect(ctx.markedTier(transition(ctx, 'triage', 'BAD'))).toBe('suggest'); // "automatic" is not a tier
    expect(ctx.markedTier(transition(ctx, 'triage', 'PLAIN'))).toBe('suggest');
    expect(ctx.markedTier(transition(ctx, 'review.collect.inner', 'GO'))).toBe('human'); // no tier of its own state (review's "wrong" is not inherited)
  });

  it('agentOf: the nearest state (itself, then ancestors) naming an agent; def only for a declared agent', () => {
    const ctx = ctxOf();
    expect(ctx.agentOf('triage')).toEqual({
      name: 'clerk',
      def: { owner: 'ops' },
      path: ['machine', 'states', 'triage', 'meta', 'agent'],
    });
    // "toString" is not declared: no def, even though every object has a toString
    expect(ctx.agentOf('review.collect.inner')).toEqual({
      name: 'toString',
      def: undefined,
      path: ['machine', 'states', 'review', 'meta', 'agent'],
    });
    // an empty agent name does not count: the parent's agent applies
    expect(ctx.agentOf('review.spare')?.name).toBe('toString');
    expect(ctx.agentOf('done')).toBeNull();
  });

  it('toolOf: the state own tool with its definition; none for a state without one', () => {
    const ctx = ctxOf();
    expect(ctx.toolOf(ctx.graph.states.get('review')!)).toEqual({
      name: 'refund',
      def: { limit: 'case.amount <= 100' },
      path: ['machine', 'states', 'review', 'meta', 'tool'],
    });
    expect(ctx.toolOf(ctx.graph.states.get('review.collect')!)).toBeNull();
    const undeclared = ctxOf({ tools: {} });
    expect(undeclared.toolOf(undeclared.graph.states.get('review')!)).toEqual({
      name: 'refund',
      def: undefined,
      path: ['machine', 'states', 'review', 'meta', 'tool'],
    });
  });

  it('entered: the target and its chain of compound initials', () => {
    const ctx = ctxOf();
    expect(ctx.entered('review').map((s) => s.key)).toEqual(['review', 'review.collect', 'review.collect.inner']);
    expect(ctx.entered('done').map((s) => s.key)).toEqual(['done']);
    expect(ctx.entered('ghost')).toEqual([]);
  });

  it('describe: source, targets (resolved then unresolved) and trigger', () => {
    const ctx = ctxOf();
    expect(ctx.describe(transition(ctx, 'triage', 'OWN'))).toBe('"triage" → "done" (on OWN)');
    expect(ctx.describe(transition(ctx, 'triage', null))).toBe('"triage" → "review" (always)');
    expect(ctx.describe(transition(ctx, 'triage', '1000'))).toBe('"triage" → "done" (after 1000)');
    expect(ctx.describe(transition(ctx, 'triage', 'NOWHERE'))).toBe('"triage" → (no target) (on NOWHERE)');
    expect(ctx.describe(transition(ctx, 'triage', 'LOST'))).toBe('"triage" → "ghost" (on LOST)');
    expect(ctx.describe({ ...transition(ctx, 'triage', 'OWN'), source: '' })).toBe('the machine → "done" (on OWN)');
  });

  // ids count a state's branches in flattenMachine's order: always first, so PLAIN is number 3
  it('celSites: state guardrails, then guards and branch guardrails, then tool limits, each with its path and label', () => {
    const sites = ctxOf().celSites.map((s) => [
      s.kind,
      s.expr,
      s.path.join('/'),
      s.label,
      s.stateKey ?? null,
      s.transitionId ?? null,
      s.tool ?? null,
    ]);
    expect(sites).toEqual([
      [
        'guardrail',
        'case.amount > 0',
        'machine/states/triage/meta/guardrails/0/when',
        'guardrail 1 of "triage"',
        'triage',
        null,
        null,
      ],
      [
        'guardrail',
        undefined,
        'machine/states/triage/meta/guardrails/1/when',
        'guardrail 2 of "triage"',
        'triage',
        null,
        null,
      ],
      [
        'guardrail',
        undefined,
        'machine/states/triage/meta/guardrails/2/when',
        'guardrail 3 of "triage"',
        'triage',
        null,
        null,
      ],
      [
        'guard',
        'case.amount < 10',
        'machine/states/triage/on/PLAIN/guard/params/expr',
        'guard of "triage" → "done" (on PLAIN)',
        'triage',
        'triage|on|PLAIN|3',
        null,
      ],
      [
        'guardrail',
        'true',
        'machine/states/triage/on/PLAIN/meta/guardrails/0/when',
        'guardrail 1 of "triage" → "done" (on PLAIN)',
        'triage',
        'triage|on|PLAIN|3',
        null,
      ],
      ['limit', 'case.amount <= 100', 'tools/refund/limit', 'limit of tool "refund"', null, null, 'refund'],
    ]);
  });

  it('malformed top-level parts read as empty: tools or agents given as arrays declare nothing', () => {
    const ctx = ctxOf({ tools: [{ limit: 'x' }] as never, agents: ['clerk'] as never });
    expect(ctx.celSites.filter((s) => s.kind === 'limit')).toEqual([]);
    expect(ctx.agentOf('triage')?.def).toBeUndefined();
    const nullTools = ctxOf({ tools: null as never });
    expect(nullTools.celSites.filter((s) => s.kind === 'limit')).toEqual([]);
  });

  it('movingTransitions: flattenMachine transitions first, then completions', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { initial: 'x', states: { x: { type: 'final' } }, onDone: 'b', on: { GO: 'b' } },
        b: { type: 'final' },
      },
    } as unknown as MachineConfig;
    const ctx = buildContext(docWith(m));
    expect(ctx.movingTransitions.map((t) => `${t.source}:${t.event}`)).toEqual(['a:GO', 'a:onDone']);
    expect([ctx.compile('true').ok, ctx.compile('1 +').ok]).toEqual([true, false]);
  });
});

describe('validateGraph when the context cannot be built', () => {
  it('a document whose machine is not an object reports the schema error only, no internal error', () => {
    const doc = {
      ...docWith({ id: 'm', initial: 'a', states: { a: { type: 'final' } } }),
      machine: null,
    } as unknown as GraphDoc;
    expect(() => buildContext(doc)).toThrow(); // the situation under test: the context itself fails
    expect(validateGraph(doc).map((d) => d.code)).toEqual(['invalid-document']);
  });
});
