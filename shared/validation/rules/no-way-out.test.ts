import { describe, expect, it } from 'vitest';
import { docWith, runRule, simpleMachine } from '../testing';
import { noWayOut } from './no-way-out';

describe('no-way-out', () => {
  it('reports a non-final state with no transition out (targetless ones do not count)', () => {
    const m = simpleMachine();
    m.states!.start!.on = { GO: 'stuck' };
    m.states!.stuck = { on: { PING: { actions: 'log' } } };
    const found = runRule(noWayOut, docWith(m));
    expect(found.map((d) => [d.stateKey, d.severity, d.path.join('.')])).toEqual([
      ['stuck', 'error', 'machine.states.stuck'],
    ]);
  });

  it('counts an ancestor transition as a way out, and final states need none', () => {
    const m = {
      id: 'm',
      initial: 'p',
      states: { p: { on: { CANCEL: 'done' }, initial: 'c', states: { c: {} } }, done: { type: 'final' as const } },
    };
    expect(runRule(noWayOut, docWith(m))).toEqual([]);
  });

  it('does not crash on parallel states', () => {
    const m = {
      id: 'm',
      type: 'parallel' as const,
      states: {
        a: { initial: 'x', states: { x: {} } },
        b: { initial: 'y', states: { y: { type: 'final' as const } } },
      },
    };
    expect(runRule(noWayOut, docWith(m)).map((d) => d.stateKey)).toEqual(['a.x']);
  });
});
