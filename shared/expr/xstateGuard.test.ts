import { createActor, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createCelGuard } from './xstateGuard';

describe('createCelGuard with XState setup({ guards })', () => {
  const errors: string[] = [];
  const cel = createCelGuard<{ case: Record<string, unknown> }>(
    { amount: { type: 'number' }, fraudScore: { type: 'number' } },
    { onError: (_e, m) => errors.push(m) },
  );
  const machine = setup({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- XState's documented `types: {} as {...}` idiom: the assertion IS the type declaration (autofix would erase the machine's types)
    types: {} as { context: { case: Record<string, unknown> }; input: Record<string, unknown> },
    guards: { cel },
  }).createMachine({
    context: ({ input }) => ({ case: input }),
    initial: 'triage',
    states: {
      triage: {
        always: [
          { target: 'refund', guard: { type: 'cel', params: { expr: 'amount <= 100.0 && fraudScore < 0.3' } } },
          { target: 'reject', guard: { type: 'cel', params: { expr: 'fraudScore >= 0.8' } } },
          { target: 'review' },
        ],
      },
      refund: { type: 'final' },
      reject: { type: 'final' },
      review: { type: 'final' },
    },
  });
  const run = (input: Record<string, unknown>) => createActor(machine, { input }).start().getSnapshot().value;

  it('routes cases the way the refund example says (100 counts as 100.0)', () => {
    expect(run({ amount: 100, fraudScore: 0.1 })).toBe('refund');
    expect(run({ amount: 700, fraudScore: 0.9 })).toBe('reject');
    expect(run({ amount: 300, fraudScore: 0.5 })).toBe('review');
  });

  it('a guard that cannot be evaluated does not hold and is reported', () => {
    errors.length = 0;
    expect(run({ amount: 50 })).toBe('review');
    expect(errors.length).toBe(2);
    expect(errors.every((m) => m.includes('fraudScore'))).toBe(true);
    // CEL's && is commutative over errors: false && <error> is false, not an error
    errors.length = 0;
    expect(run({ fraudScore: 0.5 })).toBe('review');
    expect(errors).toEqual([]);
  });
});
