// validateGraph's own work around the rules: the deterministic order of diagnostics (severity,
// document order of the path, path length, code, message) and the state / transition a path
// points into. The expected orders are worked out by hand from the document's pre-order.
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Rule } from './types';
import { docWith } from './testing';
import { sortDiagnostics, validateGraph } from './validate';

const d = (
  name: string,
  severity: Diagnostic['severity'],
  path: Diagnostic['path'],
  code = 'c',
  message = 'm',
): Diagnostic => ({ code, severity, message: `${message}:${name}`, path });

describe('sortDiagnostics', () => {
  it('orders by severity, then pre-order position, then path length, then code, then message', () => {
    // pre-order of the document: [] 0, [a] 1, [a,x] 2, [a,y] 3, [a,y,0] 4, [a,y,1] 5, [b] 6
    const doc = { a: { x: 1, y: [5, 6] }, b: 2 };
    const list = [
      d('d1', 'warning', ['a']),
      d('d2', 'error', ['b']),
      d('d3', 'error', ['a', 'y', 1]),
      d('d4', 'error', ['a', 'missing', 'deep']), // not in the document: placed at its nearest ancestor [a]
      d('d5', 'error', ['a'], 'b-code'),
      d('d6', 'error', ['a'], 'a-code', 'm2'),
      d('d7', 'error', ['a'], 'a-code', 'm1'),
      d('d8', 'info', []),
      d('d9', 'error', ['nothere']), // nearest ancestor is the root
      d('d10', 'info', ['b']),
    ];
    const names = sortDiagnostics(doc, list).map((x) => x.message.split(':')[1]);
    expect(names).toEqual(['d9', 'd7', 'd6', 'd5', 'd4', 'd3', 'd2', 'd1', 'd8', 'd10']);
    // the input order does not matter
    expect(sortDiagnostics(doc, [...list].reverse()).map((x) => x.message.split(':')[1])).toEqual(names);
  });

  it('array items follow their index, object keys their insertion order', () => {
    const doc = { z: [0, 1, 2], a: 1 };
    const names = sortDiagnostics(doc, [
      d('a', 'error', ['a']),
      d('z2', 'error', ['z', 2]),
      d('z0', 'error', ['z', 0]),
    ]).map((x) => x.message.split(':')[1]);
    expect(names).toEqual(['z0', 'z2', 'a']);
  });
});

describe('validateGraph: locating diagnostics', () => {
  const m = {
    id: 'm',
    initial: 'a',
    states: { a: { on: { GO: 'b' } }, b: { type: 'final' as const, meta: { note: 'x' } } },
  };

  it('a path inside a transition names the transition and its source state; inside a state, the state', () => {
    const rule: Rule = {
      code: 'probe',
      summary: 'points into the document',
      check(ctx) {
        const t = ctx.graph.transitions.find((x) => x.source === 'a')!;
        const b = ctx.graph.states.get('b')!;
        return [
          { code: 'probe', severity: 'error', message: 'in transition', path: [...t.path, 'deeper', 0] },
          { code: 'probe', severity: 'error', message: 'in state', path: [...b.path, 'meta', 'note'] },
          { code: 'probe', severity: 'error', message: 'already located', path: [...t.path], stateKey: 'kept' },
          { code: 'probe', severity: 'error', message: 'nowhere', path: ['caseSchema'] },
        ];
      },
    };
    const byMessage = Object.fromEntries(validateGraph(docWith(m), [rule]).map((x) => [x.message, x]));
    expect([byMessage['in transition']!.stateKey, byMessage['in transition']!.transitionId]).toEqual([
      'a',
      'a|on|GO|0',
    ]);
    expect([byMessage['in state']!.stateKey, byMessage['in state']!.transitionId]).toEqual(['b', undefined]);
    // a rule's own stateKey is kept; the transition is then not guessed from the path
    expect([byMessage['already located']!.stateKey, byMessage['already located']!.transitionId]).toEqual([
      'kept',
      undefined,
    ]);
    expect([byMessage['nowhere']!.stateKey, byMessage['nowhere']!.transitionId]).toEqual([undefined, undefined]);
  });

  it('without the invalid-document rule in the list, schema errors are not reported; crashing rules on a broken document are skipped', () => {
    const boom: Rule = {
      code: 'boom',
      summary: 'throws',
      check: () => {
        throw new Error('kaput');
      },
    };
    const broken = { ...docWith(m), caseSchema: 'nope' } as never;
    expect(validateGraph(broken, [boom])).toEqual([]);
  });
});
