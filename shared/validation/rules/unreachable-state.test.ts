import { describe, expect, it } from 'vitest';
import { docWith, runRule, simpleMachine } from '../testing';
import { unreachableState } from './unreachable-state';

describe('unreachable-state', () => {
  it('reports the outermost state no path enters', () => {
    const m = simpleMachine();
    m.states!.orphan = { initial: 'inner', states: { inner: { on: { X: '#m.done' } } } };
    const found = runRule(unreachableState, docWith(m));
    expect(found.map((d) => [d.stateKey, d.severity])).toEqual([['orphan', 'warning']]);
  });

  it('reaches through compound initials, #id targets, ancestors, parallel regions and invoke.onDone', () => {
    const m = {
      id: 'm',
      initial: 'verify',
      states: {
        verify: { initial: 'otp', on: { ABANDON: 'rejected' }, states: { otp: { on: { OK: '#m.work' } } } },
        work: {
          type: 'parallel' as const,
          states: {
            left: { initial: 'l1', states: { l1: {} } },
            right: { initial: 'r1', states: { r1: { on: { NEXT: '#m.call' } } } },
          },
        },
        call: { invoke: { src: 'api', onDone: 'done' } },
        rejected: { type: 'final' as const },
        done: { type: 'final' as const },
      },
    };
    expect(runRule(unreachableState, docWith(m))).toEqual([]);
  });

  it("counts the machine root's own transitions", () => {
    const m = {
      id: 'order',
      initial: 'open',
      after: { PT30D: { target: '.cancelled' } },
      states: {
        open: { on: { DONE: 'closed' } },
        closed: { type: 'final' as const },
        cancelled: { type: 'final' as const },
      },
    };
    expect(runRule(unreachableState, docWith(m))).toEqual([]);
  });
});
