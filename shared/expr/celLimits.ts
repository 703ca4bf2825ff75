/**
 * Cost limits for CEL, beyond the parser's structural limits (node count, depth, literal sizes).
 * CEL has no loops or recursion; what grows is comprehensions, `cel.bind` reuse, concatenation
 * and regex matching (see celCost.ts for the bound). So:
 * - at compile time: comprehension nesting deeper than MAX_COMPREHENSION_NESTING is refused;
 *   `matches` takes a literal RE2 pattern (checked, compiled and sized once; it runs on re2js in
 *   linear time, see regex.ts); and an expression whose cost bound on the smallest possible input
 *   (every variable one unit) is already over MAX_EVAL_WORK is refused — nested `cel.bind`
 *   doubling is caught here, before anything runs;
 * - at run time: before every evaluation, the same bound is computed from the sizes of the
 *   variables the expression reads (one linear pass); above MAX_EVAL_WORK the evaluation is
 *   refused (the guard then does not hold). The hot path (withinBound) skips the exact walk when
 *   every measured input is small: the bound only grows with input sizes (celCost.ts uses sums,
 *   products and maxima of extents, nothing that shrinks), so "every input within K, and the bound
 *   at K is under the limit" proves acceptance; anything else is measured exactly.
 */
import { costOf, extentOf, extentWithin, type Extent } from './celCost';
import { COMPREHENSIONS, type CelAstNode as AstNode } from './celAst';
import { regexProblem, RE2_MATCHES } from './regex';

export const MAX_COMPREHENSION_NESTING = 2;
/** Upper bound on abstract evaluation steps (and produced value size) for one expression and one case. */
export const MAX_EVAL_WORK = 10_000_000;

/** Calls and operators whose own cost grows with an operand's size. */
const LINEAR_CALLS = new Set([
  'size',
  'contains',
  'startsWith',
  'endsWith',
  RE2_MATCHES,
  'matches',
  'join',
  'split',
  'indexOf',
  'lastIndexOf',
  'lowerAscii',
  'upperAscii',
  'replace',
  'trim',
  'substring',
]);
const LINEAR_OPS = new Set(['in', '+', '==', '!=']);

/** What the cost guard needs to know about an expression. */
export interface CelShape {
  /** AST nodes (parser's count of what the expression does once). */
  nodes: number;
  /** Deepest nesting of comprehension macros (0 = none). */
  comprehensionDepth: number;
  /** A size-dependent operation inside a comprehension (adds one factor of the input size). */
  linearInsideComprehension: boolean;
  /** Largest list/map literal in the expression. */
  largestLiteral: number;
  /** The checked AST the cost bound is computed over. */
  ast: unknown;
  /** Cost bound when every variable is one unit: the least any evaluation may be charged. */
  minimumWork: number;
  /** True when no input size changes the bound (typed scalars only): evaluations need no measuring. */
  constantWork: boolean;
  /**
   * K: the bound with every input at extent K (size, count and largest element) is within
   * MAX_EVAL_WORK, so an input whose measured extents are all ≤ K is accepted without the cost
   * walk. 0 = no such K ≥ 2 (every evaluation is measured exactly).
   */
  fastLimit: number;
  /** The bound with every input at extent fastLimit (≤ MAX_EVAL_WORK; 0 when fastLimit is 0). */
  fastWork: number;
  /** Variables the bound measures (free, non-scalar identifiers): the only inputs withinBound looks at. */
  sizedInputs: string[];
}

export type ShapeResult = { ok: true; shape: CelShape } | { ok: false; message: string; offset?: number };

const offsetOf = (n: AstNode): number | undefined => n.start ?? n.pos;
const ONE_UNIT: Extent = { size: 1, count: 1, elem: 1 };

