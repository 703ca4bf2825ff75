import { describe, expect, it } from 'vitest';
import { assign, createActor, setup, type AnyStateMachine } from 'xstate';
import { commitExport } from '../../export/gate';
import { toXStateConfig } from '../../export/xstateJson';
import type { MachineConfig, StateConfig } from '../../model/types';
import { docWith, runRule } from '../testing';
import { eventlessLoop } from './eventless-loop';
import { cel } from './fixtures';

const found = (m: MachineConfig) =>
  runRule(eventlessLoop, docWith(m, { caseSchema: { amount: { type: 'number', source: 'x' } } })).map((d) => [
    d.severity,
    d.stateKey,
    d.message,
  ]);

/**
 * Oracle: run the exported machine in XState with every guard holding, each eventless transition
 * (the machine root's own too) counting its checks and refusing past 1000. (A counting guard, not an entry action: XState
 * runs actions after the macrostep, which a spinning machine never finishes.) Spun = it had to be
 * stopped.
 */
function spinsInXState(m: MachineConfig): boolean {
  const counted = structuredClone(m);
  const tick = (t: unknown) =>
    typeof t === 'string' ? { target: t, guard: 'tick' } : { ...(t as object), guard: 'tick' };
  const visit = (s: StateConfig) => {
    if (s.always !== undefined) s.always = Array.isArray(s.always) ? s.always.map(tick) : tick(s.always);
    for (const c of Object.values(s.states ?? {})) visit(c);
  };
  visit(counted);
  let checks = 0;
  const config = { ...toXStateConfig(docWith(counted)), context: { n: 0 } };
  const machine = setup({
    guards: { tick: () => ++checks <= 1000 },
    // a step that changes something: XState stops on its own only when a step changes nothing
    actions: { bump: assign({ n: ({ context }) => Number(context.n) + 1 }) },
  }).createMachine(config as never) as unknown as AnyStateMachine;
  const actor = createActor(machine);
  actor.start();
  actor.stop();
  return checks > 1000;
}

const machine = (states: Record<string, StateConfig>, initial = Object.keys(states)[0]!): MachineConfig => ({
  id: 'm',
  initial,
  states,
});

