import { describe, expect, it } from 'vitest';
import { findTransition, moveTransition, setEvent } from '../../../shared/model/edits';
import type { GraphDoc } from '../../../shared/model/types';
import { withDefaults } from '../../../shared/model/defaults';
import { idAfterEventChange, idAfterMove } from './selectionAfter';

const doc: GraphDoc = withDefaults({
  machine: {
    id: 'refund',
    initial: 'triage',
    states: {
      triage: {
        always: [
          { target: 'refund', guard: { type: 'cel', params: { expr: 'amount <= 100.0' } } },
          { target: 'review' },
        ],
      },
      review: { on: { APPROVE: 'refund', DENY: 'reject' } },
      refund: { type: 'final' },
      reject: { type: 'final' },
    },
  },
});

describe('selection follows a moved branch', () => {
  it('finds the guarded branch after moving it down', () => {
    const t = findTransition(doc, 'triage|always||0')!;
    const next = moveTransition(doc, t.id, 1);
    const id = idAfterMove(next, t, 1)!;
    expect(id).toBe('triage|always||1');
    expect(findTransition(next, id)?.guardExpr).toBe('amount <= 100.0');
  });

  it('finds an event branch after reordering events', () => {
    const t = findTransition(doc, 'review|on|DENY|1')!;
    const next = moveTransition(doc, t.id, -1);
    const id = idAfterMove(next, t, -1)!;
    expect(id).toBe('review|on|DENY|0');
    expect(findTransition(next, id)?.targets).toEqual(['reject']);
  });

  it('finds a branch after its event changes (it moves to the end of the new list)', () => {
    const t = findTransition(doc, 'triage|always||0')!;
    const next = setEvent(doc, t.id, 'SMALL');
    const id = idAfterEventChange(next, t, 'SMALL')!;
    expect(findTransition(next, id)).toMatchObject({ kind: 'on', event: 'SMALL', guardExpr: 'amount <= 100.0' });
  });

  it('finds a branch turned into an always branch', () => {
    const t = findTransition(doc, 'review|on|APPROVE|0')!;
    const next = setEvent(doc, t.id, null);
    const id = idAfterEventChange(next, t, null)!;
    expect(findTransition(next, id)).toMatchObject({ kind: 'always', targets: ['refund'] });
  });
});