/** Walk a checked AST once: count nodes, measure comprehension nesting, check regex literals and the cost floor. */
export function analyzeCel(ast: unknown): ShapeResult {
  const shape: CelShape = {
    nodes: 0,
    comprehensionDepth: 0,
    linearInsideComprehension: false,
    largestLiteral: 0,
    ast,
    minimumWork: 0,
    constantWork: false,
    fastLimit: 0,
    fastWork: 0,
    sizedInputs: [],
  };
  let failure: { message: string; offset?: number } | null = null;

  const visit = (node: unknown, depth: number): void => {
    if (failure || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth);
      return;
    }
    const n = node as AstNode;
    if (typeof n.op !== 'string') return;
    shape.nodes++;
    if ((n.op === 'list' || n.op === 'map') && Array.isArray(n.args))
      shape.largestLiteral = Math.max(shape.largestLiteral, n.args.length);
    if (depth > 0 && LINEAR_OPS.has(n.op)) shape.linearInsideComprehension = true;
    if ((n.op === 'rcall' || n.op === 'call') && Array.isArray(n.args)) {
      const name = n.args[0] as string;
      const callArgs = (n.op === 'rcall' ? n.args[2] : n.args[1]) as unknown[];
      if (depth > 0 && LINEAR_CALLS.has(name)) shape.linearInsideComprehension = true;
      if (name === RE2_MATCHES || name === 'matches') {
        const pattern = (callArgs?.[n.op === 'rcall' ? 0 : 1] ?? null) as AstNode | null;
        const problem =
          !pattern || pattern.op !== 'value' || typeof pattern.args !== 'string'
            ? 'matches() needs a literal pattern string'
            : regexProblem(pattern.args);
        if (problem) {
          failure = { message: problem, offset: offsetOf(pattern ?? n) };
          return;
        }
      }
      if (n.op === 'rcall' && COMPREHENSIONS.has(name)) {
        const inner = depth + 1;
        shape.comprehensionDepth = Math.max(shape.comprehensionDepth, inner);
        if (inner > MAX_COMPREHENSION_NESTING) {
          failure = {
            message: `comprehensions nested ${inner} deep; the limit is ${MAX_COMPREHENSION_NESTING}`,
            offset: offsetOf(n),
          };
          return;
        }
        visit(n.args[1], depth);
        visit(callArgs, inner);
        return;
      }
    }
    if (n.args && typeof n.args === 'object') visit(n.args, depth);
  };
  visit(ast, 0);
  if (failure) return { ok: false, ...(failure as { message: string; offset?: number }) };
  shape.minimumWork = costOf(ast, () => ONE_UNIT).work;
  // sizes enter the bound only through variables that are not typed scalars: probe with a huge one
  const HUGE: Extent = { size: 1e9, count: 1e9, elem: 1e9 };
  shape.constantWork = costOf(ast, () => HUGE).work === shape.minimumWork;
  if (shape.minimumWork > MAX_EVAL_WORK) {
    return {
      ok: false,
      message: `expression costs at least ${shape.minimumWork.toExponential(1)} steps even on one-character inputs (its values grow, e.g. through nested cel.bind or repeated concatenation); the limit is ${MAX_EVAL_WORK.toExponential(0)}`,
      offset: 0,
    };
  }
  if (!shape.constantWork) {
    shape.fastLimit = fastLimitOf(ast);
    if (shape.fastLimit > 0) shape.fastWork = boundAt(ast, shape.fastLimit);
    shape.sizedInputs = sizedInputsOf(ast);
  }
  return { ok: true, shape };
}

/** The largest K in 4^1 … 4^12 whose all-K bound is within the limit (0 when even K = 4 is not). */
function fastLimitOf(ast: unknown): number {
  for (let k = 4 ** 12; k >= 4; k /= 4) if (boundAt(ast, k) <= MAX_EVAL_WORK) return k;
  return 0;
}

/** The bound with every input at extent k (size, count and largest element). */
function boundAt(ast: unknown, k: number): number {
  const atK: Extent = { size: k, count: k, elem: k };
  return costOf(ast, () => atK).work;
}

/** Every identifier in the AST: a superset of those costOf asks `inputs` about (extra names only make withinBound measure more). */
function sizedInputsOf(ast: unknown): string[] {
  const names = new Set<string>();
  const stack: unknown[] = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const n = node as AstNode;
    if (n.op === 'id' && typeof n.args === 'string') names.add(n.args);
    else if (n.args && typeof n.args === 'object') stack.push(n.args);
  }
  return [...names];
}

/**
 * The bound to hold against MAX_EVAL_WORK, cheaply when the inputs are small: with every measured
 * input's extent ≤ shape.fastLimit the bound is at most the bound at that limit, which analyzeCel
 * checked, and that (≤ MAX_EVAL_WORK) is returned without the cost walk; otherwise workBound.
 * So `checkedWork(s, v) <= MAX_EVAL_WORK` exactly when `workBound(s, v) <= MAX_EVAL_WORK`.
 */
export function checkedWork(shape: CelShape, vars: Record<string, unknown>): number {
  if (shape.constantWork) return shape.minimumWork;
  const k = shape.fastLimit;
  if (k > 0) {
    const names = shape.sizedInputs;
    let small = true;
    for (let i = 0; i < names.length && small; i++) {
      const name = names[i]!;
      // an input the variables lack (or only inherit) counts one unit, as in workBound
      if (Object.hasOwn(vars, name)) small = extentWithin(vars[name], k);
    }
    if (small) return shape.fastWork;
  }
  return workBound(shape, vars);
}

/**
 * Bound on the evaluation steps of an expression for one input: the cost walk of celCost.ts
 * with each variable's measured extent (a variable the input lacks counts as one unit).
 */
export function workBound(shape: CelShape, vars: Record<string, unknown>): number {
  if (shape.constantWork) return shape.minimumWork;
  const extents = new Map<string, Extent>();
  const inputs = (name: string): Extent => {
    let e = extents.get(name);
    if (!e) extents.set(name, (e = Object.hasOwn(vars, name) ? extentOf(vars[name]) : ONE_UNIT));
    return e;
  };
  return costOf(shape.ast, inputs).work;
}
