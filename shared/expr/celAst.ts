/**
 * What the CEL library's parsed AST looks like to the three walks over it (cel.ts's reads,
 * celCost.ts's cost bound, celLimits.ts's shape): one node type, the comprehension macros and the
 * `cel.bind` test, so the walks cannot disagree on which calls introduce a local variable.
 */
export interface CelAstNode {
  op: string;
  args: unknown;
  pos?: number;
  start?: number;
  checkedType?: { name?: string };
}

/** The macros whose first argument names a variable local to the rest of the call. */
export const COMPREHENSIONS: ReadonlySet<string> = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** `cel.bind(v, value, body)`: an rcall named `bind` whose receiver is the identifier `cel`. */
export function isCelBind(name: string, receiver: unknown): boolean {
  // the receiver is an AST node, or undefined for a plain call
  return (
    name === 'bind' && (receiver as CelAstNode | undefined)?.op === 'id' && (receiver as CelAstNode).args === 'cel'
  );
}
