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
 * counting its checks and refusing past 1000. (A counting guard, not an entry action: XState
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
  for (const s of Object.values(counted.states ?? {})) visit(s);
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
