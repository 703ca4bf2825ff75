/**
 * An upper bound on what one CEL evaluation costs, computed from the checked AST and the sizes
 * of its inputs without evaluating anything. cel-js has no runtime meter, and CEL's only
 * super-linear constructs are comprehensions (work × collection size), `cel.bind` (a bound
 * value used twice doubles: 22 nested binds reach gigabytes), concatenation, `replace`/`join`
 * growth and regex matching (RE2 program size × text length). Each node gets an abstract value
 * (total size, element count, largest element) and a work figure; sizes of produced values are
 * counted as work, so the one budget bounds both time and memory.
 */
import { COMPREHENSIONS, isCelBind, type CelAstNode as AstNode } from './celAst';
import { regexProgramSize, RE2_MATCHES } from './regex';

/** Abstract value: total content size (characters / elements, nested included), element count, largest element. */
export interface Extent {
  size: number;
  count: number;
  elem: number;
}

export interface Cost extends Extent {
  work: number;
}

const UNIT: Extent = { size: 1, count: 1, elem: 1 };
const SCALAR_TYPES: ReadonlySet<string | undefined> = new Set([
  'bool',
  'int',
  'uint',
  'double',
  'null_type',
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
  'type',
]);
const LINEAR_COMPARE = new Set(['==', '!=', 'in', '<', '<=', '>', '>=']);

function isScalar(n: AstNode): boolean {
  return SCALAR_TYPES.has(n.checkedType?.name);
}
function cost(e: Extent, work: number): Cost {
  return { size: e.size, count: e.count, elem: e.elem, work };
}
function scalar(work: number): Cost {
  return { size: 1, count: 1, elem: 1, work };
}

const NO_BINDINGS: ReadonlyMap<string, Extent> = new Map();

/** Cost of each node in a list (plain loops, no closures: see costOf). */
function costsOf(
  nodes: readonly unknown[],
  inputs: (name: string) => Extent,
  bound: ReadonlyMap<string, Extent>,
): Cost[] {
  const out: Cost[] = [];
  for (const child of nodes) out.push(costOf(child, inputs, bound));
  return out;
}

function sumOf(parts: readonly Cost[], field: keyof Cost): number {
  let total = 0;
  for (const p of parts) total += p[field];
  return total;
}

function maxOf(parts: readonly Cost[], field: keyof Cost): number {
  let most = 1;
  // Stryker disable next-line EqualityOperator: equivalent — taking an equal value again changes nothing
  for (const p of parts) if (p[field] > most) most = p[field];
  return most;
}

/**
 * Cost of a checked AST when each free variable has the given extent (missing → one unit).
 * Recursion depth follows the AST, which the parser's maxDepth keeps small. It runs before
 * evaluations, so it creates no closures: under tsx/esbuild's keepNames every closure costs a
 * defineProperty, which made this walk slower than the evaluation it guards.
 */
