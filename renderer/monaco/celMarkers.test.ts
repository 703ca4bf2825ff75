import { describe, expect, it } from 'vitest';
import { CelEnvironment } from '../../shared/expr/cel';
import { errorRange, errorSpan, offsetToPosition } from './celMarkers';

const env = new CelEnvironment({ amount: { type: 'number' }, fraudScore: { type: 'number' } });

function spanOf(expr: string): string {
  const r = env.compile(expr);
  if (r.ok) throw new Error(`expected an error for ${expr}`);
  const [s, e] = errorSpan(expr, r.error);
  return expr.slice(s, e);
}

describe('errorSpan', () => {
  it('underlines an unknown field reported by the type-checker', () => {
    expect(spanOf('amount <= 100.0 && fraudScre < 0.3')).toBe('fraudScre');
  });

  it('underlines the last character when input ends too early', () => {
    expect(spanOf('amount <= ')).toBe('=');
  });

  it('underlines a run of bad operator characters', () => {
    expect(spanOf('amount > 1.0 &&& true')).toBe('&&&');
  });

  it('underlines the whole expression for a wrong result type', () => {
    expect(spanOf('  amount + 1.0  ')).toBe('amount + 1.0');
  });

  it('falls back to the whole expression without an offset', () => {
    expect(errorSpan('a == b', { kind: 'syntax' })).toEqual([0, 6]);
  });
});

describe('errorRange', () => {
  it('maps offsets on later lines to 1-based line and column', () => {
    expect(offsetToPosition('ab\ncd', 4)).toEqual({ lineNumber: 2, column: 2 });
    const r = errorRange('amount > 1.0 &&\n  fraudScre < 0.3', { kind: 'type', offset: 18 });
    expect(r).toEqual({ startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 12 });
  });

  it('clamps an offset past the end to the last character', () => {
    expect(errorRange('amount ==   ', { kind: 'syntax', offset: 40 })).toEqual({
      startLineNumber: 1,
      startColumn: 9,
      endLineNumber: 1,
      endColumn: 10,
    });
  });
});
