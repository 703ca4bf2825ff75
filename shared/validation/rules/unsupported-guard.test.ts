import { describe, expect, it } from 'vitest';
import { docWith, runRule } from '../testing';
import { unsupportedGuard } from './unsupported-guard';

describe('unsupported-guard', () => {
  it('warns about XState named guards', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: {
          on: {
            GO: [
              { target: 'b', guard: 'isVip' },
              { target: 'b', guard: { type: 'isOver18' } },
            ],
          },
        },
        b: { type: 'final' as const },
      },
    };
    const found = runRule(unsupportedGuard, docWith(m));
    expect(found.map((d) => [d.transitionId, d.path.at(-1)])).toEqual([
      ['a|on|GO|0', 'guard'],
      ['a|on|GO|1', 'guard'],
    ]);
    expect(found[1]!.message).toContain('"isOver18"');
  });

  it('accepts CEL guards', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { on: { GO: { target: 'b', guard: { type: 'cel' as const, params: { expr: 'true' } } } } },
        b: { type: 'final' as const },
      },
    };
    expect(runRule(unsupportedGuard, docWith(m))).toEqual([]);
  });
});