export function costOf(
  node: unknown,
  inputs: (name: string) => Extent,
  bound: ReadonlyMap<string, Extent> = NO_BINDINGS,
): Cost {
  const n = node as AstNode;
  if (typeof (n as AstNode | null | undefined)?.op !== 'string') return scalar(1);
  const args = Array.isArray(n.args) ? (n.args as unknown[]) : [];
  switch (n.op) {
    case 'value': {
      const v = n.args;
      const len = typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.length : 1;
      return { size: Math.max(1, len), count: Math.max(1, len), elem: 1, work: 1 };
    }
    case 'id': {
      // a variable the checker typed as a number, bool or timestamp is one unit whatever the input
      if (isScalar(n)) return scalar(1);
      const name = n.args as string;
      return cost(bound.get(name) ?? inputs(name), 1);
    }
    case '.':
    case '.?':
    case '[]':
    case '[?]': {
      const obj = costOf(args[0], inputs, bound);
      const keyWork = n.op === '[]' || n.op === '[?]' ? costOf(args[1], inputs, bound).work : 0;
      const work = obj.work + keyWork + 1;
      return isScalar(n) ? scalar(work) : { size: obj.elem, count: obj.elem, elem: obj.elem, work };
    }
    case 'list':
    case 'map': {
      // a map's entries are [key, value] pairs; a list's elements are nodes, never arrays
      const parts = costsOf(args.flat(), inputs, bound);
      const size = sumOf(parts, 'size') + args.length;
      return {
        size: Math.max(1, size),
        count: Math.max(1, args.length),
        elem: maxOf(parts, 'size'),
        work: sumOf(parts, 'work') + size,
      };
    }
    case '?:': {
      const c = costOf(args[0], inputs, bound);
      const a = costOf(args[1], inputs, bound);
      const b = costOf(args[2], inputs, bound);
      return {
        size: Math.max(a.size, b.size),
        count: Math.max(a.count, b.count),
        elem: Math.max(a.elem, b.elem),
        work: c.work + Math.max(a.work, b.work),
      };
    }
    case '+': {
      const a = costOf(args[0], inputs, bound);
      const b = costOf(args[1], inputs, bound);
      if (isScalar(n)) return scalar(a.work + b.work + 1);
      const size = a.size + b.size;
      return { size, count: a.count + b.count, elem: Math.max(a.elem, b.elem), work: a.work + b.work + size };
    }
    case 'rcall':
    case 'call':
      return callCost(n, args, inputs, bound);
    default: {
      const parts = costsOf(Array.isArray(n.args) ? args : [n.args], inputs, bound);
      const work = sumOf(parts, 'work') + (LINEAR_COMPARE.has(n.op) ? sumOf(parts, 'size') : 1);
      if (isScalar(n) || !parts.length) return scalar(work);
      return cost({ size: sumOf(parts, 'size'), count: sumOf(parts, 'count'), elem: maxOf(parts, 'elem') }, work);
    }
  }
}

function callCost(
  call: AstNode,
  callArgs: unknown[],
  inputs: (name: string) => Extent,
  bound: ReadonlyMap<string, Extent>,
): Cost {
  const name = callArgs[0] as string;
  const receiverNode = call.op === 'rcall' ? callArgs[1] : undefined;
  const rest = ((call.op === 'rcall' ? callArgs[2] : callArgs[1]) ?? []) as unknown[];
  // (only an rcall has a receiver node)
  if (isCelBind(name, receiverNode)) {
    const variable = (rest[0] as AstNode)?.args as string;
    const value = costOf(rest[1], inputs, bound);
    const body = costOf(rest[2], inputs, new Map(bound).set(variable, value));
    return { ...body, work: value.work + body.work };
  }
  if (call.op === 'rcall' && COMPREHENSIONS.has(name) && (rest[0] as AstNode)?.op === 'id') {
    const iter = costOf(receiverNode, inputs, bound);
    const scope = new Map(bound).set((rest[0] as AstNode).args as string, {
      size: iter.elem,
      count: iter.elem,
      elem: iter.elem,
    });
    const steps = costsOf(rest.slice(1), inputs, scope);
    const work = iter.work + iter.count * (sumOf(steps, 'work') + 1);
    if (name === 'filter') return cost(iter, work);
    if (name === 'map') {
      const last = steps[steps.length - 1]!;
      const size = iter.count * (last.size + 1);
      return { size, count: iter.count, elem: last.size, work: work + size };
    }
    return scalar(work);
  }
  const receiver = receiverNode === undefined ? null : costOf(receiverNode, inputs, bound);
  const operands = costsOf(rest, inputs, bound);
  const all = receiver ? [receiver, ...operands] : operands;
  const inputWork = sumOf(all, 'work');
  const inputSize = sumOf(all, 'size');
  if (name === RE2_MATCHES) {
    const text = receiver ?? operands[0]!;
    const patternNode = (receiver ? rest[0] : rest[1]) as AstNode | undefined;
    const program = patternNode?.op === 'value' ? safeProgramSize(String(patternNode.args)) : inputSize;
    return scalar(inputWork + text.size * program);
  }
  if (name === 'size' || name === 'at') return scalar(inputWork + 1);
  if (isScalar(call)) return scalar(inputWork + inputSize);
  let size: number;
  if (name === 'join') size = (receiver?.size ?? 1) + (receiver?.count ?? 1) * (operands[0]?.size ?? 0);
  // substring, trim, case changes, split, hex/base64 (2×), string(x): at most twice the inputs plus a formatted number
  else size = 2 * inputSize + 32;
  return { size, count: size, elem: size, work: inputWork + size };
}