describe('eventless-loop', () => {
  it('an unguarded cycle of always transitions is an error, and XState does spin on it', () => {
    const m = machine({ a: { always: 'b' }, b: { always: { target: 'a' } }, done: { type: 'final' } });
    expect(found(m)).toEqual([
      [
        'error',
        'a',
        expect.stringContaining('Eventless loop "a" → "b" → "a": every step is an unguarded "always" transition'),
      ],
    ]);
    expect(spinsInXState(m)).toBe(true);
  });

  it("the issue's cycle (accepted → queued guarded, queued → accepted) is a warning naming the guard", () => {
    const m = machine({
      accepted: { always: [{ target: 'queued', guard: cel('amount > 100.0') }, { target: 'done' }] },
      queued: { always: 'accepted' },
      done: { type: 'final' },
    });
    const d = found(m);
    expect(d).toHaveLength(1);
    expect(d[0]!.slice(0, 2)).toEqual(['warning', 'accepted']);
    expect(d[0]![2]).toContain('amount > 100.0 ("accepted" → "queued" (always))');
    expect(spinsInXState(m)).toBe(true); // with the guard holding, it does spin
  });

  it('an unguarded always self-loop and a targetless unguarded always are errors', () => {
    expect(found(machine({ a: { always: 'a' }, done: { type: 'final' } }))).toEqual([
      ['error', 'a', expect.stringContaining('"a" has an unguarded "always" transition back to itself')],
    ]);
    expect(found(machine({ a: { always: { actions: 'log' } }, done: { type: 'final' } }))).toEqual([
      ['error', 'a', expect.stringContaining('without a target')],
    ]);
    // XState stops on its own only when a step changes nothing; one that does anything spins
    for (const always of [{ target: 'a', actions: 'bump' }, { actions: 'bump' }]) {
      const m = machine({ a: { always }, done: { type: 'final' } });
      expect(found(m).map((d) => d.slice(0, 2))).toEqual([['error', 'a']]);
      expect(spinsInXState(m)).toBe(true);
    }
  });

  it('a guarded self-loop is a warning; an earlier guard that must fail is named too', () => {
    const d = found(
      machine({
        a: { always: [{ target: 'done', guard: cel('amount < 5.0') }, { target: 'a' }] },
        done: { type: 'final' },
      }),
    );
    expect(d.map((x) => x.slice(0, 2))).toEqual([['warning', 'a']]);
    expect(d[0]![2]).toContain('not (amount < 5.0)');
  });

  it('follows compound initials and ancestor always transitions', () => {
    const viaInitial = machine({
      a: { always: 'p' },
      p: { initial: 'c', states: { c: { always: '#m.a' } } },
      done: { type: 'final' },
    });
    expect(found(viaInitial).map((d) => d.slice(0, 2))).toEqual([['error', 'a']]);
    expect(spinsInXState(viaInitial)).toBe(true);
    const viaParent = machine({
      p: { initial: 'c', always: { target: 'p', reenter: true }, states: { c: {} } },
      done: { type: 'final' },
    });
    expect(found(viaParent).map((d) => d.slice(0, 2))).toEqual([['error', 'p']]); // reported at the transition, on p
  });

  it('no loop: a chain, a branch behind an unguarded one, an event in the cycle — and XState settles', () => {
    const cases = [
      machine({ a: { always: 'b' }, b: { always: 'done' }, done: { type: 'final' } }),
      machine({ a: { always: ['done', 'a'] }, done: { type: 'final' } }),
      machine({ a: { always: 'b' }, b: { on: { GO: 'a' } }, done: { type: 'final' } }),
    ];
    for (const m of cases) {
      expect(found(m)).toEqual([]);
      expect(spinsInXState(m)).toBe(false);
    }
  });

  it('the export gate refuses a spinning graph', async () => {
    const doc = docWith(machine({ a: { always: 'b' }, b: { always: 'a' }, done: { type: 'final' } }));
    const r = await commitExport(doc, { format: 'xstate', signOff: { by: 'ana' } });
    expect(r.ok ? [] : r.check.errors.map((e) => e.code)).toContain('eventless-loop');
  });
});

