/**
 * CEL `matches()` on a linear-time engine. cel-js evaluates `matches` with JavaScript's
 * backtracking RegExp, where `"a*a*a*a*a*a*a*a*b"` over 64 characters runs for minutes; the CEL
 * spec defines `matches` by RE2 syntax and semantics, so guards run on re2js (a pure-JS port of
 * RE2: automata, no backtracking, time linear in the input for a given pattern).
 *
 * cel-js refuses to register a second `string.matches(string)` overload, so compile() renames
 * each `matches` call in the parsed AST to {@link RE2_MATCHES} before type-checking; the checker
 * then binds it to the handler below. Error messages are mapped back to `matches`.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';

/** The internal function name `matches` calls are routed to. */
export const RE2_MATCHES = 'sopMatchesRe2';
export const MAX_REGEX_LENGTH = 256;
/** Compiled RE2 program size (instructions) allowed for one pattern: `x{1000}` is 7 characters but 1,000 instructions. */
export const MAX_REGEX_PROGRAM = 4000;

const compiledPatterns = new Map<string, RE2JS>();

function compilePattern(pattern: string): RE2JS {
  const hit = compiledPatterns.get(pattern);
  // Stryker disable next-line ConditionalExpression: equivalent — a miss compiles the same pattern to the same program
  if (hit) return hit;
  const re = RE2JS.compile(pattern);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — when the cache is emptied bounds memory, never changes an answer
  if (compiledPatterns.size >= 512) compiledPatterns.clear();
  compiledPatterns.set(pattern, re);
  return re;
}

const programSizes = new Map<string, number>();

/** Instructions of a pattern's compiled program: the per-character cost factor of a match (cached: the bound asks on every evaluation). */
export function regexProgramSize(pattern: string): number {
  const hit = programSizes.get(pattern);
  // Stryker disable next-line ConditionalExpression: equivalent — a miss counts the same program again
  if (hit !== undefined) return hit;
  const size = (compilePattern(pattern).re2() as unknown as { prog: { numInst(): number } }).prog.numInst();
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — when the cache is emptied bounds memory, never changes an answer
  if (programSizes.size >= 512) programSizes.clear();
  programSizes.set(pattern, size);
  return size;
}

/** Why a pattern is refused at compile time (RE2 syntax, length, program size), or null. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH)
    return `regular expression is ${pattern.length} characters; the limit is ${MAX_REGEX_LENGTH}`;
  let size: number;
  try {
    size = regexProgramSize(pattern);
  } catch (e) {
    const message = String((e as Error)?.message ?? e).replace(/^error parsing regexp: /, '');
    return `regular expression is not valid RE2 syntax (${message})`;
  }
  if (size > MAX_REGEX_PROGRAM)
    return `regular expression compiles to ${size} instructions; the limit is ${MAX_REGEX_PROGRAM}`;
  return null;
}

function matchesLinear(text: string, pattern: string): boolean {
  try {
    return compilePattern(pattern).test(text);
  } catch (e) {
    throw new Error(`Invalid regular expression: ${pattern} (${String((e as Error)?.message ?? e)})`);
  }
}

/** Register the linear-time `matches` under {@link RE2_MATCHES}, in both call forms. */
export function registerLinearRegex(env: Environment): void {
  env.registerFunction(`string.${RE2_MATCHES}(string): bool`, (text: string, pattern: string) =>
    matchesLinear(text, pattern),
  );
  env.registerFunction(`${RE2_MATCHES}(string, string): bool`, (text: string, pattern: string) =>
    matchesLinear(text, pattern),
  );
}

interface CallNode {
  op: string;
  args: unknown;
}

/**
 * Rename every `matches` call in a parsed (not yet checked) AST to {@link RE2_MATCHES}.
 * Iterative: the parser's depth limit keeps ASTs shallow, but a walk need not rely on it.
 */
export function routeMatchesToRe2(ast: unknown): void {
  const stack: unknown[] = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const n = node as CallNode;
    if (typeof n.op !== 'string') continue;
    if ((n.op === 'rcall' || n.op === 'call') && Array.isArray(n.args) && n.args[0] === 'matches')
      n.args[0] = RE2_MATCHES;
    if (n.args && typeof n.args === 'object') stack.push(n.args);
  }
}

/** Show the user's name for the routed function in a message. */
export const userFacingMessage = (message: string): string => message.split(RE2_MATCHES).join('matches');
