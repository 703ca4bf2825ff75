import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../../../shared/model/edits';
import { validateGraph } from '../../../shared/validation/validate';
import type { GraphDoc } from '../../../shared/model/types';
import { guardErrors } from './guardErrors';

function doc(exprs: string[]): GraphDoc {
  const d = emptyDoc('g');
  d.caseSchema = { amount: { type: 'number' } };
  const states: Record<string, unknown> = {
    a: { always: exprs.map((expr) => ({ target: 'b', guard: { type: 'cel', params: { expr } } })) },
    b: { type: 'final' },
  };
  d.machine = { id: 'g', initial: 'a', states } as GraphDoc['machine'];
  return d;
}

describe('guardErrors', () => {
  it('keeps the CEL errors of branches from the real validator, keyed by transition id', () => {
    const list = validateGraph(doc(['amount > 1.0', 'amount > "x"', 'amount >']));
    const errors = guardErrors(list);
    expect(errors.size).toBe(2);
    const messages = [...errors.values()];
    expect(messages.some((m) => m.startsWith('CEL type error'))).toBe(true);
    expect(messages.some((m) => m.startsWith('CEL syntax error'))).toBe(true);
    // the ids are the ones the validator put on its diagnostics (the canvas edges carry the same)
    const celIds = list.filter((x) => x.code.startsWith('cel-')).map((x) => x.transitionId);
    expect([...errors.keys()].sort()).toEqual([...new Set(celIds)].sort());
  });

  it('ignores diagnostics without a branch or of other rules', () => {
    expect(
      guardErrors([
        { code: 'cel-type', severity: 'error', message: 'm', path: [] },
        { code: 'unknown-target', severity: 'error', message: 'x', path: [], transitionId: 't' },
      ]).size,
    ).toBe(0);
  });
});