// The machine root's own `always` is tried in every state, after the state's own and its
// ancestors' (XState's selectEventlessTransitions walks each active leaf up to the root). What
// XState 5 does with it, checked with spinsInXState below: its macrostep keeps taking eventless
// transitions only while a step changes the snapshot (the active states, history or context), so
// a root `always` alone, guarded or not, is taken once and then changes nothing in its own target
// (the case rests there); it spins only when it feeds a cycle with other eventless transitions,
// or when its actions run again each time (an assign changes the context: a new snapshot).
describe("eventless-loop: the machine root's own always", () => {
  const rooted = (always: MachineConfig['always'], states: Record<string, StateConfig>): MachineConfig => ({
    ...machine(states),
    always,
  });
  const diagnostics = (m: MachineConfig) =>
    runRule(eventlessLoop, docWith(m, { caseSchema: { amount: { type: 'number', source: 'x' } } }));
  /** A diagnostic at the root's `always`, as the other root diagnostics are: a path, no state, no branch id. */
  const atRootAlways = (severity: 'error' | 'warning', message: string) => ({
    code: 'eventless-loop',
    severity,
    message,
    path: ['machine', 'always'],
  });

  it('a root always into a state whose own always leads back is an unguarded loop, reported at the root branch', () => {
    // a (no always) → the root's always → b; b's own always → a: a → b → a for ever
    const m = rooted({ target: '.b' }, { a: {}, b: { always: 'a' }, done: { type: 'final' } });
    expect(diagnostics(m)).toStrictEqual([
      atRootAlways(
        'error',
        'Eventless loop "a" → "b" → "a" through the machine\'s own "always" (tried in every state, after the state\'s own): every step is an unguarded "always" transition, so a case that gets there never stops (XState spins until it runs out of memory). Give one step a guard or an event.',
      ),
    ]);
    expect(spinsInXState(m)).toBe(true);
  });

  it('the same loop through a compound target (the root re-enters p at its initial c) and a list entry', () => {
    // in p.d the root's always re-enters p: p.c, whose own always goes to p.d again
    const m = rooted([{ target: '.p' }], {
      p: { initial: 'c', states: { c: { always: 'd' }, d: {} } },
      done: { type: 'final' },
    });
    expect(diagnostics(m).map((d) => [d.severity, d.path, d.stateKey, d.transitionId])).toEqual([
      ['error', ['machine', 'always', 0], undefined, undefined],
    ]);
    expect(diagnostics(m)[0]!.message).toContain(
      'Eventless loop "p.c" → "p.d" → "p.c" through the machine\'s own "always"',
    );
    expect(spinsInXState(m)).toBe(true);
  });

  it('a guarded root always in such a loop is a warning naming its guard, at the root branch', () => {
    const m = rooted(
      { target: '.b', guard: cel('amount > 100.0') },
      { a: {}, b: { always: 'a' }, done: { type: 'final' } },
    );
    expect(diagnostics(m)).toStrictEqual([
      atRootAlways(
        'warning',
        'Eventless loop among "b", "a": it spins whenever these guards hold together: amount > 100.0 (the machine → "b" (always)). Make sure they cannot, or give one step an event.',
      ),
    ]);
    expect(spinsInXState(m)).toBe(true); // with the guard holding, it does spin
  });

  it('a root always with actions runs them again in every state it leaves unchanged: one error, at the root branch', () => {
    const message =
      'The machine\'s own unguarded "always" without a target is tried in every state and runs its actions each time it is taken, even where it leaves the case where it is: XState stops only when a step changes nothing, so actions that change the context make it spin. Give it a guard, or move the actions to an entry or an event.';
    // targetless: a self-loop in a and in b, reported once
    const m = rooted({ actions: 'bump' }, { a: { on: { GO: 'b' } }, b: {}, done: { type: 'final' } });
    expect(diagnostics(m)).toStrictEqual([atRootAlways('error', message)]);
    expect(spinsInXState(m)).toBe(true);
    // with a target: a → b once, then in b it is taken again and again
    const into = rooted({ target: '.b', actions: 'bump' }, { a: {}, b: {}, done: { type: 'final' } });
    expect(diagnostics(into)).toStrictEqual([atRootAlways('error', message.replace('without a target', 'into "b"'))]);
    expect(spinsInXState(into)).toBe(true);
  });

  it('a root always that only moves the case and then rests gives no diagnostic, and XState settles', () => {
    const states = (): Record<string, StateConfig> => ({
      a: { on: { GO: 'b' } },
      b: {},
      p: { initial: 'c', states: { c: {} } },
      done: { type: 'final' },
    });
    const harmless: MachineConfig[] = [
      rooted({ target: '.b' }, states()), // taken once (a → b), then nothing changes in b
      rooted({ target: '.b', guard: cel('amount > 100.0') }, states()), // likewise while the guard holds
      rooted({ target: '.p' }, states()), // to p.c, where re-entering p changes nothing
      rooted({}, states()), // targetless, no actions: changes nothing
      rooted({ target: '.done' }, states()), // the machine is done
      // the only state's own unguarded always is tried first: the root's (which would spin) is never reached
      rooted({ actions: 'bump' }, { a: { always: 'done' }, done: { type: 'final' } }),
    ];
    for (const m of harmless) {
      expect(diagnostics(m)).toEqual([]);
      expect(spinsInXState(m)).toBe(false);
    }
  });
});
