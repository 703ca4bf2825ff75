// compileGraph on small hand-built documents, for what the mutation run of compile.ts found
// untested: which states a branch enters (tool limits), which guardrails count, where a CEL
// problem is reported, targetless branches, the machine root. Expected values are read off each
// document by hand (DESIGN "Effective tier", XState's entry order).
import { describe, expect, it } from 'vitest';
import { compileGraph, type CompiledGraph } from './compile';
import { cel, graph } from './testGraphs';

const tools = { tp: { limit: 'amount <= 10.0' }, tq: { limit: 'amount <= 20.0' }, tr: { limit: 'amount <= 30.0' } };
const byId = (g: CompiledGraph, id: string) => g.transitions[g.transitionIds.get(id)!]!;
const limitStates = (g: CompiledGraph, id: string) => byId(g, id).limits.map((l) => [l.state, l.tool, l.expr]);

describe('tool limits of the states a branch enters', () => {
  // a → p: enters p (tool tp) then its initial q (tool tq). p.q → p.r stays inside p: only r (tr).
  // p → p.r (a branch of the parent into its own child): p is not re-entered, only r.
  const doc = graph(
    {
      initial: 'a',
      states: {
        a: { meta: { activity: 'A' }, on: { GO: 'p' } },
        p: {
          meta: { activity: 'P', tool: 'tp' },
          initial: 'q',
          on: { JUMP: '.r' },
          states: {
            q: { meta: { activity: 'Q', tool: 'tq' }, on: { NEXT: 'r' } },
            r: { meta: { activity: 'R', tool: 'tr' }, on: { END: '#z' } },
          },
        },
        z: { id: 'z', type: 'final', meta: { activity: 'Z' } },
      },
    },
    { tools },
  );
  const g = compileGraph(doc);

  it('an outside branch into a compound state checks the compound and its initial descendants', () => {
    expect(limitStates(g, 'a|on|GO|0')).toEqual([
      ['p', 'tp', 'amount <= 10.0'],
      ['p.q', 'tq', 'amount <= 20.0'],
    ]);
  });
  it('a branch between siblings, or from a parent into its child, does not re-enter the parent', () => {
    expect(limitStates(g, 'p.q|on|NEXT|0')).toEqual([['p.r', 'tr', 'amount <= 30.0']]);
    expect(limitStates(g, 'p|on|JUMP|0')).toEqual([['p.r', 'tr', 'amount <= 30.0']]);
    expect(limitStates(g, 'p.r|on|END|0')).toEqual([]);
  });
});

describe('guardrails and CEL problems', () => {
  const doc = graph(
    {
      initial: 'a',
      meta: { guardrails: [{ when: 'risk > 0.9', downgradeTo: 'human' }] },
      states: {
        a: {
          meta: {
            activity: 'A',
            // only suggest/human downgrades count; an `auto` "downgrade" and a null entry are dropped
            guardrails: [
              { when: 'risk > 0.5', downgradeTo: 'suggest' },
              { when: 'true', downgradeTo: 'auto' },
              null,
              { when: 5, downgradeTo: 'human' },
            ],
          },
          on: {
            GO: {
              target: 'b',
              guard: cel('amount >'),
              meta: { guardrails: [{ when: 'amount > 3.0', downgradeTo: 'human' }] },
            },
          },
        },
        b: { type: 'final', meta: { activity: 'B' } },
      },
    } as never,
    {},
  );
  const g = compileGraph(doc);
  const a = g.states[g.stateIds.get('a')!]!;

  it("a state's guardrails: its own valid ones, then the machine's, each naming where it is declared", () => {
    expect(a.guardrails.map((r) => [r.expr, r.downgradeTo, r.on, r.owner, r.error === null])).toEqual([
      ['risk > 0.5', 'suggest', 'state', 'a', true],
      ['5', 'human', 'state', 'a', false],
      ['risk > 0.9', 'human', 'state', '(machine)', true],
    ]);
    expect(a.guardrails[1]!.error).toBe('guardrail on a: not a CEL expression');
    expect(byId(g, 'a|on|GO|0').guardrails.map((r) => [r.expr, r.on, r.owner])).toEqual([
      ['amount > 3.0', 'transition', 'a|on|GO|0'],
    ]);
    // b declares none: only the machine's
    expect(g.states[g.stateIds.get('b')!]!.guardrails.map((r) => r.owner)).toEqual(['(machine)']);
  });

  it('a guard that does not compile is kept with its error and reported under the branch id', () => {
    const guard = byId(g, 'a|on|GO|0').guard!;
    expect(guard.expr).toBe('amount >');
    expect(guard.cel).toBeNull();
    expect(guard.error).toEqual(expect.any(String));
    expect(g.problems).toEqual([`guard of a|on|GO|0: ${guard.error}`]);
  });
});

describe('targetless and unresolved branches, the machine root', () => {
  const doc = graph(
    {
      initial: 'a',
      on: { STOP: '.z', LOST: '.nowhere', AWAY: '#nobody', BARE: 'az' },
      states: {
        a: { meta: { activity: 'A' }, always: [{ guard: cel('amount > 1.0') }], on: { GO: 'nowhere', NEXT: 'z' } },
        z: { type: 'final', meta: { activity: 'Z' } },
      },
    },
    { rollout: undefined },
  );
  const g = compileGraph({ ...doc, rollout: undefined as never });

  it('a targetless branch is no branch; an unresolved one is a problem; a root ".child" resolves', () => {
    const a = g.states[g.stateIds.get('a')!]!;
    // ids count all of a's branches in order (always 0, GO 1, NEXT 2). a's table: its own NEXT, then the root's STOP (unresolved GO/LOST/AWAY and the targetless always are skipped)
    expect([...a.table].map((i) => g.transitions[i]!.id)).toEqual(['a|on|NEXT|2', '|on|STOP|0']);
    expect(byId(g, '|on|STOP|0').target).toBe(g.stateIds.get('z'));
    expect(g.problems.filter((p) => p.includes('does not resolve'))).toHaveLength(4);
    expect(g.problems).toContain('transition a|on|GO|1: target nowhere does not resolve');
  });
  it('no rollout in the document means observe; the initial leaf is found', () => {
    expect(g.rollout).toBe('observe');
    expect(g.initial).toBe(g.stateIds.get('a'));
    expect(compileGraph(graph({})).initial).toBe(-1);
  });
});

describe('tool limits as written', () => {
  it('a blank limit is no limit; a bad one is reported once however many branches enter its state', () => {
    const doc = graph(
      {
        initial: 'a',
        states: {
          a: { meta: { activity: 'A' }, on: { X: 'bad', Y: 'bad', Z: 'blank' } },
          bad: { meta: { activity: 'Bad', tool: 'tb' }, on: { BACK: 'a' } },
          blank: { type: 'final', meta: { activity: 'Blank', tool: 'tn' } },
        },
      },
      { tools: { tb: { limit: 'amount <' }, tn: { limit: '   ' } } },
    );
    const g = compileGraph(doc);
    expect(limitStates(g, 'a|on|Z|2')).toEqual([]);
    expect(limitStates(g, 'a|on|X|0')).toEqual([['bad', 'tb', 'amount <']]);
    expect(g.problems).toHaveLength(1);
    expect(g.problems[0]).toMatch(/^limit of tool tb: /);
  });
});
