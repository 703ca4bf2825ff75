/**
 * Variables an expression only ever compares with double literals (`amount > 100.0`,
 * `-0.7 >= sentiment`, `score == 1.5`), and those literals. For such a variable holding a double,
 * the expression's outcome depends only on where the value lies among the literals (below the
 * first, equal to one, between two, above the last, or NaN), not on the value itself: the replay's
 * outcome memo keys it by that position instead of by the value (outcomeMemo.ts), so a guard on a
 * continuous amount is evaluated a few times per log instead of once per distinct amount.
 *
 * Conservative by construction: a name qualifies only when every identifier node with that name
 * is a direct operand of a comparison whose other operand is a double literal. Any other use
 * (arithmetic, a field or index access, a function argument, a comprehension or cel.bind variable
 * of the same name, a comparison with an int or uint literal or with another variable) drops it.
 */
import type { CelAstNode } from './celAst';

const COMPARISONS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=']);

/** The value of a double literal node (`1.5`, `-0.7`), or undefined when the node is not one. */
function doubleLiteral(node: unknown): number | undefined {
  const n = node as CelAstNode | null;
  if (!n || typeof n !== 'object') return undefined;
  // the library gives double literals as numbers, int literals as bigints, uint literals as objects
  if (n.op === 'value' && typeof n.args === 'number') return n.args;
  if (n.op === '-_') {
    const inner = doubleLiteral(n.args);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

function identifier(node: unknown): string | undefined {
  const n = node as CelAstNode | null;
  return n && typeof n === 'object' && n.op === 'id' && typeof n.args === 'string' ? n.args : undefined;
}

/**
 * Per qualifying name, its literals sorted ascending, without repeats (0 and -0 are one: every
 * comparison treats them alike). Names that do not qualify are absent.
 */
export function doubleThresholds(ast: unknown): Map<string, number[]> {
  const literals = new Map<string, Set<number>>();
  const dropped = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const a of node) visit(a);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as CelAstNode;
    const name = identifier(n);
    if (name !== undefined) {
      dropped.add(name); // an identifier reached here is not a comparison's operand
      return;
    }
    if (COMPARISONS.has(n.op) && Array.isArray(n.args) && n.args.length === 2) {
      const [l, r] = n.args as [unknown, unknown];
      const ln = identifier(l);
      const rn = identifier(r);
      const lv = doubleLiteral(l);
      const rv = doubleLiteral(r);
      if (ln !== undefined && rv !== undefined) return note(ln, rv);
      if (rn !== undefined && lv !== undefined) return note(rn, lv);
    }
    visit(n.args);
  };
  const note = (name: string, v: number): void => {
    let set = literals.get(name);
    if (set === undefined) literals.set(name, (set = new Set()));
    set.add(v); // a Set keeps 0 and -0 as one value
  };
  visit(ast);
  const out = new Map<string, number[]>();
  for (const [name, set] of literals) {
    if (dropped.has(name) || [...set].some((v) => Number.isNaN(v))) continue;
    out.set(
      name,
      [...set].sort((a, b) => a - b),
    );
  }
  return out;
}

/**
 * Where `x` lies among `sorted` (doubleThresholds' literals, k of them): 2i when it is between the
 * (i-1)-th and i-th, 2i+1 when it equals the i-th, 2k+1 for NaN, 2k+2 for a missing value, 2k+3
 * for null; -1 for anything else (not a double: the caller keys it by its value or evaluates it).
 * Two values with the same position give every comparison with every literal the same result.
 */
export function positionAmong(x: unknown, sorted: readonly number[]): number {
  const k = sorted.length;
  if (typeof x === 'number') {
    if (x !== x) return 2 * k + 1;
    let i = 0;
    while (i < k && sorted[i]! < x) i++;
    return 2 * i + (i < k && sorted[i] === x ? 1 : 0);
  }
  if (x === undefined) return 2 * k + 2;
  if (x === null) return 2 * k + 3;
  return -1;
}
