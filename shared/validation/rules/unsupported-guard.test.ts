import { describe, expect, it } from 'vitest';
import type { MachineConfig } from '../../model/types';
import { docWith, runRule } from '../testing';
import { unsupportedGuard } from './unsupported-guard';

/**
 * a --GO--> b (final) with GO's branches as given (malformed guards too: the rule must cope with
 * any JSON); `more` adds states between a and b.
 */
function goToB(go: unknown, more: Record<string, unknown> = {}) {
  return docWith({
    id: 'm',
    initial: 'a',
    states: { a: { on: { GO: go } }, ...more, b: { type: 'final' } },
  } as MachineConfig);
}

describe('unsupported-guard', () => {
  it('warns about XState named guards', () => {
    const found = runRule(
      unsupportedGuard,
      goToB([
        { target: 'b', guard: 'isVip' },
        { target: 'b', guard: { type: 'isOver18' } },
      ]),
    );
    expect(found.map((d) => [d.transitionId, d.path.at(-1)])).toEqual([
      ['a|on|GO|0', 'guard'],
      ['a|on|GO|1', 'guard'],
    ]);
    expect(found[1]!.message).toContain('"isOver18"');
  });

  it('accepts CEL guards', () => {
    const doc = goToB({ target: 'b', guard: { type: 'cel', params: { expr: 'true' } } });
    expect(runRule(unsupportedGuard, doc)).toEqual([]);
  });

  it('names each non-CEL guard as written, at its guard, with source and branch; a malformed cel guard is left to invalid-document', () => {
    const doc = goToB(
      [
        { target: 'b' }, // unguarded
        { target: 'b', guard: 'isVip' }, // a string names itself
        { target: 'b', guard: { type: 'isOver18' } }, // a named guard object: its type
        { target: 'b', guard: { type: 'cel', params: {} } }, // cel without expr: invalid-document's
        { target: 'b', guard: { type: 'cel' } }, // likewise
        { target: 'b', guard: { type: 5 } }, // a type that is no name: the guard as JSON
        { target: 'b', guard: 7 },
        { target: 'b', guard: ['x'] },
      ],
      { p: { initial: 'x', states: { x: { always: { guard: 'ready' } } } } }, // nested, targetless, no list
    );
    const tail =
      'is not a CEL guard: the simulator and runner treat it as never holding. Write it as { "type": "cel", "params": { "expr": "…" } }';
    const at = (i: number, name: string) => ({
      code: 'unsupported-guard',
      severity: 'warning',
      message: `Guard "${name}" of "a" → "b" (on GO) ${tail}`,
      path: ['machine', 'states', 'a', 'on', 'GO', i, 'guard'],
      stateKey: 'a',
      transitionId: `a|on|GO|${i}`,
    });
    expect(runRule(unsupportedGuard, doc)).toEqual([
      at(1, 'isVip'),
      at(2, 'isOver18'),
      at(5, '{"type":5}'),
      at(6, '7'),
      at(7, '["x"]'),
      {
        code: 'unsupported-guard',
        severity: 'warning',
        message: `Guard "ready" of "p.x" → (no target) (always) ${tail}`,
        path: ['machine', 'states', 'p', 'states', 'x', 'always', 'guard'],
        stateKey: 'p.x',
        transitionId: 'p.x|always||0',
      },
    ]);
  });
});
