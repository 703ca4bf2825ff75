import { describe, expect, it } from 'vitest';
import { docWith, runRule, simpleMachine } from '../testing';
import { unknownTarget } from './unknown-target';

describe('unknown-target', () => {
  it('reports a target that names no state, with a suggestion', () => {
    const m = simpleMachine();
    m.states!.start = { always: [{ target: 'dnoe' }], on: { GO: 'nowhere' } };
    const found = runRule(unknownTarget, docWith(m));
    expect(found.map((d) => d.path.join('.'))).toEqual([
      'machine.states.start.always.0.target',
      'machine.states.start.on.GO',
    ]);
    expect(found[0]!.message).toBe('Target "dnoe" of "start" → "dnoe" (always) is not a state; did you mean "done"?');
    expect(found[0]!.transitionId).toBe('start|always||0');
  });

  it('reports an initial that is not a child', () => {
    const m = simpleMachine();
    m.initial = 'begin';
    const [d] = runRule(unknownTarget, docWith(m));
    expect(d).toMatchObject({ path: ['machine', 'initial'] });
  });

  it('resolves siblings, #ids, child paths and onDone targets', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: {
          initial: 'x',
          states: { x: { on: { N: 'y' } }, y: { type: 'final' as const } },
          onDone: 'b',
          on: { J: '#m.b', K: '.x', L: 'a.y' },
        },
        b: { id: 'bee', invoke: { src: 's', onDone: 'c', onError: '#bee' } },
        c: { type: 'final' as const },
      },
    };
    expect(runRule(unknownTarget, docWith(m))).toEqual([]);
  });

  it('checks onDone, invoke and machine-level targets, selecting the state they belong to', () => {
    const m = {
      id: 'm',
      initial: 'a',
      on: { CANCEL: '.gone' },
      states: { a: { invoke: { src: 's', onDone: 'b', onError: 'oops' } }, b: { type: 'final' as const } },
    };
    const found = runRule(unknownTarget, docWith(m));
    expect(found.map((d) => [d.path.join('.'), d.stateKey, d.transitionId])).toEqual([
      ['machine.on.CANCEL', undefined, undefined],
      ['machine.states.a.invoke.onError', 'a', undefined],
    ]);
    expect(found[0]!.message).toContain('the machine → ".gone" (on CANCEL)');
  });
});
