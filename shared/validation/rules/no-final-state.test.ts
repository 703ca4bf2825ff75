import { describe, expect, it } from 'vitest';
import { docWith, runRule, simpleMachine } from '../testing';
import { noFinalState } from './no-final-state';

describe('no-final-state', () => {
  it('reports a machine without a final state', () => {
    const m = { id: 'm', initial: 'a', states: { a: { on: { GO: 'b' } }, b: { on: { BACK: 'a' } } } };
    expect(runRule(noFinalState, docWith(m)).map((d) => [d.path.join('.'), d.severity])).toEqual([
      ['machine.states', 'error'],
    ]);
    expect(runRule(noFinalState, docWith({ id: 'empty' }))).toHaveLength(1);
  });

  it('finds a nested final state', () => {
    const m = { id: 'm', initial: 'a', states: { a: { initial: 'x', states: { x: { type: 'final' as const } } } } };
    expect(runRule(noFinalState, docWith(m))).toEqual([]);
    expect(runRule(noFinalState, docWith(simpleMachine()))).toEqual([]);
  });

  it('says "no states" at the machine for a machine without states, else "no final state" at its states', () => {
    const noStates = [
      { code: 'no-final-state', severity: 'error', message: 'The machine has no states', path: ['machine'] },
    ];
    expect(runRule(noFinalState, docWith({ id: 'empty' }))).toEqual(noStates);
    expect(runRule(noFinalState, docWith({ id: 'empty', initial: 'a', states: {} }))).toEqual(noStates);
    const m = { id: 'm', initial: 'a', states: { a: { initial: 'x', states: { x: { on: { GO: '#m.b' } } } }, b: {} } };
    expect(runRule(noFinalState, docWith(m))).toEqual([
      {
        code: 'no-final-state',
        severity: 'error',
        message: 'The machine has no final state: no case can complete (mark the end state "type": "final")',
        path: ['machine', 'states'],
      },
    ]);
  });
});
