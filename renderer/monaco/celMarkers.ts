/**
 * Map a CEL compile error (shared/expr/cel.ts: message + 0-based offset) to the text range an
 * inline marker underlines. Pure, so the mapping is unit-tested without Monaco.
 */
import type { CelError } from '../../shared/expr/cel';

/** A range in Monaco's 1-based line/column terms. */
export interface MarkerRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

const IDENT = /[A-Za-z0-9_]/;
const OPERATOR = /[=!<>&|+\-*/%?:]/;

/** [start, end) character offsets to underline for an error in `expr`. */
export function errorSpan(expr: string, error: Pick<CelError, 'offset' | 'kind'>): [number, number] {
  const first = expr.search(/\S/);
  const lastEnd = expr.trimEnd().length;
  const whole: [number, number] = first < 0 ? [0, expr.length] : [first, lastEnd];
  const at = error.offset;
  // The checker reports whole-expression type errors (wrong result type, some overloads) at 0.
  if (at === undefined || (at === 0 && error.kind === 'type')) return whole;
  if (at >= lastEnd) return lastEnd > 0 ? [lastEnd - 1, lastEnd] : whole; // unexpected end of input
  const ch = expr[at]!;
  const run = IDENT.test(ch) ? IDENT : OPERATOR.test(ch) ? OPERATOR : null;
  if (!run) return [at, at + 1];
  let start = at;
  let end = at;
  while (start > 0 && run.test(expr[start - 1]!)) start--;
  while (end < expr.length && run.test(expr[end]!)) end++;
  return [start, end];
}

/** Convert a character offset to a 1-based line and column. */
export function offsetToPosition(text: string, offset: number): { lineNumber: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { lineNumber: line, column: clamped - lineStart + 1 };
}

/** The marker range for an error; never empty (an empty range would not be drawn). */
export function errorRange(expr: string, error: Pick<CelError, 'offset' | 'kind'>): MarkerRange {
  const [start, rawEnd] = errorSpan(expr, error);
  const end = Math.max(rawEnd, start + 1);
  const s = offsetToPosition(expr, start);
  const e = offsetToPosition(expr, end);
  return { startLineNumber: s.lineNumber, startColumn: s.column, endLineNumber: e.lineNumber, endColumn: e.column };
}