function safeProgramSize(pattern: string): number {
  try {
    return regexProgramSize(pattern);
  } catch {
    return pattern.length;
  }
}

const MAX_DATA_DEPTH = 64;

const childrenOf = (v: unknown): unknown[] | null => {
  if (!v || typeof v !== 'object' || v instanceof Date || v instanceof Uint8Array) return null;
  if (Array.isArray(v)) return v as unknown[];
  if (v instanceof Map) return [...(v as Map<unknown, unknown>).keys(), ...(v as Map<unknown, unknown>).values()];
  if (v instanceof Set) return [...(v as Set<unknown>)];
  return Object.entries(v as Record<string, unknown>).flat();
};

/** Total content size of a value: a linear, iterative walk (deeper than 64 levels counts one unit a level). */
function sizeOf(value: unknown): number {
  let size = 0;
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    size++;
    if (typeof v === 'string' || v instanceof Uint8Array) size += v.length;
    const children = depth < MAX_DATA_DEPTH ? childrenOf(v) : null;
    if (children) for (const child of children) stack.push({ v: child, depth: depth + 1 });
  }
  return size;
}

/** Extent of a runtime value (its size, its element count and its largest element), in one linear pass. */
export function extentOf(value: unknown): Extent {
  if (typeof value === 'string' || value instanceof Uint8Array)
    return { size: value.length + 1, count: Math.max(1, value.length), elem: 1 };
  const children = childrenOf(value);
  if (!children) return UNIT;
  let size = 1;
  let elem = 1;
  for (const child of children) {
    const s = sizeOf(child);
    size += s;
    elem = Math.max(elem, s);
  }
  const count = Array.isArray(value) ? value.length : children.length;
  return { size, count: Math.max(1, count), elem };
}

/**
 * True only when extentOf(value) has size, count and elem all ≤ `limit` (false may also mean
 * "not sure": the caller then measures exactly). A bounded walk that stops as soon as the count
 * passes the limit, so a huge or cyclic value costs at most `limit` steps; no closures, and no
 * arrays except Object.keys of plain objects. count and elem never exceed size, so size decides.
 */
export function extentWithin(value: unknown, limit: number): boolean {
  return sizeWithin(value, limit, 0) >= 0;
}

/**
 * What is left of `budget` after sizeOf(value) (the same count: one per node, plus string length),
 * or -1 once it runs out or the value is not a plain array/object within 64 levels.
 */
function sizeWithin(value: unknown, budget: number, depth: number): number {
  budget -= 1;
  if (typeof value === 'string' || value instanceof Uint8Array) budget -= value.length;
  // Stryker disable next-line ConditionalExpression: equivalent — an early exit: a spent budget stays negative down the walk
  if (budget < 0) return -1;
  if (!value || typeof value !== 'object' || value instanceof Date || value instanceof Uint8Array) return budget;
  if (depth >= MAX_DATA_DEPTH) return -1;
  if (Array.isArray(value)) {
    if (value.length > budget) return -1; // every element counts at least one: a long list fails unread
    for (let i = 0; i < value.length; i++) {
      budget = sizeWithin(value[i], budget, depth + 1);
      // Stryker disable next-line ConditionalExpression: equivalent — an early exit: a spent budget stays negative down the walk
      if (budget < 0) return -1;
    }
    return budget;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return -1; // Map, Set, class instances: measure exactly
  const keys = Object.keys(value);
  // Stryker disable next-line ConditionalExpression: equivalent — an early exit: a spent budget stays negative down the walk
  if (2 * keys.length > budget) return -1; // a key and its value count at least one each
  const record = value as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    budget -= 1 + key.length;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — an early exit (and at 0 the value, one at least, fails next)
    if (budget < 0) return -1;
    budget = sizeWithin(record[key], budget, depth + 1);
    // Stryker disable next-line ConditionalExpression: equivalent — an early exit: a spent budget stays negative down the walk
    if (budget < 0) return -1;
  }
  return budget;
}
