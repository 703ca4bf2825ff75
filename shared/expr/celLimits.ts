/**
 * Cost limits for CEL, beyond the parser's structural limits (node count, depth, literal sizes).
 * CEL has no loops or recursion, so the only super-linear work comes from comprehension macros
 * (all/exists/exists_one/map/filter) nested inside each other, and from regular expressions.
 * cel-js has no runtime cost meter, so:
 * - at compile time: comprehension nesting deeper than MAX_COMPREHENSION_NESTING is refused,
 *   and `matches` takes only a literal pattern without nested quantifiers or back-references
 *   (the shapes that make JavaScript's backtracking RegExp exponential);
 * - at run time: before evaluating an expression that has comprehensions, a bound on its work
 *   (AST nodes × largest collection ^ nesting) is computed from the input; above
 *   MAX_EVAL_WORK the evaluation is refused (the guard then does not hold).
 */

export const MAX_COMPREHENSION_NESTING = 2;
/** Upper bound on abstract evaluation steps for one expression and one case. */
export const MAX_EVAL_WORK = 10_000_000;
export const MAX_REGEX_LENGTH = 256;

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
/** Calls and operators whose own cost grows with an operand's size. */
const LINEAR_CALLS = new Set(['size', 'contains', 'startsWith', 'endsWith', 'matches', 'join', 'split', 'indexOf', 'lastIndexOf', 'lowerAscii', 'upperAscii', 'replace', 'trim', 'substring']);
const LINEAR_OPS = new Set(['in', '+', '==', '!=']);

interface AstNode {
  op: string;
  args: unknown;
  start?: number;
  pos?: number;
}

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
}

export type ShapeResult = { ok: true; shape: CelShape } | { ok: false; message: string; offset?: number };

const offsetOf = (n: AstNode): number | undefined => n.start ?? n.pos;

/** Walk an AST once: count nodes, measure comprehension nesting, check regex literals. */
export function analyzeCel(ast: unknown): ShapeResult {
  const shape: CelShape = { nodes: 0, comprehensionDepth: 0, linearInsideComprehension: false, largestLiteral: 0 };
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
    if ((n.op === 'list' || n.op === 'map') && Array.isArray(n.args)) shape.largestLiteral = Math.max(shape.largestLiteral, n.args.length);
    if (depth > 0 && LINEAR_OPS.has(n.op)) shape.linearInsideComprehension = true;
    if ((n.op === 'rcall' || n.op === 'call') && Array.isArray(n.args)) {
      const name = n.args[0] as string;
      const callArgs = (n.op === 'rcall' ? n.args[2] : n.args[1]) as unknown[];
      if (depth > 0 && LINEAR_CALLS.has(name)) shape.linearInsideComprehension = true;
      if (name === 'matches') {
        const pattern = (callArgs?.[n.op === 'rcall' ? 0 : 1] ?? null) as AstNode | null;
        const problem = regexProblem(pattern);
        if (problem) {
          failure = { message: problem, offset: offsetOf(pattern ?? n) };
          return;
        }
      }
      if (n.op === 'rcall' && COMPREHENSIONS.has(name)) {
        const inner = depth + 1;
        shape.comprehensionDepth = Math.max(shape.comprehensionDepth, inner);
        if (inner > MAX_COMPREHENSION_NESTING) {
          failure = { message: `comprehensions nested ${inner} deep; the limit is ${MAX_COMPREHENSION_NESTING}`, offset: offsetOf(n) };
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
  return failure ? { ok: false, ...(failure as { message: string; offset?: number }) } : { ok: true, shape };
}

/** Why a `matches` pattern is refused, or null when it is safe to run on a backtracking engine. */
function regexProblem(pattern: AstNode | null): string | null {
  if (!pattern || pattern.op !== 'value' || typeof pattern.args !== 'string') return 'matches() needs a literal pattern string';
  const re = pattern.args;
  if (re.length > MAX_REGEX_LENGTH) return `regular expression is ${re.length} characters; the limit is ${MAX_REGEX_LENGTH}`;
  if (/\\[1-9]|\\k</.test(re)) return 'regular expression back-references are not allowed';
  // A quantified group that itself contains a quantifier or an alternation: (a+)+, (a|aa)*, (x{2,})+
  const stripped = re.replace(/\\./g, '_').replace(/\[[^\]]*\]/g, '_');
  const stack: Array<{ risky: boolean }> = [];
  for (let i = 0; i < stripped.length; i++) {
    const c = stripped[i];
    if (c === '(') stack.push({ risky: false });
    else if (c === ')') {
      const group = stack.pop();
      const next = stripped[i + 1];
      if (group?.risky && (next === '*' || next === '+' || next === '{' || next === '?')) return 'regular expression has a quantified group with an inner quantifier or alternation (exponential backtracking)';
      if (group?.risky && stack.length) stack[stack.length - 1]!.risky = true;
    } else if ((c === '*' || c === '+' || c === '{' || c === '|' || (c === '?' && stripped[i - 1] !== '(')) && stack.length) {
      stack[stack.length - 1]!.risky = true;
    }
  }
  return null;
}

/** Largest list, map or string length anywhere in the variables (depth-capped walk). */
export function largestCollection(value: unknown, depth = 0): number {
  if (depth > 160 || value === null || value === undefined) return 0;
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object') return 0;
  let most = 0;
  const items: Iterable<unknown> = Array.isArray(value) ? value : value instanceof Map ? value.values() : value instanceof Date ? [] : Object.values(value as object);
  let count = 0;
  for (const item of items) {
    count++;
    most = Math.max(most, largestCollection(item, depth + 1));
  }
  return Math.max(most, count);
}

/**
 * Bound on the evaluation steps of an expression for one input: nodes × n^k, where n is the
 * largest collection (input or literal) and k the comprehension nesting, plus one when a
 * size-dependent operation runs inside a comprehension.
 */
export function workBound(shape: CelShape, vars: Record<string, unknown>): number {
  const n = Math.max(1, shape.largestLiteral, shape.comprehensionDepth > 0 ? largestCollection(vars) : 0);
  const k = shape.comprehensionDepth + (shape.linearInsideComprehension ? 1 : 0);
  return shape.nodes * Math.max(1, n ** k);
}
